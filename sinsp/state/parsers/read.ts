// Parameter readers for the parsers: libsinsp reads fixed-width values; a missing
// parameter reads as 0 here instead of undefined behaviour.
import type { Event } from '../../event/event.js';

export { u16At, u32At, i32At, i64At, u64At } from '../../event/bytes.js';
import { viewI64, viewU64 } from '../../event/bytes.js';
import { BytesMemo } from '../bytes-memo.js';

function sized(d: DataView, o: number, len: number): number {
  if (len >= 8) return viewI64(d, o);
  if (len === 4) return d.getInt32(o, true);
  if (len === 2) return d.getInt16(o, true);
  if (len === 1) return d.getInt8(o);
  return 0;
}
function usized(d: DataView, o: number, len: number): number {
  if (len >= 8) return viewU64(d, o);
  if (len === 4) return d.getUint32(o, true);
  if (len === 2) return d.getUint16(o, true);
  if (len === 1) return d.getUint8(o);
  return 0;
}

/**
 * The first parameter as a signed number, without computing the other parameters'
 * offsets (the engine reads it for nearly every event: an fd or a return value).
 */
export function readFirstI64(ev: Event): number {
  if (ev.nparams === 0) return 0;
  return sized(ev.view, ev.firstParamOffset(), ev.firstParamLength());
}

/** a signed parameter (int64 as a number, exact up to 2^53); 0 when absent */
export function readI64(ev: Event, i: number): number {
  if (i >= ev.nparams) return 0;
  const o = ev.paramOffset(i);
  return sized(ev.view, o, ev.paramLengthKnown(i));
}

/** an unsigned parameter (u64 as a number, exact up to 2^53); 0 when absent */
export function readU(ev: Event, i: number): number {
  if (i >= ev.nparams) return 0;
  const o = ev.paramOffset(i);
  return usized(ev.view, o, ev.paramLengthKnown(i));
}

/** an unsigned 64-bit parameter exactly; 0n when absent */
export function readU64(ev: Event, i: number): bigint {
  if (i >= ev.nparams) return 0n;
  const o = ev.paramOffset(i);
  const len = ev.paramLengthKnown(i);
  if (len >= 8) return ev.buf.readBigUInt64LE(o);
  return BigInt(readU(ev, i));
}

/** the raw bytes of a parameter (a view; empty when absent) */
export function readBytes(ev: Event, i: number): Buffer {
  return ev.param(i) ?? EMPTY;
}

/** a string parameter up to its first NUL (UTF-8); '' when absent */
export function readStr(ev: Event, i: number): string {
  if (i >= ev.nparams) return '';
  const o = ev.paramOffset(i);
  const end = o + ev.paramLengthKnown(i);
  const b = ev.buf;
  let p = o;
  while (p < end && b[p] !== 0) p++;
  return b.toString('utf8', o, p);
}

/** the NUL-separated strings of b[start, end) (UTF-8), as libsinsp splits lists */
export function splitNulList(b: Buffer, start: number, end: number): string[] {
  const out: string[] = [];
  let s = start;
  while (s < end) {
    let p = s;
    while (p < end && b[p] !== 0) p++;
    out.push(b.toString('utf8', s, p));
    s = p + 1;
  }
  return out;
}

const lists = new BytesMemo(splitNulList);

/**
 * A NUL-separated list parameter (a process' arguments) the way libsinsp splits it. The
 * array is shared with every other event that carried the same bytes: never modify it.
 */
export function readStrList(ev: Event, i: number): string[] {
  if (i >= ev.nparams) return [];
  const o = ev.paramOffset(i);
  const end = o + ev.paramLengthKnown(i);
  return o < end ? lists.get(ev.buf, o, end) : [];
}

const EMPTY = Buffer.alloc(0);

/** libsinsp's set_env: like readStrList, but a run of NULs to the end stops the list */
export function readEnvList(ev: Event, i: number): string[] {
  const raw = readBytes(ev, i);
  const out: string[] = [];
  let start = 0;
  while (start < raw.length) {
    if (raw[start] === 0) {
      let rest = start;
      while (rest < raw.length && raw[rest] === 0) rest++;
      if (rest === raw.length) break;
    }
    let p = start;
    while (p < raw.length && raw[p] !== 0) p++;
    out.push(raw.toString('utf8', start, p));
    start = p + 1;
  }
  return out;
}
