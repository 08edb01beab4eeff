// close: the enter marks the fd as closing, a successful exit schedules its removal
// (after the event, so that the close itself still shows the fd).
import type { Event } from '../../event/event.js';
import { PPME } from '../../generated/schema.js';
import type { StateEngine } from '../engine.js';
import { CANCELED_FD_NUMBER, FdFlag } from '../fd.js';
import { readI64 } from './read.js';
import type { ParserTable } from './index.js';

function parseCloseEnter(e: StateEngine, ev: Event): void {
  const t = ev.thread;
  if (!t) return;
  const fd = t.getFd(t.lastFd);
  ev.fd = fd;
  if (fd) fd.flags |= FdFlag.CLOSE_IN_PROGRESS;
}

function parseCloseExit(e: StateEngine, ev: Event): void {
  const fd = ev.fd;
  const t = ev.thread;
  if (readI64(ev, 0) >= 0) {
    if (!fd || !t) return;
    if (fd.flags & FdFlag.CLOSE_CANCELED) {
      // the fd number was reused between close enter and exit: drop the parked old one
      fd.flags &= ~FdFlag.CLOSE_CANCELED;
      e.eraseFd(t, CANCELED_FD_NUMBER, t.getFd(CANCELED_FD_NUMBER), true);
    } else {
      e.eraseFd(t, t.lastFd, fd, true);
    }
  } else if (fd) {
    fd.flags &= ~FdFlag.CLOSE_IN_PROGRESS;
  }
}

export function registerClose(table: ParserTable): void {
  table[PPME.SYSCALL_CLOSE_E] = parseCloseEnter;
  table[PPME.SYSCALL_CLOSE_X] = parseCloseExit;
}
