// Live capture through the sinspect kernel module (native/driver/kmod, engine in
// native/scap/src/engine_kmod*.c). Same surface as the eBPF LiveSource.
//
// The module sends enter and exit events in the parameter layouts sysdig 0.29.3
// reads (as its own kernel module did), so files written from this source read
// back in sysdig 0.29.3 unchanged. Batches come in the record layout of
// docs/ARCHITECTURE.md, merged across CPUs in timestamp order.
import type { CaptureMetadata } from './types.js';
import {
  LiveEngineSource,
  nativeCommonOptions,
  openAndScan,
  type CommonLiveOptions,
  type CommonLiveStats,
  type NativeLiveEngine,
} from './live-engine.js';

/** Non-syscall event sources of the module (its SINSPECT_KMOD_TP_* bits). */
export const KmodTracepoint = {
  procExit: 1 << 0,
  schedSwitch: 1 << 1,
  pageFault: 1 << 2,
  signalDeliver: 1 << 3,
} as const;
export type KmodTracepointName = keyof typeof KmodTracepoint;

const DEFAULT_TRACEPOINTS: KmodTracepointName[] = ['procExit', 'signalDeliver'];

export interface KmodOptions extends CommonLiveOptions {
  /** non-syscall sources; default procExit and signalDeliver */
  tracepoints?: KmodTracepointName[];
  /** where the /dev/sinspect<cpu> devices are (default /dev) */
  devDir?: string;
}

export interface KmodStats extends CommonLiveStats {
  /** events that began while another was being built on the same CPU */
  dropsNested: number;
  contextSwitches: number;
}

export function nativeKmodOptions(o: KmodOptions): Record<string, unknown> {
  const tps = o.tracepoints ?? DEFAULT_TRACEPOINTS;
  const opts = nativeCommonOptions(o, tps.reduce((bits, t) => bits | KmodTracepoint[t], 0));
  if (o.devDir) opts.devDir = o.devDir;
  return opts;
}

export class KmodSource extends LiveEngineSource<KmodStats> {
  private constructor(native: NativeLiveEngine<KmodStats>, meta: CaptureMetadata, reuseBuffers: boolean) {
    super(native, meta, 'kernel module capture: the capture is closed', reuseBuffers);
  }

  /**
   * Opens the module's devices, scans /proc and starts capturing. Throws a one-line
   * Error when the module is not loaded ("run `sinspect driver load`"), or when the
   * devices cannot be used (not root, another capture holds them).
   */
  static async open(options: KmodOptions = {}): Promise<KmodSource> {
    const missing = 'kernel module capture: this build of sinspect has no kmod engine';
    const { native, meta } = openAndScan<KmodStats>('KmodLive', missing, nativeKmodOptions(options));
    return new KmodSource(native, meta, options.reuseBuffers ?? false);
  }
}
