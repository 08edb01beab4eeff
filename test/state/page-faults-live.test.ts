// A real capture with page faults (eBPF probe, --page-faults): the capture filter
// `proc.pid=X` must find the page faults of X as sysdig 0.29.3 does (page faults carry
// no thread of their own: the filter looks the thread up). Needs root and sysdig,
// skipped otherwise.
import test from 'ava';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureAround, cliPath, isRoot, readLines, runWorkload } from '../cli/live-run.js';

const SYSDIG = '/usr/bin/sysdig';
const runnable = isRoot() && existsSync(SYSDIG);
if (!runnable) console.log('live page-fault filter test skipped: it needs root (eBPF probe) and /usr/bin/sysdig');
const liveTest = runnable ? test.serial : test.skip;

liveTest('proc.pid=X selects the page faults of X, as sysdig does', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sinspect-pf-'));
  try {
    const scap = join(dir, 'pf.scap');
    let pid = 0;
    const r = await captureAround(scap, ['--page-faults'], () => {
      pid = runWorkload(dir, 20, 1 << 20);
    });
    t.is(r.code, 0, r.stderr);
    const filter = `evt.type=page_fault and proc.pid=${pid}`;
    const want = readLines(SYSDIG, ['-r', scap, filter], join(dir, 'sysdig.txt'));
    const got = readLines('node', [cliPath, '-r', scap, filter], join(dir, 'sinspect.txt'));
    t.true(want.length > 0, 'the workload had page faults');
    t.deepEqual(got, want);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
