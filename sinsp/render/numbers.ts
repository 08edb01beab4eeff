// Integer parameters printed the way libsinsp's get_param_as_str() prints them.
//
// The print format of the parameter picks the printf conversion: PF_OCT is "%#o",
// PF_HEX is "%X", PF_10_PADDED_DEC is "%09d" and anything else is "%d". The
// conversion is always the signed one, applied after C's integer promotion, so a
// u32 of 0xffffffff prints as -1 and a u64 prints as a signed 64-bit value; hex and
// octal print the two's complement bits (32 of them for types up to 32 bits).
import { PF } from '../generated/schema.js';

const TWO32 = 4294967296;

/**
 * A little-endian integer of `width` bytes (1, 2, 4) at buf[off], sign- or
 * zero-extended to a JS number. A parameter written with fewer bytes than its
 * type (old drivers) is read with the bytes it has.
 */
export function readSmallInt(buf: Buffer, off: number, len: number, width: number, signed: boolean): number {
  const w = len < width ? len : width;
  switch (w) {
    case 1:
      return signed ? buf.readInt8(off) : buf[off]!;
    case 2:
      return signed ? buf.readInt16LE(off) : buf.readUInt16LE(off);
    case 4:
      return signed ? buf.readInt32LE(off) : buf.readUInt32LE(off);
    default:
      return 0;
  }
}

/** High (signed) and low (unsigned) 32-bit halves of a 64-bit parameter. */
export const word64 = { hi: 0, lo: 0 };

/** Loads word64 with the 64-bit little-endian value at buf[off] (narrower values are extended). */
export function readWord64(buf: Buffer, off: number, len: number, signed: boolean): void {
  if (len >= 8) {
    // byte by byte: cheaper than Buffer's range-checked readers on this hot path
    word64.lo = (buf[off]! | (buf[off + 1]! << 8) | (buf[off + 2]! << 16)) + buf[off + 3]! * 0x1000000;
    word64.hi = buf[off + 4]! | (buf[off + 5]! << 8) | (buf[off + 6]! << 16) | (buf[off + 7]! << 24);
    return;
  }
  const v = len >= 4 ? readSmallInt(buf, off, len, 4, signed) : len > 0 ? readSmallInt(buf, off, len, len, signed) : 0;
  word64.lo = v >>> 0;
  word64.hi = v < 0 ? -1 : 0;
}

/** Decimal text of the signed 64-bit value hi:lo. */
export function int64Dec(hi: number, lo: number): string {
  // small values as small integers: their text comes from V8's number-string cache
  if (hi === 0 && lo < 0x40000000) return String(lo | 0);
  if (hi === -1 && lo >= 0xc0000000) return String(lo | 0);
  if (hi >= -0x200000 && hi < 0x200000) return String(hi * TWO32 + lo);
  return ((BigInt(hi) << 32n) | BigInt(lo)).toString();
}

/** Decimal text of the unsigned 64-bit value hi:lo. */
export function uint64Dec(hi: number, lo: number): string {
  const uh = hi >>> 0;
  if (uh < 0x200000) return String(uh * TWO32 + lo);
  return ((BigInt(uh) << 32n) | BigInt(lo)).toString();
}

/** Upper-case hex of the 64 bits hi:lo, no leading zeros ("%lX"). */
export function hex64(hi: number, lo: number): string {
  const uh = hi >>> 0;
  if (uh === 0) return lo.toString(16).toUpperCase();
  return (uh.toString(16) + lo.toString(16).padStart(8, '0')).toUpperCase();
}

/** "%#lo" of the 64 bits hi:lo. */
export function oct64(hi: number, lo: number): string {
  const uh = hi >>> 0;
  if (uh === 0 && lo === 0) return '0';
  if (uh < 0x200000) return '0' + (uh * TWO32 + lo).toString(8);
  return '0' + ((BigInt(uh) << 32n) | BigInt(lo)).toString(8);
}

/** printf "%09d"-style padding of a decimal text (the sign stays in front). */
export function pad9(dec: string): string {
  if (dec.length >= 9) return dec;
  if (dec.charCodeAt(0) === 45 /* - */) return '-' + dec.slice(1).padStart(8, '0');
  return dec.padStart(9, '0');
}

/**
 * An integer of up to 32 bits, already promoted to a C int (its 32-bit pattern in v),
 * printed with the conversion `fmt` selects.
 */
export function formatInt32(v: number, fmt: number): string {
  switch (fmt) {
    case PF.HEX:
      return (v >>> 0).toString(16).toUpperCase();
    case PF.OCT:
      return v === 0 ? '0' : '0' + (v >>> 0).toString(8);
    case PF['10_PADDED_DEC']:
      return pad9(String(v | 0));
    default:
      return String(v | 0);
  }
}

/** The signed 64-bit value hi:lo printed with the conversion `fmt` selects. */
export function formatInt64(hi: number, lo: number, fmt: number): string {
  switch (fmt) {
    case PF.HEX:
      return hex64(hi, lo);
    case PF.OCT:
      return oct64(hi, lo);
    case PF['10_PADDED_DEC']:
      return pad9(int64Dec(hi, lo));
    default:
      return int64Dec(hi, lo);
  }
}
