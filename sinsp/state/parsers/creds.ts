// Credentials and sessions: setuid/setgid/setresuid/setresgid (values from the stored
// enter event), setreuid/setregid (newer events), setsid.
import type { Event } from '../../event/event.js';
import { PPME } from '../../generated/schema.js';
import type { StateEngine } from '../engine.js';
import { readI64, readU } from './read.js';
import type { ParserTable } from './index.js';

/** uid/gid from parameter `param` of the stored enter, if the call succeeded */
function fromEnter(param: number, which: 'uid' | 'gid', skipMinusOne: boolean) {
  return (e: StateEngine, ev: Event): void => {
    if (readI64(ev, 0) < 0 || !e.retrieveEnter(ev)) return;
    const v = readU(e.enterEv, param) >>> 0;
    if (skipMinusOne && v === 0xffffffff) return;
    if (ev.thread) ev.thread[which] = v;
  };
}

/** setreuid/setregid exits (newer than sysdig 0.29.3) carry the effective id */
function fromExit(which: 'uid' | 'gid') {
  return (e: StateEngine, ev: Event): void => {
    if (readI64(ev, 0) !== 0 || !ev.thread) return;
    const v = readU(ev, 2) >>> 0;
    if (v !== 0xffffffff) ev.thread[which] = v;
  };
}

function parseSetsidExit(e: StateEngine, ev: Event): void {
  const res = readI64(ev, 0);
  if (res >= 0 && ev.thread) ev.thread.sid = res;
}

export function registerCreds(table: ParserTable): void {
  table[PPME.SYSCALL_SETRESUID_X] = fromEnter(1, 'uid', true);
  table[PPME.SYSCALL_SETRESGID_X] = fromEnter(1, 'gid', true);
  table[PPME.SYSCALL_SETUID_X] = fromEnter(0, 'uid', false);
  table[PPME.SYSCALL_SETGID_X] = fromEnter(0, 'gid', false);
  table[PPME.SYSCALL_SETREUID_X] = fromExit('uid');
  table[PPME.SYSCALL_SETREGID_X] = fromExit('gid');
  table[PPME.SYSCALL_SETSID_X] = parseSetsidExit;
}
