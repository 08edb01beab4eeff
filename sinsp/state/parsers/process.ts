// Process lifecycle: clone/fork/vfork/clone3 exits create threads, execve/execveat
// exits replace the program, procexit schedules the thread's removal.
import type { Event } from '../../event/event.js';
import { PPME } from '../../generated/schema.js';
import { parseCgroupsParam } from '../cgroups.js';
import { resolveContainer } from '../containers.js';
import type { StateEngine } from '../engine.js';
import { concatenatePaths } from '../paths.js';
import { ThreadFlag, ThreadInfo } from '../thread.js';
import { readBytes, readEnvList, readI64, readStr, readStrList, readU } from './read.js';
import type { ParserTable } from './index.js';

/** libsinsp's CLONE_STALE_TIME_NS */
const CLONE_STALE_TIME_NS = 2000000000n;
const PPM_AT_FDCWD = -100;
const PPM_EXVAT_AT_EMPTY_PATH = 1;
const PPM_EXE_WRITABLE = 1;

/** where each clone-like exit keeps what (the layouts changed over driver versions) */
interface CloneLayout {
  flags: number;
  uid: number;
  /** comm parameter, -1: comm is the exe */
  comm: number;
  /** has pgflt/vm params 8..12 */
  mem: boolean;
  /** vtid/vpid at 18/19 and cgroups at 14 */
  v20: boolean;
}

const L11: CloneLayout = { flags: 8, uid: 9, comm: -1, mem: false, v20: false };
const L16: CloneLayout = { flags: 13, uid: 14, comm: -1, mem: true, v20: false };
const L17: CloneLayout = { flags: 14, uid: 15, comm: 13, mem: true, v20: false };
const L20: CloneLayout = { flags: 15, uid: 16, comm: 13, mem: true, v20: true };

const CLONE_LAYOUTS = new Map<number, CloneLayout>([
  [PPME.SYSCALL_CLONE_11_X, L11],
  [PPME.SYSCALL_CLONE_16_X, L16],
  [PPME.SYSCALL_FORK_X, L16],
  [PPME.SYSCALL_VFORK_X, L16],
  [PPME.SYSCALL_CLONE_17_X, L17],
  [PPME.SYSCALL_FORK_17_X, L17],
  [PPME.SYSCALL_VFORK_17_X, L17],
  [PPME.SYSCALL_CLONE_20_X, L20],
  [PPME.SYSCALL_FORK_20_X, L20],
  [PPME.SYSCALL_VFORK_20_X, L20],
  [PPME.SYSCALL_CLONE3_X, L20],
]);

/** the cgroups list parameter i (shared with the threads that have the same one) */
function readCgroups(ev: Event, i: number): Array<[string, string]> {
  if (i >= ev.nparams) return [];
  const o = ev.paramOffset(i);
  return parseCgroupsParam(ev.buf, o, o + ev.paramLength(i));
}

function isPlaceholder(t: ThreadInfo): boolean {
  return t.comm === '<NA>' && t.uid === 0xffffffff;
}

function copyIdentity(to: ThreadInfo, from: ThreadInfo, withEnv: boolean, withExeWritable: boolean): void {
  to.comm = from.comm;
  to.exe = from.exe;
  to.exepath = from.exepath;
  if (withExeWritable) to.exeWritable = from.exeWritable;
  to.args = from.args;
  to.root = from.root;
  to.sid = from.sid;
  to.vpgid = from.vpgid;
  to.tty = from.tty;
  to.loginuid = from.loginuid;
  if (withEnv) to.env = from.env;
}

/** sinsp_parser::parse_clone_exit */
function parseCloneExit(e: StateEngine, ev: Event): void {
  const st = e.state;
  const layout = CLONE_LAYOUTS.get(ev.type)!;
  let tid = ev.tid;
  let childtid = readI64(ev, 0);
  const flags = readU(ev, layout.flags) >>> 0;
  if (childtid < 0) return;
  let vtid = tid;
  let vpid = -1;
  if (layout.v20) {
    vtid = readI64(ev, 18);
    vpid = readI64(ev, 19);
  }
  const inContainer = (flags & ThreadFlag.CHILD_IN_PIDNS) !== 0 || tid !== vtid;
  let invertedClone = false;
  let tidCollision = false;

  if (childtid === 0) {
    // clone() returning in the child
    if (ev.thread && ev.thread.cloneTs !== 0n && e.ts - ev.thread.cloneTs > CLONE_STALE_TIME_NS) {
      st.removeThread(tid, true);
      ev.thread = undefined;
    }
    const parenttid = flags & ThreadFlag.CLONE_THREAD ? readI64(ev, 4) : readI64(ev, 5);
    if (!ev.thread) {
      // the child returned first (or the parent's exit was lost): create it from here
      invertedClone = true;
      childtid = tid;
      tid = parenttid;
    } else {
      if (inContainer) {
        ev.thread.vtid = vtid;
        ev.thread.vpid = vpid;
      }
      return;
    }
  } else if (inContainer) {
    // the parent only sees the child's namespaced tid: wait for the child's own exit
    return;
  }

  let ptinfo = st.getThread(tid, true);
  if (!ptinfo) return;
  const validParent = !isPlaceholder(ptinfo);

  const existing = st.find(childtid);
  if (existing) {
    if (existing.flags & ThreadFlag.CLONE_INVERTED) return;
    st.removeThread(childtid, true);
    tidCollision = true;
  }

  const t = new ThreadInfo();
  t.tid = childtid;
  t.ptid = tid;
  const isThread = (flags & ThreadFlag.CLONE_THREAD) !== 0;
  if (validParent) {
    copyIdentity(t, ptinfo, !isThread, true);
  } else {
    // a placeholder parent: look it up again (a file has no /proc: it stays a placeholder)
    st.removeThread(tid, true);
    tidCollision = true;
    ptinfo = st.getThread(tid, true);
    if (!ptinfo) return;
    if (!isPlaceholder(ptinfo)) {
      copyIdentity(t, ptinfo, !isThread, false);
    } else {
      t.exe = readStr(ev, 1);
      t.comm = layout.comm < 0 ? t.exe : readStr(ev, layout.comm);
      t.args = readStrList(ev, 2);
      ptinfo.comm = t.comm;
      ptinfo.exe = t.exe;
      ptinfo.exepath = t.exepath;
      ptinfo.args = readStrList(ev, 2);
    }
  }

  t.pid = readI64(ev, 4);
  t.flags = flags;
  if (!isThread) {
    t.pid = childtid;
    t.fdTable = ptinfo.getFdTable()?.cloneTable() ?? t.fdTable;
    t.cwd = ptinfo.getCwd();
  }
  if (invertedClone) t.flags |= ThreadFlag.CLONE_INVERTED;

  t.exe = readStr(ev, 1);
  t.comm = layout.comm < 0 ? t.exe : readStr(ev, layout.comm);
  t.args = readStrList(ev, 2);
  t.fdlimit = readI64(ev, 7);
  if (layout.mem) {
    t.pfmajor = readU(ev, 8);
    t.pfminor = readU(ev, 9);
    t.vmsize = readU(ev, 10);
    t.vmrss = readU(ev, 11);
    t.vmswap = readU(ev, 12);
  }
  t.uid = readU(ev, layout.uid) >>> 0;
  t.gid = readU(ev, layout.uid + 1) >>> 0;
  if (inContainer) {
    t.vtid = vtid;
    t.vpid = vpid;
  } else {
    t.vtid = t.tid;
    t.vpid = t.pid;
  }
  t.owner = st;
  if (layout.v20) {
    t.cgroups = readCgroups(ev, 14);
    resolveContainer(st, t);
  }
  t.cloneTs = e.ts;
  st.addThread(t, false);
  if (tidCollision) e.reset(ev);
}

/** sinsp_parser::parse_execve_exit */
function parseExecveExit(e: StateEngine, ev: Event): void {
  if (readI64(ev, 0) < 0) return;
  const t = ev.thread;
  if (!t) return;
  const type = ev.type;
  const np = e.numParams(ev);
  const old = type === PPME.SYSCALL_EXECVE_8_X || type === PPME.SYSCALL_EXECVE_13_X || type === PPME.SYSCALL_EXECVE_14_X;
  t.exe = readStr(ev, 1);
  t.comm = old ? t.exe : readStr(ev, 13);
  t.args = readStrList(ev, 2);
  t.pid = readI64(ev, 4);
  if (t.ptid === -1) t.ptid = readI64(ev, 5);
  t.fdlimit = readI64(ev, 7);
  if (type !== PPME.SYSCALL_EXECVE_8_X) {
    t.pfmajor = readU(ev, 8);
    t.pfminor = readU(ev, 9);
    t.vmsize = readU(ev, 10);
    t.vmrss = readU(ev, 11);
    t.vmswap = readU(ev, 12);
  }
  if (type === PPME.SYSCALL_EXECVE_14_X) {
    t.env = readEnvList(ev, 13);
  } else if (type === PPME.SYSCALL_EXECVE_15_X) {
    t.env = readEnvList(ev, 14);
  } else if (
    type === PPME.SYSCALL_EXECVE_16_X ||
    type === PPME.SYSCALL_EXECVE_17_X ||
    type === PPME.SYSCALL_EXECVE_18_X ||
    type === PPME.SYSCALL_EXECVE_19_X ||
    type === PPME.SYSCALL_EXECVEAT_X
  ) {
    t.env = readEnvList(ev, 15);
    t.cgroups = readCgroups(ev, 14);
    resolveContainer(e.state, t);
  }
  if (
    type === PPME.SYSCALL_EXECVE_17_X ||
    type === PPME.SYSCALL_EXECVE_18_X ||
    type === PPME.SYSCALL_EXECVE_19_X ||
    type === PPME.SYSCALL_EXECVEAT_X
  ) {
    t.tty = readI64(ev, 16);
  }
  if (type === PPME.SYSCALL_EXECVE_18_X || type === PPME.SYSCALL_EXECVE_19_X) {
    if (e.retrieveEnter(ev)) {
      const p = readBytes(e.enterEv, 0);
      t.exepath = startsWithNA(p) ? '<NA>' : concatenatePaths(t.cwd, p, p.length);
    }
  } else if (type === PPME.SYSCALL_EXECVEAT_X) {
    if (e.retrieveEnter(ev)) {
      const enter = e.enterEv;
      const dirfd = readI64(enter, 0);
      let path = readBytes(enter, 1);
      if (startsWithNA(path)) {
        t.exepath = '<NA>';
      } else {
        const flags = readU(enter, 2);
        const sdir = dirfdBase(t, path, dirfd);
        const len = path.length;
        if (flags & PPM_EXVAT_AT_EMPTY_PATH && (path.length === 0 || path[0] === 0)) path = Buffer.from(sdir + '\0');
        t.exepath = concatenatePaths(sdir, path, len);
      }
    }
  }
  if (type === PPME.SYSCALL_EXECVE_19_X || type === PPME.SYSCALL_EXECVEAT_X) t.vpgid = readI64(ev, 17);
  if (np > 18) t.loginuid = readU(ev, 18) >>> 0;
  if (np > 19) t.exeWritable = (readU(ev, 19) & PPM_EXE_WRITABLE) !== 0;

  const keep = t.flags & (ThreadFlag.PIPE_SRC | ThreadFlag.PIPE_DST | ThreadFlag.IS_MAIN_THREAD);
  const inverted = t.flags & ThreadFlag.CLONE_INVERTED;
  t.flags = ThreadFlag.ACTIVE | keep | inverted | ThreadFlag.NAME_CHANGED;
}

function startsWithNA(p: Uint8Array): boolean {
  return p.length >= 4 && p[0] === 0x3c && p[1] === 0x4e && p[2] === 0x41 && p[3] === 0x3e;
}

/**
 * libsinsp's parse_dirfd: the base a path is relative to ('.' for absolute paths, the
 * cwd for AT_FDCWD, else the directory fd's name + '/', '<UNKNOWN>' for an unknown fd).
 */
export function dirfdBase(t: ThreadInfo, path: Uint8Array, dirfd: number, onFd?: (fd: ReturnType<ThreadInfo['getFd']>) => void): string {
  if (path.length > 0 && path[0] === 0x2f) return '.';
  if (dirfd === PPM_AT_FDCWD) return t.getCwd();
  const fd = t.getFd(dirfd);
  onFd?.(fd);
  if (fd === undefined) return '<UNKNOWN>';
  return fd.name + '/';
}

/** procexit: the thread goes away after this event (so that the exit can still be printed) */
function parseThreadExit(e: StateEngine, ev: Event): void {
  if (ev.thread) {
    ev.thread.flags |= ThreadFlag.CLOSED;
    e.scheduleThreadRemoval(ev.tid);
  }
}

export function registerProcess(table: ParserTable): void {
  for (const type of CLONE_LAYOUTS.keys()) table[type] = parseCloneExit;
  for (const type of [
    PPME.SYSCALL_EXECVE_8_X,
    PPME.SYSCALL_EXECVE_13_X,
    PPME.SYSCALL_EXECVE_14_X,
    PPME.SYSCALL_EXECVE_15_X,
    PPME.SYSCALL_EXECVE_16_X,
    PPME.SYSCALL_EXECVE_17_X,
    PPME.SYSCALL_EXECVE_18_X,
    PPME.SYSCALL_EXECVE_19_X,
    PPME.SYSCALL_EXECVEAT_X,
  ]) {
    table[type] = parseExecveExit;
  }
  table[PPME.PROCEXIT_E] = parseThreadExit;
  table[PPME.PROCEXIT_1_E] = parseThreadExit;
}
