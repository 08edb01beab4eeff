// Open a live capture for the CLI: the driver the options ask for, with the parts of the
// command line the kernel side can act on (snap length, page faults, and what
// kernel-filter.ts gives: suppressed comms and the filter pushdown of pushdown.ts).
import type { InspectOptions } from '../cli/options.js';
import { LiveSource, type LiveStats } from './live.js';
import { LiveEventSourceBase } from './live-engine.js';
import type { KmodEventSource } from './kmod-open.js';
import type { Compat029Stats } from './compat029.js';
import type { PushdownPlan } from './pushdown.js';
import { kernelFilterFor } from './kernel-filter.js';

/**
 * The eBPF source as the inspector reads it (LiveEventSourceBase). The probe's
 * exit-only events come out in sysdig 0.29.3's table (enter/exit pairs, its event
 * versions: compat029.ts), which the inspector, the -w writer and chisels all speak.
 */
export class LiveEventSource extends LiveEventSourceBase<LiveStats> {
  constructor(
    /**
     * the capture itself: its recording thread (LiveSource.recordTo, -w and -q with
     * nothing in JS looking at the events), which then replaces nextBatch
     */
    readonly live: LiveSource,
    pushdown: PushdownPlan = { notes: [] },
  ) {
    super(live, pushdown);
    // the addon converts each batch as it takes it from the rings (compat029.c: the
    // conversion of compat029.ts, in C, with compat029-table.ts's table)
    live.convertTo029();
  }

  /** what the 0.29.3 rewriter did: records seen, enters added, records it had no form of */
  converterStats(): Compat029Stats {
    return this.live.converterStats();
  }
}

export async function openLiveSource(opts: InspectOptions): Promise<LiveEventSource | KmodEventSource> {
  // --kmod, or no driver named while the kernel module is loaded (sysdig's default)
  const kmod = await import('./kmod-open.js');
  if (opts.live === 'kmod' || (opts.live === 'default' && kmod.kmodLoaded())) return kmod.openKmodSource(opts);
  const filter = await kernelFilterFor(opts);
  const live = await LiveSource.open({
    snaplen: opts.snaplen && opts.snaplen > 0 ? opts.snaplen : 80,
    // batches are converted into Buffers that take turns; the inspector copies what it keeps
    reuseBuffers: true,
    ...filter.options,
    tracepoints: opts.pageFaults
      ? ['procExit', 'procFork', 'procExec', 'signalDeliver', 'schedSwitch', 'pageFault']
      : ['procExit', 'procFork', 'procExec', 'signalDeliver', 'schedSwitch'],
  });
  return new LiveEventSource(live, filter.pushdown);
}
