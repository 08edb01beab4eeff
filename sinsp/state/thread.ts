// Thread and process state, as libsinsp keeps it.
import { FdTable, type FdInfo } from './fd.js';

/** PPM_CL_* thread flags (driver values) plus libsinsp's own bits in the same word. */
export const ThreadFlag = {
  CLONE_FILES: 1 << 0,
  CLONE_FS: 1 << 1,
  CLONE_NEWPID: 1 << 6,
  CLONE_PARENT: 1 << 8,
  CLONE_THREAD: 1 << 13,
  CLONE_VM: 1 << 15,
  /** libsinsp: clone() returned in the child before the parent */
  CLONE_INVERTED: 1 << 16,
  /** libsinsp: the name changed (set at creation and by execve) */
  NAME_CHANGED: 1 << 17,
  /** libsinsp: the thread exited (procexit seen) */
  CLOSED: 1 << 18,
  /** libsinsp: seen doing something other than returning from clone */
  ACTIVE: 1 << 19,
  CLONE_NEWUSER: 1 << 20,
  /** libsinsp: dup'ed something onto stdout (shell pipe source heuristic) */
  PIPE_SRC: 1 << 21,
  /** libsinsp: dup'ed something onto stdin (shell pipe destination heuristic) */
  PIPE_DST: 1 << 22,
  CLONE_CHILD_CLEARTID: 1 << 23,
  CLONE_CHILD_SETTID: 1 << 24,
  CLONE_VFORK: 1 << 27,
  CLONE_NEWCGROUP: 1 << 28,
  CHILD_IN_PIDNS: 1 << 29,
  IS_MAIN_THREAD: 1 << 30,
} as const;

/** sinsp_threadinfo::m_category: how the process relates to its container. */
export const ThreadCategory = {
  NONE: 0,
  CONTAINER: 1,
  HEALTHCHECK: 2,
  LIVENESS_PROBE: 3,
  READINESS_PROBE: 4,
} as const;

/** "no event" marker for lastEventType (libsinsp stores -1 in a u16). */
export const NO_EVENT_TYPE = 0xffff;

/** What a thread remembers of its last stored enter event, so that the exit can be paired. */
export interface PendingEnter {
  type: number;
  ts: bigint;
  /** the enter record (batch layout); valid until the thread's next stored enter */
  record: Buffer;
}

/** Lookups a thread needs from its table (main thread of its process, parent). */
export interface ThreadOwner {
  /** the main thread of t's process, creating a placeholder as libsinsp does; undefined if the table is full */
  mainThreadOf(t: ThreadInfo): ThreadInfo | undefined;
  /** an existing thread, no placeholder */
  find(tid: number): ThreadInfo | undefined;
}

const TWO32 = 4294967296;

export class ThreadInfo {
  tid = -1;
  pid = -1;
  ptid = -1;
  sid = -1;
  vpgid = -1;
  comm = '';
  exe = '';
  exepath = '';
  args: string[] = [];
  env: string[] = [];
  /** the working directory (always with a trailing '/'); meaningful on the main thread */
  cwd = '';
  fdlimit = -1;
  /** PPM_CL_* / ThreadFlag bits */
  flags = ThreadFlag.NAME_CHANGED as number;
  /** credentials as u32 (0xffffffff: unknown) */
  uid = 0;
  gid = 0;
  loginuid = 0;
  /** kB */
  vmsize = 0;
  vmrss = 0;
  vmswap = 0;
  pfmajor = 0;
  pfminor = 0;
  vtid = -1;
  vpid = -1;
  /** [subsystem, path] pairs, subsystem names normalised as libsinsp does */
  cgroups: Array<[string, string]> = [];
  root = '';
  tty = 0;
  containerId = '';
  /** ThreadCategory */
  category: number = ThreadCategory.NONE;
  /** ns timestamp of the clone that created it (0 if unknown) */
  cloneTs = 0n;
  /** user+system cpu time consumed, ns (not tracked by sysdig 0.29.3 from files) */
  userTimeNs = 0n;
  systemTimeNs = 0n;
  /** time the thread was last seen executing a new program */
  lastExecTs = 0n;
  exeWritable = false;
  /** made on first use: threads created with CLONE_FILES never use their own */
  private ownFdTable: FdTable | undefined = undefined;
  /** this thread's own fd table; use getFdTable() for the one in effect (CLONE_FILES shares the main thread's) */
  get fdTable(): FdTable {
    let t = this.ownFdTable;
    if (t === undefined) {
      t = new FdTable();
      this.ownFdTable = t;
    }
    return t;
  }
  set fdTable(t: FdTable) {
    this.ownFdTable = t;
  }
  /** number of other threads of this process (kept on the main thread) */
  nchilds = 0;
  /** libsinsp's m_lastevent_fd: the fd of the last fd-based event */
  lastFd = 0;
  /** type of the last enter event (NO_EVENT_TYPE: none, or reset by a dropping filter) */
  lastEventType: number = NO_EVENT_TYPE;
  /** latency of the last exit event, ns */
  latency = 0;
  /** the stored enter record (libsinsp's m_lastevent_data), kept for the matching exit */
  lastEventData: Buffer | undefined;
  lastEventDataLen = 0;
  /** libsinsp's m_lastevent_cpuid: 0xffff means the stored data is not valid for the current exit */
  lastEventCpu = 0xffff;
  /** enter timestamp of the current syscall, split in u32 halves (0/0: none) */
  latencyEnterHi = 0;
  latencyEnterLo = 0;
  /** timestamps of this thread's last and previous events, split in u32 halves */
  lastEventTsHi = 0;
  lastEventTsLo = 0;
  prevEventTsHi = 0;
  prevEventTsLo = 0;
  /** set once the thread is gone from the table (cached references must not be used) */
  removed = false;
  /** the table this thread lives in */
  owner: ThreadOwner | undefined;
  /** cached main thread (libsinsp's m_main_thread weak pointer) */
  mainThreadCache: ThreadInfo | undefined;
  /** extra per-thread data other modules attach (chisels, containers) */
  readonly ext = new Map<string, unknown>();

  get isMainThread(): boolean {
    return this.tid === this.pid || (this.flags & ThreadFlag.IS_MAIN_THREAD) !== 0;
  }

  /** timestamp of this thread's last event, ns */
  get lastEventTs(): bigint {
    return (BigInt(this.lastEventTsHi) << 32n) | BigInt(this.lastEventTsLo);
  }
  /** timestamp of the event before the last one, ns */
  get prevEventTs(): bigint {
    return (BigInt(this.prevEventTsHi) << 32n) | BigInt(this.prevEventTsLo);
  }
  /** the same as float ns (ordering only) */
  get lastEventTsApprox(): number {
    return this.lastEventTsHi * TWO32 + this.lastEventTsLo;
  }

  /** libsinsp's get_main_thread(): itself for a main thread, else the process' main thread */
  getMainThread(): ThreadInfo | undefined {
    if (this.tid === this.pid || this.flags & ThreadFlag.IS_MAIN_THREAD) return this;
    const c = this.mainThreadCache;
    if (c !== undefined && !c.removed) return c;
    const m = this.owner?.mainThreadOf(this);
    this.mainThreadCache = m;
    return m;
  }

  /** the fd table in effect: the main thread's when the thread was created with CLONE_FILES */
  getFdTable(): FdTable | undefined {
    if (!(this.flags & ThreadFlag.CLONE_FILES)) return this.fdTable;
    return this.getMainThread()?.fdTable;
  }

  /** libsinsp's get_fd(): the fd entry (remembering its current name as the old one) */
  getFd(fd: number): FdInfo | undefined {
    if (fd < 0) return undefined;
    const t = this.flags & ThreadFlag.CLONE_FILES ? this.getMainThread()?.fdTable : this.fdTable;
    if (t === undefined) return undefined;
    const e = t.fds.get(fd);
    if (e !== undefined) e.oldName = e.name;
    return e;
  }

  /** the working directory, as libsinsp reads it (the main thread's; './' if there is none) */
  getCwd(): string {
    const m = this.getMainThread();
    return m ? m.cwd : './';
  }

  /** the environment (kept by the main thread) */
  getEnv(): string[] {
    if (this.isMainThread) return this.env;
    return this.getMainThread()?.env ?? this.env;
  }

  /** the parent process' thread, if in the table */
  getParent(): ThreadInfo | undefined {
    return this.owner?.find(this.ptid);
  }

  /** the cgroup of a subsystem ('/' when absent) */
  getCgroup(subsys: string): string {
    for (const [k, v] of this.cgroups) if (k === subsys) return v;
    return '/';
  }

  /** the last stored enter event, while it still matches the current exit */
  get pending(): PendingEnter | undefined {
    const d = this.lastEventData;
    if (d === undefined || this.lastEventCpu === 0xffff) return undefined;
    const rec = d.subarray(0, this.lastEventDataLen);
    return { type: rec.readUInt16LE(28), ts: rec.readBigUInt64LE(8), record: rec };
  }
}
