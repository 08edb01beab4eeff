// The CLI's chisel runner (sinsp/chisel/runner.ts) through the command line: what a
// chisel printed before it failed is output, before the failure's line, as with
// sysdig (whose print writes at once).
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const trace = resolve(root, '../shared/traces/502Error.scap');
const HEADER = 'description = "d"; short_description = "s"; category = "Test"; args = {}\n';

function runChisel(source: string): { status: number | null; stdout: string; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sinspect-runner-'));
  try {
    const file = join(dir, 'speaks.lua');
    writeFileSync(file, HEADER + source);
    const r = spawnSync('node', [join(root, 'bin', 'run.js'), '-r', trace, '-c', file], { encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a chisel that prints why, then fails its init: the reason is printed, then the failure', (t) => {
  const r = runChisel('function on_init() print("only on terminals, sorry") return false end');
  t.is(r.status, 1);
  t.is(r.stdout, 'only on terminals, sorry\n');
  t.regex(r.stderr, /^init\(\) for chisel \S*speaks\.lua failed\.\n$/);
});

test('a chisel that prints, then fails in on_event: what it printed comes first', (t) => {
  const r = runChisel('n = 0\nfunction on_event() n = n + 1 print("event " .. n) if n == 3 then error("enough") end return true end');
  t.is(r.status, 1);
  t.is(r.stdout, 'event 1\nevent 2\nevent 3\n');
  t.regex(r.stderr, /enough/);
  t.is(r.stderr.trim().split('\n').length, 1, r.stderr);
});
