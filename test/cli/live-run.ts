// Helpers for the live command-line tests: run `sinspect --bpf ...` as a subprocess
// around a known workload, end it with a signal, and read what it wrote.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** the package root (dist/test/cli -> ../../..) */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const cliPath = join(root, 'bin', 'run.js');

/**
 * The environment of the CLI subprocesses: ava's NODE_ENV=test would make oclif print
 * development warnings on stderr.
 */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.NODE_ENV;
  return env;
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to its end (a -n/-M capture, or a read). */
export function runCli(args: string[], timeoutMs = 120_000): CliResult {
  const r = spawnSync('node', [cliPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, timeout: timeoutMs, env: cliEnv() });
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** A reader's output as lines (through a file: captures of a busy machine are big). */
export function readLines(cmd: string, args: string[], outFile: string): string[] {
  const fd = openSync(outFile, 'w');
  try {
    const r = spawnSync(cmd, args, { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26, env: cliEnv() });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  } finally {
    closeSync(fd);
  }
  return readFileSync(outFile, 'utf8').split('\n').filter((l) => l !== '');
}

/**
 * The workload: opens, writes `payloadBytes` bytes to and reads back `nfiles` files of
 * `dir` (file0, file1, ...), each through a fresh fd; prints its pid first.
 */
export const WORKLOAD = `
import os, sys
print(os.getpid(), flush=True)
d = sys.argv[1]; n = int(sys.argv[2]); size = int(sys.argv[3])
for i in range(n):
    p = os.path.join(d, 'file%d' % i)
    fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.write(fd, b'x' * size)
    os.close(fd)
    fd = os.open(p, os.O_RDONLY)
    os.read(fd, size)
    os.close(fd)
`;

export function runWorkload(dir: string, nfiles: number, payloadBytes = 100): number {
  const script = join(dir, 'workload.py');
  writeFileSync(script, WORKLOAD);
  const w = spawnSync('python3', [script, dir, String(nfiles), String(payloadBytes)], { encoding: 'utf8' });
  if (w.status !== 0) throw new Error(`workload failed: ${w.stderr}`);
  return Number(w.stdout.trim().split('\n')[0]);
}

/**
 * `sinspect --bpf -w scap ARGS`: waits until the capture runs (the writer creates the
 * file once the probe is attached and /proc scanned), runs `during`, lets the rings
 * settle, then ends it with `signal`. Returns the CLI's result.
 */
export async function captureAround(
  scap: string,
  args: string[],
  during: () => void,
  signal: NodeJS.Signals = 'SIGINT',
): Promise<CliResult> {
  const cli = spawn('node', [cliPath, '--bpf', '-w', scap, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: cliEnv() });
  let stdout = '';
  let stderr = '';
  cli.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  cli.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  let exited = false;
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    cli.on('exit', (code, sig) => {
      exited = true;
      res({ code, signal: sig });
    }),
  );
  try {
    await waitFor(() => existsSync(scap) || exited, 120_000, 'the capture to start');
    if (exited) throw new Error(`the capture ended early: ${stderr.trim()}`);
    during();
    await sleep(500);
    cli.kill(signal);
    const end = await Promise.race([done, sleep(60_000).then(() => undefined)]);
    if (!end) throw new Error('the capture did not end after the signal');
    // let the pipes drain
    await sleep(50);
    return { code: end.code, signal: end.signal, stdout, stderr };
  } finally {
    if (!exited) cli.kill('SIGKILL');
  }
}

/** the value of a row of the -S capture statistics block */
export function statRow(stdout: string, label: string): number {
  const m = new RegExp(`^${label.replace(/[()]/g, '\\$&')}\\s+(\\d+)`, 'm').exec(stdout);
  if (!m) throw new Error(`no "${label}" row in:\n${stdout}`);
  return Number(m[1]);
}
