// Socket addresses (PT_SOCKADDR) and connection tuples (PT_SOCKTUPLE) as sysdig
// prints them: 127.0.0.1:80, 2001:db8::3:1234, 1.2.3.4:5->6.7.8.9:10,
// ffff8edcfda06800->0 /var/run/nscd/socket. Ports are never resolved to service
// names (sysdig runs with name resolution off).
import { ipv4Text, ipv6Text, isIpv4MappedIpv6 } from './inet.js';
import { sanitizedCString } from './text.js';

const AF_UNIX = 1;
const AF_INET = 2;
const AF_INET6 = 10;

/** "family N", with the family byte read as a signed char as sysdig does. */
function unknownFamily(b: Buffer, off: number): string {
  return 'family ' + b.readInt8(off);
}

/** Lower-case hex of the u64 at b[off] ("%lx"). */
function hexU64(b: Buffer, off: number): string {
  const lo = b.readUInt32LE(off);
  const hi = b.readUInt32LE(off + 4);
  if (hi === 0) return lo.toString(16);
  return hi.toString(16) + lo.toString(16).padStart(8, '0');
}

export function renderSockAddr(b: Buffer, off: number, len: number): string {
  if (len === 0) return 'NULL';
  const family = b[off]!;
  if (family === AF_UNIX) return sanitizedCString(b, off + 1, off + len);
  if (family === AF_INET) {
    if (len !== 7) return 'INVALID IPv4';
    return ipv4Text(b, off + 1) + ':' + b.readUInt16LE(off + 5);
  }
  if (family === AF_INET6) {
    if (len !== 19) return 'INVALID IPv6';
    return ipv6Text(b, off + 1) + ':' + b.readUInt16LE(off + 17);
  }
  return unknownFamily(b, off);
}

export function renderSockTuple(b: Buffer, off: number, len: number): string {
  if (len === 0) return 'NULL';
  const family = b[off]!;
  if (family === AF_INET) {
    if (len !== 13) return 'INVALID IPv4';
    return (
      ipv4Text(b, off + 1) + ':' + b.readUInt16LE(off + 5) + '->' + ipv4Text(b, off + 7) + ':' + b.readUInt16LE(off + 11)
    );
  }
  if (family === AF_INET6) {
    if (len !== 37) return 'INVALID IPv6';
    const sport = b.readUInt16LE(off + 17);
    const dport = b.readUInt16LE(off + 35);
    if (isIpv4MappedIpv6(b, off + 1) && isIpv4MappedIpv6(b, off + 19))
      return ipv4Text(b, off + 13) + ':' + sport + '->' + ipv4Text(b, off + 31) + ':' + dport;
    return ipv6Text(b, off + 1) + ':' + sport + '->' + ipv6Text(b, off + 19) + ':' + dport;
  }
  if (family === AF_UNIX) {
    // source and destination kernel pointers, then the path
    if (len < 17) return hexU64Partial(b, off, len);
    return hexU64(b, off + 1) + '->' + hexU64(b, off + 9) + ' ' + sanitizedCString(b, off + 17, off + len);
  }
  return unknownFamily(b, off);
}

/** A unix tuple too short to hold both pointers: print what is there, zero-filled. */
function hexU64Partial(b: Buffer, off: number, len: number): string {
  const tmp = Buffer.alloc(17);
  b.copy(tmp, 0, off, off + len);
  return hexU64(tmp, 1) + '->' + hexU64(tmp, 9) + ' ';
}
