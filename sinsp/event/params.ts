// Raw decoders for event parameters. They read by the parameter's actual length, so a
// field written narrower or wider than the schema says (old drivers did) still decodes.
import type { Event } from './event.js';
import { i32At, i64At, u16At, u32At, u64At } from './bytes.js';

/** Unsigned integer parameter as a number (u64 values above 2^53 lose precision: use paramBigU). */
export function paramU(ev: Event, i: number): number | undefined {
  if (i >= ev.nparams) return undefined;
  const o = ev.paramOffset(i);
  const b = ev.buf;
  switch (ev.paramLength(i)) {
    case 1:
      return b[o]!;
    case 2:
      return u16At(b, o);
    case 4:
      return u32At(b, o);
    case 8:
      return u64At(b, o);
    default:
      return undefined;
  }
}

/** Signed integer parameter as a number. */
export function paramS(ev: Event, i: number): number | undefined {
  if (i >= ev.nparams) return undefined;
  const o = ev.paramOffset(i);
  const b = ev.buf;
  switch (ev.paramLength(i)) {
    case 1:
      return (b[o]! << 24) >> 24;
    case 2:
      return (u16At(b, o) << 16) >> 16;
    case 4:
      return i32At(b, o);
    case 8:
      return i64At(b, o);
    default:
      return undefined;
  }
}

/** Unsigned integer parameter as an exact bigint. */
export function paramBigU(ev: Event, i: number): bigint | undefined {
  if (i >= ev.nparams) return undefined;
  if (ev.paramLength(i) === 8) return ev.buf.readBigUInt64LE(ev.paramOffset(i));
  const n = paramU(ev, i);
  return n === undefined ? undefined : BigInt(n);
}

/**
 * A string parameter (CHARBUF, FSPATH, ...): the bytes up to the first NUL, decoded as
 * UTF-8 ('binary' would mangle non-ASCII paths).
 */
export function paramStr(ev: Event, i: number): string | undefined {
  if (i >= ev.nparams) return undefined;
  const o = ev.paramOffset(i);
  const len = ev.paramLength(i);
  const b = ev.buf;
  let end = o;
  const stop = o + len;
  while (end < stop && b[end] !== 0) end++;
  return b.toString('utf8', o, end);
}

/** Socket address families as the drivers encode them (PPM_AF_*). */
export const PpmAf = { UNSPEC: 0, UNIX: 1, INET: 2, INET6: 10 } as const;

export type SockTuple =
  | { family: typeof PpmAf.INET; sip: number; sport: number; dip: number; dport: number }
  | { family: typeof PpmAf.INET6; sip: Uint8Array; sport: number; dip: Uint8Array; dport: number }
  | { family: typeof PpmAf.UNIX; source: bigint; dest: bigint; path: string }
  | { family: number };

/**
 * PT_SOCKTUPLE: family byte, then ipv4: sip u32 sport u16 dip u32 dport u16;
 * ipv6: sip[16] sport u16 dip[16] dport u16; unix: source ptr u64, dest ptr u64, path.
 */
export function decodeSockTuple(raw: Uint8Array): SockTuple | undefined {
  if (raw.length < 1) return undefined;
  const b = Buffer.from(raw.buffer, raw.byteOffset, raw.length);
  const family = b[0]!;
  if (family === PpmAf.INET && b.length >= 13)
    return { family, sip: b.readUInt32LE(1), sport: b.readUInt16LE(5), dip: b.readUInt32LE(7), dport: b.readUInt16LE(11) };
  if (family === PpmAf.INET6 && b.length >= 37)
    return {
      family,
      sip: Uint8Array.from(b.subarray(1, 17)),
      sport: b.readUInt16LE(17),
      dip: Uint8Array.from(b.subarray(19, 35)),
      dport: b.readUInt16LE(35),
    };
  if (family === PpmAf.UNIX && b.length >= 17)
    return { family, source: b.readBigUInt64LE(1), dest: b.readBigUInt64LE(9), path: cString(b, 17) };
  return { family };
}

/** PT_FDLIST: u16 count, then count × (u64 fd, u16 flags). */
export function decodeFdList(raw: Uint8Array): Array<{ fd: number; flags: number }> {
  const b = Buffer.from(raw.buffer, raw.byteOffset, raw.length);
  if (b.length < 2) return [];
  const n = b.readUInt16LE(0);
  const out: Array<{ fd: number; flags: number }> = [];
  for (let k = 0, p = 2; k < n && p + 10 <= b.length; k++, p += 10)
    out.push({ fd: Number(b.readBigInt64LE(p)), flags: b.readUInt16LE(p + 8) });
  return out;
}

function cString(b: Buffer, from: number): string {
  let end = from;
  while (end < b.length && b[end] !== 0) end++;
  return b.toString('utf8', from, end);
}

