// Event timestamps as text, the way libsinsp's ts_to_string() / ts_to_iso_8601()
// print them: evt.time 14:58:20.492328388, evt.datetime 2017-09-23 00:44:29.900617765,
// evt.time.iso8601 2017-09-23T00:44:29.900617765+0000.
//
// Timestamps are u64 nanoseconds; splitting them into seconds and nanoseconds is done
// on the two 32-bit halves so that no BigInt is created per event.
import type { Event } from '../event/event.js';

/** Seconds and nanoseconds of the last timestamp split by splitTs. */
export const tsParts = { sec: 0, nsec: 0 };

/** Splits the u64 ns value hi:lo (both unsigned 32-bit) into tsParts. */
export function splitTs(hi: number, lo: number): void {
  // long division by 1e9 in 16-bit steps: every intermediate stays below 2^53
  const q1 = Math.floor(hi / 1e9);
  const r1 = hi - q1 * 1e9;
  const x2 = r1 * 65536 + (lo >>> 16);
  const q2 = Math.floor(x2 / 1e9);
  const r2 = x2 - q2 * 1e9;
  const x3 = r2 * 65536 + (lo & 0xffff);
  const q3 = Math.floor(x3 / 1e9);
  tsParts.nsec = x3 - q3 * 1e9;
  tsParts.sec = (q1 * 65536 + q2) * 65536 + q3;
}

/** Splits the timestamp of `ev` into tsParts. */
export function splitEventTs(ev: Event): void {
  const o = ev.off + 8;
  splitTs(ev.buf.readUInt32LE(o + 4), ev.buf.readUInt32LE(o));
}

/** Splits a bigint ns value into tsParts. */
export function splitBigTs(ts: bigint): void {
  const v = BigInt.asUintN(64, ts);
  splitTs(Number(v >> 32n), Number(v & 0xffffffffn));
}

/**
 * The local time zone's offset from UTC in seconds, taken once as libsinsp's
 * gmt2local(0) takes it: the offset in effect now, applied to every timestamp.
 */
const LOCAL_OFFSET = -new Date().getTimezoneOffset() * 60;

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));

/** "000" .. "999": three digits by value, so that nanoseconds print without number conversion */
const TRIPLETS: string[] = [];
for (let i = 0; i < 1000; i++) TRIPLETS.push(String(i).padStart(3, '0'));

/** nanoseconds (0 .. 999999999) as 9 digits */
export function pad9ns(n: number): string {
  const hi = Math.floor(n / 1e6);
  const mid = Math.floor(n / 1000) % 1000;
  return TRIPLETS[hi]! + TRIPLETS[mid]! + TRIPLETS[n % 1000]!;
}

// consecutive events mostly fall in the same second: keep its text
let cachedSec = -1;
let cachedClock = '';
let cachedDateSec = -1;
let cachedDate = '';

/** "HH:MM:SS" of tsParts.sec in local time. */
function clock(sec: number): string {
  if (sec === cachedSec) return cachedClock;
  const s = (sec + LOCAL_OFFSET) % 86400;
  cachedSec = sec;
  cachedClock = pad2(Math.floor(s / 3600)) + ':' + pad2(Math.floor((s % 3600) / 60)) + ':' + pad2(s % 60);
  return cachedClock;
}

/** "YYYY-MM-DD " of tsParts.sec in local time. */
function date(sec: number): string {
  if (sec === cachedDateSec) return cachedDate;
  const local = sec + LOCAL_OFFSET;
  const d = new Date((local - (local % 86400)) * 1000);
  cachedDateSec = sec;
  cachedDate = String(d.getUTCFullYear()).padStart(4, '0') + '-' + pad2(d.getUTCMonth() + 1) + '-' + pad2(d.getUTCDate()) + ' ';
  return cachedDate;
}

/** ts_to_string(): time of day, with the date when `withDate`, with nanoseconds when `withNs`. */
export function tsText(sec: number, nsec: number, withDate: boolean, withNs: boolean): string {
  const t = withNs ? clock(sec) + '.' + pad9ns(nsec) : clock(sec);
  return withDate ? date(sec) + t : t;
}

/** ts_to_iso_8601(): UTC date and time with nanoseconds and "+0000". */
export function tsIso8601(sec: number, nsec: number): string {
  const d = new Date(sec * 1000);
  return (
    String(d.getUTCFullYear()).padStart(4, '0') +
    '-' +
    pad2(d.getUTCMonth() + 1) +
    '-' +
    pad2(d.getUTCDate()) +
    'T' +
    pad2(d.getUTCHours()) +
    ':' +
    pad2(d.getUTCMinutes()) +
    ':' +
    pad2(d.getUTCSeconds()) +
    '.' +
    pad9ns(nsec) +
    '+0000'
  );
}

/**
 * A duration as evt.latency.human prints it (libsinsp's format_time): 1:02:03, 2:05,
 * 1.50s, 12ms, 1.25ms, 15us, 1.50us, 830ns.
 */
export function humanDuration(ns: number): string {
  const S = 1e9;
  if (ns >= 3600 * S) {
    return pad2(Math.floor(ns / (3600 * S))) + ':' + pad2(Math.floor(ns / (60 * S)) % 60) + ':' + pad2(Math.floor(ns / S) % 60);
  }
  if (ns >= 60 * S) return Math.floor(ns / (60 * S)) + ':' + (Math.floor(ns / S) % 60);
  if (ns >= S) return Math.floor(ns / S) + '.' + pad2(Math.floor((ns % S) / 10000000)) + 's';
  if (ns >= S / 100) return Math.floor(ns / 1000000) + 'ms';
  if (ns >= S / 1000) return Math.floor(ns / 1000000) + '.' + pad2(Math.floor((ns % 1000000) / 10000)) + 'ms';
  if (ns >= S / 100000) return Math.floor(ns / 1000) + 'us';
  if (ns >= S / 1000000) return Math.floor(ns / 1000) + '.' + pad2(Math.floor((ns % 1000) / 10)) + 'us';
  return Math.floor(ns) + 'ns';
}
