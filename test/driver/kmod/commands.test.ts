// `sinspect driver ...` and `--kmod` on the host: the one-line errors users see
// when the module cannot be built or is not loaded.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { KmodSource } from '../../../sinsp/capture/kmod.js';
import { packageRoot } from '../../../sinsp/driver/paths.js';

const RUN = join(packageRoot(), 'bin', 'run.js');

function sinspect(...args: string[]) {
  const r = spawnSync(process.execPath, [RUN, ...args], { encoding: 'utf8', timeout: 60000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('driver status names the running kernel', (t) => {
  const r = sinspect('driver', 'status');
  t.is(r.status, 0, r.stderr);
  t.is(r.stdout.split('\n')[0], `kernel:  ${release()}`);
  if (!existsSync('/proc/modules')) t.regex(r.stdout, /CONFIG_MODULES is off/);
  else t.regex(r.stdout, /^loaded: {2}(yes|no)/m);
});

test('driver build: missing headers and a missing tree are one line each', (t) => {
  const headers = sinspect('driver', 'build', '--release', '0.0.0-sinspect-test');
  t.is(headers.status, 1);
  t.is(
    headers.stderr,
    'sinspect: no kernel headers for 0.0.0-sinspect-test (/lib/modules/0.0.0-sinspect-test/build is missing): install linux-headers-0.0.0-sinspect-test\n',
  );
  const tree = sinspect('driver', 'build', '--kdir', '/nonexistent/kdir');
  t.is(tree.status, 1);
  t.is(tree.stderr, 'sinspect: no kernel build tree at /nonexistent/kdir\n');
});

test('driver load: a kernel without modules, or a missing .ko', (t) => {
  const r = sinspect('driver', 'load', '--ko', '/nonexistent/sinspect.ko');
  t.is(r.status, 1);
  t.is(
    r.stderr,
    existsSync('/proc/modules')
      ? 'sinspect: /nonexistent/sinspect.ko does not exist: run `sinspect driver build` first\n'
      : 'sinspect: this kernel cannot load modules (it was built without CONFIG_MODULES)\n',
  );
});

const noModule = existsSync('/dev/sinspect0') ? test.skip : test;

noModule('--kmod without the module: what to run, in one line', (t) => {
  const r = sinspect('--kmod', '-n', '1');
  t.not(r.status, 0);
  // (oclif adds a Node warning about the inspect command under NODE_ENV=test: not ours)
  const lines = r.stderr.trim().split('\n').filter((l) => !/^\(node:\d+\)|^\(Use `node/.test(l));
  t.is(lines.length, 1, r.stderr);
  t.regex(r.stderr, /the sinspect kernel module is not loaded \(\/dev\/sinspect0 is missing\): run `sinspect driver load`/);
});

test('KmodSource.open reports missing devices in the directory it was given', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sinspect-kmod-dev-'));
  try {
    const err = await t.throwsAsync(KmodSource.open({ devDir: dir }));
    t.is(err?.message, `the sinspect kernel module is not loaded (${dir}/sinspect0 is missing): run \`sinspect driver load\``);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
