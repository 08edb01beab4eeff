// Memory counters: brk/mmap/munmap exits and context switches carry the process'
// vm sizes and page faults; select/poll/epoll_wait enters stamp the stored-event buffer.
import type { Event } from '../../event/event.js';
import { PPME } from '../../generated/schema.js';
import type { StateEngine } from '../engine.js';
import { readU } from './read.js';
import type { ParserTable } from './index.js';

function parseVmExit(e: StateEngine, ev: Event): void {
  const t = ev.thread;
  if (!t) return;
  t.vmsize = readU(ev, 1);
  t.vmrss = readU(ev, 2);
  t.vmswap = readU(ev, 3);
}

function parseContextSwitch(e: StateEngine, ev: Event): void {
  const t = ev.thread;
  if (!t) return;
  t.pfmajor = readU(ev, 1);
  t.pfminor = readU(ev, 2);
  const m = t.getMainThread();
  if (m) {
    m.vmsize = readU(ev, 3);
    m.vmrss = readU(ev, 4);
    m.vmswap = readU(ev, 5);
  }
}

function parseWaitEnter(e: StateEngine, ev: Event): void {
  if (ev.thread) e.stampStoredBuffer(ev.thread);
}

export function registerMemory(table: ParserTable): void {
  table[PPME.SYSCALL_BRK_4_X] = parseVmExit;
  table[PPME.SYSCALL_MMAP_X] = parseVmExit;
  table[PPME.SYSCALL_MMAP2_X] = parseVmExit;
  table[PPME.SYSCALL_MUNMAP_X] = parseVmExit;
  table[PPME.SCHEDSWITCH_1_E] = parseContextSwitch;
  table[PPME.SCHEDSWITCH_6_E] = parseContextSwitch;
  table[PPME.SYSCALL_SELECT_E] = parseWaitEnter;
  table[PPME.SYSCALL_POLL_E] = parseWaitEnter;
  table[PPME.SYSCALL_PPOLL_E] = parseWaitEnter;
  table[PPME.SYSCALL_EPOLLWAIT_E] = parseWaitEnter;
}
