#!/usr/bin/env node
// npm run bench: sinspect against sysdig 0.29.3 (when installed) on the same large trace,
// in the same run. Prints events/s and peak RSS per case; output goes to /dev/null.
// The trace is made with ../shared/tools/scale-trace from 502Error.scap (x100: 2.2M
// events); a x10 copy shows whether memory stays flat as the trace grows.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(root, '../shared');
const work = process.env.SINSPECT_BENCH_DIR ?? '/tmp/sinspect-bench';
const times = Number(process.env.SINSPECT_BENCH_TIMES ?? 100);

const CASES = [
  { name: '-q', args: ['-q'] },
  { name: 'default output', args: [] },
  { name: '-q proc.name=curl', args: ['-q', 'proc.name=curl'] },
  { name: '-p ... read on files', args: ['-p', '%evt.num %proc.name %fd.name', 'evt.type=read and fd.type=file'] },
  { name: '-j', args: ['-j'] },
  { name: '-c topfiles_bytes', args: ['-c', 'topfiles_bytes'], sysdig: ['-c', 'topfiles_bytes'] },
  { name: '-c topprocs_cpu', args: ['-c', 'topprocs_cpu'], sysdig: ['-c', 'topprocs_cpu'] },
  { name: '-c spy_users', args: ['-c', 'spy_users'], sysdig: ['-c', 'spy_users'] },
];

function scaled(n) {
  const out = join(work, `502Error-x${n}.scap`);
  if (!existsSync(out)) {
    mkdirSync(work, { recursive: true });
    const r = spawnSync(join(shared, 'tools/scale-trace'), ['--times', String(n), join(shared, 'traces/502Error.scap'), out], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`scale-trace failed for x${n}`);
  }
  return out;
}

// Both tools run from an empty directory: sysdig looks for chisels in ./chisels first,
// and from the repository root it would run sinspect's chisels instead of its own.
const neutralDir = mkdtempSync(join(tmpdir(), 'sinspect-bench-'));

// NODE_EXTRA_CA_CERTS (set machine-wide on some hosts, this one included) makes every
// node process parse that many CA certificates before it runs a line of JS: 35-40 ms
// here. sinspect opens no TLS connection, so it is left out of both tools' runs.
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;
const RUNS = Number(process.env.SINSPECT_BENCH_RUNS ?? 5);

// sinspect runs as a user runs it (`sinspect ...`, npm's link to bin/run.js): executed
// directly, so that its launcher line sizes V8's worker pool to this machine (see
// bin/run.js), as sysdig runs as `sysdig`
const sinspect = join(root, 'bin/run.js');

/** run a command with output to /dev/null; return seconds and peak RSS (KiB) */
function measureOnce(cmd, args) {
  const devnull = openSync('/dev/null', 'w');
  // wall time from here (/usr/bin/time's %e has 10 ms steps); peak RSS from /usr/bin/time
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], {
    cwd: neutralDir,
    env,
    stdio: ['ignore', devnull, 'pipe'],
    encoding: 'utf8',
  });
  closeSync(devnull);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const rss = Number(last.split(' ')[1]);
  return { ok: r.status === 0, secs, rss, err: r.status === 0 ? '' : r.stderr.trim().split('\n')[0] };
}

/** the fastest of RUNS runs (other load only ever slows a run down), with its peak RSS */
function measure(cmd, args) {
  let best;
  for (let i = 0; i < RUNS; i++) {
    const m = measureOnce(cmd, args);
    if (!m.ok) return m;
    if (best === undefined || m.secs < best.secs) best = m;
  }
  return best;
}

function countEvents(trace) {
  // -q -S prints only the summary table: add up its counts
  const s = spawnSync(process.execPath, [join(root, 'bin/run.js'), '-r', trace, '-q', '-S'], { encoding: 'utf8' });
  let n = 0;
  for (const line of s.stdout.split('\n')) {
    const m = /^[<>] .{16}(\d+)$/.exec(line);
    if (m) n += Number(m[1]);
  }
  return n;
}

function fmtRate(n, secs) {
  return secs > 0 ? `${(n / secs / 1e6).toFixed(2)}M ev/s` : 'n/a';
}

const big = scaled(times);
const small = scaled(Math.max(1, Math.floor(times / 10)));
const nEvents = countEvents(big);
const hasSysdig = spawnSync('sh', ['-c', 'command -v sysdig'], { encoding: 'utf8' }).status === 0;
console.log(`trace: ${big} (${nEvents} events)${hasSysdig ? '' : ' — sysdig not installed: no reference figures'}`);
console.log(`best of ${RUNS} runs per case; NODE_EXTRA_CA_CERTS unset for the runs; sinspect run as bin/run.js (its launcher sizes V8's worker pool)`);
console.log('case'.padEnd(24) + 'sinspect'.padEnd(28) + (hasSysdig ? 'sysdig 0.29.3' : ''));
for (const c of CASES) {
  const ours = measure(sinspect, ['-r', big, ...c.args]);
  const oursText = ours.ok ? `${fmtRate(nEvents, ours.secs)} ${(ours.rss / 1024).toFixed(0)} MiB` : `failed: ${ours.err}`;
  let theirs = '';
  if (hasSysdig) {
    const s = measure('sysdig', ['-r', big, ...(c.sysdig ?? c.args)]);
    theirs = s.ok ? `${fmtRate(nEvents, s.secs)} ${(s.rss / 1024).toFixed(0)} MiB` : `failed: ${s.err}`;
  }
  console.log(c.name.padEnd(24) + oursText.padEnd(28) + theirs);
}
for (const c of CASES.slice(0, 2)) {
  const a = measure(sinspect, ['-r', small, ...c.args]);
  const b = measure(sinspect, ['-r', big, ...c.args]);
  console.log(`peak RSS ${c.name}: ${(a.rss / 1024).toFixed(0)} MiB at x${Math.max(1, Math.floor(times / 10))}, ${(b.rss / 1024).toFixed(0)} MiB at x${times}`);
}
const capture = join(root, 'tools/bench-capture.js');
if (process.argv.includes('--no-capture')) {
  console.log('capture benchmark skipped (--no-capture)');
} else if (existsSync(capture)) {
  if (process.getuid?.() === 0) spawnSync(process.execPath, [capture], { stdio: 'inherit' });
  else console.log('capture benchmark skipped: needs root');
}
