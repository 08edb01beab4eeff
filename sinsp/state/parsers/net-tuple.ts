// Socket tuple updates shared by the socket, accept and read/write parsers
// (sinsp_parser's set_*_addresses_and_ports, update_fd, swap_addresses and the role
// guess). They write the fd's union members exactly as libsinsp does.
import type { Event } from '../../event/event.js';
import type { StateEngine } from '../engine.js';
import { FdInfo, FdType, L4Proto } from '../fd.js';
import type { State } from '../state.js';
import { isV4MappedV6 } from '../sockname.js';
import type { ThreadInfo } from '../thread.js';

function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}
function u16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}

/** update_ipv4_addresses_and_ports: false when the tuple (either way round) is already there */
function updateIpv4(fd: FdInfo, tsip: number, tsport: number, tdip: number, tdport: number): boolean {
  if (fd.type === FdType.IPV4_SOCK) {
    const sip = fd.w0;
    const dip = fd.w1;
    const sport = fd.v4Sport;
    const dport = fd.v4Dport;
    if (
      (tsip === sip && tsport === sport && tdip === dip && tdport === dport) ||
      (tdip === sip && tdport === sport && tsip === dip && tsport === dport)
    ) {
      return false;
    }
  }
  let changed = false;
  if (fd.w0 !== tsip) {
    fd.w0 = tsip;
    changed = true;
  }
  if (fd.v4Sport !== tsport) {
    fd.v4Sport = tsport;
    changed = true;
  }
  if (fd.w1 === 0) {
    fd.w1 = tdip;
    changed = true;
  }
  if (fd.v4Dport === 0) {
    fd.v4Dport = tdport;
    changed = true;
  }
  return changed;
}

/** from an AF_INET socktuple (family, sip, sport, dip, dport) */
export function setIpv4Tuple(fd: FdInfo, p: Uint8Array): boolean {
  return updateIpv4(fd, u32(p, 1), u16(p, 5), u32(p, 7), u16(p, 11));
}

/** from an AF_INET6 socktuple whose addresses are IPv4-mapped */
export function setIpv4MappedTuple(fd: FdInfo, p: Uint8Array): boolean {
  return updateIpv4(fd, u32(p, 13), u16(p, 17), u32(p, 31), u16(p, 35));
}

/** from an AF_INET6 socktuple (family, sip[16], sport, dip[16], dport) */
export function setIpv6Tuple(fd: FdInfo, p: Uint8Array): boolean {
  const tsport = u16(p, 17);
  const tdport = u16(p, 35);
  const t = new FdInfo();
  t.setV6Bytes(0, p, 1);
  t.setV6Bytes(4, p, 19);
  if (fd.type === FdType.IPV6_SOCK) {
    const sport = fd.v6Sport;
    const dport = fd.v6Dport;
    if (
      (t.v6Equals(0, fd, 0) && tsport === sport && t.v6Equals(4, fd, 4) && tdport === dport) ||
      (t.v6Equals(4, fd, 0) && tdport === sport && t.v6Equals(0, fd, 4) && tsport === dport)
    ) {
      return false;
    }
  }
  let changed = false;
  if (!t.v6Equals(0, fd, 0)) {
    fd.w0 = t.w0;
    fd.w1 = t.w1;
    fd.w2 = t.w2;
    fd.w3 = t.w3;
    changed = true;
  }
  if (fd.v6Sport !== tsport) {
    fd.v6Sport = tsport;
    changed = true;
  }
  if ((fd.w4 | fd.w5 | fd.w6 | fd.w7) === 0) {
    fd.w4 = t.w4;
    fd.w5 = t.w5;
    fd.w6 = t.w6;
    fd.w7 = t.w7;
    changed = true;
  }
  if (fd.v6Dport === 0) {
    fd.v6Dport = tdport;
    changed = true;
  }
  return changed;
}

/** set_unix_info: the two kernel pointers of a unix socktuple (bytes 1..16 of the parameter) */
export function setUnixInfo(fd: FdInfo, ev: Event, p: Uint8Array): void {
  // libsinsp reads 16 bytes whatever the parameter's length: read them from the record
  const b = ev.buf;
  const at = p.byteOffset - b.byteOffset;
  const byte = (i: number): number => (at + i < b.length ? b[at + i]! : 0);
  const word = (i: number): number => (byte(i) | (byte(i + 1) << 8) | (byte(i + 2) << 16) | (byte(i + 3) << 24)) >>> 0;
  fd.w0 = word(1);
  fd.w1 = word(5);
  fd.w2 = word(9);
  fd.w3 = word(13);
}

/** swap_addresses: make the tuple's source the other end */
export function swapAddresses(fd: FdInfo): void {
  if (fd.type === FdType.IPV4_SOCK) {
    const ip = fd.w0;
    const port = fd.v4Sport;
    fd.w0 = fd.w1;
    fd.v4Sport = fd.v4Dport;
    fd.w1 = ip;
    fd.v4Dport = port;
  } else {
    const s = [fd.w0, fd.w1, fd.w2, fd.w3];
    const port = fd.v6Sport;
    fd.w0 = fd.w4;
    fd.w1 = fd.w5;
    fd.w2 = fd.w6;
    fd.w3 = fd.w7;
    fd.v6Sport = fd.v6Dport;
    fd.w4 = s[0]!;
    fd.w5 = s[1]!;
    fd.w6 = s[2]!;
    fd.w7 = s[3]!;
    fd.v6Dport = port;
  }
}

/** sinsp_network_interfaces::update_fd: fill a zero end of a tuple from the interface list */
export function patchFromInterfaces(state: State, fd: FdInfo): void {
  if (fd.type === FdType.IPV4_SOCK) {
    if (fd.w0 !== 0 && fd.w1 !== 0) return;
    if (fd.w0 === 0) {
      const a = state.inferIpv4Address(fd.w1);
      if (a === fd.w1 && fd.v4Sport === fd.v4Dport) return;
      fd.w0 = a;
    } else {
      const a = state.inferIpv4Address(fd.w0);
      if (a === fd.w0 && fd.v4Sport === fd.v4Dport) return;
      fd.w1 = a;
    }
  } else if (fd.type === FdType.IPV6_SOCK) {
    const sEmpty = (fd.w0 | fd.w1 | fd.w2 | fd.w3) === 0;
    const dEmpty = (fd.w4 | fd.w5 | fd.w6 | fd.w7) === 0;
    if (!sEmpty && !dEmpty) return;
    const s = [fd.w0, fd.w1, fd.w2, fd.w3];
    const d = [fd.w4, fd.w5, fd.w6, fd.w7];
    const same = (a: number[], b: number[]): boolean => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
    if (sEmpty) {
      const a = state.inferIpv6Address(d);
      if (same(a, d) && fd.v6Sport === fd.v6Dport) return;
      [fd.w0, fd.w1, fd.w2, fd.w3] = a as [number, number, number, number];
    } else {
      const a = state.inferIpv6Address(s);
      if (same(a, s) && fd.v6Sport === fd.v6Dport) return;
      [fd.w4, fd.w5, fd.w6, fd.w7] = a as [number, number, number, number];
    }
  }
}

/**
 * sinsp_parser::update_fd: a read/write tuple updates the fd. False when nothing changed
 * (or the tuple is empty).
 */
export function updateFdFromTuple(e: StateEngine, ev: Event, fd: FdInfo, p: Uint8Array): boolean {
  if (p.length === 0) return false;
  const family = p[0]!;
  if (family === 2) {
    if (fd.type === FdType.IPV4_SERVSOCK) fd.v4L4 = fd.v4sL4;
    fd.type = FdType.IPV4_SOCK;
    if (!setIpv4Tuple(fd, p)) return false;
  } else if (family === 10) {
    if (isV4MappedV6(p, 1) && isV4MappedV6(p, 19)) {
      fd.type = FdType.IPV4_SOCK;
      if (!setIpv4MappedTuple(fd, p)) return false;
    } else if (!setIpv6Tuple(fd, p)) {
      return false;
    }
  } else if (family === 1) {
    fd.type = FdType.UNIX_SOCK;
    setUnixInfo(fd, ev, p);
    let end = 17;
    while (end < p.length && p[end] !== 0) end++;
    fd.name = Buffer.from(p.buffer, p.byteOffset, p.length).toString('utf8', Math.min(17, p.length), end);
    return true;
  }
  if (fd.type === FdType.IPV4_SOCK) {
    if (fd.v4L4 === L4Proto.UNKNOWN) fd.v4L4 = L4Proto.UDP;
  } else if (fd.type === FdType.IPV6_SOCK) {
    if (fd.v6L4 === L4Proto.UNKNOWN) fd.v6L4 = L4Proto.UDP;
  }
  patchFromInterfaces(e.state, fd);
  return true;
}

/** sinsp_threadinfo::is_bound_to_port (on the thread's fd table) */
function isBoundToPort(t: ThreadInfo, port: number): boolean {
  const table = t.getFdTable();
  if (!table) return false;
  for (const f of table.fds.values()) {
    if (f.type === FdType.IPV4_SOCK && f.v4Dport === port) return true;
    if (f.type === FdType.IPV4_SERVSOCK && f.v4sPort === port) return true;
  }
  return false;
}

function usesClientPort(t: ThreadInfo, port: number): boolean {
  const table = t.getFdTable();
  if (!table) return false;
  for (const f of table.fds.values()) if (f.type === FdType.IPV4_SOCK && f.v4Sport === port) return true;
  return false;
}

/** sinsp_fdinfo::set_net_role_by_guessing (it reads the IPv4 view even for IPv6 sockets) */
export function guessRole(t: ThreadInfo, fd: FdInfo, incoming: boolean): void {
  if (isBoundToPort(t, fd.v4Dport)) {
    if (!usesClientPort(t, fd.v4Sport)) {
      fd.setRoleServer();
      return;
    }
    if (fd.isRoleNone) {
      if (incoming) fd.setRoleServer();
      else fd.setRoleClient();
    }
    return;
  }
  fd.setRoleClient();
}
