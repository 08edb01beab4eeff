// Reading a capture file with sysdig 0.29.3 (/usr/bin/sysdig) and with
// sinspect (node bin/run.js), the same way, to compare them line by line.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './guest.js';

export interface ReadResult {
  lines: string[];
  stderr: string;
  status: number | null;
}

function runReader(cmd: string, args: string[]): ReadResult {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 512 << 20 });
  if (r.error) throw new Error(`cannot run ${cmd}: ${r.error.message}`);
  const lines = r.stdout.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return { lines, stderr: r.stderr, status: r.status };
}

export function sysdigRead(file: string, args: string[]): ReadResult {
  return runReader('sysdig', ['-r', file, ...args]);
}

export function sinspectRead(file: string, args: string[]): ReadResult {
  return runReader(process.execPath, [join(ROOT, 'bin', 'run.js'), '-r', file, ...args]);
}
