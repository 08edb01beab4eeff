// fd lists of poll()/ppoll() (PT_FDLIST): "fd:<type char><events in hex>" for each
// entry, space-separated, e.g. fds=3:f1 5:u4.
import type { Event } from '../event/event.js';
import { fdTypeChar } from './fd.js';
import { uint64Dec } from './numbers.js';

/**
 * The list at b[off, off+len): u16 count, then count × (i64 fd, i16 events). The fd
 * prints as unsigned ("%lu") and the events sign-extended to 32 bits ("%x"), as in
 * sysdig; fds the thread does not have open get '?'.
 */
export function renderFdList(ev: Event, b: Buffer, off: number, len: number): string {
  if (len < 2) return '';
  const table = ev.thread?.getFdTable();
  const n = b.readUInt16LE(off);
  let out = '';
  for (let j = 0, p = off + 2; j < n && p + 10 <= off + len; j++, p += 10) {
    const lo = b.readUInt32LE(p);
    const hi = b.readInt32LE(p + 4);
    const fd = hi * 4294967296 + lo;
    const info = table?.get(fd);
    const tch = info === undefined ? '?' : fdTypeChar(info.type);
    const events = b.readInt16LE(p + 8) >>> 0;
    if (j > 0) out += ' ';
    out += uint64Dec(hi, lo) + ':' + tch + events.toString(16);
  }
  return out;
}
