// getrlimit/setrlimit/prlimit: RLIMIT_NOFILE changes become the process' fd limit.
import type { Event } from '../../event/event.js';
import { PPME } from '../../generated/schema.js';
import type { StateEngine } from '../engine.js';
import { readI64, readU } from './read.js';
import type { ParserTable } from './index.js';

const PPM_RLIMIT_NOFILE = 7;

function parseGetSetRlimitExit(e: StateEngine, ev: Event): void {
  const t = ev.thread;
  if (!t || readI64(ev, 0) < 0) return;
  if (!e.retrieveEnter(ev)) return;
  if ((readU(e.enterEv, 0) & 0xff) !== PPM_RLIMIT_NOFILE) return;
  const cur = readI64(ev, 1);
  if (cur === -1) return;
  const m = t.getMainThread();
  if (m) m.fdlimit = cur;
}

function parsePrlimitExit(e: StateEngine, ev: Event): void {
  if (readI64(ev, 0) < 0 || !e.retrieveEnter(ev)) return;
  const enter = e.enterEv;
  if ((readU(enter, 1) & 0xff) !== PPM_RLIMIT_NOFILE) return;
  const cur = readI64(ev, 1);
  if (cur === -1) return;
  let tid = readI64(enter, 0);
  if (tid === 0) tid = ev.tid;
  const p = e.state.getThread(tid, true);
  const m = p?.getMainThread();
  if (m) m.fdlimit = cur;
}

export function registerLimits(table: ParserTable): void {
  table[PPME.SYSCALL_GETRLIMIT_X] = parseGetSetRlimitExit;
  table[PPME.SYSCALL_SETRLIMIT_X] = parseGetSetRlimitExit;
  table[PPME.SYSCALL_PRLIMIT_X] = parsePrlimitExit;
}
