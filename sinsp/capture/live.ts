// Live capture through the CO-RE eBPF probe (native/driver/bpf, engine in
// native/scap/src/engine_bpf*.c).
//
// The probe sends exit events only, each carrying every parameter of the current
// event table (see native/driver/bpf/README.md). Batches come in the record layout
// of docs/ARCHITECTURE.md, merged across CPUs in timestamp order.
import type { CaptureMetadata } from './types.js';
import type { Compat029Stats } from './compat029.js';
import { nativeCompat029Table } from './compat029-native.js';
import {
  LiveEngineSource,
  nativeCommonOptions,
  openAndScan,
  type CommonLiveOptions,
  type CommonLiveStats,
  type NativeLiveEngine,
} from './live-engine.js';

/** Non-syscall event sources of the probe (bits of the engine's `tracepoints`). */
export const Tracepoint = {
  procExit: 1 << 0,
  procFork: 1 << 1,
  procExec: 1 << 2,
  schedSwitch: 1 << 3,
  pageFault: 1 << 4,
  signalDeliver: 1 << 5,
} as const;
export type TracepointName = keyof typeof Tracepoint;

const DEFAULT_TRACEPOINTS: TracepointName[] = ['procExit', 'procFork', 'procExec', 'signalDeliver'];

export interface LiveOptions extends CommonLiveOptions {
  /** size of each CPU's ring buffer (rounded up to a power of two; default 8 MiB) */
  bufferBytesPerCpu?: number;
  /** non-syscall sources; default procExit, procFork, procExec, signalDeliver */
  tracepoints?: TracepointName[];
}

export interface LiveStats extends CommonLiveStats {
  /** no scratch area or ring for a CPU */
  dropsScratch: number;
  /** no program for a syscall */
  dropsTailCall: number;
}

function nativeOptions(o: LiveOptions): Record<string, unknown> {
  const tps = o.tracepoints ?? DEFAULT_TRACEPOINTS;
  const opts = nativeCommonOptions(o, tps.reduce((bits, t) => bits | Tracepoint[t], 0));
  opts.bufferBytesPerCpu = o.bufferBytesPerCpu ?? 0;
  return opts;
}

export class LiveSource extends LiveEngineSource<LiveStats> {
  private constructor(native: NativeLiveEngine<LiveStats>, meta: CaptureMetadata, reuseBuffers: boolean) {
    super(native, meta, 'live capture: the capture is closed', reuseBuffers);
  }

  /**
   * From now on batches come in sysdig 0.29.3's table, converted by the addon
   * (compat029.h; the table is compat029-table.ts's, see compat029-native.ts).
   */
  convertTo029(): void {
    this.native.convertTo029(nativeCompat029Table());
  }

  /** what the 0.29.3 conversion did so far */
  converterStats(): Compat029Stats {
    return this.native.converterStats();
  }

  /**
   * Writes the capture to a .scap file from a thread of the addon: metadata now, then
   * every batch as nextBatch would return it, until endRecording(). Meanwhile only
   * stop(), recordingError(), endRecording() and close() may be called.
   */
  recordTo(path: string, options: { compress: boolean; meta: CaptureMetadata }): void {
    this.native.recordTo(path, options.compress, options.meta);
  }

  /** recordTo without a file: the thread takes every batch and only counts its records */
  drainInBackground(): void {
    this.native.drainInBackground();
  }

  /** the error that ended the recording thread early, if one did */
  recordingError(): string | undefined {
    return this.native.recordingError();
  }

  /**
   * Call after stop(): the thread writes what the rings still hold, the file is closed.
   * Throws the thread's first error (the records before it are in the file).
   */
  endRecording(): { records: number } {
    return this.native.endRecording();
  }

  /**
   * Loads and attaches the probe, scans /proc, and starts capturing. Throws a
   * one-line Error when the machine cannot do it (not root, no BTF, old kernel).
   */
  static async open(options: LiveOptions = {}): Promise<LiveSource> {
    const missing = 'live capture: this build of sinspect has no eBPF probe';
    const { native, meta } = openAndScan<LiveStats>('BpfLive', missing, nativeOptions(options));
    return new LiveSource(native, meta, options.reuseBuffers ?? false);
  }
}
