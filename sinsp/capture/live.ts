// Live capture through the CO-RE eBPF probe (native/driver/bpf, engine in
// native/scap/src/engine_bpf*.c).
//
// The probe sends exit events only, each carrying every parameter of the current
// event table (see native/driver/bpf/README.md). Batches come in the record layout
// of docs/ARCHITECTURE.md, merged across CPUs in timestamp order.
import { loadAddon } from './native.js';
import type { CaptureMetadata } from './types.js';
import { SYSCALL_NR_X86_64 } from '../generated/schema.js';

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

export interface SetFilter<T> {
  /** 'include': only these; 'exclude': all but these */
  mode: 'include' | 'exclude';
  values: T[];
}

export interface LiveOptions {
  /** bytes of read/write/send/recv data copied into events (default 80, as sysdig) */
  snaplen?: number;
  /** syscalls to capture, by name ('openat') or x86_64 number; default: all of them */
  syscalls?: Array<string | number>;
  /** decided in the kernel, by process id (tgid) */
  pidFilter?: SetFilter<number>;
  /** decided in the kernel, by thread name (comm, at most 15 characters) */
  commFilter?: SetFilter<string>;
  /** size of each CPU's ring buffer (rounded up to a power of two; default 8 MiB) */
  bufferBytesPerCpu?: number;
  /** non-syscall sources; default procExit, procFork, procExec, signalDeliver */
  tracepoints?: TracepointName[];
  /** drop syscalls that failed (returned an error) in the kernel */
  dropFailed?: boolean;
}

export interface LiveStats {
  /** events the probe wrote to the rings */
  events: number;
  /** records handed out by nextBatch */
  delivered: number;
  /** events lost, all causes */
  drops: number;
  dropsBuffer: number;
  dropsMaxSize: number;
  dropsScratch: number;
  dropsTailCall: number;
  dropsBug: number;
  /** events dropped on purpose by pidFilter/commFilter */
  filtered: number;
  /** parameters left empty because memory could not be read */
  readFaults: number;
}

interface NativeBpfLive {
  start(): void;
  stop(): void;
  nextBatch(timeoutMs: number): { data: Buffer; count: number };
  stats(): LiveStats;
  close(): void;
  ncpus(): number;
}

type NativeBpfLiveClass = new (opts: Record<string, unknown>) => NativeBpfLive;

/** Metadata when no /proc scanner is available: machine and process list unknown. */
function emptyMeta(): CaptureMetadata {
  return {
    formatVersion: { major: 1, minor: 2 },
    machine: null,
    hasProcessList: false,
    threads: [],
    interfaces: null,
    hasUserList: false,
    users: [],
    groups: [],
  };
}

/** The initial state of the machine, from sinsp/capture/procscan.ts when it is built. */
async function scanMachine(): Promise<CaptureMetadata> {
  const modPath = './procscan.js';
  let mod: { scanProc?: () => CaptureMetadata | Promise<CaptureMetadata> };
  try {
    mod = (await import(modPath)) as typeof mod;
  } catch {
    return emptyMeta();
  }
  return mod.scanProc ? await mod.scanProc() : emptyMeta();
}

function syscallNumbers(list: Array<string | number>): number[] {
  return list.map((s) => {
    if (typeof s === 'number') return s;
    const nr = SYSCALL_NR_X86_64[s];
    if (nr === undefined) throw new Error(`unknown syscall: ${s}`);
    return nr;
  });
}

function nativeOptions(o: LiveOptions): Record<string, unknown> {
  const tps = o.tracepoints ?? DEFAULT_TRACEPOINTS;
  const opts: Record<string, unknown> = {
    snaplen: o.snaplen ?? 80,
    bufferBytesPerCpu: o.bufferBytesPerCpu ?? 0,
    tracepoints: tps.reduce((bits, t) => bits | Tracepoint[t], 0),
    dropFailed: o.dropFailed ?? false,
  };
  if (o.syscalls) opts.syscalls = syscallNumbers(o.syscalls);
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

export class LiveSource {
  private closed = false;

  private constructor(
    private readonly native: NativeBpfLive,
    /** processes, fds, users, interfaces and machine as they were when the capture opened */
    readonly meta: CaptureMetadata,
  ) {}

  /**
   * Loads and attaches the probe, scans /proc, and starts capturing. Throws a
   * one-line Error when the machine cannot do it (not root, no BTF, old kernel).
   */
  static async open(options: LiveOptions = {}): Promise<LiveSource> {
    const addon = loadAddon();
    const Ctor = addon.BpfLive as NativeBpfLiveClass | undefined;
    if (!Ctor) throw new Error('live capture: this build of sinspect has no eBPF probe');
    const native = new Ctor(nativeOptions(options));
    try {
      // Start before scanning /proc: a process created during the scan is then
      // seen either by the scan or by the capture, never by neither.
      native.start();
      const meta = await scanMachine();
      return new LiveSource(native, meta);
    } catch (e) {
      native.close();
      throw e;
    }
  }

  /**
   * The events that arrived since the last call, waiting up to timeoutMs for the
   * first one. count is 0 when none arrived in time.
   */
  nextBatch(timeoutMs = 100): { buf: Buffer; count: number } {
    if (this.closed) throw new Error('live capture: the capture is closed');
    const b = this.native.nextBatch(timeoutMs);
    return { buf: b.data, count: b.count };
  }

  stats(): LiveStats {
    return this.native.stats();
  }

  /** Stops the probe from producing events; those already captured stay readable. */
  stop(): void {
    if (!this.closed) this.native.stop();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.native.close();
  }
}
