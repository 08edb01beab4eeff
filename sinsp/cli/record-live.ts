// Live eBPF captures where nothing in JS needs to see an event: no filter, no chisel,
// no summary, no limits (-n, -M), no rotation (-C, -G, -W, -e), no progress, and either
// -w (the events go to the file) or -q (they go nowhere).
//
// A thread of the addon then drains the rings and converts to 0.29.3's table, and with
// -w writes the file (LiveSource.recordTo), with -q only counts the records
// (drainInBackground); this side waits for Ctrl-C or SIGTERM, ends the thread (every
// event the driver captured before the signal is written or counted) and prints the
// statistics. Anything else goes through the inspector (and the JS writer).
//
// -q skips sysdig's state engine here, which nothing can observe: with no filter, no
// chisel and no output, the only trace of a run is -v's counters, and "Captured
// Events" (the events the main loop saw) is the number of records converted, since
// without a filter the inspector delivers every live record (it marks none filtered:
// the only such marks are the capture filter's, -F's state-only flag and container
// events, none of which a live eBPF capture without a filter has).
import type { InspectOptions } from './options.js';
import type { EventSource } from '../capture/open.js';
import type { LiveEventSource } from '../capture/live-open.js';

/** whether the events of a live capture can be left to the addon: 'write' (-w), 'count' (-q) */
export function liveWithoutJs(o: InspectOptions): 'write' | 'count' | undefined {
  const nothingReads =
    o.readFiles.length === 0 &&
    o.operands.length === 0 &&
    o.chisels.length === 0 &&
    !o.summary &&
    !o.progress &&
    o.count === undefined &&
    o.durationSeconds === undefined;
  if (!nothingReads) return undefined;
  if (o.writeFile !== undefined) {
    const rotates = o.rolloverMb !== undefined || o.rolloverSeconds !== undefined || o.fileLimit !== undefined || o.eventLimit !== undefined;
    return rotates ? undefined : 'write';
  }
  return o.quiet ? 'count' : undefined;
}

/** the eBPF source, which can write natively (the kernel module's cannot) */
export async function nativeRecorder(source: EventSource): Promise<LiveEventSource | undefined> {
  const { LiveEventSource } = await import('../capture/live-open.js');
  return source instanceof LiveEventSource ? source : undefined;
}

/** how often the wait looks whether the writing thread stopped on an error */
const CHECK_MS = 200;

/** Writes (-w) or counts (-q) until SIGINT/SIGTERM; resolves to the exit code. Throws one-line errors. */
export async function recordLive(source: LiveEventSource, o: InspectOptions, how: 'write' | 'count'): Promise<number> {
  const cpuStart = o.verbose ? process.cpuUsage() : undefined;
  let records = 0;
  try {
    const live = source.live;
    if (how === 'write') {
      const meta = o.excludeUsers ? { ...source.meta, users: [], groups: [] } : source.meta;
      live.recordTo(o.writeFile!, { compress: o.compress, meta });
    } else {
      live.drainInBackground();
    }
    const failed = await untilSignal(() => live.recordingError() !== undefined);
    source.stop();
    // throws the writing thread's error, if it met one
    records = live.endRecording().records;
    if (failed) throw new Error('live capture: reading the capture stopped on an error');
    if (o.verbose) {
      const cpu = process.cpuUsage(cpuStart);
      const { captureCounters, renderVerboseStats } = await import('../output/capture-stats.js');
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
