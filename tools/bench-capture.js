#!/usr/bin/env node
// Live capture benchmark (root): ../shared/tools/syscall-storm.c runs N cheap
// syscalls of one kind; we time it alone, then while sinspect's eBPF probe
// captures every syscall of the machine and this process drains the rings the
// way `sinspect --bpf -q` does (nextBatch with a timeout: the engine waits for
// events instead of this process spinning), then also writing every batch to a
// .scap file (-w). Prints the slowdown, events/s delivered and the drop
// percentage.
//
//   node tools/bench-capture.js [N]      (env SINSPECT_SCAP_ADDON: another addon build)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const stormSrc = resolve(root, '../shared/tools/syscall-storm.c');
const storm = '/tmp/sinspect-syscall-storm';
const N = Number(process.argv[2] ?? 5_000_000);
const scapOut = '/tmp/sinspect-bench-capture.scap';

if (process.getuid?.() !== 0) {
  console.error('bench-capture: live capture needs root');
  process.exit(1);
}
const built = join(root, 'dist', 'sinsp', 'capture', 'live.js');
if (!existsSync(built)) {
  console.error('bench-capture: build first (npm run build)');
  process.exit(1);
}
const { LiveSource } = await import(built);
const { SavefileWriter } = await import(join(root, 'dist', 'sinsp', 'capture', 'savefile.js'));

const cc = spawnSync('gcc', ['-O2', '-o', storm, stormSrc], { encoding: 'utf8' });
if (cc.status !== 0) {
  console.error(`bench-capture: cannot compile ${stormSrc}: ${cc.stderr}`);
  process.exit(1);
}

/** Runs storms (one per mode, in parallel) and resolves with their elapsed seconds. */
function runStorms(modes, onTick) {
  return new Promise((resolveAll, reject) => {
    const results = [];
    let left = modes.length;
    for (const mode of modes) {
      const child = spawn(storm, [String(N), mode], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('exit', (code) => {
        if (code !== 0) return reject(new Error(`syscall-storm ${mode} exited with ${code}`));
        const m = /elapsed_s=([\d.]+).*cpu_s=([\d.]+)/.exec(out);
        results.push({ elapsed: Number(m?.[1] ?? NaN), cpu: Number(m?.[2] ?? NaN) });
        if (--left === 0) resolveAll(results);
      });
    }
    // Keep draining while the storms run; setImmediate lets the exit events in.
    const tick = () => {
      if (left === 0) return;
      onTick?.();
      setImmediate(tick);
    };
    if (onTick) setImmediate(tick);
  });
}

// Elapsed time of the slowest storm, and CPU time of all of them: on a busy
// machine elapsed time measures the other load too, CPU time only the storm's
// own syscalls (and the probe programs they run).
const summarize = (t) => ({ elapsed: Math.max(...t.map((x) => x.elapsed)), cpu: t.reduce((a, x) => a + x.cpu, 0) });

async function baseline(modes) {
  return summarize(await runStorms(modes));
}

async function captured(modes, write) {
  // batch Buffers reused in turn, as the CLI's live source does (live-open.ts)
  const src = await LiveSource.open({ snaplen: 80, bufferBytesPerCpu: 16 * 1024 * 1024, reuseBuffers: true });
  const writer = write ? SavefileWriter.open(scapOut) : undefined;
  if (writer) writer.writeMetadata(src.meta);
  let delivered = 0;
  // One batch per turn of the event loop, as the CLI reads; a short timeout so
  // that the end of the storms is noticed promptly.
  const drain = () => {
    const b = src.nextBatch(10);
    if (b.count === 0) return;
    delivered += b.count;
    writer?.writeBatch(b.buf, b.count);
  };
  const before = src.stats();
  const t0 = process.hrtime.bigint();
  const times = await runStorms(modes, drain);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  src.stop();
  for (;;) {
    const b = src.nextBatch(0);
    if (b.count === 0) break;
    delivered += b.count;
    writer?.writeBatch(b.buf, b.count);
  }
  const st = src.stats();
  src.close();
  writer?.close();
  if (write) rmSync(scapOut, { force: true });
  const events = st.events - before.events;
  const drops = st.drops - before.drops;
  return { ...summarize(times), wall, delivered, events, drops };
}

const cases = [
  { name: 'getppid', modes: ['getppid'] },
  { name: 'close(-1)', modes: ['close'] },
  { name: 'read 1 byte', modes: ['read'] },
  { name: 'getppid + read (two storms)', modes: ['getppid', 'read'] },
];

console.log(`syscall-storm N=${N}, capture of every syscall, exit events only\n`);
console.log(`load average now: ${(await import('node:os')).loadavg()[0].toFixed(2)}\n`);
console.log('case                          | mode | alone s | captured s | slowdown | cpu slowdown | events/s  | drops');
for (const c of cases) {
  const alone = await baseline(c.modes);
  for (const write of [false, true]) {
    const r = await captured(c.modes, write);
    const total = r.events + r.drops;
    console.log(
      [
        c.name.padEnd(29),
        (write ? '-w' : '-q').padEnd(4),
        alone.elapsed.toFixed(3).padStart(7),
        r.elapsed.toFixed(3).padStart(10),
        `${(r.elapsed / alone.elapsed).toFixed(2)}x`.padStart(8),
        `${(r.cpu / alone.cpu).toFixed(2)}x`.padStart(12),
        Math.round(r.delivered / r.wall).toLocaleString('en-US').padStart(9),
        `${total ? ((100 * r.drops) / total).toFixed(2) : '0.00'}%`,
      ].join(' | '),
    );
  }
}
