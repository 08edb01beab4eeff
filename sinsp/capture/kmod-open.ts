// `sinspect --kmod`: the kernel-module source as the inspector reads it, with the
// parts of the command line the module can act on.
import { existsSync } from 'node:fs';
import type { InspectOptions } from '../cli/options.js';
import type { EventSource } from './open.js';
import { KmodSource, type KmodTracepointName } from './kmod.js';

/**
 * Empty batches while the machine is idle; after stop() (Ctrl-C, -M, -n) what the
 * rings still hold, then null.
 */
export class KmodEventSource implements EventSource {
  private stopping = false;
  private drained = false;

  constructor(private readonly source: KmodSource) {}

  get meta() {
    return this.source.meta;
  }

  nextBatch(): { buf: Buffer; count: number } | null {
    if (this.drained) return null;
    if (!this.stopping) return this.source.nextBatch(100);
    const b = this.source.nextBatch(0);
    if (b.count === 0) {
      this.drained = true;
      return null;
    }
    return b;
  }

  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    this.source.stop();
  }

  stats() {
    return this.source.stats();
  }

  close(): void {
    this.source.close();
  }
}

/** True when the sinspect module's devices exist: live capture then defaults to it, as sysdig's does. */
export function kmodLoaded(devDir = '/dev'): boolean {
  return existsSync(`${devDir}/sinspect0`);
}

export async function openKmodSource(opts: InspectOptions): Promise<KmodEventSource> {
  const tracepoints: KmodTracepointName[] = ['procExit', 'signalDeliver', 'schedSwitch'];
  if (opts.pageFaults) tracepoints.push('pageFault');
  const source = await KmodSource.open({
    snaplen: opts.snaplen && opts.snaplen > 0 ? opts.snaplen : 80,
    tracepoints,
  });
  return new KmodEventSource(source);
}
