// Thread and process state, as libsinsp keeps it.
import { FdTable } from './fd.js';

/** PPM_CL_* thread flags that the state engine looks at (values from the event schema). */
export const ThreadFlag = {
  CLONE_FILES: 1 << 0,
  CLONE_FS: 1 << 1,
  CLONE_VM: 1 << 8,
  CLONE_THREAD: 1 << 10,
  NAME_CHANGED: 1 << 17,
  CLOSED: 1 << 18,
  CLONE_CHILD_CLEARTID: 1 << 20,
  CLONE_CHILD_SETTID: 1 << 21,
  CLONE_VFORK: 1 << 23,
  CLONE_NEWPID: 1 << 24,
  CHILD_IN_PIDNS: 1 << 25,
  IS_MAIN_THREAD: 1 << 30,
} as const;

/** What a thread remembers of its last enter event, so that the exit can be paired. */
export interface PendingEnter {
  type: number;
  ts: bigint;
  /** a private copy of the enter record (batch layout), decoded on demand */
  record: Buffer;
}

export class ThreadInfo {
  tid = -1;
  pid = -1;
  ptid = -1;
  sid = 0;
  vpgid = 0;
  comm = '';
  exe = '';
  exepath = '';
  args: string[] = [];
  env: string[] = [];
  cwd = '/';
  fdlimit = -1;
  flags = 0;
  uid = -1;
  gid = -1;
  loginuid = -1;
  vmsize = 0;
  vmrss = 0;
  vmswap = 0;
  pfmajor = 0;
  pfminor = 0;
  vtid = -1;
  vpid = -1;
  cgroups: Array<[string, string]> = [];
  root = '/';
  tty = 0;
  containerId = '';
  /** ns timestamp of the clone that created it (0 if unknown: from the initial list) */
  cloneTs = 0n;
  /** user+system cpu time consumed, ns (from procexit / proc list) */
  userTimeNs = 0n;
  systemTimeNs = 0n;
  /** time the thread was last seen executing a new program */
  lastExecTs = 0n;
  exeWritable = false;
  /** the fd table; threads of a group share the main thread's table object */
  fdTable = new FdTable();
  /** the fd number the last fd-based enter event operated on (-1 none) */
  lastFd = -1;
  /** last event seen for this thread */
  lastEventType = -1;
  lastEventTs = 0n;
  pending: PendingEnter | undefined;
  /** extra per-thread data other modules attach (chisels, containers) */
  readonly ext = new Map<string, unknown>();

  get isMainThread(): boolean {
    return this.tid === this.pid;
  }
}
