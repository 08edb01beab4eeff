// fengari-bundle.ts: Fengari's modules as one script made at build time. It is used only
// when made from the installed Fengari with the edits compiled now; its modules work as
// the ones Node loads do; applyPatches reports the edits that found their text.
import test from 'ava';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyPatches, loadFengariBundle, patchesFingerprint } from '../../sinsp/chisel/fengari-bundle.js';
import { SOURCE_PATCHES } from '../../sinsp/chisel/fengari-patches/index.js';
import type { SourcePatch } from '../../sinsp/chisel/fengari-patches/types.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const requireHere = createRequire(join(root, 'package.json'));
const version = (requireHere('fengari/package.json') as { version: string }).version;
const requireFromFengari = createRequire(requireHere.resolve('fengari/src/fengari.js'));
const built = existsSync(join(root, 'dist', 'fengari.bundle.cjs'));

test('the bundle made by the build is used, and its modules work', (t) => {
  if (!built) return t.fail('no dist/fengari.bundle.cjs: run `npm run build`');
  const b = loadFengariBundle(version, SOURCE_PATCHES, (id) => requireFromFengari(id))!;
  t.truthy(b);
  t.deepEqual([...b.applied].sort(), [...new Set(SOURCE_PATCHES.map((p) => p.why))].sort());
  const { lua, lauxlib, lualib, to_luastring } = b.load('fengari.js') as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const L = lauxlib.luaL_newstate();
  lualib.luaL_openlibs(L);
  t.is(lauxlib.luaL_dostring(L, to_luastring('return 6 * 7')), 0);
  t.is(lua.lua_tonumber(L, -1), 42);
  t.is(b.load('lobject.js'), b.load('lobject.js'), 'a module loads once');
});

test('a bundle made from other edits or another Fengari is not used', (t) => {
  if (!built) return t.fail('no dist/fengari.bundle.cjs: run `npm run build`');
  const changed: SourcePatch[] = SOURCE_PATCHES.map((p, i) => (i === 0 ? { ...p, replace: `${String(p.replace)} ` } : p));
  t.is(loadFengariBundle(version, changed, (id) => requireFromFengari(id)), undefined);
  t.is(loadFengariBundle(`${version}-other`, SOURCE_PATCHES, (id) => requireFromFengari(id)), undefined);
});

test('the fingerprint follows every part of an edit; applyPatches names the edits that applied', (t) => {
  const p: SourcePatch = { file: 'x.js', why: 'double the answer', find: /answer = 21/, replace: 'answer = 42' };
  const base = patchesFingerprint([p]);
  t.is(patchesFingerprint([{ ...p }]), base);
  t.not(patchesFingerprint([{ ...p, find: /answer = 22/ }]), base);
  t.not(patchesFingerprint([{ ...p, replace: 'answer = 43' }]), base);
  t.not(patchesFingerprint([{ ...p, file: 'y.js' }]), base);
  t.deepEqual(applyPatches([p], 'x.js', 'let answer = 21;'), { content: 'let answer = 42;', applied: ['double the answer'] });
  t.deepEqual(applyPatches([p], 'y.js', 'let answer = 21;'), { content: 'let answer = 21;', applied: [] });
  t.deepEqual(applyPatches([p], 'x.js', 'let answer = 7;'), { content: 'let answer = 7;', applied: [] });
});

test('without the bundle (SINSPECT_NO_BUNDLE=1) Fengari loads module by module, with every edit', (t) => {
  const program = `
    const f = await import(${JSON.stringify(join(root, 'dist', 'sinsp', 'chisel', 'fengari.js'))});
    const L = f.lauxlib.luaL_newstate();
    f.lualib.luaL_openlibs(L);
    f.lauxlib.luaL_dostring(L, f.toLua('return #("x"):rep(5)'));
    console.log(JSON.stringify({ applied: [...f.appliedSourcePatches].sort(), all: [...f.FENGARI_PATCHES].sort(), n: f.lua.lua_tonumber(L, -1) }));`;
  const { spawnSync } = requireHere('node:child_process') as typeof import('node:child_process');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', program], {
    encoding: 'utf8',
    env: { ...process.env, SINSPECT_NO_BUNDLE: '1' },
  });
  t.is(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { applied: string[]; all: string[]; n: number };
  t.deepEqual(out.applied, [...new Set(out.all)].sort());
  t.is(out.n, 5);
});
