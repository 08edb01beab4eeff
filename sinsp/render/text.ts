// Byte-level text helpers shared by the parameter renderers.
//
// sysdig works on C strings in the "C" locale: a byte is printable when it is in
// 0x20..0x7e, everything else is either replaced by '.' or dropped, depending on the
// renderer. Building text through one reusable byte scratch area and a single
// latin1 decode keeps the hot path free of per-character string concatenation.

/** PRINTABLE[b] is 1 when isprint(b) holds in the C locale. */
export const PRINTABLE = new Uint8Array(256);
for (let b = 0x20; b < 0x7f; b++) PRINTABLE[b] = 1;

let scratch = Buffer.allocUnsafe(1 << 16);

/** A scratch byte area of at least `size` bytes; its content is not preserved across calls. */
export function scratchBuffer(size: number): Buffer {
  if (scratch.length < size) {
    let n = scratch.length;
    while (n < size) n *= 2;
    scratch = Buffer.allocUnsafe(n);
  }
  return scratch;
}

/** Offset of the first NUL in buf[start, end), or end when there is none. */
export function cStringEnd(buf: Buffer, start: number, end: number): number {
  if (start >= end) return start;
  const z = buf.indexOf(0, start);
  return z < 0 || z > end ? end : z;
}

/**
 * A C string (up to the first NUL) decoded as UTF-8, the way printf("%s") passes its
 * bytes through: no escaping, no filtering.
 */
export function cString(buf: Buffer, start: number, end: number): string {
  return buf.toString('utf8', start, cStringEnd(buf, start, end));
}

/** True when every byte of buf[start, end) is printable ASCII. */
export function allPrintable(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (PRINTABLE[buf[i]!] === 0) return false;
  return true;
}

/**
 * The C string at buf[start, end) with every non-printable byte removed: libsinsp's
 * sanitize_string() and strcpy_sanitized(), applied to paths, fd names and user names.
 */
export function sanitizedCString(buf: Buffer, start: number, end: number): string {
  const stop = cStringEnd(buf, start, end);
  if (allPrintable(buf, start, stop)) return buf.toString('latin1', start, stop);
  const out = scratchBuffer(stop - start);
  let k = 0;
  for (let i = start; i < stop; i++) {
    const c = buf[i]!;
    if (PRINTABLE[c] === 1) out[k++] = c;
  }
  return out.toString('latin1', 0, k);
}

/** A JS string with every character outside printable ASCII removed (sanitize_string on its UTF-8 bytes). */
export function sanitizeString(s: string): string {
  let clean = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) {
      clean = false;
      break;
    }
  }
  if (clean) return s;
  // every UTF-8 byte of a non-ASCII character is >= 0x80, so dropping the character
  // drops exactly the bytes sanitize_string would drop
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) {
      if (i > from) out += s.slice(from, i);
      from = i + 1;
    }
  }
  if (from < s.length) out += s.slice(from);
  return out;
}
