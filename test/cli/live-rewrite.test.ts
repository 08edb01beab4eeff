// `-r IN -w OUT FILTER` with -F and -E (no driver needed): the fatfile keeps the
// state-changing events the filter drops, flagged so that readers hide them, and names
// fds from them; -E leaves the user and group tables out.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SavefileReader } from '../../sinsp/capture/savefile.js';
import { cliPath, readLines, root, runCli } from './live-run.js';

const TRACE = join(root, '..', 'shared', 'traces', 'cat_write.scap');
const hasSysdig = spawnSync('sysdig', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasSysdig) console.log('-r -w -F test: sysdig not installed, its read-back checks are skipped');

function rewrite(dir: string, name: string, args: string[]): string {
  const out = join(dir, name);
  const r = runCli(['-r', TRACE, '-w', out, ...args]);
  if (r.code !== 0) throw new Error(`sinspect ${args.join(' ')}: ${r.stderr}`);
  return out;
}

function meta(path: string) {
  const r = SavefileReader.open(path);
  try {
    return r.meta;
  } finally {
    r.close();
  }
}

test('-F: state-only events are hidden by sinspect and sysdig, and name the fds', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sinspect-rewrite-'));
  try {
    const fat = rewrite(dir, 'fat.scap', ['-F', 'evt.type=read']);
    const thin = rewrite(dir, 'thin.scap', ['evt.type=read']);
    const readers: Array<[string, string[]]> = [['node', [cliPath]]];
    if (hasSysdig) readers.push(['sysdig', []]);
    for (const [cmd, pre] of readers) {
      const fatLines = readLines(cmd, [...pre, '-r', fat], join(dir, 'fat.txt'));
      const thinLines = readLines(cmd, [...pre, '-r', thin], join(dir, 'thin.txt'));
      t.is(fatLines.length, 4, cmd);
      t.true(fatLines.every((l) => / cat \(20072\) [<>] read /.test(l)), cmd);
      t.true(fatLines[0]!.includes('fd=3(<f>/lib/x86_64-linux-gnu/libc.so.6)'), cmd);
      t.is(thinLines.length, 4, cmd);
      t.true(thinLines[0]!.includes('<NA> (20072) > read fd=3 size=832'), cmd);
    }
    // the original's read events, as the full trace names them
    const original = runCli(['-r', TRACE, '-p', '%evt.dir %fd.name', 'evt.type=read']).stdout;
    const fromFat = runCli(['-r', fat, '-p', '%evt.dir %fd.name']).stdout;
    t.is(fromFat, original);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('-E: no user or group table in the written file', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sinspect-rewrite-'));
  try {
    const withUsers = meta(rewrite(dir, 'u.scap', ['evt.type=read']));
    const without = meta(rewrite(dir, 'e.scap', ['-E', 'evt.type=read']));
    t.true(withUsers.users.length > 0);
    t.is(without.users.length, 0);
    t.is(without.groups.length, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
