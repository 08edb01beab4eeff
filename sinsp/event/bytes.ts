// Little-endian integers at a byte offset, for every per-event reader (parameters, the
// parsers' fixed-width reads).
// Byte arithmetic instead of Buffer.readUInt32LE & co: those validate their offset on
// every call, which costs more than the read on the per-event path.
export function u32At(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}
export function i32At(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24);
}
export function u16At(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}
/**
 * A little-endian int64 as a number (exact up to 2^53). Values that fit 31 bits come back
 * as small integers (no `hi * 2^32` arithmetic): tids, fds and results end up in Map keys
 * and object fields, which stay untagged small integers only if no double ever reaches them.
 */
export function i64At(b: Uint8Array, o: number): number {
  const hi = i32At(b, o + 4);
  const lo = u32At(b, o);
  if (hi === 0 && lo <= 0x3fffffff) return lo;
  if (hi === -1 && lo >= 0xc0000000) return lo | 0;
  return hi * 4294967296 + lo;
}
/** a little-endian u64 as a number (exact up to 2^53); small integers as such (see i64At) */
export function u64At(b: Uint8Array, o: number): number {
  const hi = u32At(b, o + 4);
  const lo = u32At(b, o);
  if (hi === 0 && lo <= 0x3fffffff) return lo;
  return hi * 4294967296 + lo;
}

// The same reads through a DataView, for the hot paths that have one (Event.view): an
// optimized DataView read is a single load, against four loads and shifts above.
/** i64At through a DataView */
export function viewI64(d: DataView, o: number): number {
  const hi = d.getInt32(o + 4, true);
  const lo = d.getUint32(o, true);
  if (hi === 0 && lo <= 0x3fffffff) return lo;
  if (hi === -1 && lo >= 0xc0000000) return lo | 0;
  return hi * 4294967296 + lo;
}
/** u64At through a DataView */
export function viewU64(d: DataView, o: number): number {
  const hi = d.getUint32(o + 4, true);
  const lo = d.getUint32(o, true);
  if (hi === 0 && lo <= 0x3fffffff) return lo;
  return hi * 4294967296 + lo;
}
