// Open a live capture for the CLI: the driver the options ask for, with the parts of the
// command line the kernel side can act on (snap length, suppressed comms).
import type { InspectOptions } from '../cli/options.js';
import type { EventSource } from './open.js';
import { LiveSource } from './live.js';
import type { KmodEventSource } from './kmod-open.js';
import { Compat029Converter } from './compat029.js';

/**
 * A live source as the inspector reads it. nextBatch() returns empty batches while the
 * machine is idle and null once stop() was called (Ctrl-C, -M, -n), after handing out
 * what the driver had already captured. The probe's exit-only events come out in sysdig
 * 0.29.3's table (enter/exit pairs, its event versions: compat029.ts), which the
 * inspector, the -w writer and chisels all speak.
 */
export class LiveEventSource implements EventSource {
  private stopping = false;
  private drained = false;
  private readonly compat = new Compat029Converter();

  constructor(private readonly live: LiveSource) {}

  get meta() {
    return this.live.meta;
  }

  nextBatch(): { buf: Buffer; count: number } | null {
    if (this.drained) return null;
    if (this.stopping) {
      // one last look at what is already in the rings
      const b = this.live.nextBatch(0);
      if (b.count === 0) {
        this.drained = true;
        return null;
      }
      return this.compat.convert(b);
    }
    const b = this.live.nextBatch(100);
    return b.count === 0 ? b : this.compat.convert(b);
  }

  /** ask the capture to end: the rings are drained, then nextBatch returns null */
  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    this.live.stop();
  }

  stats() {
    return this.live.stats();
  }

  close(): void {
    this.live.close();
  }
}

export async function openLiveSource(opts: InspectOptions): Promise<LiveEventSource | KmodEventSource> {
  // --kmod, or no driver named while the kernel module is loaded (sysdig's default)
  const kmod = await import('./kmod-open.js');
  if (opts.live === 'kmod' || (opts.live === 'default' && kmod.kmodLoaded())) return kmod.openKmodSource(opts);
  const live = await LiveSource.open({
    snaplen: opts.snaplen && opts.snaplen > 0 ? opts.snaplen : 80,
    ...(opts.suppressComms.length ? { commFilter: { mode: 'exclude' as const, values: opts.suppressComms } } : {}),
    tracepoints: opts.pageFaults
      ? ['procExit', 'procFork', 'procExec', 'signalDeliver', 'schedSwitch', 'pageFault']
      : ['procExit', 'procFork', 'procExec', 'signalDeliver', 'schedSwitch'],
  });
  return new LiveEventSource(live);
}
