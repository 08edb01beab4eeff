// evt.category: the event's category as text. I/O events are classified by the kind
// of fd they use (file, net, ipc), the others by their table category; generic events
// use the category of their syscall.
import type { Event } from '../event/event.js';
import { EC, EVENTS, PPME, SYSCALL_CODE_CATEGORIES } from '../generated/schema.js';
import { FdType } from '../state/fd.js';

const NAMES: Record<number, string> = {
  [EC.UNKNOWN]: 'unknown',
  [EC.OTHER]: 'other',
  [EC.FILE]: 'file',
  [EC.NET]: 'net',
  [EC.IPC]: 'IPC',
  [EC.MEMORY]: 'memory',
  [EC.PROCESS]: 'process',
  [EC.SLEEP]: 'sleep',
  [EC.SYSTEM]: 'system',
  [EC.SIGNAL]: 'signal',
  [EC.USER]: 'user',
  [EC.TIME]: 'time',
  [EC.PROCESSING]: 'processing',
  [EC.WAIT]: 'wait',
  [EC.SCHEDULER]: 'scheduler',
};

/** The category bits of event type `type` in sysdig 0.29.3's table (0 when unknown). */
export function eventCategory(type: number): number {
  return EVENTS[type]?.category ?? 0;
}

/** The ID parameter of a generic event (its syscall code). */
export function genericSyscallId(ev: Event): number {
  if (ev.nparams === 0) return 0;
  return ev.firstParamLength() >= 2 ? ev.view.getUint16(ev.firstParamOffset(), true) : 0;
}

/** The kind of fd an I/O event works on: file, net, ipc, or unknown. */
function ioSubcategory(ev: Event): string {
  const fd = ev.fd;
  if (fd === undefined) return 'unknown';
  switch (fd.type) {
    case FdType.FILE:
    case FdType.FILE_V2:
    case FdType.DIRECTORY:
      return 'file';
    case FdType.IPV4_SOCK:
    case FdType.IPV6_SOCK:
    case FdType.IPV4_SERVSOCK:
    case FdType.IPV6_SERVSOCK:
      return 'net';
    case FdType.FIFO:
    case FdType.UNIX_SOCK:
    case FdType.EVENT:
    case FdType.SIGNALFD:
    case FdType.INOTIFY:
      return 'ipc';
    default:
      // other fd kinds, and those libsinsp did not know, are all "unknown" on screen
      return 'unknown';
  }
}

/** sysdig's evt.category text for `ev`. */
export function categoryText(ev: Event): string {
  const type = ev.type;
  if (type === PPME.GENERIC_E || type === PPME.GENERIC_X) {
    const cat = SYSCALL_CODE_CATEGORIES[genericSyscallId(ev)];
    // generic events have no fd subcategory: the I/O categories print as unknown
    if (cat === undefined || cat === EC.IO_READ || cat === EC.IO_WRITE || cat === EC.IO_OTHER) return 'unknown';
    return NAMES[cat] ?? 'unknown';
  }
  const cat = eventCategory(type);
  if (cat === EC.IO_READ || cat === EC.IO_WRITE || cat === EC.IO_OTHER) return ioSubcategory(ev);
  return NAMES[cat] ?? 'unknown';
}
