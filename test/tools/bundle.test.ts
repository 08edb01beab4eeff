// tools/bundle.js: the bundled engine (what bin/run.js loads after `npm run build`)
// prints exactly what the compiled modules print, for filters, formats, JSON, a Lua
// chisel, a chisel written in JS (imported from outside the bundle) and an error.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bundle = join(root, 'dist', 'sinspect.bundle.cjs');
const trace = join(root, 'examples', 'sinspect-demo.scap');

function run(args: string[], noBundle: boolean): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'run.js'), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, SINSPECT_NO_BUNDLE: noBundle ? '1' : '0' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CASES: Array<[string, string[]]> = [
  ['default output with a filter', ['-r', trace, 'evt.type in (openat, read, write)']],
  ['-p and -j', ['-r', trace, '-j', '-p', '%evt.num %proc.name %fd.name', 'fd.type=file']],
  ['a Lua chisel', ['-r', trace, '-c', 'topprocs_cpu']],
  ['a JS chisel', ['-r', trace, '-c', 'evtcount']],
  ['a bad filter', ['-r', trace, 'proc.name=curl and']],
];

for (const [name, args] of CASES) {
  test(`${name}: the bundle prints what the modules print`, (t) => {
    if (!existsSync(bundle)) return t.fail('no bundle: run `npm run build`');
    const viaBundle = run(args, false);
    const viaModules = run(args, true);
    t.is(viaBundle.status, viaModules.status);
    t.is(viaBundle.stdout, viaModules.stdout);
    t.is(viaBundle.stderr, viaModules.stderr);
    t.true(viaModules.stdout.length > 0 || viaModules.stderr.length > 0);
  });
}
