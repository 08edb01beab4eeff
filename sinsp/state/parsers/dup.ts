// dup family and fcntl(F_DUPFD): the new fd is a copy of the old one.
import type { Event } from '../../event/event.js';
import { PPM, PPME } from '../../generated/schema.js';
import type { StateEngine } from '../engine.js';
import { ThreadFlag } from '../thread.js';
import { readI64, readU } from './read.js';
import type { ParserTable } from './index.js';

const PPM_FCNTL_F_DUPFD = 1;
const PPM_FCNTL_F_DUPFD_CLOEXEC = 26;

/** sysdig 0.29.3's dup exit (one event type for dup, dup2 and dup3) */
function parseDupExit(e: StateEngine, ev: Event): void {
  const t = ev.thread;
  if (!t) return;
  const res = readI64(ev, 0);
  if (res < 0) return;
  // shell pipe heuristics
  if (res === 0) t.flags |= ThreadFlag.PIPE_DST;
  if (res === 1) t.flags |= ThreadFlag.PIPE_SRC;
  const fd = ev.fd;
  if (!fd) return;
  e.eraseFd(t, res, t.getFd(res), false);
  ev.fd = e.addFd(t, res, fd);
}

/** the newer dup/dup2/dup3 exits: the copy loses O_CLOEXEC unless dup3 asked for it */
function parseDupNewExit(e: StateEngine, ev: Event): void {
  const t = ev.thread;
  if (!t) return;
  const res = readI64(ev, 0);
  const fd = ev.fd;
  if (res < 0 || !fd) return;
  if (res === 0) t.flags |= ThreadFlag.PIPE_DST;
  if (res === 1) t.flags |= ThreadFlag.PIPE_SRC;
  e.eraseFd(t, res, t.getFd(res), false);
  const copy = fd.clone();
  copy.openFlags &= ~PPM.O_CLOEXEC;
  if (ev.type === PPME.SYSCALL_DUP3_X && readU(ev, 3) & PPM.O_CLOEXEC) copy.openFlags |= PPM.O_CLOEXEC;
  ev.fd = e.addFd(t, res, copy, true);
}

function parseFcntlEnter(e: StateEngine, ev: Event): void {
  if (!ev.thread) return;
  const cmd = readU(ev, 1) & 0xff;
  if (cmd === PPM_FCNTL_F_DUPFD || cmd === PPM_FCNTL_F_DUPFD_CLOEXEC) e.storeEvent(ev);
}

function parseFcntlExit(e: StateEngine, ev: Event): void {
  const res = readI64(ev, 0);
  // only F_DUPFD enters are stored, so only they pair
  if (!e.retrieveEnter(ev)) return;
  const t = ev.thread;
  if (res >= 0 && ev.fd && t) ev.fd = e.addFd(t, res, ev.fd);
}

export function registerDup(table: ParserTable): void {
  table[PPME.SYSCALL_DUP_X] = parseDupExit;
  table[PPME.SYSCALL_DUP_1_X] = parseDupNewExit;
  table[PPME.SYSCALL_DUP2_X] = parseDupNewExit;
  table[PPME.SYSCALL_DUP3_X] = parseDupNewExit;
  table[PPME.SYSCALL_FCNTL_E] = parseFcntlEnter;
  table[PPME.SYSCALL_FCNTL_X] = parseFcntlExit;
}
