// C printf formatting, as LuaJIT's string.format and tostring() behave.
//
// Sysdig's chisels were written for LuaJIT, where every number is a double and the
// integer conversions (%d %i %u %x %X %o %c) truncate any number toward zero instead
// of raising "number has no integer representation" as Lua 5.3 does. Our Lua VM
// (Fengari) is 5.3, so the engine replaces string.format with this implementation.

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
  let v = toInt64(n);
  let digits: string;
  let neg = false;
  let prefix = '';
  switch (spec.conv) {
    case 'd':
    case 'i':
      neg = v < 0n;
      digits = (neg ? -v : v).toString(10);
      break;
    case 'u':
      digits = BigInt.asUintN(64, v).toString(10);
      break;
    case 'x':
    case 'X':
      digits = BigInt.asUintN(64, v).toString(16);
      if (spec.conv === 'X') digits = digits.toUpperCase();
      if (spec.flags.includes('#') && v !== 0n) prefix = spec.conv === 'x' ? '0x' : '0X';
      break;
    case 'o':
      digits = BigInt.asUintN(64, v).toString(8);
      if (spec.flags.includes('#') && digits[0] !== '0') digits = '0' + digits;
      break;
    default:
      digits = v.toString();
  }
  if (spec.precision >= 0) {
    if (spec.precision === 0 && v === 0n) digits = '';
    else if (digits.length < spec.precision) digits = '0'.repeat(spec.precision - digits.length) + digits;
    // a precision disables the 0 flag in C
    return pad(signOf(neg, spec.flags) + prefix + digits, { ...spec, flags: spec.flags.replace('0', '') }, true);
  }
  return pad(signOf(neg, spec.flags) + prefix + digits, spec, true);
}

/** Digits of |x| in exponential form with `prec` decimals: [mantissa digits, exponent]. */
function expParts(x: number, prec: number): [string, number] {
  if (x === 0) return ['0' + (prec > 0 ? '.' + '0'.repeat(prec) : ''), 0];
  const s = x.toExponential(Math.min(prec, 100));
  const e = s.indexOf('e');
  let mant = s.slice(0, e);
  if (prec > 100) mant += '0'.repeat(prec - 100);
  return [mant, parseInt(s.slice(e + 1), 10)];
}

function fixedDigits(x: number, prec: number): string {
  if (x < 1e21) {
    if (prec <= 100) return x.toFixed(prec);
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
  const parts: Uint8Array[] = [];
  let lit = 0;
  let argi = 0;
  let i = 0;
  const n = fmt.length;
  while (i < n) {
    if (fmt[i] !== 0x25) { i++; continue; }
    if (i > lit) parts.push(fmt.subarray(lit, i));
    i++;
    if (fmt[i] === 0x25) { parts.push(fmt.subarray(i, i + 1)); i++; lit = i; continue; }
    let flags = '';
    while (i < n && '-+ #0'.includes(String.fromCharCode(fmt[i]!))) flags += String.fromCharCode(fmt[i++]!);
    let width = 0;
    while (i < n && fmt[i]! >= 0x30 && fmt[i]! <= 0x39) width = width * 10 + (fmt[i++]! - 0x30);
    let precision = -1;
    if (fmt[i] === 0x2e) {
      i++;
      precision = 0;
      while (i < n && fmt[i]! >= 0x30 && fmt[i]! <= 0x39) precision = precision * 10 + (fmt[i++]! - 0x30);
    }
    // C length modifiers are accepted and ignored (LuaJIT rejects them, but they are harmless)
    while (i < n && 'lhLjzt'.includes(String.fromCharCode(fmt[i]!))) i++;
    if (i >= n) args.error(argi + 1, "invalid option '%' to 'format'");
    const conv = String.fromCharCode(fmt[i]!);
    i++;
    lit = i;
    argi++;
    if (argi > args.count) args.error(argi, 'no value');
    const spec: FormatSpec = { flags, width, precision, conv };
    switch (conv) {
      case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
        parts.push(te.encode(formatInteger(args.number(argi, spec), spec)));
        break;
      case 'c': {
        const code = Number(toInt64(args.number(argi, spec)) & 0xffn);
        const body = String.fromCharCode(code);
        const padded = pad(body, spec, false);
        parts.push(Uint8Array.from(padded, (ch) => ch.charCodeAt(0)));
        break;
      }
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A':
        parts.push(te.encode(formatFloat(args.number(argi, spec), spec)));
        break;
      case 's': {
        let b = args.tostring(argi);
        if (precision >= 0 && b.length > precision) b = b.subarray(0, precision);
        if (width > b.length) {
          const fill = new Uint8Array(width - b.length).fill(0x20);
          parts.push(...(flags.includes('-') ? [b, fill] : [fill, b]));
        } else parts.push(b);
        break;
      }
      case 'q':
        parts.push(quoteLua(args.bytes(argi)));
        break;
      default:
        args.error(argi, `invalid option '%${conv}' to 'format'`);
    }
  }
  if (lit < n) parts.push(fmt.subarray(lit, n));
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
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
