// Records of the process-lifecycle events, with the layouts of sysdig 0.29.3's drivers.
import { PPME } from '../../sinsp/generated/schema.js';
import { ThreadFlag } from '../../sinsp/state/thread.js';
import { P, type RecordSpec } from '../helpers/records.js';

export interface CloneSpec {
  /** the thread returning from clone */
  tid: number;
  /** clone's return value: the child's tid in the parent, 0 in the child */
  res: number;
  pid?: number;
  ptid?: number;
  flags?: number;
  exe?: string;
  comm?: string;
  args?: string[];
  cgroups?: string[];
  uid?: number;
  gid?: number;
  vtid?: number;
  vpid?: number;
  fdlimit?: number;
}

export function cloneExit(c: CloneSpec): RecordSpec {
  return {
    type: PPME.SYSCALL_CLONE_20_X,
    tid: c.tid,
    params: [
      P.i64(c.res),
      P.str(c.exe ?? '/bin/sh'),
      P.list(c.args ?? []),
      P.i64(c.tid),
      P.i64(c.pid ?? c.tid),
      P.i64(c.ptid ?? 1),
      P.str(''),
      P.i64(c.fdlimit ?? 1024),
      P.u64(1),
      P.u64(2),
      P.u32(100),
      P.u32(50),
      P.u32(0),
      P.str(c.comm ?? 'sh'),
      P.list(c.cgroups ?? ['cpuset=/']),
      P.u32(c.flags ?? 0),
      P.u32(c.uid ?? 1000),
      P.u32(c.gid ?? 1000),
      P.i64(c.vtid ?? c.tid),
      P.i64(c.vpid ?? c.pid ?? c.tid),
    ],
  };
}

export const THREAD_FLAGS = ThreadFlag.CLONE_THREAD | ThreadFlag.CLONE_FILES | ThreadFlag.CLONE_FS | ThreadFlag.CLONE_VM;

export function execveEnter(tid: number, filename: string): RecordSpec {
  return { type: PPME.SYSCALL_EXECVE_19_E, tid, params: [P.str(filename)] };
}

export interface ExecSpec {
  tid: number;
  res?: number;
  exe: string;
  comm: string;
  args?: string[];
  pid?: number;
  ptid?: number;
  env?: string[];
  cgroups?: string[];
  loginuid?: number;
  flags?: number;
}

export function execveExit(x: ExecSpec): RecordSpec {
  return {
    type: PPME.SYSCALL_EXECVE_19_X,
    tid: x.tid,
    params: [
      P.i64(x.res ?? 0),
      P.str(x.exe),
      P.list(x.args ?? []),
      P.i64(x.tid),
      P.i64(x.pid ?? x.tid),
      P.i64(x.ptid ?? 1),
      P.str(''),
      P.i64(4096),
      P.u64(0),
      P.u64(0),
      P.u32(200),
      P.u32(20),
      P.u32(0),
      P.str(x.comm),
      P.list(x.cgroups ?? ['cpuset=/']),
      P.list(x.env ?? []),
      P.i32(34816),
      P.i64(x.tid),
      P.u32(x.loginuid ?? 1000),
      P.u32(x.flags ?? 0),
    ],
  };
}

export function procexit(tid: number): RecordSpec {
  return { type: PPME.PROCEXIT_1_E, tid, params: [P.i64(0), P.i64(0), P.u8(0), P.u8(0)] };
}

export function openPair(tid: number, fd: number, name: string, flags = 1): RecordSpec[] {
  return [
    { type: PPME.SYSCALL_OPEN_E, tid, params: [P.str(name), P.u32(flags), P.u32(0)] },
    { type: PPME.SYSCALL_OPEN_X, tid, params: [P.i64(fd), P.str(name), P.u32(flags), P.u32(0), P.u32(0)] },
  ];
}

export function closePair(tid: number, fd: number, res = 0): RecordSpec[] {
  return [
    { type: PPME.SYSCALL_CLOSE_E, tid, params: [P.i64(fd)] },
    { type: PPME.SYSCALL_CLOSE_X, tid, params: [P.i64(res)] },
  ];
}

export function readPair(tid: number, fd: number, res = 1): RecordSpec[] {
  return [
    { type: PPME.SYSCALL_READ_E, tid, params: [P.i64(fd), P.u32(100)] },
    { type: PPME.SYSCALL_READ_X, tid, params: [P.i64(res), Buffer.from('x')] },
  ];
}
