// bin/load-engine.js: the bundle is used while it matches the compiled modules it was
// made from, and the modules themselves as soon as one of them changed (a `tsc` run
// without `npm run build`), or when there is no bundle. Played in a scratch package
// whose "engine" says where it was loaded from.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, statSync, utimesSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function scratchPackage(): { dir: string; moduleFile: string; bundle: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sinspect-load-engine-'));
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'dist', 'sinsp', 'cli'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  copyFileSync(join(root, 'bin', 'load-engine.js'), join(dir, 'bin', 'load-engine.js'));
  copyFileSync(join(root, 'bin', 'package.json'), join(dir, 'bin', 'package.json'));
  const moduleFile = join(dir, 'dist', 'sinsp', 'cli', 'inspect.js');
  writeFileSync(moduleFile, "export function runInspect() { return 'modules'; }\n");
  const st = statSync(moduleFile);
  const bundle = join(dir, 'dist', 'sinspect.bundle.cjs');
  writeFileSync(
    bundle,
    `// sinspect-bundle-files ${JSON.stringify([['sinsp/cli/inspect.js', st.size, Math.round(st.mtimeMs)]])}\n` +
      "(function (nodeRequire, distDir) { return { runInspect: () => 'bundle' }; })\n",
  );
  return { dir, moduleFile, bundle };
}

function loadedFrom(dir: string, env: Record<string, string> = {}): string {
  const r = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `const m = await (await import('${join(dir, 'bin', 'load-engine.js')}')).loadEngine(); console.log(m.runInspect());`],
    { encoding: 'utf8', env: { ...process.env, ...env } },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

test('a bundle that matches the modules is used', (t) => {
  const { dir } = scratchPackage();
  t.is(loadedFrom(dir), 'bundle');
  t.is(loadedFrom(dir, { SINSPECT_NO_BUNDLE: '1' }), 'modules', 'unless SINSPECT_NO_BUNDLE=1');
});

test('a module changed since the bundle was made: the modules are used', (t) => {
  const { dir, moduleFile } = scratchPackage();
  const later = new Date(Date.now() + 5000);
  utimesSync(moduleFile, later, later);
  t.is(loadedFrom(dir), 'modules');
});

test('no bundle: the modules are used', (t) => {
  const { dir, bundle } = scratchPackage();
  rmSync(bundle);
  t.is(loadedFrom(dir), 'modules');
});
