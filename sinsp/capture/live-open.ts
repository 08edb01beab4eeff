// Open a live capture for the CLI: the driver the options ask for, with the parts of the
// command line the kernel side can act on (snap length, suppressed comms, page faults,
// and the filter pushdown of pushdown.ts).
import type { InspectOptions } from '../cli/options.js';
import { LiveSource, type LiveStats } from './live.js';
import { LiveEventSourceBase } from './live-engine.js';
import type { KmodEventSource } from './kmod-open.js';
import type { Compat029Stats } from './compat029.js';
import { planPushdown, type PushdownPlan } from './pushdown.js';
import { readFileSync } from 'node:fs';

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
    /** what the capture filter let the probe decide (filter pushdown) */
    readonly pushdown: PushdownPlan = { notes: [] },
  ) {
    super(live);
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
  const pushdown = await pushdownFor(opts);
  const live = await LiveSource.open({
    snaplen: opts.snaplen && opts.snaplen > 0 ? opts.snaplen : 80,
    // batches are converted into Buffers that take turns; the inspector copies what it keeps
    reuseBuffers: true,
    ...(opts.suppressComms.length ? { commFilter: { mode: 'exclude' as const, values: opts.suppressComms } } : {}),
    ...(pushdown.syscalls ? { syscalls: pushdown.syscalls } : {}),
    ...(pushdown.pids ? { pidFilter: { mode: 'include' as const, values: pushdown.pids } } : {}),
    tracepoints: opts.pageFaults
      ? ['procExit', 'procFork', 'procExec', 'signalDeliver', 'schedSwitch', 'pageFault']
      : ['procExit', 'procFork', 'procExec', 'signalDeliver', 'schedSwitch'],
  });
  return new LiveEventSource(live, pushdown);
}

/**
 * The part of the capture filter the probe can decide (pushdown.ts). Nothing is pushed
 * with --no-pushdown, with chisels (their own filters and timeouts see the stream), or
 * when the filter does not parse (the CLI reports that error itself).
 */
async function pushdownFor(opts: InspectOptions): Promise<PushdownPlan> {
  const none: PushdownPlan = { notes: [] };
  const text = opts.operands.join(' ');
  if (opts.noPushdown || opts.chisels.length > 0 || text.trim() === '') return none;
  // with -d the filter only hides events from the output: -w writes them all
  if (opts.displayFilter && opts.writeFile !== undefined) return none;
  const [{ parseFilter }, { createRegistry }, { State }] = await Promise.all([
    import('../filter/parser.js'),
    import('../fields/registry.js'),
    import('../state/state.js'),
  ]);
  const registry = createRegistry({ state: new State(), options: { bufferFormat: 'normal', timeMode: 'h', verbose: false } });
  let ast;
  try {
    ast = parseFilter(text, { scanField: (t, p) => registry.scan(t, p) });
  } catch {
    return none;
  }
  return planPushdown({
    ast,
    otherFieldText: opts.format,
    // a -F file keeps the state changes of every process
    allowProcessFilter: !opts.fatfile,
    tgidOf,
  });
}

/** the process a thread belongs to now (Tgid of /proc/TID/status), undefined if there is no such thread */
function tgidOf(tid: number): number | undefined {
  try {
    const m = /^Tgid:\s*(\d+)$/m.exec(readFileSync(`/proc/${tid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}
