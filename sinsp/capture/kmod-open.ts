// `sinspect --kmod`: the kernel-module source as the inspector reads it, with the
// parts of the command line the module can act on: snap length, page faults, and what
// the eBPF probe is given too (kernel-filter.ts: -U and the filter pushdown).
import { existsSync } from 'node:fs';
import type { InspectOptions } from '../cli/options.js';
import { KmodSource, type KmodStats, type KmodTracepointName } from './kmod.js';
import { LiveEventSourceBase } from './live-engine.js';
import { kernelFilterFor } from './kernel-filter.js';

/** The kernel-module source as the inspector reads it (LiveEventSourceBase): its records need no rewriting. */
export class KmodEventSource extends LiveEventSourceBase<KmodStats> {}

/** True when the sinspect module's devices exist: live capture then defaults to it, as sysdig's does. */
export function kmodLoaded(devDir = '/dev'): boolean {
  return existsSync(`${devDir}/sinspect0`);
}

export async function openKmodSource(opts: InspectOptions): Promise<KmodEventSource> {
  const tracepoints: KmodTracepointName[] = ['procExit', 'signalDeliver', 'schedSwitch'];
  if (opts.pageFaults) tracepoints.push('pageFault');
  const filter = await kernelFilterFor(opts);
  const source = await KmodSource.open({
    snaplen: opts.snaplen && opts.snaplen > 0 ? opts.snaplen : 80,
    tracepoints,
    ...filter.options,
  });
  return new KmodEventSource(source, filter.pushdown);
}
