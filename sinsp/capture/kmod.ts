// Live capture through the sinspect kernel module (native/driver/kmod, engine in
// native/scap/src/engine_kmod*.c). Same surface as the eBPF LiveSource.
//
// The module sends enter and exit events in the parameter layouts sysdig 0.29.3
// reads (as its own kernel module did), so files written from this source read
// back in sysdig 0.29.3 unchanged. Batches come in the record layout of
// docs/ARCHITECTURE.md, merged across CPUs in timestamp order.
import { loadAddon } from './native.js';
import { scanProc } from './procscan.js';
import type { CaptureMetadata } from './types.js';
import { SYSCALL_NR_X86_64 } from '../generated/schema.js';

/** Non-syscall event sources of the module (its SINSPECT_KMOD_TP_* bits). */
export const KmodTracepoint = {
  procExit: 1 << 0,
  schedSwitch: 1 << 1,
  pageFault: 1 << 2,
  signalDeliver: 1 << 3,
} as const;
export type KmodTracepointName = keyof typeof KmodTracepoint;

const DEFAULT_TRACEPOINTS: KmodTracepointName[] = ['procExit', 'signalDeliver'];

export interface KmodOptions {
  /** bytes of read/write/send/recv data copied into events (default 80, as sysdig) */
  snaplen?: number;
  /** syscalls to capture, by name ('openat') or x86_64 number; default: all of them */
  syscalls?: Array<string | number>;
  /** non-syscall sources; default procExit and signalDeliver */
  tracepoints?: KmodTracepointName[];
  /** drop the exit events of syscalls that failed */
  dropFailed?: boolean;
  /** where the /dev/sinspect<cpu> devices are (default /dev) */
  devDir?: string;
}

export interface KmodStats {
  /** events the module wrote to the rings */
  events: number;
  /** records handed out by nextBatch */
  delivered: number;
  /** events lost, all causes */
  drops: number;
  dropsBuffer: number;
  dropsMaxSize: number;
  /** events that began while another was being built on the same CPU */
  dropsNested: number;
  dropsBug: number;
  /** parameters left empty because memory could not be read */
  readFaults: number;
  contextSwitches: number;
}

interface NativeKmodLive {
  start(): void;
  stop(): void;
  nextBatch(timeoutMs: number): { data: Buffer; count: number };
  stats(): KmodStats;
  close(): void;
  ncpus(): number;
}

type NativeKmodLiveClass = new (opts: Record<string, unknown>) => NativeKmodLive;

function syscallNumbers(list: Array<string | number>): number[] {
  return list.map((s) => {
    if (typeof s === 'number') return s;
    const nr = SYSCALL_NR_X86_64[s];
    if (nr === undefined) throw new Error(`unknown syscall: ${s}`);
    return nr;
  });
}

export function nativeKmodOptions(o: KmodOptions): Record<string, unknown> {
  const tps = o.tracepoints ?? DEFAULT_TRACEPOINTS;
  const opts: Record<string, unknown> = {
    snaplen: o.snaplen ?? 80,
    tracepoints: tps.reduce((bits, t) => bits | KmodTracepoint[t], 0),
    dropFailed: o.dropFailed ?? false,
  };
  if (o.syscalls) opts.syscalls = syscallNumbers(o.syscalls);
  if (o.devDir) opts.devDir = o.devDir;
  return opts;
}

export class KmodSource {
  private closed = false;

  private constructor(
    private readonly native: NativeKmodLive,
    /** processes, fds, users, interfaces and machine as they were when the capture opened */
    readonly meta: CaptureMetadata,
  ) {}

  /**
   * Opens the module's devices, scans /proc and starts capturing. Throws a one-line
   * Error when the module is not loaded ("run `sinspect driver load`"), or when the
   * devices cannot be used (not root, another capture holds them).
   */
  static async open(options: KmodOptions = {}): Promise<KmodSource> {
    const Ctor = loadAddon().KmodLive as NativeKmodLiveClass | undefined;
    if (!Ctor) throw new Error('kernel module capture: this build of sinspect has no kmod engine');
    const native = new Ctor(nativeKmodOptions(options));
    try {
      // Start before scanning /proc: a process created during the scan is then
      // seen either by the scan or by the capture.
      native.start();
      const meta = scanProc();
      return new KmodSource(native, meta);
    } catch (e) {
      native.close();
      throw e;
    }
  }

  /** The events that arrived since the last call, waiting up to timeoutMs for the first. */
  nextBatch(timeoutMs = 100): { buf: Buffer; count: number } {
    if (this.closed) throw new Error('kernel module capture: the capture is closed');
    const b = this.native.nextBatch(timeoutMs);
    return { buf: b.data, count: b.count };
  }

  stats(): KmodStats {
    return this.native.stats();
  }

  /** Stops the module from producing events; those already captured stay readable. */
  stop(): void {
    if (!this.closed) this.native.stop();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.native.close();
  }
}
