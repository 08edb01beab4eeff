// string.format's format strings, split once into literal runs and conversions. Chisels
// format with the same few constant strings on every event; a Lua string's bytes never
// change, so the split is kept per byte array (weakly: the template goes with the string).
import type { FormatSpec } from './printf.js';

/** The format ended inside a conversion ('%', maybe flags or a width, then nothing). */
export const TRUNCATED = Symbol('truncated conversion');

/** Literal bytes, a conversion, or TRUNCATED (always last). */
export type FormatPiece = Uint8Array | FormatSpec | typeof TRUNCATED;

const templates = new WeakMap<Uint8Array, FormatPiece[]>();

export function formatTemplate(fmt: Uint8Array): FormatPiece[] {
  let t = templates.get(fmt);
  if (t === undefined) {
    t = parseFormat(fmt);
    templates.set(fmt, t);
  }
  return t;
}

const FLAG_CHARS = '-+ #0';
const LENGTH_MODIFIERS = 'lhLjzt';

function parseFormat(fmt: Uint8Array): FormatPiece[] {
  const pieces: FormatPiece[] = [];
  const n = fmt.length;
  let lit = 0;
  let i = 0;
  while (i < n) {
    if (fmt[i] !== 0x25) {
      i++;
      continue;
    }
    if (i > lit) pieces.push(fmt.slice(lit, i));
    i++;
    if (fmt[i] === 0x25) {
      pieces.push(fmt.slice(i, i + 1));
      lit = ++i;
      continue;
    }
    let flags = '';
    while (i < n && FLAG_CHARS.includes(String.fromCharCode(fmt[i]!))) flags += String.fromCharCode(fmt[i++]!);
    let width = 0;
    while (i < n && fmt[i]! >= 0x30 && fmt[i]! <= 0x39) width = width * 10 + (fmt[i++]! - 0x30);
    let precision = -1;
    if (fmt[i] === 0x2e) {
      i++;
      precision = 0;
      while (i < n && fmt[i]! >= 0x30 && fmt[i]! <= 0x39) precision = precision * 10 + (fmt[i++]! - 0x30);
    }
    // C length modifiers are accepted and ignored (LuaJIT rejects them, but they are harmless)
    while (i < n && LENGTH_MODIFIERS.includes(String.fromCharCode(fmt[i]!))) i++;
    if (i >= n) {
      pieces.push(TRUNCATED);
      return pieces;
    }
    pieces.push({ flags, width, precision, conv: String.fromCharCode(fmt[i]!) });
    lit = ++i;
  }
  if (lit < n) pieces.push(fmt.slice(lit, n));
  return pieces;
}
