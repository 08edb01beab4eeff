// Live capture written with -w and read back by sysdig 0.29.3 and by sinspect: the CLI
// captures the whole machine (eBPF probe, events converted to 0.29.3's table) while a
// python workload opens, reads, dups, pipes, talks TCP and UDP and runs a child; both
// readers must print the same default output, and the workload's events must show the
// fd names a paired enter/exit stream gives. Needs root and /usr/bin/sysdig.
import test from 'ava';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENTS, PPME } from '../../sinsp/generated/schema.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SYSDIG = '/usr/bin/sysdig';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const canRun = isRoot && existsSync(SYSDIG);
if (!canRun) {
  console.log(`live round-trip test skipped: it needs root (eBPF probe)${existsSync(SYSDIG) ? '' : ` and ${SYSDIG}`}`);
}
const rootTest = canRun ? test.serial : test.skip;

const WORKLOAD = String.raw`
import ctypes, os, socket, subprocess, sys
d = sys.argv[1]
path = os.path.join(d, 'data.txt')
print(os.getpid(), flush=True)
fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o644)
os.write(fd, b'hello compat029')
os.close(fd)
fd = os.open(path, os.O_RDONLY)
os.read(fd, 5)
libc = ctypes.CDLL(None, use_errno=True)
d1 = libc.dup(fd)                          # dup
os.dup2(fd, 40)                            # dup2
os.dup2(fd, 41, inheritable=False)         # dup3
os.read(40, 5)
os.read(41, 5)
for x in (d1, 40, 41, fd):
    os.close(x)
try:
    os.open(os.path.join(d, 'no', 'such'), os.O_RDONLY)
except OSError:
    pass
r, w = os.pipe()
os.write(w, b'x')
os.read(r, 1)
os.close(r); os.close(w)
srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)
c = socket.socket(); c.connect(srv.getsockname())
a, _ = srv.accept()
c.send(b'ping'); a.recv(10)
c.close(); a.close(); srv.close()
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.sendto(b'udp', ('127.0.0.1', 9))
u.close()
subprocess.run(['/bin/true', 'arg1'], env={'COMPAT029': '1'})
`;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Runs the CLI capture around the workload; returns the workload's pid. */
async function captureWorkload(dir: string, scap: string): Promise<number> {
  const cli = spawn('node', [join(root, 'bin/run.js'), '--bpf', '-w', scap], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  cli.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  let exited = false;
  const done = new Promise<number | null>((res) =>
    cli.on('exit', (code) => {
      exited = true;
      res(code);
    }),
  );
  try {
    // the writer opens the file once the probe runs and /proc was scanned
    await waitFor(() => existsSync(scap) || exited, 120_000, 'the capture to start');
    if (exited) throw new Error(`the capture ended early: ${stderr.trim()}`);
    const script = join(dir, 'workload.py');
    writeFileSync(script, WORKLOAD);
    const w = spawnSync('python3', [script, dir], { encoding: 'utf8' });
    if (w.status !== 0) throw new Error(`workload failed: ${w.stderr}`);
    await sleep(500);
    cli.kill('SIGINT');
    const code = await Promise.race([done, sleep(60_000).then(() => 'timeout' as const)]);
    if (code !== 0) throw new Error(`the capture exited with ${code}: ${stderr.trim()}`);
    return Number(w.stdout.trim().split('\n')[0]);
  } finally {
    if (!exited) cli.kill('SIGKILL');
  }
}

/** a reader's output as lines, through a file (captures of a busy machine are big) */
function readLines(cmd: string, args: string[], outFile: string): string[] {
  const fd = openSync(outFile, 'w');
  try {
    const r = spawnSync(cmd, args, { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  } finally {
    closeSync(fd);
  }
  const text = readFileSync(outFile, 'utf8');
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

// Known differences that are not the converter's, counted and logged instead of failed
// (each names where the fix belongs):
// - schema/events.json: sysdig 0.29.3 resolves the relative name of an openat enter
//   against its dirfd (DIRFD_PARAM(0) in libs e5c53d64); the schema lost that reference,
//   so sinspect resolves it against the cwd. Turns itself off once the schema has it.
// - sinsp/render/fdlist.ts: poll's fd list looks fds up in the thread's own table, not
//   the one it shares with its process (CLONE_FILES), so threads print '?' type chars.
const openatEnterLacksDirfd = EVENTS[PPME.SYSCALL_OPENAT_2_E]!.params[1]!.dirfd === undefined;
const OPENAT_ENTER = /^(.* > openat .*dirfd=(\d+)\(.*\) name=[^ ]*)\([^)]*\)( .*)$/;
const FDLIST_ENTRY = /(\d+):[a-z?]([0-9a-f]+)/g;

/** Lines that differ, but for the known differences (counted by kind, as JSON). */
function compareLines(theirs: string[], ours: string[]): { differing: string[]; known: string } {
  const known = new Map<string, number>();
  const differing: string[] = [];
  for (let i = 0; i < Math.min(ours.length, theirs.length); i++) {
    if (ours[i] === theirs[i]) continue;
    const k = knownDifference(theirs[i]!, ours[i]!);
    if (k) known.set(k, (known.get(k) ?? 0) + 1);
    else if (differing.length < 10) differing.push(`sysdig:   ${theirs[i]}\nsinspect: ${ours[i]}`);
  }
  return { differing, known: JSON.stringify(Object.fromEntries(known)) };
}

function knownDifference(sysdig: string, ours: string): 'openat enter dirfd' | 'fd list of a thread' | undefined {
  const ma = OPENAT_ENTER.exec(sysdig);
  const mb = OPENAT_ENTER.exec(ours);
  if (openatEnterLacksDirfd && ma && mb && ma[1] === mb[1] && ma[3] === mb[3]) return 'openat enter dirfd';
  if (/ (> poll|< poll|> ppoll|< ppoll) /.test(sysdig) && / fds=\S*:\?/.test(ours)) {
    if (sysdig.replace(FDLIST_ENTRY, '$1:*$2') === ours.replace(FDLIST_ENTRY, '$1:*$2')) return 'fd list of a thread';
  }
  return undefined;
}

rootTest('a live -w capture reads back the same in sysdig 0.29.3 and sinspect, with the right fd names', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sinspect-compat029-'));
  try {
    const scap = join(dir, 'live.scap');
    const pid = await captureWorkload(dir, scap);
    const path = join(dir, 'data.txt');

    // 1. the same default output, line for line
    const theirs = readLines(SYSDIG, ['-r', scap], join(dir, 'sysdig.txt'));
    const ours = readLines('node', [join(root, 'bin/run.js'), '-r', scap], join(dir, 'sinspect.txt'));
    t.true(theirs.length > 1000, `sysdig printed ${theirs.length} lines`);
    const byDefault = compareLines(theirs, ours);
    t.is(ours.length, theirs.length, 'as many lines');
    t.deepEqual(byDefault.differing, [], 'default output: lines that differ');
    t.log(`default output: ${theirs.length} lines compared; known differences: ${byDefault.known}`);

    // 2. every event with its fd and process fields, then the workload's own lines picked
    // by pid or parent pid. Not with a proc.pid filter: on the clone exit of a new child,
    // sysdig filters with the child it just created, sinspect (for now) without it.
    // '*': also the events without an fd (sysdig skips lines with missing fields otherwise)
    const fmt = '*%proc.pid %proc.ppid %proc.name %evt.dir %evt.type %fd.num %fd.typechar %fd.name %evt.args';
    const sdAll = readLines(SYSDIG, ['-r', scap, '-p', fmt], join(dir, 'sysdig-p.txt'));
    const siAll = readLines('node', [join(root, 'bin/run.js'), '-r', scap, '-p', fmt], join(dir, 'sinspect-p.txt'));
    const byFields = compareLines(sdAll, siAll);
    t.is(siAll.length, sdAll.length, 'as many lines with -p');
    t.deepEqual(byFields.differing, [], 'fd and process fields: lines that differ');
    t.log(`with -p: ${sdAll.length} lines compared; known differences: ${byFields.known}`);
    const workload = (l: string): boolean => {
      const [p, pp] = l.split(' ');
      return p === String(pid) || pp === String(pid);
    };
    const sd = sdAll.filter(workload).map((l) => l.split(' ').slice(2).join(' '));
    const has = (re: RegExp, what: string, n = 1): void => {
      const found = sd.filter((l) => re.test(l)).length;
      // on failure, show the workload's events of the types the pattern names
      const types = new Set(sd.map((l) => l.split(' ')[2]!).filter((ty) => re.source.includes(ty)));
      const context = sd.filter((l) => types.has(l.split(' ')[2]!)).slice(-40);
      t.true(found >= n, `${what}: ${found} of ${n} lines matching ${re} in\n${context.join('\n')}`);
    };
    const esc = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    has(new RegExp(`^python3 > write \\d+ f ${esc} fd=\\d+\\(<f>${esc}\\) size=15`), 'write enter with the file');
    has(new RegExp(`^python3 < write \\d+ f ${esc} res=15 data=hello compat029`), 'write exit');
    has(new RegExp(`^python3 > read \\d+ f ${esc} fd=\\d+\\(<f>${esc}\\) size=5`), 'read through the opened fd and the dups', 3);
    has(new RegExp(`^python3 > dup \\d+ f ${esc} fd=\\d+\\(<f>${esc}\\)`), 'dup, dup2, dup3 enter', 3);
    has(new RegExp(`^python3 < dup \\d+ f ${esc} res=40\\(<f>${esc}\\)`), 'dup2 result');
    has(new RegExp(`^python3 < dup \\d+ f ${esc} res=41\\(<f>${esc}\\)`), 'dup3 result');
    has(new RegExp(`^python3 > read 40 f ${esc} fd=40\\(<f>${esc}\\)`), 'read through dup2 fd');
    has(new RegExp(`^python3 > read 41 f ${esc} fd=41\\(<f>${esc}\\)`), 'read through dup3 fd');
    has(new RegExp(`^python3 < openat .* fd=-2\\(ENOENT\\) .*name=${esc.replace(/data\\\.txt$/, '')}no/such`), 'failed open');
    has(/^python3 > write \d+ p .* size=1/, 'pipe write');
    has(/^python3 > read \d+ p .* size=1/, 'pipe read');
    const tcp = '127\\.0\\.0\\.1:\\d+->127\\.0\\.0\\.1:\\d+';
    has(new RegExp(`^python3 < connect \\d+ 4 ${tcp} res=0 tuple=${tcp}`), 'connect tuple');
    has(new RegExp(`^python3 < accept \\d+ 4 ${tcp} fd=\\d+\\(<4t>${tcp}\\)`), 'accept tuple');
    has(new RegExp(`^python3 > sendto \\d+ 4 ${tcp} fd=\\d+\\(<4t>${tcp}\\) size=4`), 'TCP send on the connected socket');
    has(new RegExp(`^python3 > recvfrom \\d+ 4 ${tcp} fd=\\d+\\(<4t>${tcp}\\) size=10`), 'TCP recv on the accepted socket');
    has(/^python3 < sendto \d+ 4 127\.0\.0\.1:\d+->127\.0\.0\.1:9 res=3 data=udp/, 'UDP sendto');
    has(/^python3 > execve .*filename=\/bin\/true/, 'execve enter with the filename');
    has(/^true < execve .* res=0 exe=\/bin\/true args=arg1\. /, 'execve exit in the child');
    has(/^python3 < (clone|clone3|vfork|fork) .*res=[1-9]\d*/, 'the parent clone exit');
    has(/^python3 < (clone|clone3|vfork|fork) .*res=0 /, 'the child clone exit');
    has(/^true > procexit /, 'the child exits');
  } finally {
    // a failed run keeps the capture and both readers' outputs for a look
    if (t.passed) rmSync(dir, { recursive: true, force: true });
    else t.log(`capture and outputs kept in ${dir}`);
  }
});
