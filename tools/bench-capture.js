#!/usr/bin/env node
// Live capture benchmark (root), through the real command line: what a user running
// `sinspect --bpf -q` or `sinspect --bpf -w FILE` gets.
//
// ../shared/tools/syscall-storm.c runs N cheap syscalls of one kind. Each case times
// the storm(s) alone, then while `node bin/run.js --bpf -v -q` (and `-v -w FILE`)
// captures every syscall of the machine: the CLI is started, the storms start once it
// is capturing and reading (below), and it is stopped with SIGINT after them, as a
// user's Ctrl-C. Slowdown is the storm's elapsed time captured / alone; events/s is
// the driver's event count (the CLI's own -v counters, "Driver Events") over the
// storm's elapsed time; drop % is the CLI's "Driver Drops" over events + drops.
// -v adds nothing per event (sysdig's counters, printed once at the end).
//
// Each measurement is repeated (SINSPECT_BENCH_RUNS, default 3; the machine may be
// shared): the storms alone and each captured mode report the run of median storm
// time, and the drop column the worst run.
//
// "Two storms at once": the reference figure (4.4M events/s) is twice what one getppid
// storm reaches under capture (2.2-2.33M events/s), so it was measured with two getppid
// storms, one per core; that case is here as such, next to getppid + read.
//
//   node tools/bench-capture.js [N]    (env: SINSPECT_BENCH_RUNS, SINSPECT_BENCH_CASES=a,b, SINSPECT_BENCH_OUT)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const stormSrc = resolve(root, '../shared/tools/syscall-storm.c');
const storm = '/tmp/sinspect-syscall-storm';
const N = Number(process.argv[2] ?? 5_000_000);
// where -w writes (SINSPECT_BENCH_OUT: e.g. another disk, or /dev/null to leave the I/O out)
const scapOut = process.env.SINSPECT_BENCH_OUT ?? '/tmp/sinspect-bench-capture.scap';
const cli = join(root, 'bin', 'run.js');

if (process.getuid?.() !== 0) {
  console.error('bench-capture: live capture needs root');
  process.exit(1);
}
if (!existsSync(join(root, 'dist', 'sinsp', 'cli', 'inspect.js'))) {
  console.error('bench-capture: build first (npm run build)');
  process.exit(1);
}
const cc = spawnSync('gcc', ['-O2', '-o', storm, stormSrc], { encoding: 'utf8' });
if (cc.status !== 0) {
  console.error(`bench-capture: cannot compile ${stormSrc}: ${cc.stderr}`);
  process.exit(1);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs storms (one per mode, in parallel); resolves with their elapsed and CPU seconds. */
function runStorms(modes) {
  return Promise.all(
    modes.map(
      (mode) =>
        new Promise((res, rej) => {
          const child = spawn(storm, [String(N), mode], { stdio: ['ignore', 'pipe', 'inherit'] });
          let out = '';
          child.stdout.on('data', (d) => (out += d));
          child.on('exit', (code) => {
            if (code !== 0) return rej(new Error(`syscall-storm ${mode} exited with ${code}`));
            const m = /elapsed_s=([\d.]+).*cpu_s=([\d.]+)/.exec(out);
            res({ elapsed: Number(m?.[1] ?? NaN), cpu: Number(m?.[2] ?? NaN) });
          });
        }),
    ),
  ).then((t) => ({ elapsed: Math.max(...t.map((x) => x.elapsed)), cpu: t.reduce((a, x) => a + x.cpu, 0) }));
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[11]) + Number(rest[12])) / 100; // utime, stime in clock ticks
}

/** CPU seconds all threads of a process have run so far (schedstat: exact, not tick-sampled) */
function threadsCpuSeconds(pid) {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended meanwhile
    }
  }
  return ns / 1e9;
}

/** whether the process holds a BPF ring buffer map (the probe is loaded and attached) */
function holdsRingbuf(pid) {
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`) !== 'anon_inode:bpf-map') continue;
      if (/map_type:\s*27\b/.test(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'))) return true;
    } catch {
      // the fd closed meanwhile
    }
  }
  return false;
}

/**
 * Waits until the CLI is capturing and its read loop runs: the probe's rings exist and
 * the process has gone quiet (loading the probe, the /proc scan and the engine's start
 * are CPU-bound; its read loop on an idle machine takes almost nothing).
 */
async function waitCapturing(child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sinspect exited early (${child.exitCode})`);
    try {
      if (holdsRingbuf(child.pid)) {
        const before = cpuSeconds(child.pid);
        await sleep(300);
        if (cpuSeconds(child.pid) - before < 0.03) return;
        continue;
      }
    } catch {
      // /proc entry not there yet
    }
    await sleep(50);
  }
  throw new Error('sinspect did not start capturing within 60 s');
}

/** One storm run under `sinspect --bpf -v <args>`; the CLI's counters and the storms' times. */
async function captured(modes, args) {
  // bin/run.js itself, as users run `sinspect`
  const child = spawn(cli, ['--bpf', '-v', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise((res) => child.on('exit', (code, sig) => res(code ?? sig)));
  await waitCapturing(child);
  // what the capture costs its own process, all threads (the machine may be shared:
  // the load average before each case is printed too)
  const cli0 = threadsCpuSeconds(child.pid);
  const t0 = process.hrtime.bigint();
  const times = await runStorms(modes);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cliCpu = threadsCpuSeconds(child.pid) - cli0;
  const stopAt = process.hrtime.bigint();
  child.kill('SIGINT');
  const code = await exited;
  const stopSeconds = Number(process.hrtime.bigint() - stopAt) / 1e9;
  if (code !== 0) throw new Error(`sinspect ${args.join(' ')} exited with ${code}: ${err.trim()}`);
  const num = (re) => {
    const m = re.exec(err);
    if (!m) throw new Error(`no counters in sinspect's output: ${err.trim()}`);
    return Number(m[1]);
  };
  return {
    ...times,
    cliCores: cliCpu / wall,
    events: num(/^Driver Events:(\d+)$/m),
    drops: num(/^Driver Drops:(\d+)$/m),
    stopSeconds,
  };
}

const cases = [
  { name: 'getppid', modes: ['getppid'], ref: '2.50x' },
  { name: 'close(-1)', modes: ['close'], ref: '2.96x' },
  { name: 'read 1 byte', modes: ['read'], ref: '3.43x' },
  { name: 'two getppid storms', modes: ['getppid', 'getppid'], ref: '4.4M/s' },
  { name: 'getppid + read', modes: ['getppid', 'read'], ref: '' },
];
const only = process.env.SINSPECT_BENCH_CASES?.split(',');
const RUNS = Math.max(1, Number(process.env.SINSPECT_BENCH_RUNS ?? 3));

/** the run of median storm time */
const median = (runs) => [...runs].sort((a, b) => a.elapsed - b.elapsed)[(runs.length - 1) >> 1];
const dropPercent = (r) => (r.events + r.drops ? (100 * r.drops) / (r.events + r.drops) : 0);

console.log(`syscall-storm N=${N} per storm; \`sinspect --bpf -v -q\` and \`--bpf -v -w FILE\`, every syscall, exit events only`);
console.log(`median of ${RUNS} runs (drops: the worst run); load average now: ${loadavg()[0].toFixed(2)}\n`);
console.log('sinspect: cores the CLI (all its threads) used during the storms\n');
console.log('case                | mode | alone s | captured s | slowdown | reference | events/s  | drops   | sinspect | load | exit after SIGINT');
for (const c of cases) {
  if (only && !only.includes(c.name)) continue;
  const load = loadavg()[0].toFixed(1);
  const aloneRuns = [];
  for (let i = 0; i < RUNS; i++) aloneRuns.push(await runStorms(c.modes));
  const alone = median(aloneRuns);
  for (const write of [false, true]) {
    const runs = [];
    let size = '';
    for (let i = 0; i < RUNS; i++) {
      runs.push(await captured(c.modes, write ? ['-w', scapOut] : ['-q']));
      if (write && statSync(scapOut).isFile()) {
        size = `, file ${(statSync(scapOut).size / 1e6).toFixed(0)} MB`;
        rmSync(scapOut, { force: true });
      }
    }
    const r = median(runs);
    const worstDrops = Math.max(...runs.map(dropPercent));
    console.log(
      [
        c.name.padEnd(19),
        (write ? '-w' : '-q').padEnd(4),
        alone.elapsed.toFixed(3).padStart(7),
        r.elapsed.toFixed(3).padStart(10),
        `${(r.elapsed / alone.elapsed).toFixed(2)}x`.padStart(8),
        c.ref.padStart(9),
        Math.round(r.events / r.elapsed).toLocaleString('en-US').padStart(9),
        `${worstDrops.toFixed(2)}%`.padStart(7),
        r.cliCores.toFixed(2).padStart(8),
        load.padStart(4),
        `${r.stopSeconds.toFixed(2)} s${size}`,
      ].join(' | '),
    );
  }
}
