// -w of a live eBPF capture when nothing in JS needs to see an event: no filter, no
// chisel, no summary, no limits (-n, -M), no rotation (-C, -G, -W, -e), no progress.
// The addon's thread then drains the rings, converts to 0.29.3's table and writes the
// file (LiveEventSource.recordTo); this side only waits for Ctrl-C or SIGTERM, ends the
// recording (every event the driver captured before the signal is written) and prints
// the statistics. Anything else goes through the inspector and the JS writer.
import type { InspectOptions } from './options.js';
import type { EventSource } from '../capture/open.js';
import type { LiveEventSource } from '../capture/live-open.js';

/** whether -w can be left to the addon: what the file gets does not depend on JS */
export function writesWithoutJs(o: InspectOptions): boolean {
  return (
    o.writeFile !== undefined &&
    o.readFiles.length === 0 &&
    o.operands.length === 0 &&
    o.chisels.length === 0 &&
    !o.summary &&
    !o.progress &&
    o.count === undefined &&
    o.durationSeconds === undefined &&
    o.rolloverMb === undefined &&
    o.rolloverSeconds === undefined &&
    o.fileLimit === undefined &&
    o.eventLimit === undefined
  );
}

/** the eBPF source, which can write natively (the kernel module's cannot) */
export async function nativeRecorder(source: EventSource): Promise<LiveEventSource | undefined> {
  const { LiveEventSource } = await import('../capture/live-open.js');
  return source instanceof LiveEventSource ? source : undefined;
}

/** how often the wait looks whether the writing thread stopped on an error */
const CHECK_MS = 200;

/** Records until SIGINT/SIGTERM; resolves to the exit code. Throws one-line errors. */
export async function recordLive(source: LiveEventSource, o: InspectOptions): Promise<number> {
  const cpuStart = o.verbose ? process.cpuUsage() : undefined;
  let records = 0;
  try {
    const meta = o.excludeUsers ? { ...source.meta, users: [], groups: [] } : source.meta;
    source.recordTo(o.writeFile!, { compress: o.compress, meta });
    const failed = await untilSignal(() => source.recordingError() !== undefined);
    source.stop();
    // throws the writing thread's error, if it met one
    records = source.endRecording().records;
    if (failed) throw new Error('live capture: the capture file stopped being written');
    if (o.verbose) {
      const cpu = process.cpuUsage(cpuStart);
      const [{ captureCounters, renderVerboseStats }] = await Promise.all([import('../output/capture-stats.js')]);
      const counters = captureCounters('bpf', source.stats(), source.converterStats());
      process.stderr.write(renderVerboseStats(counters, (cpu.user + cpu.system) / 1e6, records));
    }
  } finally {
    source.close();
  }
  return 0;
}

/** resolves on SIGINT or SIGTERM (false), or true as soon as failed() says so */
function untilSignal(failed: () => boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (result: boolean): void => {
      clearInterval(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(result);
    };
    const onSignal = (): void => done(false);
    // also keeps the event loop alive: signal handlers alone do not
    const timer = setInterval(() => {
      if (failed()) done(true);
    }, CHECK_MS);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
