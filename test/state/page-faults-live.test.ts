// A real capture with page faults (eBPF probe, --page-faults): the capture filter
// `proc.pid=X` must find the page faults of X as sysdig 0.29.3 does (page faults carry
// no thread of their own: the filter looks the thread up). Needs root and sysdig,
// skipped otherwise.
import test from 'ava';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SYSDIG = '/usr/bin/sysdig';
/** bin/run.js of the package (dist/test/state -> ../../..) */
const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'run.js');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const runnable = isRoot && existsSync(SYSDIG);
if (!runnable) console.log('live page-fault filter test skipped: it needs root (eBPF probe) and /usr/bin/sysdig');
const liveTest = runnable ? test.serial : test.skip;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** a process that touches 64 MiB of fresh memory (page faults) and prints its pid */
const WORKLOAD = 'import os; print(os.getpid(), flush=True); b = bytearray(64 << 20); b[::4096] = b"x" * (len(b) // 4096)';

function lines(cmd: string, args: string[]): string[] {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l !== '');
}

liveTest('proc.pid=X selects the page faults of X, as sysdig does', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sinspect-pf-'));
  const scap = join(dir, 'pf.scap');
  const cli = spawn('node', [CLI, '--bpf', '--page-faults', '-w', scap], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  cli.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const ended = new Promise<number | null>((res) => cli.on('exit', (code) => res(code)));
  try {
    // the writer creates the file once the probe is attached
    for (let i = 0; i < 1200 && !existsSync(scap) && cli.exitCode === null; i++) await sleep(100);
    t.true(existsSync(scap), `the capture started: ${stderr}`);
    const w = spawnSync('python3', ['-c', WORKLOAD], { encoding: 'utf8' });
    t.is(w.status, 0, w.stderr);
    const pid = Number(w.stdout.trim());
    await sleep(500);
    cli.kill('SIGINT');
    t.is(await ended, 0, stderr);
    const filter = `evt.type=page_fault and proc.pid=${pid}`;
    const want = lines(SYSDIG, ['-r', scap, filter]);
    t.true(want.length > 0, 'the workload had page faults');
    t.deepEqual(lines('node', [CLI, '-r', scap, filter]), want);
  } finally {
    if (cli.exitCode === null) cli.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
