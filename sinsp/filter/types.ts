// What the compiler knows about each field type (PT.*): how its values are represented
// (the FieldValue rules of fields/types.ts), how a literal is converted to it, and which
// operators it supports (libsinsp's flt_is_comparable).
import type { FieldValue } from '../fields/types.js';
import { PT } from '../generated/schema.js';
import {
  parseBool,
  parseDouble,
  parseIPAddr,
  parseIPNet,
  parseIPv4,
  parseIPv4Net,
  parseIPv6,
  parseIPv6Net,
  parsePort,
  parseSigned64,
  parseSmallInteger,
  parseUnsigned64,
  type IpNet,
} from './values.js';

/**
 * How values of a type are compared:
 * - number: JS numbers (small integers, fds, pids, ports, doubles)
 * - bigint: 64-bit integers and times
 * - bool, string, bytes (Uint8Array)
 * - ipv4: u32 numbers; ipv6: 16-byte arrays; ipaddr: 4- or 16-byte arrays
 * - net: an address (u32 number or 4/16 bytes) matched against a CIDR literal
 */
export type ValueClass = 'number' | 'bigint' | 'bool' | 'string' | 'bytes' | 'ipv4' | 'ipv6' | 'ipaddr' | 'net';

export type Literal = FieldValue | IpNet;

export interface TypeInfo {
  cls: ValueClass;
  /** what to call the type in messages */
  label: string;
  /** the literal as a value of this type; throws ValueError */
  parse(text: string): Literal;
}

const PT_NAMES: Record<number, string> = Object.fromEntries(Object.entries(PT).map(([k, v]) => [v, k]));

export function typeName(pt: number): string {
  return PT_NAMES[pt] ?? `type ${pt}`;
}

const asText = (t: string): string => t;
const bytesOf = (t: string): Uint8Array => new Uint8Array(Buffer.from(t, 'utf8'));

function small(bits: 8 | 16 | 32, signed: boolean): (t: string) => number {
  return (t) => parseSmallInteger(t, bits, signed);
}

export function typeInfo(pt: number): TypeInfo | undefined {
  const label = typeName(pt);
  switch (pt) {
    case PT.INT8:
      return { cls: 'number', label, parse: small(8, true) };
    case PT.INT16:
      return { cls: 'number', label, parse: small(16, true) };
    case PT.INT32:
      return { cls: 'number', label, parse: small(32, true) };
    case PT.UINT8:
    case PT.FLAGS8:
    case PT.ENUMFLAGS8:
    case PT.SIGTYPE:
    case PT.L4PROTO:
    case PT.SOCKFAMILY:
      return { cls: 'number', label, parse: small(8, false) };
    case PT.UINT16:
    case PT.FLAGS16:
    case PT.ENUMFLAGS16:
    case PT.SYSCALLID:
      return { cls: 'number', label, parse: small(16, false) };
    case PT.UINT32:
    case PT.FLAGS32:
    case PT.ENUMFLAGS32:
    case PT.MODE:
    case PT.UID:
    case PT.GID:
      return { cls: 'number', label, parse: small(32, false) };
    case PT.FD:
    case PT.PID:
    case PT.ERRNO:
    case PT.FD32:
    case PT.PID32:
      return { cls: 'number', label, parse: (t) => Number(parseSigned64(t)) };
    case PT.INT64:
      return { cls: 'bigint', label, parse: parseSigned64 };
    case PT.UINT64:
    case PT.RELTIME:
    case PT.ABSTIME:
      return { cls: 'bigint', label, parse: parseUnsigned64 };
    case PT.DOUBLE:
      return { cls: 'number', label, parse: parseDouble };
    case PT.PORT:
      return { cls: 'number', label, parse: parsePort };
    case PT.BOOL:
      return { cls: 'bool', label, parse: parseBool };
    case PT.CHARBUF:
    case PT.FSPATH:
    case PT.FSRELPATH:
    case PT.SOCKADDR:
    case PT.SOCKTUPLE:
      return { cls: 'string', label, parse: asText };
    case PT.BYTEBUF:
      return { cls: 'bytes', label, parse: bytesOf };
    case PT.IPV4ADDR:
      return { cls: 'ipv4', label, parse: parseIPv4 };
    case PT.IPV6ADDR:
      return { cls: 'ipv6', label, parse: parseIPv6 };
    case PT.IPADDR:
      return { cls: 'ipaddr', label, parse: parseIPAddr };
    case PT.IPV4NET:
      return { cls: 'net', label, parse: parseIPv4Net };
    case PT.IPV6NET:
      return { cls: 'net', label, parse: parseIPv6Net };
    case PT.IPNET:
      return { cls: 'net', label, parse: parseIPNet };
    default:
      return undefined;
  }
}

const NUMERIC_OPS = new Set(['=', '==', '!=', '<', '<=', '>', '>=', 'in', 'intersects', 'exists']);
const EQUALITY_OPS = new Set(['=', '==', '!=', 'in', 'intersects', 'exists']);
const STRING_OPS = new Set([
  '=', '==', '!=', '<', '<=', '>', '>=', 'contains', 'icontains', 'startswith', 'endswith',
  'glob', 'iglob', 'pmatch', 'regex', 'in', 'intersects', 'exists',
]);
const BUFFER_OPS = new Set([
  '=', '==', '!=', 'contains', 'bcontains', 'startswith', 'bstartswith', 'endswith', 'in', 'intersects', 'exists',
]);

const OPS_BY_CLASS: Record<ValueClass, { ops: Set<string>; what: string }> = {
  number: { ops: NUMERIC_OPS, what: 'numeric' },
  bigint: { ops: NUMERIC_OPS, what: 'numeric' },
  bool: { ops: EQUALITY_OPS, what: 'boolean' },
  string: { ops: STRING_OPS, what: 'string' },
  bytes: { ops: BUFFER_OPS, what: 'buffer' },
  ipv4: { ops: EQUALITY_OPS, what: 'IP address' },
  ipv6: { ops: EQUALITY_OPS, what: 'IP address' },
  ipaddr: { ops: EQUALITY_OPS, what: 'IP address' },
  net: { ops: EQUALITY_OPS, what: 'IP network' },
};

/** undefined if `op` applies to values of `cls`, else why not */
export function operatorProblem(op: string, cls: ValueClass): string | undefined {
  const c = OPS_BY_CLASS[cls];
  return c.ops.has(op) ? undefined : `'${op}' is not supported for ${c.what} fields`;
}
