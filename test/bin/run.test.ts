// bin/run.js run directly goes through its shell launcher line (node with V8's worker
// pool sized to the machine); arguments arrive as given, and the output is what
// `node bin/run.js` prints.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const run = join(root, 'bin', 'run.js');
const trace = join(root, 'examples', 'sinspect-demo.scap');

test('run directly or through node: the same output, arguments with spaces and quotes intact', (t) => {
  const args = ['-r', trace, '-n', '20', '-p', "%evt.num '%proc.name' \"%evt.type\"", 'evt.num > 0 and proc.name != "x y"'];
  const direct = spawnSync(run, args, { encoding: 'utf8' });
  const viaNode = spawnSync(process.execPath, [run, ...args], { encoding: 'utf8' });
  t.is(direct.status, 0, direct.stderr);
  t.is(viaNode.status, 0, viaNode.stderr);
  t.true(direct.stdout.split('\n').length > 10);
  t.is(direct.stdout, viaNode.stdout);
});

test('a bad filter exits non-zero with one line either way', (t) => {
  const direct = spawnSync(run, ['-r', trace, 'proc.nme = x'], { encoding: 'utf8' });
  const viaNode = spawnSync(process.execPath, [run, '-r', trace, 'proc.nme = x'], { encoding: 'utf8' });
  t.not(direct.status, 0);
  t.is(direct.status, viaNode.status);
  t.is(direct.stderr, viaNode.stderr);
  t.is(direct.stderr.trim().split('\n').length, 1);
});

test('the launcher sizes V8\'s worker pool: cores - 1, between 1 and 4', (t) => {
  // a shell with the launcher line only, printing the node command instead of running it
  const first = spawnSync('sh', ['-c', 'head -2 "$1" | tail -1 | sed "s/exec node/echo node/" | sh -s -- "$1" x', 'sh', run], { encoding: 'utf8' });
  const nproc = Number(spawnSync('nproc', { encoding: 'utf8' }).stdout.trim());
  const want = Math.min(4, Math.max(1, nproc - 1));
  t.regex(first.stdout, new RegExp(`^node --v8-pool-size=${want} `));
});
