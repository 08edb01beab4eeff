// The -S capture statistics block and sysdig's -v driver lines.
import test from 'ava';
import { captureCounters, renderCaptureStats, renderVerboseStats } from '../../sinsp/output/capture-stats.js';

const bpf = captureCounters(
  'bpf',
  { events: 1000, delivered: 990, drops: 10, dropsBuffer: 7, dropsMaxSize: 0, dropsScratch: 1, dropsTailCall: 0, dropsBug: 2, filtered: 33, readFaults: 4 },
  { events: 990, entersAdded: 900, dropped: 1 },
);

test('the statistics block lists drops by cause and the converter counts', (t) => {
  const out = renderCaptureStats(bpf);
  t.true(out.startsWith('----------------------\nCapture statistics (eBPF probe)\n----------------------\n'));
  t.regex(out, /^Driver events +1000$/m);
  t.regex(out, /^Drops +10 {2}\(0\.99% of the events\)$/m);
  t.regex(out, /^ {2}buffer full +7$/m);
  t.regex(out, /^ {2}scratch space +1$/m);
  t.regex(out, /^ {2}driver bugs +2$/m);
  t.regex(out, /^Suppressed in the kernel +33/m);
  t.regex(out, /^ {2}dropped \(no 0\.29\.3 form\) +1$/m);
  t.false(out.includes('nested'));
});

const kmod = captureCounters('kmod', {
  events: 5,
  delivered: 5,
  drops: 0,
  dropsBuffer: 0,
  dropsMaxSize: 0,
  dropsNested: 0,
  dropsBug: 0,
  filtered: 12,
  readFaults: 0,
});

test('the kernel module has no scratch/tail-call counters but nested drops, and its filter counts', (t) => {
  const out = renderCaptureStats(kmod);
  t.true(out.includes('(kernel module)'));
  t.true(out.includes('nested events'));
  t.false(out.includes('scratch'));
  t.false(out.includes('tail calls'));
  t.regex(out, /^Suppressed in the kernel +12 {2}\(-U and filter pushdown\)$/m);
  t.false(out.includes('Converted'));
});

test('-v lines are sysdig\'s, with zeros for a capture file', (t) => {
  t.is(
    renderVerboseStats(bpf, 0.5, 100),
    'Driver Events:1000\nDriver Drops:10\nSuppressed by Comm:33\nElapsed time: 0.500, Captured Events: 100, 200.00 eps\n',
  );
  t.is(renderVerboseStats(kmod, 1, 5), 'Driver Events:5\nDriver Drops:0\nSuppressed by Comm:12\nElapsed time: 1.000, Captured Events: 5, 5.00 eps\n');
  t.is(renderVerboseStats(undefined, 0, 3), 'Driver Events:0\nDriver Drops:0\nSuppressed by Comm:0\nElapsed time: 0.000, Captured Events: 3, 0.00 eps\n');
});
