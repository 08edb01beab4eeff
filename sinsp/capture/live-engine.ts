// What the eBPF probe's source (live.ts) and the kernel module's (kmod.ts) share:
// the addon class over either C engine (native/scap/src/live_engine_binding.h),
// starting it before the /proc scan, and handing out batches until it is closed.
import { loadAddon } from './native.js';
import { scanProc } from './procscan.js';
import type { CaptureMetadata } from './types.js';
import type { EventSource } from './open.js';
import { SYSCALL_NR_X86_64 } from '../generated/schema.js';
import type { NativeCompat029Table } from './compat029-native.js';
import type { Compat029Stats } from './compat029.js';
import { checkKernelFilterSizes, type SetFilter } from './kernel-filter-limits.js';
import type { PushdownPlan } from './pushdown.js';

/** The addon object of either engine. */
export interface NativeLiveEngine<Stats> {
  start(): void;
  stop(): void;
  /** with `into`, the records are written into it (as many as fit) and data is `into` */
  nextBatch(timeoutMs: number, into?: Buffer): { data: Buffer; count: number; len: number };
  stats(): Stats;
  close(): void;
  ncpus(): number;
  /** from now on batches come in sysdig 0.29.3's table (native/scap/src/compat029.h) */
  convertTo029(table: NativeCompat029Table): void;
  converterStats(): Compat029Stats;
  /** a thread of the addon writes every batch to a .scap file until endRecording() */
  recordTo(path: string, compress: boolean, meta: CaptureMetadata): void;
  /** recordTo without a file: the thread only counts the records */
  drainInBackground(): void;
  /** the first error of the recording thread, once it met one (it has then stopped) */
  recordingError(): string | undefined;
  endRecording(): { records: number };
}

export type NativeLiveEngineClass<Stats> = new (opts: Record<string, unknown>) => NativeLiveEngine<Stats>;

/** Syscalls by name ('openat') or x86_64 number, as numbers; throws on an unknown name. */
export function syscallNumbers(list: Array<string | number>): number[] {
  return list.map((s) => {
    if (typeof s === 'number') return s;
    const nr = SYSCALL_NR_X86_64[s];
    if (nr === undefined) throw new Error(`unknown syscall: ${s}`);
    return nr;
  });
}

/** The counters both engines keep (native/scap/src/live_engine_binding.h). */
export interface CommonLiveStats {
  /** events the driver wrote to the rings */
  events: number;
  /** records handed out by nextBatch */
  delivered: number;
  /** events lost, all causes */
  drops: number;
  /** lost because a ring was full */
  dropsBuffer: number;
  /** lost because they were larger than an event may be */
  dropsMaxSize: number;
  /** refused by the driver as malformed */
  dropsBug: number;
  /** parameters left empty because memory could not be read */
  readFaults: number;
  /** events left out on purpose by pidFilter/commFilter (not a loss) */
  filtered: number;
}

/** The options both engines take. */
export interface CommonLiveOptions {
  /** bytes of read/write/send/recv data copied into events (default 80, as sysdig) */
  snaplen?: number;
  /** syscalls to capture, by name ('openat') or x86_64 number; default: all of them */
  syscalls?: Array<string | number>;
  /** drop syscalls that failed (returned an error) in the kernel */
  dropFailed?: boolean;
  /** decided in the kernel, by process id (tgid); at most KERNEL_FILTER_LIMITS.pids */
  pidFilter?: SetFilter<number>;
  /** decided in the kernel, by thread name (comm, at most 15 bytes, longer names are cut); at most KERNEL_FILTER_LIMITS.comms */
  commFilter?: SetFilter<string>;
  /**
   * Reuse batch Buffers: a batch's Buffer is overwritten by the third nextBatch() call
   * after the one that returned it, so records kept longer must be copied (the
   * inspector copies what it keeps). A fresh Buffer per batch costs a copy, page faults
   * and garbage collection: at millions of events per second, CPU time taken from the
   * traced processes on a small machine.
   */
  reuseBuffers?: boolean;
}

/** Buffers that take turns with reuseBuffers: the batch in use, the one before, the next */
const REUSED_BUFFERS = 3;
/** as large as the addon's own batch (live_engine_binding.h) */
const REUSED_BUFFER_BYTES = 8 << 20;

/** Those options as the addon takes them, with the engine's tracepoint bits. */
export function nativeCommonOptions(o: CommonLiveOptions, tracepoints: number): Record<string, unknown> {
  const opts: Record<string, unknown> = { snaplen: o.snaplen ?? 80, tracepoints, dropFailed: o.dropFailed ?? false };
  if (o.syscalls) opts.syscalls = syscallNumbers(o.syscalls);
  checkKernelFilterSizes(o);
  if (o.pidFilter) {
    opts.pidMode = o.pidFilter.mode;
    opts.pids = o.pidFilter.values;
  }
  if (o.commFilter) {
    opts.commMode = o.commFilter.mode;
    opts.comms = o.commFilter.values;
  }
  return opts;
}

/**
 * Opens the addon's engine `className` (`missing`: the error when this build has none),
 * starts capturing, then scans /proc: a process created during the scan is then seen
 * either by the scan or by the capture, never by neither. The engine is closed if
 * either step fails.
 */
export function openAndScan<Stats>(
  className: string,
  missing: string,
  opts: Record<string, unknown>,
): { native: NativeLiveEngine<Stats>; meta: CaptureMetadata } {
  const Ctor = loadAddon()[className] as NativeLiveEngineClass<Stats> | undefined;
  if (!Ctor) throw new Error(missing);
  const native = new Ctor(opts);
  try {
    native.start();
    return { native, meta: scanProc() };
  } catch (e) {
    native.close();
    throw e;
  }
}

/** A started capture of either engine. */
export class LiveEngineSource<Stats> {
  private closed = false;
  /** with reuseBuffers: the Buffers batches are written into, in turn */
  private readonly reused: Buffer[] | undefined;
  private nextReused = 0;

  protected constructor(
    protected readonly native: NativeLiveEngine<Stats>,
    /** processes, fds, users, interfaces and machine as they were when the capture opened */
    readonly meta: CaptureMetadata,
    /** the error nextBatch throws once the capture is closed */
    private readonly closedMessage: string,
    reuseBuffers = false,
  ) {
    this.reused = reuseBuffers ? [] : undefined;
  }

  /**
   * The events that arrived since the last call, waiting up to timeoutMs for the
   * first one. count is 0 when none arrived in time.
   */
  nextBatch(timeoutMs = 100): { buf: Buffer; count: number } {
    if (this.closed) throw new Error(this.closedMessage);
    const reused = this.reused;
    if (reused === undefined) {
      const b = this.native.nextBatch(timeoutMs);
      return { buf: b.data, count: b.count };
    }
    const i = this.nextReused;
    // allocated on first use, outside the pool; pages are touched only as far as batches reach
    const into = (reused[i] ??= Buffer.allocUnsafeSlow(REUSED_BUFFER_BYTES));
    const b = this.native.nextBatch(timeoutMs, into);
    if (b.count === 0) return { buf: into.subarray(0, 0), count: 0 };
    this.nextReused = (i + 1) % REUSED_BUFFERS;
    return { buf: into.subarray(0, b.len), count: b.count };
  }

  stats(): Stats {
    return this.native.stats();
  }

  /** Stops the driver from producing events; those already captured stay readable. */
  stop(): void {
    if (!this.closed) this.native.stop();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.native.close();
  }
}

/**
 * A live source as the inspector reads it. nextBatch() returns empty batches while the
 * machine is idle and null once stop() was called (Ctrl-C, -M, -n), after handing out
 * what the driver had already captured. Subclasses may rewrite each batch (convert).
 */
export class LiveEventSourceBase<Stats> implements EventSource {
  private stopping = false;
  private drained = false;

  constructor(
    private readonly source: LiveEngineSource<Stats>,
    /** what the capture filter let the driver decide (filter pushdown) */
    readonly pushdown: PushdownPlan = { notes: [] },
  ) {}

  get meta(): CaptureMetadata {
    return this.source.meta;
  }

  nextBatch(): { buf: Buffer; count: number } | null {
    if (this.drained) return null;
    if (this.stopping) {
      // one last look at what is already in the rings
      const b = this.source.nextBatch(0);
      if (b.count === 0) {
        this.drained = true;
        return null;
      }
      return b;
    }
    return this.source.nextBatch(100);
  }

  /** ask the capture to end: the rings are drained, then nextBatch returns null */
  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    this.source.stop();
  }

  stats(): Stats {
    return this.source.stats();
  }

  close(): void {
    this.source.close();
  }
}
