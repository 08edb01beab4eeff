// code-cache.ts: a warm-up process (SINSPECT_WRITE_CODE_CACHE=1) writes a compiled
// script's cache at exit; a later process compiles the same source with it, and V8
// accepts it. Changed source, even of the same length (V8 itself would take the cache
// and run the old code): no cache, and the new code runs.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const module = join(root, 'dist', 'sinsp', 'code-cache.js');
const key = `test-code-cache-${process.pid}`;
const cacheDir = join(root, 'dist', 'code-cache');
const ours = (): string[] => (existsSync(cacheDir) ? readdirSync(cacheDir).filter((f) => f.startsWith(key)) : []);

function compileIn(source: string, write: boolean): { value: string; rejected: string } {
  const program = `
    const { compileCached } = await import(${JSON.stringify(module)});
    const s = compileCached(${JSON.stringify(source)}, 'test-source.js', ${JSON.stringify(key)});
    console.log(JSON.stringify({ value: String(s.runInThisContext()), rejected: String(s.cachedDataRejected) }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', program], {
    encoding: 'utf8',
    env: { ...process.env, SINSPECT_WRITE_CODE_CACHE: write ? '1' : '0' },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as { value: string; rejected: string };
}

test.serial('written by one process, accepted by the next', (t) => {
  const source = '(function f(n) { return n < 2 ? n : f(n - 1) + f(n - 2); })(20)';
  try {
    const first = compileIn(source, true);
    t.is(first.value, '6765');
    t.is(first.rejected, 'undefined', 'no cache the first time');
    t.is(ours().length, 1, 'one cache file written');
    const second = compileIn(source, false);
    t.is(second.value, '6765');
    t.is(second.rejected, 'false', 'V8 took the cache');
    const changed = compileIn(source.replace('(20)', '(21)'), false);
    t.is(changed.value, '10946', 'the new code ran');
    t.is(changed.rejected, 'undefined', 'no cache for the changed source');
  } finally {
    for (const f of ours()) rmSync(join(cacheDir, f), { force: true });
  }
});
