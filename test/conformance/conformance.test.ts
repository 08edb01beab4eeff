// The scoreboard as a test: run sysdig 0.29.3's recorded cases (../shared/conformance)
// against bin/run.js. Every case must pass except those in known-failures.txt, and that
// list may only shrink: a listed case that passes now must be taken off the list.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const shared = resolve(root, '../shared');
const tool = join(shared, 'tools/conformance');
const knownFile = join(root, 'test/conformance/known-failures.txt');

function knownFailures(): Set<string> {
  return new Set(
    readFileSync(knownFile, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#')),
  );
}

test('conformance with sysdig 0.29.3: no new failures, and the known-failure list only shrinks', (t) => {
  if (!existsSync(tool)) {
    t.log(`SKIPPED: ${tool} not found (the shared conformance suite is not next to this checkout)`);
    t.pass();
    return;
  }
  const r = spawnSync('python3', [tool, '--cmd', `node ${join(root, 'bin/run.js')}`, '--show', '100000', '--jobs', '2'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: 40 * 60 * 1000,
  });
  t.is(r.status, 0, r.stderr);
  const failed = new Set<string>();
  for (const line of r.stdout.split('\n')) {
    const m = /^FAIL (\S+?): /.exec(line);
    if (m) failed.add(m[1]!);
  }
  const score = /conformance score: .*/.exec(r.stdout)?.[0] ?? '(no score line)';
  t.log(score);
  const known = knownFailures();
  const newFailures = [...failed].filter((f) => !known.has(f));
  const nowPassing = [...known].filter((f) => !failed.has(f));
  const details = r.stdout
    .split('\n')
    .filter((l) => newFailures.some((f) => l.startsWith(`FAIL ${f}:`)))
    .slice(0, 30)
    .join('\n');
  t.deepEqual(newFailures, [], `new conformance failures:\n${details}`);
  t.deepEqual(nowPassing, [], 'these cases pass now: remove them from test/conformance/known-failures.txt');
});
