// System calls that create an fd of a fixed kind: pipes, eventfd, signalfd, timerfd,
// inotify, and the newer memfd, pidfd, io_uring, userfaultfd, bpf and epoll ones.
import type { Event } from '../../event/event.js';
import { PPME } from '../../generated/schema.js';
import type { StateEngine } from '../engine.js';
import { FdInfo, FdType } from '../fd.js';
import { readI64, readStr, readU, readU64 } from './read.js';
import type { ParserTable } from './index.js';

function addNamelessFd(e: StateEngine, ev: Event, fd: number, type: number): void {
  const t = ev.thread;
  if (!t || fd < 0) return;
  const fdi = new FdInfo();
  fdi.type = type;
  ev.fd = e.addFd(t, fd, fdi, true);
}

function parsePipeExit(e: StateEngine, ev: Event): void {
  if (readI64(ev, 0) < 0) return;
  const ino = readU64(ev, 3);
  for (const fd of [readI64(ev, 1), readI64(ev, 2)]) {
    const t = ev.thread;
    if (!t) return;
    const fdi = new FdInfo();
    fdi.type = FdType.FIFO;
    fdi.ino = ino;
    ev.fd = e.addFd(t, fd, fdi, true);
  }
}

/** one fd of a fixed type returned in the first parameter */
function fixedType(type: number) {
  return (e: StateEngine, ev: Event): void => addNamelessFd(e, ev, readI64(ev, 0), type);
}

function parseMemfdCreateExit(e: StateEngine, ev: Event): void {
  const t = ev.thread;
  const fd = readI64(ev, 0);
  if (!t || fd < 0) return;
  const fdi = new FdInfo();
  fdi.type = FdType.MEMFD;
  fdi.name = readStr(ev, 1);
  fdi.openFlags = readU(ev, 2) >>> 0;
  ev.fd = e.addFd(t, fd, fdi, true);
}

function parsePidfdOpenExit(e: StateEngine, ev: Event): void {
  const t = ev.thread;
  const fd = readI64(ev, 0);
  if (!t || fd < 0) return;
  const fdi = new FdInfo();
  fdi.type = FdType.PIDFD;
  fdi.name = `/proc/${readI64(ev, 1)}`;
  fdi.openFlags = readU(ev, 2) >>> 0;
  ev.fd = e.addFd(t, fd, fdi, true);
}

export function registerSimpleFds(table: ParserTable): void {
  table[PPME.SYSCALL_PIPE_X] = parsePipeExit;
  table[PPME.SYSCALL_PIPE2_X] = parsePipeExit;
  table[PPME.SYSCALL_EVENTFD_X] = fixedType(FdType.EVENT);
  table[PPME.SYSCALL_EVENTFD2_X] = fixedType(FdType.EVENT);
  table[PPME.SYSCALL_SIGNALFD_X] = fixedType(FdType.SIGNALFD);
  table[PPME.SYSCALL_SIGNALFD4_X] = fixedType(FdType.SIGNALFD);
  table[PPME.SYSCALL_TIMERFD_CREATE_X] = fixedType(FdType.TIMERFD);
  table[PPME.SYSCALL_INOTIFY_INIT_X] = fixedType(FdType.INOTIFY);
  table[PPME.SYSCALL_INOTIFY_INIT1_X] = fixedType(FdType.INOTIFY);
  // newer than sysdig 0.29.3 (which has no such fds): as the current libs do
  table[PPME.SYSCALL_MEMFD_CREATE_X] = parseMemfdCreateExit;
  table[PPME.SYSCALL_PIDFD_OPEN_X] = parsePidfdOpenExit;
  table[PPME.SYSCALL_IO_URING_SETUP_X] = fixedType(FdType.IOURING);
  table[PPME.SYSCALL_BPF_2_X] = fixedType(FdType.BPF);
  table[PPME.SYSCALL_EPOLL_CREATE_X] = fixedType(FdType.EVENTPOLL);
  table[PPME.SYSCALL_EPOLL_CREATE1_X] = fixedType(FdType.EVENTPOLL);
}
