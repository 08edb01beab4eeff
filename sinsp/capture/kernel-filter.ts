// What of the command line a live driver decides in the kernel, the same for the eBPF
// probe and the kernel module: -U (thread names whose events are suppressed, sysdig's
// --suppress-comm) and the part of the capture filter pushdown.ts can push (syscalls by
// evt.type, process ids).
import { readFileSync } from 'node:fs';
import type { InspectOptions } from '../cli/options.js';
import type { CommonLiveOptions } from './live-engine.js';
import { planPushdown, type PushdownPlan } from './pushdown.js';

/** The driver options that say what the kernel leaves out. */
export type KernelFilterOptions = Pick<CommonLiveOptions, 'syscalls' | 'pidFilter' | 'commFilter'>;

/** The options for the driver, and the plan they came from (what was pushed). */
export interface KernelFilter {
  options: KernelFilterOptions;
  pushdown: PushdownPlan;
}

export async function kernelFilterFor(opts: InspectOptions): Promise<KernelFilter> {
  const pushdown = await pushdownFor(opts);
  return { options: kernelFilterOptions(opts.suppressComms, pushdown), pushdown };
}

/** -U's names and a pushdown plan as driver options (nothing for what is absent). */
export function kernelFilterOptions(suppressComms: readonly string[], pushdown: PushdownPlan): KernelFilterOptions {
  const options: KernelFilterOptions = {};
  // -U twice with one name is one name in the kernel's set
  if (suppressComms.length > 0) options.commFilter = { mode: 'exclude', values: [...new Set(suppressComms)] };
  if (pushdown.syscalls) options.syscalls = pushdown.syscalls;
  if (pushdown.pids) options.pidFilter = { mode: 'include', values: pushdown.pids };
  return options;
}

/**
 * The part of the capture filter the driver can decide (pushdown.ts). Nothing is pushed
 * with --no-pushdown, with chisels (their own filters and timeouts see the stream), or
 * when the filter does not parse (the CLI reports that error itself).
 */
export async function pushdownFor(opts: InspectOptions): Promise<PushdownPlan> {
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
