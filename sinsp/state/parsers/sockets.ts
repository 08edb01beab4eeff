// Sockets: socket/socketpair/accept create fds, bind/connect fill in their addresses
// and names, sendto on an unknown fd guesses a UDP socket.
import type { Event } from '../../event/event.js';
import { PPME } from '../../generated/schema.js';
import type { StateEngine } from '../engine.js';
import { FdInfo, FdType, L4Proto } from '../fd.js';
import { isV4MappedV6, sockaddrSimple, sockinfoStr, socktupleSimple } from '../sockname.js';
import type { ThreadInfo } from '../thread.js';
import { setIpv4MappedTuple, setIpv4Tuple, setIpv6Tuple, setUnixInfo, swapAddresses } from './net-tuple.js';
import { readBytes, readI64, readU, readU64 } from './read.js';
import type { ParserTable } from './index.js';

const AF_UNIX = 1;
const AF_INET = 2;
const AF_INET6 = 10;
const AF_NETLINK = 16;
const SOCK_STREAM = 1;
const SOCK_DGRAM = 2;
const SOCK_RAW = 3;
const IPPROTO_IP = 0;
const IPPROTO_ICMP = 1;
const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;
const IPPROTO_RAW = 255;
const EINPROGRESS = 115;

function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}
function u16(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}

/** sinsp_parser::add_socket */
export function addSocket(e: StateEngine, ev: Event, t: ThreadInfo, fd: number, domain: number, type: number, protocol: number): void {
  const fdi = new FdInfo();
  fdi.clearWords(4);
  fdi.type = FdType.UNKNOWN;
  fdi.v4L4 = L4Proto.UNKNOWN;
  if (domain === AF_UNIX) {
    fdi.type = FdType.UNIX_SOCK;
  } else if (domain === AF_INET || domain === AF_INET6) {
    fdi.type = domain === AF_INET ? FdType.IPV4_SOCK : FdType.IPV6_SOCK;
    let l4: number = L4Proto.UNKNOWN;
    if (protocol === IPPROTO_TCP) l4 = type === SOCK_RAW ? L4Proto.RAW : L4Proto.TCP;
    else if (protocol === IPPROTO_UDP) l4 = type === SOCK_RAW ? L4Proto.RAW : L4Proto.UDP;
    else if (protocol === IPPROTO_IP) {
      if ((type & 0xff) === SOCK_STREAM) l4 = L4Proto.TCP;
      else if ((type & 0xff) === SOCK_DGRAM) l4 = L4Proto.UDP;
    } else if (protocol === IPPROTO_ICMP) l4 = type === SOCK_RAW ? L4Proto.RAW : L4Proto.ICMP;
    else if (protocol === IPPROTO_RAW) l4 = L4Proto.RAW;
    if (domain === AF_INET) {
      fdi.v4L4 = l4;
    } else {
      fdi.clearWords(10);
      fdi.v6L4 = l4;
    }
  } else if (domain === AF_NETLINK) {
    fdi.type = FdType.NETLINK;
  }
  if (fdi.type === FdType.UNKNOWN) return;
  ev.fd = e.addFd(t, fd, fdi, true);
}

function parseSocketExit(e: StateEngine, ev: Event): void {
  const fd = readI64(ev, 0);
  const t = ev.thread;
  if (fd < 0 || !t) return;
  if (!e.retrieveEnter(ev)) return;
  const enter = e.enterEv;
  addSocket(e, ev, t, fd, readU(enter, 0), readU(enter, 1), readU(enter, 2));
}

function parseBindExit(e: StateEngine, ev: Event): void {
  const fd = ev.fd;
  if (!fd) return;
  if (readI64(ev, 0) < 0) return;
  const p = readBytes(ev, 1);
  if (p.length === 0) return;
  const family = p[0];
  if (family === AF_INET) {
    const ip = u32(p, 1);
    const port = u16(p, 5);
    if (port > 0) {
      fd.type = FdType.IPV4_SERVSOCK;
      fd.v4sIp = ip;
      fd.v4sPort = port;
      fd.v4sL4 = fd.v4L4;
      fd.setRoleServer();
    }
  } else if (family === AF_INET6) {
    const port = u16(p, 17);
    if (port > 0) {
      if (isV4MappedV6(p, 1)) {
        fd.type = FdType.IPV4_SERVSOCK;
        fd.v4sL4 = fd.v6L4;
        fd.v4sIp = u32(p, 13);
        fd.v4sPort = port;
      } else {
        fd.type = FdType.IPV6_SERVSOCK;
        fd.v6sPort = port;
        fd.setV6Bytes(0, p, 1);
        fd.v6sL4 = fd.v6L4;
      }
      fd.setRoleServer();
    }
  }
  fd.name = sockaddrSimple(p);
}

function parseConnectEnter(e: StateEngine, ev: Event): void {
  const fd = ev.fd;
  if (!fd) return;
  if (e.numParams(ev) < 2) return;
  const p = readBytes(ev, 1);
  if (p.length === 0) return;
  const family = p[0];
  if (family === AF_INET) {
    fd.type = FdType.IPV4_SOCK;
    fd.w1 = u32(p, 1);
    fd.v4Dport = u16(p, 5);
  } else if (family === AF_INET6) {
    const port = u16(p, 17);
    if (isV4MappedV6(p, 1)) {
      fd.type = FdType.IPV4_SOCK;
      fd.w1 = u32(p, 13);
      fd.v4Dport = port;
    } else {
      fd.type = FdType.IPV6_SOCK;
      fd.v6Dport = port;
      fd.setV6Bytes(4, p, 1);
    }
  } else {
    fd.name = sockaddrSimple(p);
    setUnixInfo(fd, ev, p);
  }
}

/** sinsp_parser::fill_client_socket_info */
function fillClientSocketInfo(ev: Event, fd: FdInfo, p: Uint8Array): void {
  const family = p[0];
  if (family === AF_INET || family === AF_INET6) {
    let changed: boolean;
    if (family === AF_INET6) {
      if (!(isV4MappedV6(p, 1) && isV4MappedV6(p, 19))) {
        fd.type = FdType.IPV6_SOCK;
        changed = setIpv6Tuple(fd, p);
      } else {
        fd.type = FdType.IPV4_SOCK;
        changed = setIpv4MappedTuple(fd, p);
      }
    } else {
      fd.type = FdType.IPV4_SOCK;
      changed = setIpv4Tuple(fd, p);
    }
    if (changed && fd.isServerRole && fd.isUdpSocket) swapAddresses(fd);
    fd.name = sockinfoStr(fd) ?? fd.name;
  } else {
    fd.name = socktupleSimple(p);
    setUnixInfo(fd, ev, p);
  }
  if (fd.isRoleNone) fd.setRoleClient();
}

function parseConnectExit(e: StateEngine, ev: Event): void {
  const fd = ev.fd;
  if (!fd) return;
  const res = readI64(ev, 0);
  if (res < 0 && res !== -EINPROGRESS) return;
  fd.setSocketConnected();
  const p = readBytes(ev, 1);
  if (p.length === 0) return;
  fillClientSocketInfo(ev, fd, p);
}

function parseAcceptExit(e: StateEngine, ev: Event): void {
  const t = ev.thread;
  if (!t) return;
  const fd = readI64(ev, 0);
  if (fd < 0) return;
  t.lastFd = fd;
  const p = readBytes(ev, 1);
  if (p.length === 0) return;
  const fdi = new FdInfo();
  const family = p[0];
  if (family === AF_INET) {
    setIpv4Tuple(fdi, p);
    fdi.type = FdType.IPV4_SOCK;
    fdi.v4L4 = L4Proto.TCP;
  } else if (family === AF_INET6) {
    if (isV4MappedV6(p, 1) && isV4MappedV6(p, 19)) {
      setIpv4MappedTuple(fdi, p);
      fdi.type = FdType.IPV4_SOCK;
      fdi.v4L4 = L4Proto.TCP;
    } else {
      setIpv6Tuple(fdi, p);
      fdi.type = FdType.IPV6_SOCK;
      fdi.v6L4 = L4Proto.TCP;
    }
  } else if (family === AF_UNIX) {
    fdi.type = FdType.UNIX_SOCK;
    setUnixInfo(fdi, ev, p);
  } else {
    return;
  }
  fdi.name = socktupleSimple(p);
  fdi.flags = 0;
  fdi.setRoleServer();
  fdi.setSocketConnected();
  ev.fd = e.addFd(t, fd, fdi, true);
}

function parseSocketpairExit(e: StateEngine, ev: Event): void {
  if (readI64(ev, 0) < 0) return;
  const t = ev.thread;
  if (!t) return;
  const fd1 = readI64(ev, 1);
  const fd2 = readI64(ev, 2);
  const fdi = new FdInfo();
  fdi.type = FdType.UNIX_SOCK;
  fdi.unixSource = readU64(ev, 3);
  fdi.unixDest = readU64(ev, 4);
  ev.fd = e.addFd(t, fd1, fdi);
  e.addFd(t, fd2, fdi);
}

/** sendto enter on an fd we never saw created: assume a UDP socket of the tuple's family */
function parseSendtoEnter(e: StateEngine, ev: Event): void {
  const t = ev.thread;
  if (!ev.fd && t) {
    const fd = readI64(ev, 0);
    if (fd >= 0) {
      const p = readBytes(ev, 2);
      const family = p.length > 0 ? p[0] : 0;
      if (family === AF_INET || family === AF_INET6) addSocket(e, ev, t, fd, family, SOCK_DGRAM, IPPROTO_UDP);
    }
  }
  e.storeEvent(ev);
}

/** getsockopt exit: the fd is looked up in the main thread's table (libsinsp does it by hand) */
function parseGetsockoptExit(e: StateEngine, ev: Event): void {
  if (ev.nparams === 0) return;
  const t = ev.thread;
  if (!t) return;
  const fd = readI64(ev, 1);
  ev.fd = t.getMainThread()?.getFd(fd);
  t.lastFd = fd;
}

export function registerSockets(table: ParserTable): void {
  table[PPME.SOCKET_SOCKET_X] = parseSocketExit;
  table[PPME.SOCKET_BIND_X] = parseBindExit;
  table[PPME.SOCKET_CONNECT_E] = parseConnectEnter;
  table[PPME.SOCKET_CONNECT_X] = parseConnectExit;
  for (const type of [
    PPME.SOCKET_ACCEPT_X,
    PPME.SOCKET_ACCEPT_5_X,
    PPME.SOCKET_ACCEPT4_X,
    PPME.SOCKET_ACCEPT4_5_X,
    PPME.SOCKET_ACCEPT4_6_X,
  ]) {
    table[type] = parseAcceptExit;
  }
  table[PPME.SOCKET_SOCKETPAIR_X] = parseSocketpairExit;
  table[PPME.SOCKET_SENDTO_E] = parseSendtoEnter;
  table[PPME.SOCKET_GETSOCKOPT_X] = parseGetsockoptExit;
}
