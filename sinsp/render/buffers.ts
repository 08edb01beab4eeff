// Byte buffers (PT_BYTEBUF: I/O data, execve args, cgroups...) in each of sysdig's
// output modes: non-printable bytes as dots (default and -j), printable text with
// line breaks kept (-A), hex dump (-x), hex dump with ASCII column (-X), base64 (-b).
// In the default mode the text is cut to the event output length (80 without -v),
// its last three characters replaced by "...".
import { BufFmt } from './bufmode.js';
import { PRINTABLE, scratchBuffer } from './text.js';

const HEXDIGITS = Buffer.from('0123456789abcdef', 'latin1');
const NL = 0x0a;
const CR = 0x0d;
const DOT = 0x2e;
const SPACE = 0x20;

/** Non-printable bytes as '.', the first `count` bytes of b[off..]. */
function dotsText(b: Buffer, off: number, count: number): string {
  const end = off + count;
  let i = off;
  while (i < end && PRINTABLE[b[i]!] === 1) i++;
  if (i === end) return b.toString('latin1', off, end);
  const out = scratchBuffer(count);
  b.copy(out, 0, off, i);
  let k = i - off;
  for (; i < end; i++) {
    const c = b[i]!;
    out[k++] = PRINTABLE[c] === 1 ? c : DOT;
  }
  return out.toString('latin1', 0, k);
}

/**
 * Printable bytes only, '\r' turned into a line break and a '\n' kept unless it
 * follows '\r' (or is the first byte); a leading line break unless `compact`.
 */
function asciiOnlyText(b: Buffer, off: number, len: number, compact: boolean): string {
  const out = scratchBuffer(len + 1);
  let k = 0;
  if (!compact) out[k++] = NL;
  const end = off + len;
  for (let i = off; i < end; i++) {
    const c = b[i]!;
    if (PRINTABLE[c] === 1) out[k++] = c;
    else if (c === CR) out[k++] = NL;
    else if (c === NL && i > off && b[i - 1] !== CR) out[k++] = NL;
  }
  return out.toString('latin1', 0, k);
}

function putHex2(out: Buffer, k: number, v: number): number {
  out[k] = HEXDIGITS[v >> 4]!;
  out[k + 1] = HEXDIGITS[v & 15]!;
  return k + 2;
}

/**
 * The hex dump: one row per 16 bytes, "\n\t0x%.4x:" then 2-byte groups " %.4x" (a
 * last odd byte as " %.2x"), with `ascii` the row padded to 8 groups, two spaces and
 * the bytes as dotted text. A final line break follows the last row.
 */
function hexText(b: Buffer, off: number, len: number, ascii: boolean): string {
  const rows = Math.ceil(len / 16);
  const out = scratchBuffer(rows * 80 + 16);
  let k = 0;
  for (let j = 0; j < len; j += 16) {
    out[k++] = NL;
    out[k++] = 0x09;
    out[k++] = 0x30;
    out[k++] = 0x78;
    const offText = j.toString(16);
    for (let p = offText.length; p < 4; p++) out[k++] = 0x30;
    k += out.write(offText, k, 'latin1');
    out[k++] = 0x3a;
    const rowEnd = Math.min(j + 16, len);
    let chunks = 0;
    for (let p = j; p < rowEnd; p += 2) {
      out[k++] = SPACE;
      k = putHex2(out, k, b[off + p]!);
      if (p + 1 < len) k = putHex2(out, k, b[off + p + 1]!);
      chunks++;
    }
    if (ascii) {
      for (; chunks < 8; chunks++) {
        out.fill(SPACE, k, k + 5);
        k += 5;
      }
      out[k++] = SPACE;
      out[k++] = SPACE;
      for (let p = j; p < rowEnd; p++) {
        const c = b[off + p]!;
        out[k++] = PRINTABLE[c] === 1 ? c : DOT;
      }
    }
  }
  out[k++] = NL;
  return out.toString('latin1', 0, k);
}

/**
 * b[off, off+len) as sysdig's binary_buffer_to_string() prints it in mode `fmt`
 * (a BufFmt value), then cut to `maxLen` characters in the default mode (0: no limit).
 */
export function renderBytes(b: Buffer, off: number, len: number, fmt: number, maxLen: number): string {
  if (len === 0) return '';
  if (fmt & (BufFmt.HEX | BufFmt.HEXASCII)) return hexText(b, off, len, (fmt & BufFmt.HEXASCII) !== 0);
  if (fmt & BufFmt.BASE64) return b.toString('base64', off, off + len);
  if (fmt & (BufFmt.JSON | BufFmt.JSONHEX | BufFmt.JSONEOLS | BufFmt.JSONHEXASCII | BufFmt.JSONBASE64)) {
    switch (fmt) {
      case BufFmt.JSONHEX:
        return hexText(b, off, len, false);
      case BufFmt.JSONHEXASCII:
        return hexText(b, off, len, true);
      case BufFmt.JSONEOLS:
        return asciiOnlyText(b, off, len, false);
      case BufFmt.JSONBASE64:
        return b.toString('base64', off, off + len);
      default:
        return dotsText(b, off, len);
    }
  }
  if (fmt & (BufFmt.EOLS | BufFmt.EOLS_COMPACT)) return asciiOnlyText(b, off, len, fmt === BufFmt.EOLS_COMPACT);
  if (fmt === BufFmt.NORMAL && maxLen !== 0 && len > maxLen) {
    // dotted text has one character per byte, so cutting the input cuts the output
    if (maxLen <= 3) return dotsText(b, off, maxLen);
    return dotsText(b, off, maxLen - 3) + '...';
  }
  return dotsText(b, off, len);
}
