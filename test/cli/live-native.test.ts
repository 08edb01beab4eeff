// The live paths where no event goes through JS (sinsp/cli/record-live.ts): `--bpf -w
// FILE` and `--bpf -q` with no filter, chisel, summary or limit. The addon's thread
// drains, converts and writes (or counts). Checked end to end: every event of a known
// workload before the signal is in the file, the file holds exactly the records the
// -v counters report, sinspect and sysdig 0.29.3 print it alike, -z files too, and -q
// ends cleanly on SIGINT with the counters. Needs root (skipped otherwise).
import test from 'ava';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SavefileReader } from '../../sinsp/capture/savefile.js';
import { liveWithoutJs } from '../../sinsp/cli/record-live.js';
import { parseInspectArgs } from '../../sinsp/cli/options.js';
import { captureAround, cliEnv, cliPath, isRoot, readLines, runWorkload, sleep } from './live-run.js';

const rootTest = isRoot() ? test.serial : test.skip;
if (!isRoot()) console.log('native live-path tests skipped: they need root (eBPF probe)');
const hasSysdig = spawnSync('sysdig', ['--version'], { encoding: 'utf8' }).status === 0;
if (isRoot() && !hasSysdig) console.log('native live-path tests: sysdig not installed, its read-back checks are skipped');

function records(scap: string): number {
  const r = SavefileReader.open(scap);
  let n = 0;
  try {
    for (let b = r.nextBatch(); b !== null; b = r.nextBatch()) n += b.count;
  } finally {
    r.close();
  }
  return n;
}

function counter(stderr: string, re: RegExp): number {
  const m = re.exec(stderr);
  if (!m) throw new Error(`no counter ${re} in: ${stderr}`);
  return Number(m[1]);
}

test('which runs leave the events to the addon', (t) => {
  const how = (args: string[]) => liveWithoutJs(parseInspectArgs(args));
  t.is(how(['--bpf', '-w', 'x.scap']), 'write');
  t.is(how(['--bpf', '-w', 'x.scap', '-z', '-E', '-v']), 'write');
  t.is(how(['--bpf', '-q']), 'count');
  t.is(how(['--bpf', '-q', '-v']), 'count');
  // something in JS must see the events, or the file depends on JS
  t.is(how(['--bpf', '-w', 'x.scap', 'evt.type=open']), undefined);
  t.is(how(['--bpf', '-w', 'x.scap', '-C', '10']), undefined);
  t.is(how(['--bpf', '-w', 'x.scap', '-G', '10']), undefined);
  t.is(how(['--bpf', '-w', 'x.scap', '-e', '100']), undefined);
  t.is(how(['--bpf', '-w', 'x.scap', '-n', '100']), undefined);
  t.is(how(['--bpf', '-w', 'x.scap', '-M', '1']), undefined);
  t.is(how(['--bpf', '-q', '-S']), undefined);
  t.is(how(['--bpf', '-q', '-c', 'topprocs_cpu']), undefined);
  t.is(how(['--bpf']), undefined);
  t.is(how(['-r', 'x.scap', '-w', 'y.scap']), undefined);
});

for (const compress of [false, true]) {
  rootTest(`-w${compress ? ' -z' : ''} without a filter: every event before the signal, as many records as counted, read alike by sysdig`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'sinspect-live-native-'));
    try {
      const scap = join(dir, 'all.scap');
      const r = await captureAround(scap, compress ? ['-v', '-z'] : ['-v'], () => runWorkload(dir, 20));
      t.is(r.code, 0, r.stderr);
      t.is(r.stdout, '');
      t.is(counter(r.stderr, /^Driver Drops:(\d+)$/m), 0);
      t.is(records(scap), counter(r.stderr, /Captured Events: (\d+),/), 'the file holds every record counted');
      const format = '%proc.name %evt.dir %evt.type %evt.info';
      const opens = readLines('node', [cliPath, '-r', scap, '-p', format, `evt.type=openat and fd.name contains ${dir}/file`], join(dir, 'ours.txt'));
      // 20 files, each opened to write and to read (only the exits have the fd's name)
      t.is(opens.length, 40);
      t.true(opens.every((l) => /^python3 < openat fd=\d+\(<f>/.test(l)));
      if (hasSysdig) {
        const ours = readLines('node', [cliPath, '-r', scap], join(dir, 'all-ours.txt'));
        const theirs = readLines('sysdig', ['-r', scap], join(dir, 'all-sysdig.txt'));
        t.is(ours.length, theirs.length);
        t.deepEqual(ours, theirs, 'sinspect -r and sysdig -r print the whole file alike');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

rootTest('-q without a filter ends on SIGINT with the driver counters and no output', async (t) => {
  const cli = spawn('node', [cliPath, '--bpf', '-q', '-v'], { stdio: ['ignore', 'pipe', 'pipe'], env: cliEnv() });
  let stdout = '';
  let stderr = '';
  cli.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  cli.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<number | null>((res) => cli.on('exit', (code) => res(code)));
  // long enough for the probe to load and some events to arrive
  await sleep(6000);
  cli.kill('SIGINT');
  t.is(await done, 0, stderr);
  t.is(stdout, '');
  t.regex(stderr, /^Driver Events:\d+\nDriver Drops:0\nSuppressed by Comm:\d+\nElapsed time: \d+\.\d{3}, Captured Events: \d+, [\d.]+ eps\n$/);
  t.true(counter(stderr, /Captured Events: (\d+),/) > 0);
});

/** the threads of a process: tid, nice value, the CPU it last ran on, the CPUs it may run on */
function threadsOf(pid: number): { tid: string; nice: number; cpu: number; allowed: string }[] {
  const out = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const allowed = /^Cpus_allowed_list:\s*(\S+)$/m.exec(readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8'))?.[1] ?? '';
      // fields after the name: state is 3rd of stat, so nice (19th) is f[16], processor (39th) f[36]
      out.push({ tid, nice: Number(f[16]), cpu: Number(f[36]), allowed });
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

rootTest('the drain thread takes its turn on every CPU while all are busy, and is left free to run anywhere', async (t) => {
  const cpus = availableParallelism();
  if (cpus < 2) {
    t.log('one CPU: nothing to spread over');
    t.pass();
    return;
  }
  const cli = spawn('node', [cliPath, '--bpf', '-q'], { stdio: ['ignore', 'ignore', 'pipe'], env: cliEnv() });
  let stderr = '';
  cli.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<number | null>((res) => cli.on('exit', (code) => res(code)));
  const spinners: ReturnType<typeof spawn>[] = [];
  try {
    // the drain thread asks for nice -10 (root may): that is how it is told apart
    let drain: string | undefined;
    for (let i = 0; i < 600 && !drain; i++) {
      await sleep(100);
      drain = threadsOf(cli.pid!).find((th) => th.nice === -10)?.tid;
    }
    t.truthy(drain, `no drain thread at nice -10: ${stderr}`);
    // every CPU busy: left alone, the scheduler would keep the thread where it is
    for (let i = 0; i < cpus; i++) spinners.push(spawn('node', ['-e', 'const end = Date.now() + 4000; while (Date.now() < end);'], { stdio: 'ignore' }));
    const seen = new Set<number>();
    const allowedSeen = new Map<string, number>();
    for (let i = 0; i < 150; i++) {
      await sleep(20);
      const th = threadsOf(cli.pid!).find((x) => x.tid === drain);
      if (!th) continue;
      seen.add(th.cpu);
      allowedSeen.set(th.allowed, (allowedSeen.get(th.allowed) ?? 0) + 1);
    }
    t.true(seen.size >= Math.min(cpus, 2), `the drain thread ran on CPUs ${[...seen].join(',')} only`);
    const processAllowed = /^Cpus_allowed_list:\s*(\S+)$/m.exec(readFileSync(`/proc/${cli.pid}/status`, 'utf8'))?.[1];
    const free = allowedSeen.get(processAllowed ?? '') ?? 0;
    const all = [...allowedSeen.values()].reduce((a, b) => a + b, 0);
    t.true(free >= all * 0.9, `pinned too often: ${JSON.stringify([...allowedSeen])}`);
  } finally {
    for (const s of spinners) s.kill();
    cli.kill('SIGINT');
  }
  t.is(await done, 0, stderr);
});

rootTest('-w to a path that cannot be created: one line, non-zero exit', (t) => {
  const r = spawnSync('node', [cliPath, '--bpf', '-w', '/nonexistent-dir/x.scap'], { encoding: 'utf8', env: cliEnv(), timeout: 120_000 });
  t.not(r.status, 0);
  t.is(r.stdout, '');
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  t.is(lines.length, 1, r.stderr);
  t.regex(lines[0]!, /nonexistent-dir\/x\.scap: cannot create/);
});

rootTest('-w ends by itself with one line when the disk is full', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sinspect-live-full-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]).status === 0;
  try {
    if (!mounted) {
      t.log('cannot mount a small tmpfs here: skipped');
      t.pass();
      return;
    }
    // the machine's own events fill 1 MiB within seconds
    const r = spawnSync('node', [cliPath, '--bpf', '-w', join(dir, 'x.scap')], { encoding: 'utf8', env: cliEnv(), timeout: 120_000 });
    t.is(r.status, 1, r.stderr);
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    t.is(lines.length, 1, r.stderr);
    t.regex(lines[0]!, /x\.scap: write error \(No space left on device\)/);
  } finally {
    if (mounted) spawnSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});
