// Literal filter values -> field values, at compile time, following libsinsp's
// sinsp_filter_value_parser::string_to_rawval: integers are read the way sscanf("%d",
// "%u", "%lld", "%llu") reads them (decimal only, optional sign, clamped to 64 bits then
// truncated to the field's width), booleans are `true`/`false`, IPv4 addresses are
// dotted quads as inet_pton takes them, networks are CIDR, ports may be service names
// (/etc/services, as getservbyname), byte buffers take the bytes as written.
//
// Each function returns the converted value or throws a ValueError whose message says
// what was wrong; the compiler adds the position.
import { readFileSync } from 'node:fs';

export class ValueError extends Error {}

const RE_C_INTEGER = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)$/;
const TWO64 = 1n << 64n;
const MAX_U64 = TWO64 - 1n;
const MAX_S64 = (1n << 63n) - 1n;
const MIN_S64 = -(1n << 63n);

function notANumber(text: string): never {
  throw new ValueError(`'${text}' is not a valid number`);
}

/** sscanf("%lld"): strtoll, clamped on overflow */
export function parseSigned64(text: string): bigint {
  const m = RE_C_INTEGER.exec(text);
  if (!m) notANumber(text);
  let v = BigInt(m[2]!);
  if (m[1] === '-') v = -v;
  if (v > MAX_S64) return MAX_S64;
  if (v < MIN_S64) return MIN_S64;
  return v;
}

/** sscanf("%llu"): strtoull, which negates a leading '-' modulo 2^64 and clamps on overflow */
export function parseUnsigned64(text: string): bigint {
  const m = RE_C_INTEGER.exec(text);
  if (!m) notANumber(text);
  const mag = BigInt(m[2]!);
  if (mag > MAX_U64) return MAX_U64;
  return m[1] === '-' ? (TWO64 - mag) % TWO64 : mag;
}

/** sscanf("%d") / "%u" into a field of `bits` width: read as a 64-bit long, then truncated */
export function parseSmallInteger(text: string, bits: 8 | 16 | 32, signed: boolean): number {
  const wide = signed ? parseSigned64(text) : parseUnsigned64(text);
  return Number(signed ? BigInt.asIntN(bits, wide) : BigInt.asUintN(bits, wide));
}

const RE_DECIMAL = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** doubles: any decimal number (libsinsp only took integers here; this is a superset) */
export function parseDouble(text: string): number {
  if (!RE_DECIMAL.test(text)) notANumber(text);
  return Number(text);
}

export function parseBool(text: string): boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new ValueError(`unrecognized boolean value '${text}' (expected true or false)`);
}

/** inet_pton(AF_INET): four decimal octets, no leading zeros */
export function parseIPv4Bytes(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    if (!/^[0-9]{1,3}$/.test(p) || (p.length > 1 && p[0] === '0')) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out[i] = n;
  }
  return out;
}

/** an IPv4 address as scap stores it in a u32: the network-order bytes read little-endian */
export function ipv4BytesToU32(b: Uint8Array): number {
  return (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
}

export function ipv4U32ToBytes(v: number): Uint8Array {
  return new Uint8Array([v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff]);
}

/** inet_pton(AF_INET6): hex groups, at most one '::', optionally a dotted IPv4 tail */
export function parseIPv6Bytes(text: string): Uint8Array | undefined {
  if (text.length === 0 || !/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  let head = text;
  let tail: Uint8Array | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.indexOf('.', lastColon) >= 0) {
    tail = parseIPv4Bytes(text.slice(lastColon + 1));
    if (!tail) return undefined;
    head = text.slice(0, lastColon + 1);
    // "::1.2.3.4" keeps its "::"; "a:b:1.2.3.4" leaves a trailing ':' to drop
    if (!head.endsWith('::')) head = head.slice(0, -1);
  }
  const groupsNeeded = tail ? 6 : 8;
  const dbl = head.indexOf('::');
  if (dbl >= 0 && head.indexOf('::', dbl + 1) >= 0) return undefined;
  const parseGroups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  let groups: number[];
  if (dbl >= 0) {
    const left = parseGroups(head.slice(0, dbl));
    const right = parseGroups(head.slice(dbl + 2));
    if (!left || !right || left.length + right.length > groupsNeeded - 1) return undefined;
    groups = [...left, ...new Array<number>(groupsNeeded - left.length - right.length).fill(0), ...right];
  } else {
    const all = parseGroups(head);
    if (!all || all.length !== groupsNeeded) return undefined;
    groups = all;
  }
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[i * 2] = g >> 8;
    out[i * 2 + 1] = g & 0xff;
  });
  if (tail) out.set(tail, 12);
  return out;
}

export function parseIPv4(text: string): number {
  const b = parseIPv4Bytes(text);
  if (!b) throw new ValueError(`'${text}' is not an IPv4 address`);
  return ipv4BytesToU32(b);
}

export function parseIPv6(text: string): Uint8Array {
  const b = parseIPv6Bytes(text);
  if (!b) throw new ValueError(`'${text}' is not an IPv6 address`);
  return b;
}

/** PT_IPADDR: a '.' means IPv4 (4 bytes), anything else IPv6 (16 bytes) */
export function parseIPAddr(text: string): Uint8Array {
  if (text.includes('.')) {
    const b = parseIPv4Bytes(text);
    if (!b) throw new ValueError(`'${text}' is not an IP address`);
    return b;
  }
  const b = parseIPv6Bytes(text);
  if (!b) throw new ValueError(`'${text}' is not an IP address`);
  return b;
}

/** A network: the address bytes and how many leading bits must match. */
export interface IpNet {
  bytes: Uint8Array;
  prefix: number;
  /** written as a bare IPv6 address, the only IPv6 network form sysdig 0.29.3 read */
  bareV6?: boolean;
}

function parsePrefixLen(text: string, max: number, whole: string): number {
  if (!/^[0-9]+$/.test(text) || Number(text) > max) {
    throw new ValueError(`invalid netmask '${text}' in '${whole}'`);
  }
  return Number(text);
}

export function parseIPv4Net(text: string): IpNet {
  const slash = text.indexOf('/');
  if (slash < 0) throw new ValueError(`'${text}' is not an IPv4 network (expected a.b.c.d/len)`);
  const bytes = parseIPv4Bytes(text.slice(0, slash));
  if (!bytes) throw new ValueError(`'${text}' is not an IPv4 network (expected a.b.c.d/len)`);
  return { bytes, prefix: parsePrefixLen(text.slice(slash + 1), 32, text) };
}

/** An IPv6 network; a bare address means its /64, as sysdig 0.29.3 compared them. */
export function parseIPv6Net(text: string): IpNet {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const bytes = parseIPv6Bytes(addr);
  if (!bytes) throw new ValueError(`'${text}' is not an IPv6 network (expected an address or address/len)`);
  if (slash < 0) return { bytes, prefix: 64, bareV6: true };
  return { bytes, prefix: parsePrefixLen(text.slice(slash + 1), 128, text) };
}

/** PT_IPNET: a '.' means an IPv4 network, anything else IPv6 */
export function parseIPNet(text: string): IpNet {
  if (text.includes('.')) {
    if (!text.includes('/') || !parseIPv4Bytes(text.slice(0, text.indexOf('/')))) {
      throw new ValueError(`'${text}' is not an IP network (expected a.b.c.d/len or an IPv6 prefix)`);
    }
    return parseIPv4Net(text);
  }
  try {
    return parseIPv6Net(text);
  } catch {
    throw new ValueError(`'${text}' is not an IP network (expected a.b.c.d/len or an IPv6 prefix)`);
  }
}

/** true if `addr` (same length as the network's bytes) lies in `net` */
export function inNet(addr: Uint8Array, net: IpNet): boolean {
  const nb = net.bytes;
  if (addr.length !== nb.length) return false;
  const full = net.prefix >> 3;
  for (let i = 0; i < full; i++) if (addr[i] !== nb[i]) return false;
  const rest = net.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (addr[full]! & mask) === (nb[full]! & mask);
}

let services: Map<string, number> | undefined;

function loadServices(): Map<string, number> {
  const map = new Map<string, number>();
  let text = '';
  try {
    text = readFileSync('/etc/services', 'utf8');
  } catch {
    return map;
  }
  for (const line of text.split('\n')) {
    const words = line.replace(/#.*/, '').trim().split(/\s+/);
    if (words.length < 2) continue;
    const m = /^([0-9]+)\/[a-z]+$/.exec(words[1]!);
    if (!m) continue;
    const port = Number(m[1]);
    for (const name of [words[0]!, ...words.slice(2)]) if (!map.has(name)) map.set(name, port);
  }
  return map;
}

/** PT_PORT: digits, or a service name as getservbyname finds it; '' is port 0 */
export function parsePort(text: string): number {
  if (text === '') return 0;
  if (/^[0-9]+$/.test(text)) {
    const n = Number(text);
    if (n > 0x7fffffff) throw new ValueError(`port '${text}' is out of range`);
    return n & 0xffff;
  }
  services ??= loadServices();
  const p = services.get(text);
  if (p === undefined) throw new ValueError(`unrecognized port or service name '${text}'`);
  return p;
}

/** the bytes of a hex string, two digits per byte (bcontains / bstartswith) */
export function parseHexBytes(text: string): Uint8Array {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) {
    throw new ValueError(`'${text}' is not a hex string (bcontains and bstartswith take hex bytes, e.g. 474554)`);
  }
  return new Uint8Array(Buffer.from(text, 'hex'));
}
