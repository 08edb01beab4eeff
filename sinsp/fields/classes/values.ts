// How a field value turns into text (-p) and JSON (-j), by PT type and PF format, the
// way libsinsp's filter checks print extracted values (rawval_to_string / rawval_to_json).
import { PT, PF } from '../../generated/schema.js';
import { FieldError, type FieldValue } from '../types.js';
import { jsonQuote } from '../../output/json.js';
import { ipv4U32Text, ipv6Text as ipv6TextAt } from '../../render/inet.js';
import { toFixedC } from '../../render/round-half-even.js';

const MASK64 = (1n << 64n) - 1n;

function asBigInt(v: FieldValue): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return 0n;
}

function asNumber(v: FieldValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return 0;
}

/** printf("%.1f"): like toFixed(1), but exact ties round to even as glibc does */
export function formatDouble1(x: number): string {
  if (Number.isNaN(x)) return x < 0 ? '-nan' : 'nan';
  if (!Number.isFinite(x)) return x < 0 ? '-inf' : 'inf';
  // toFixed switches to exponents from 1e21 on; such doubles are integers anyway
  if (Math.abs(x) >= 1e21) return BigInt(x).toString() + '.0';
  return toFixedC(x, 1);
}

/** IPv4 address as scap stores it (network-order bytes) in dotted notation */
export const ipv4Text = ipv4U32Text;

export function ipv6Text(b: Uint8Array): string {
  return ipv6TextAt(b, 0);
}

/** an IPADDR value (4 or 16 bytes) as text */
export function ipAddrText(v: Uint8Array): string {
  if (v.length === 4) return `${v[0]}.${v[1]}.${v[2]}.${v[3]}`;
  if (v.length === 16) return ipv6Text(v);
  throw new FieldError(`rawval_to_string called with IP address of incorrect size ${v.length}`);
}

/**
 * libsinsp's sanitize_string, applied to fd names when they are printed: only printable
 * ASCII survives (every byte of a multi-byte UTF-8 character is dropped).
 */
export function sanitizeText(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) {
      let out = s.slice(0, i);
      for (let j = i + 1; j < s.length; j++) {
        const d = s.charCodeAt(j);
        if (d >= 0x20 && d <= 0x7e) out += s[j];
      }
      return out;
    }
  }
  return s;
}

function octal(v: bigint): string {
  return v.toString(8);
}

/** the text sysdig prints for a value of type `type` with print format `fmt` */
export function renderValue(type: number, fmt: number | undefined, v: FieldValue): string {
  const f = fmt ?? PF.NA;
  switch (type) {
    case PT.INT8:
    case PT.INT16:
    case PT.INT32: {
      const n = asNumber(v) | 0;
      if (f === PF.OCT) return octal(BigInt(n >>> 0));
      if (f === PF.HEX) return (n >>> 0).toString(16).toUpperCase();
      return String(n);
    }
    case PT.INT64:
    case PT.PID:
    case PT.ERRNO: {
      const n = asBigInt(v);
      if (f === PF.OCT) return octal(n & MASK64);
      if (f === PF.HEX) return (n & MASK64).toString(16).toUpperCase();
      if (f === PF['10_PADDED_DEC']) return padDec(n);
      return n.toString();
    }
    case PT.UINT8:
    case PT.UINT16:
    case PT.UINT32:
    case PT.PORT:
    case PT.L4PROTO: {
      const n = asNumber(v) >>> 0;
      // sysdig prints unsigned 8..32-bit values in decimal even when the format says hex
      if (f === PF.OCT) return octal(BigInt(n));
      return String(n);
    }
    case PT.UINT64:
    case PT.RELTIME:
    case PT.ABSTIME: {
      const n = asBigInt(v) & MASK64;
      if (f === PF.OCT) return octal(n);
      if (f === PF.HEX) return n.toString(16).toUpperCase();
      if (f === PF['10_PADDED_DEC']) return padDec(n);
      return n.toString();
    }
    case PT.BOOL:
      return v === true || (typeof v !== 'boolean' && asNumber(v) !== 0) ? 'true' : 'false';
    case PT.DOUBLE:
      return formatDouble1(asNumber(v));
    case PT.IPV4ADDR:
      return typeof v === 'number' ? ipv4Text(v) : v instanceof Uint8Array ? ipAddrText(v) : String(v);
    case PT.IPV6ADDR:
      return v instanceof Uint8Array ? ipv6Text(v) : String(v);
    case PT.IPADDR:
    case PT.IPNET:
      return v instanceof Uint8Array ? ipAddrText(v) : typeof v === 'number' ? ipv4Text(v) : String(v);
    case PT.BYTEBUF:
      return v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.length).toString('latin1') : String(v);
    default:
      return typeof v === 'string' ? v : String(v);
  }
}

function padDec(n: bigint): string {
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString();
  const body = digits.length >= (neg ? 8 : 9) ? digits : digits.padStart(neg ? 8 : 9, '0');
  return neg ? '-' + body : body;
}

/**
 * The JSON sysdig writes for a value: numbers for decimal integers, strings for hex/octal
 * and addresses, true/false for booleans. A double (or a decimal-less small integer
 * format) has no JSON form in sysdig 0.29.3: it aborts with "wrong event type", or
 * writes null.
 */
export function renderValueJson(type: number, fmt: number | undefined, v: FieldValue): string {
  const f = fmt ?? PF.NA;
  switch (type) {
    case PT.INT8:
    case PT.INT16:
    case PT.INT32:
    case PT.UINT8:
    case PT.UINT16:
    case PT.UINT32:
    case PT.PORT:
    case PT.L4PROTO:
      if (f === PF.DEC || f === PF.ID) return renderValue(type, f, v);
      if (f === PF.OCT || f === PF.HEX) return jsonQuote(renderValue(type, f, v));
      return 'null';
    case PT.INT64:
    case PT.PID:
      if (f === PF.DEC || f === PF.ID) return renderValue(type, f, v);
      return jsonQuote(renderValue(type, f, v));
    case PT.UINT64:
    case PT.RELTIME:
    case PT.ABSTIME:
      if (f === PF.DEC || f === PF.ID) return renderValue(type, f, v);
      if (f === PF.OCT || f === PF.HEX || f === PF['10_PADDED_DEC']) return jsonQuote(renderValue(type, f, v));
      return 'null';
    case PT.BOOL:
      return renderValue(type, f, v);
    case PT.CHARBUF:
    case PT.FSPATH:
    case PT.FSRELPATH:
    case PT.BYTEBUF:
    case PT.IPV4ADDR:
    case PT.IPV6ADDR:
    case PT.IPADDR:
      return jsonQuote(renderValue(type, f, v));
    case PT.SOCKADDR:
    case PT.SOCKFAMILY:
      return 'null';
    default:
      throw new FieldError(`wrong event type ${type}`);
  }
}
