// C printf formatting, as LuaJIT's string.format and tostring() behave.
//
// Sysdig's chisels were written for LuaJIT, where every number is a double and the
// integer conversions (%d %i %u %x %X %o %c) truncate any number toward zero instead
// of raising "number has no integer representation" as Lua 5.3 does. Our Lua VM
// (Fengari) is 5.3, so the engine replaces string.format with this implementation.

import { acquireBuilder, releaseBuilder, type ByteBuilder } from './byte-builder.js';
import { formatTemplate, TRUNCATED } from './format-template.js';
import { toExponentialC, toFixedC } from '../render/round-half-even.js';

export interface FormatSpec {
  flags: string;
  width: number;
  /** -1 when absent */
  precision: number;
  conv: string;
}

function pad(body: string, spec: FormatSpec, numeric: boolean): string {
  if (body.length >= spec.width) return body;
  const fill = spec.width - body.length;
  if (spec.flags.includes('-')) return body + ' '.repeat(fill);
  if (numeric && spec.flags.includes('0')) {
    // zeros go after the sign / 0x prefix
    const m = /^([+\- ]?(?:0[xX])?)(.*)$/s.exec(body)!;
    return m[1] + '0'.repeat(fill) + m[2];
  }
  return ' '.repeat(fill) + body;
}

function signOf(neg: boolean, flags: string): string {
  if (neg) return '-';
  if (flags.includes('+')) return '+';
  if (flags.includes(' ')) return ' ';
  return '';
}

/** Truncate a number to a signed 64-bit integer (as a bigint), the way a C cast does. */
export function toInt64(n: number | bigint): bigint {
  if (typeof n === 'bigint') return BigInt.asIntN(64, n);
  if (!Number.isFinite(n)) return n !== n ? 0n : n > 0 ? 0x7fffffffffffffffn : -0x8000000000000000n;
  return BigInt.asIntN(64, BigInt(Math.trunc(n)));
}

function formatInteger(n: number | bigint, spec: FormatSpec): string {
  const conv = spec.conv;
  let digits: string;
  let neg = false;
  let zero: boolean;
  const t = typeof n === 'number' ? Math.trunc(n) : 0;
  if (typeof n === 'number' && Math.abs(t) < 2 ** 53 && (t >= 0 || conv === 'd' || conv === 'i')) {
    // exact as a double, and no 64-bit wrap-around to apply: no BigInt needed
    zero = t === 0;
    neg = t < 0;
    const mag = neg ? -t : t;
    digits = conv === 'x' || conv === 'X' ? mag.toString(16) : conv === 'o' ? mag.toString(8) : String(mag);
  } else {
    const v = toInt64(n);
    zero = v === 0n;
    switch (conv) {
      case 'd':
      case 'i':
        neg = v < 0n;
        digits = (neg ? -v : v).toString(10);
        break;
      case 'x':
      case 'X':
        digits = BigInt.asUintN(64, v).toString(16);
        break;
      case 'o':
        digits = BigInt.asUintN(64, v).toString(8);
        break;
      default:
        digits = BigInt.asUintN(64, v).toString(10);
    }
  }
  let prefix = '';
  if (conv === 'X') digits = digits.toUpperCase();
  if ((conv === 'x' || conv === 'X') && spec.flags.includes('#') && !zero) prefix = conv === 'x' ? '0x' : '0X';
  if (conv === 'o' && spec.flags.includes('#') && digits[0] !== '0') digits = '0' + digits;
  if (spec.precision >= 0) {
    if (spec.precision === 0 && zero) digits = '';
    else if (digits.length < spec.precision) digits = '0'.repeat(spec.precision - digits.length) + digits;
    // a precision disables the 0 flag in C
    return pad(signOf(neg, spec.flags) + prefix + digits, { ...spec, flags: spec.flags.replace('0', '') }, true);
  }
  return pad(signOf(neg, spec.flags) + prefix + digits, spec, true);
}

/** Digits of |x| in exponential form with `prec` decimals: [mantissa digits, exponent]. */
function expParts(x: number, prec: number): [string, number] {
  if (x === 0) return ['0' + (prec > 0 ? '.' + '0'.repeat(prec) : ''), 0];
  const s = toExponentialC(x, Math.min(prec, 100));
  const e = s.indexOf('e');
  let mant = s.slice(0, e);
  if (prec > 100) mant += '0'.repeat(prec - 100);
  return [mant, parseInt(s.slice(e + 1), 10)];
}

function fixedDigits(x: number, prec: number): string {
  if (x < 1e21) {
    if (prec <= 100) return toFixedC(x, prec);
    return x.toFixed(100) + '0'.repeat(prec - 100);
  }
  // toFixed switches to exponent notation past 1e21: spell out the integer part
  let int = BigInt(x).toString();
  return prec > 0 ? int + '.' + '0'.repeat(prec) : int;
}

function expString(mant: string, exp: number, upper: boolean): string {
  const es = (exp < 0 ? '-' : '+') + (Math.abs(exp) < 10 ? '0' : '') + Math.abs(exp);
  return mant + (upper ? 'E' : 'e') + es;
}

function formatFloat(x: number, spec: FormatSpec): string {
  const upper = spec.conv === 'E' || spec.conv === 'G' || spec.conv === 'F' || spec.conv === 'A';
  const neg = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  const sign = signOf(neg, spec.flags);
  if (!Number.isFinite(x)) {
    const t = x !== x ? 'nan' : 'inf';
    return pad(sign + (upper ? t.toUpperCase() : t), { ...spec, flags: spec.flags.replace('0', '') }, false);
  }
  const alt = spec.flags.includes('#');
  let prec = spec.precision < 0 ? 6 : spec.precision;
  let body: string;
  switch (spec.conv) {
    case 'f':
    case 'F':
      body = fixedDigits(ax, prec);
      if (alt && prec === 0) body += '.';
      break;
    case 'e':
    case 'E': {
      const [m, e] = expParts(ax, prec);
      body = expString(alt && prec === 0 ? m + '.' : m, e, upper);
      break;
    }
    case 'g':
    case 'G': {
      if (prec === 0) prec = 1;
      const [m, e] = expParts(ax, prec - 1);
      if (e < -4 || e >= prec) {
        let mm = m;
        if (!alt && mm.includes('.')) mm = mm.replace(/\.?0+$/, '');
        body = expString(mm, e, upper);
      } else {
        body = fixedDigits(ax, prec - 1 - e);
        if (!alt && body.includes('.')) body = body.replace(/\.?0+$/, '');
      }
      break;
    }
    case 'a':
    case 'A':
      body = hexFloat(ax, spec.precision);
      if (upper) body = body.toUpperCase();
      break;
    default:
      body = String(ax);
  }
  return pad(sign + body, spec, true);
}

function hexFloat(x: number, prec: number): string {
  if (x === 0) return '0x0p+0';
  let e = Math.floor(Math.log2(x));
  let m = x / Math.pow(2, e);
  while (m >= 2) { m /= 2; e++; }
  while (m < 1) { m *= 2; e--; }
  let frac = '';
  let f = m - 1;
  const maxDigits = prec >= 0 ? prec : 13;
  for (let i = 0; i < maxDigits && (prec >= 0 || f > 0); i++) {
    f *= 16;
    const d = Math.floor(f);
    frac += d.toString(16);
    f -= d;
  }
  return '0x1' + (frac ? '.' + frac : '') + 'p' + (e < 0 ? '' : '+') + e;
}

/** C's %.14g: how LuaJIT prints a number (tostring, print, concatenation). */
export function numberToString(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return Object.is(n, -0) ? '-0' : String(n);
  if (n !== n) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  return formatFloat(n, { flags: '', width: 0, precision: 14, conv: 'g' });
}

/** Lua's %q: a string quoted so that Lua can read it back. */
export function quoteLua(bytes: Uint8Array): Uint8Array {
  const out: number[] = [0x22];
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === 0x22 || c === 0x5c) out.push(0x5c, c);
    else if (c === 0x0a) out.push(0x5c, 0x0a);
    else if (c === 0x0d) out.push(0x5c, 0x72);
    else if (c === 0) {
      const next = bytes[i + 1];
      const digitNext = next !== undefined && next >= 0x30 && next <= 0x39;
      for (const ch of digitNext ? '\\000' : '\\0') out.push(ch.charCodeAt(0));
    } else out.push(c);
  }
  out.push(0x22);
  return Uint8Array.from(out);
}

/** The value kinds string.format consumes: numbers, strings (as bytes) and a tostring() hook. */
export interface FormatArgs {
  count: number;
  number(i: number, spec: FormatSpec): number;
  bytes(i: number): Uint8Array;
  tostring(i: number): Uint8Array;
  error(i: number, msg: string): never;
}

const te = new TextEncoder();

/** Format `fmt` (bytes) with C printf rules; arguments are fetched through `args` (1-based). */
export function formatBytes(fmt: Uint8Array, args: FormatArgs): Uint8Array {
  const out = acquireBuilder();
  try {
    const pieces = formatTemplate(fmt);
    let argi = 0;
    for (let p = 0; p < pieces.length; p++) {
      const piece = pieces[p]!;
      if (piece instanceof Uint8Array) {
        out.bytes(piece);
        continue;
      }
      if (piece === TRUNCATED) args.error(argi + 1, "invalid option '%' to 'format'");
      argi++;
      if (argi > args.count) args.error(argi, 'no value');
      writeConversion(out, piece, argi, args);
    }
    return out.take();
  } finally {
    releaseBuilder(out);
  }
}

function writeConversion(out: ByteBuilder, spec: FormatSpec, argi: number, args: FormatArgs): void {
  switch (spec.conv) {
    case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
      out.latin1(formatInteger(args.number(argi, spec), spec));
      break;
    case 'c': {
      const code = Number(toInt64(args.number(argi, spec)) & 0xffn);
      out.latin1(pad(String.fromCharCode(code), spec, false));
      break;
    }
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A':
      out.latin1(formatFloat(args.number(argi, spec), spec));
      break;
    case 's': {
      let b = args.tostring(argi);
      if (spec.precision >= 0 && b.length > spec.precision) b = b.subarray(0, spec.precision);
      const fill = spec.width - b.length;
      if (fill > 0 && spec.flags.includes('-')) {
        out.bytes(b);
        out.fill(0x20, fill);
      } else {
        out.fill(0x20, fill);
        out.bytes(b);
      }
      break;
    }
    case 'q':
      out.bytes(quoteLua(args.bytes(argi)));
      break;
    default:
      args.error(argi, `invalid option '%${spec.conv}' to 'format'`);
  }
}

/** Convenience for JS callers (and tests): format with plain JS values. */
export function sprintf(fmt: string, ...values: Array<number | string | bigint>): string {
  const bytes = formatBytes(te.encode(fmt), {
    count: values.length,
    number: (i) => {
      const v = values[i - 1];
      return typeof v === 'string' ? Number(v) : (v as number);
    },
    bytes: (i) => te.encode(String(values[i - 1])),
    tostring: (i) => {
      const v = values[i - 1];
      return te.encode(typeof v === 'number' ? numberToString(v) : String(v));
    },
    error: (i, msg) => {
      throw new Error(`bad argument #${i} to 'format' (${msg})`);
    },
  });
  return new TextDecoder().decode(bytes);
}
