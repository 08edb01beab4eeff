// How byte buffers are printed: sysdig's sinsp_evt::param_fmt bits.
import type { BufferFormat } from '../fields/types.js';

export const BufFmt = {
  NORMAL: 1 << 0,
  JSON: 1 << 1,
  SIMPLE: 1 << 2,
  HEX: 1 << 3,
  HEXASCII: 1 << 4,
  EOLS: 1 << 5,
  EOLS_COMPACT: 1 << 6,
  BASE64: 1 << 7,
  JSONEOLS: 1 << 8,
  JSONHEX: 1 << 9,
  JSONHEXASCII: 1 << 10,
  JSONBASE64: 1 << 11,
} as const;

/** Any of the JSON variants (sysdig switches to them when -j is given). */
export const BUFFMT_ANY_JSON =
  BufFmt.JSON | BufFmt.JSONEOLS | BufFmt.JSONHEX | BufFmt.JSONHEXASCII | BufFmt.JSONBASE64;

/**
 * The param_fmt for a command-line buffer format (-A/-x/-X/-b or none); with `json`
 * (-j) the JSON variant of it, as sysdig's main() selects.
 */
export function bufFmtOf(format: BufferFormat, json: boolean): number {
  switch (format) {
    case 'ascii':
      return json ? BufFmt.JSONEOLS : BufFmt.EOLS;
    case 'hex':
      return json ? BufFmt.JSONHEX : BufFmt.HEX;
    case 'hexascii':
      return json ? BufFmt.JSONHEXASCII : BufFmt.HEXASCII;
    case 'base64':
      return json ? BufFmt.JSONBASE64 : BufFmt.BASE64;
    case 'json':
      return BufFmt.JSON;
    default:
      return json ? BufFmt.JSON : BufFmt.NORMAL;
  }
}
