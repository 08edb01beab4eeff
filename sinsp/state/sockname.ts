// Socket names as libsinsp writes them into fd names (no host/port resolution, as
// sysdig runs by default).
import { FdType, L4Proto, type FdInfo } from './fd.js';
import { ipv4U32Text, ipv6Text } from '../render/inet.js';

export const ipv4Str = ipv4U32Text;

export function ipv6Str(b: Uint8Array, at = 0): string {
  return ipv6Text(b, at);
}

/** libsinsp's is_ipv4_mapped_ipv6: ::ffff:a.b.c.d, or the all-zero address */
export function isV4MappedV6(b: Uint8Array, at = 0): boolean {
  for (let i = 0; i < 10; i++) if (b[at + i] !== 0) return false;
  if (b[at + 10] === 0xff && b[at + 11] === 0xff) return true;
  for (let i = 10; i < 16; i++) if (b[at + i] !== 0) return false;
  return true;
}

export function ipv4TupleStr(sip: number, sport: number, dip: number, dport: number): string {
  return `${ipv4Str(sip)}:${sport}->${ipv4Str(dip)}:${dport}`;
}

/** libsinsp's sanitize_string on a C string: drop every byte that is not printable ASCII */
export function sanitizedCString(b: Uint8Array, from: number, to = b.length): string {
  let s = '';
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    if (c === 0) break;
    if (c >= 0x20 && c <= 0x7e) s += String.fromCharCode(c);
  }
  return s;
}

function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}
function u16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}
function u64hex(b: Uint8Array, at: number): string {
  const lo = u32(b, at);
  const hi = u32(b, at + 4);
  return hi === 0 ? lo.toString(16) : hi.toString(16) + lo.toString(16).padStart(8, '0');
}

/** A PT_SOCKADDR parameter as libsinsp prints it with PF_SIMPLE (what bind/connect put in fd names). */
export function sockaddrSimple(p: Uint8Array): string {
  if (p.length === 0) return 'NULL';
  const family = p[0]!;
  if (family === 1) return sanitizedCString(p, 1);
  if (family === 2) return p.length === 7 ? `${ipv4Str(u32(p, 1))}:${u16(p, 5)}` : 'INVALID IPv4';
  if (family === 10) return p.length === 19 ? `${ipv6Str(p, 1)}:${u16(p, 17)}` : 'INVALID IPv6';
  return `family ${family}`;
}

/** A PT_SOCKTUPLE parameter as libsinsp prints it with PF_SIMPLE. */
export function socktupleSimple(p: Uint8Array): string {
  if (p.length === 0) return 'NULL';
  const family = p[0]!;
  if (family === 2) {
    return p.length === 13 ? ipv4TupleStr(u32(p, 1), u16(p, 5), u32(p, 7), u16(p, 11)) : 'INVALID IPv4';
  }
  if (family === 10) {
    if (p.length !== 37) return 'INVALID IPv6';
    if (isV4MappedV6(p, 1) && isV4MappedV6(p, 19)) return ipv4TupleStr(u32(p, 13), u16(p, 17), u32(p, 31), u16(p, 35));
    return `${ipv6Str(p, 1)}:${u16(p, 17)}->${ipv6Str(p, 19)}:${u16(p, 35)}`;
  }
  if (family === 1) {
    if (p.length < 17) return `${u64hex(p, 1)}->0 `;
    return `${u64hex(p, 1)}->${u64hex(p, 9)} ${sanitizedCString(p, 17)}`;
  }
  return `family ${family}`;
}

/**
 * libsinsp's sockinfo_to_str for a connected IPv4/IPv6 socket fd. Returns undefined for
 * other types (libsinsp then leaves its buffer, and the name, as it was).
 */
export function sockinfoStr(fd: FdInfo): string | undefined {
  if (fd.type === FdType.IPV4_SOCK) {
    const l4 = fd.v4L4;
    if (l4 === L4Proto.TCP || l4 === L4Proto.UDP) return ipv4TupleStr(fd.w0, fd.v4Sport, fd.w1, fd.v4Dport);
    if (l4 === L4Proto.ICMP || l4 === L4Proto.RAW) return `${ipv4Str(fd.w0)}->${ipv4Str(fd.w1)}`;
    return '<unknown>';
  }
  if (fd.type === FdType.IPV6_SOCK) {
    const sip = fd.v6Bytes(0);
    const dip = fd.v6Bytes(4);
    const l4 = fd.v6L4;
    if (l4 === L4Proto.TCP || l4 === L4Proto.UDP) {
      // libsinsp reads the ports of the IPv4 view of the union here (bytes 8..11)
      if (isV4MappedV6(sip) && isV4MappedV6(dip)) return ipv4TupleStr(fd.w3, fd.v4Sport, fd.w7, fd.v4Dport);
      return `${ipv6Str(sip)}:${fd.v6Sport}->${ipv6Str(dip)}:${fd.v6Dport}`;
    }
    if (l4 === L4Proto.ICMP) {
      if (isV4MappedV6(sip) && isV4MappedV6(dip)) return `${ipv4Str(fd.w3)}->${ipv4Str(fd.w7)}`;
      return `${ipv6Str(sip)}->${ipv6Str(dip)}`;
    }
    return '<unknown>';
  }
  return undefined;
}

/** an IPv4 server socket's name ("ip:port") */
export function ipv4ServerStr(fd: FdInfo): string {
  return `${ipv4Str(fd.w0)}:${fd.v4sPort}`;
}

/** an IPv6 server socket's name ("ip:port") */
export function ipv6ServerStr(fd: FdInfo): string {
  return `${ipv6Str(fd.v6Bytes(0))}:${fd.v6sPort}`;
}

/** an IPv6 tuple's name */
export function ipv6TupleStr(fd: FdInfo): string {
  return `${ipv6Str(fd.v6Bytes(0))}:${fd.v6Sport}->${ipv6Str(fd.v6Bytes(4))}:${fd.v6Dport}`;
}
