// Reads and writes: a successful I/O on an IPv4/IPv6 socket marks it connected, and
// datagram calls carrying a tuple (recvfrom/recvmsg exits, sendto/sendmsg enters)
// complete the socket's addresses and name.
import type { Event } from '../../event/event.js';
import { EF, PPME } from '../../generated/schema.js';
import type { StateEngine } from '../engine.js';
import { FdFlag, FdType } from '../fd.js';
import { sockinfoStr, socktupleSimple } from '../sockname.js';
import { guessRole, swapAddresses, updateFdFromTuple } from './net-tuple.js';
import { readBytes, readI64 } from './read.js';
import type { ParserTable } from './index.js';

function parseRwExit(e: StateEngine, ev: Event): void {
  const fd = ev.fd;
  if (!fd) return;
  const eflags = e.flagsOf(ev.type);
  // Writes to /dev/null fds are where sysdig's tracers would be: libsinsp tries to parse
  // them and marks the fd as not-a-tracer when that fails. Tracer events are not
  // supported here, so every such fd is marked not-a-tracer.
  if (!(fd.flags & FdFlag.IS_NOT_TRACER_FD) && fd.flags & FdFlag.IS_TRACER_FILE && eflags & EF.WRITES_TO_FD) {
    fd.flags |= FdFlag.IS_NOT_TRACER_FD;
  }
  if (readI64(ev, 0) < 0) return;
  const t = ev.thread!;
  const type = ev.type;
  if (fd.type === FdType.IPV4_SOCK || fd.type === FdType.IPV6_SOCK) fd.setSocketConnected();
  if (eflags & EF.READS_FROM_FD) {
    const tp = type === PPME.SOCKET_RECVFROM_X ? 2 : type === PPME.SOCKET_RECVMSG_X ? 3 : -1;
    if (tp !== -1 && (fd.name.length === 0 || !fd.isTcpSocket)) {
      const p = readBytes(ev, tp);
      if (updateFdFromTuple(e, ev, fd, p)) {
        if (fd.type === FdType.IPV4_SOCK || fd.type === FdType.IPV6_SOCK) {
          if (fd.isRoleNone) guessRole(t, fd, true);
          if (fd.isClientRole) swapAddresses(fd);
          fd.name = sockinfoStr(fd) ?? fd.name;
        } else {
          fd.name = socktupleSimple(p);
        }
      }
    }
  } else {
    const tp = type === PPME.SOCKET_SENDTO_X || type === PPME.SOCKET_SENDMSG_X ? 2 : -1;
    if (tp !== -1 && (fd.name.length === 0 || !fd.isTcpSocket)) {
      if (!e.retrieveEnter(ev)) return;
      const p = readBytes(e.enterEv, tp);
      if (updateFdFromTuple(e, ev, fd, p)) {
        if (fd.type === FdType.IPV4_SOCK || fd.type === FdType.IPV6_SOCK) {
          if (fd.isRoleNone) guessRole(t, fd, false);
          if (fd.isServerRole) swapAddresses(fd);
          fd.name = sockinfoStr(fd) ?? fd.name;
        } else {
          fd.name = socktupleSimple(p);
        }
      }
    }
  }
}

export function registerReadWrite(table: ParserTable): void {
  for (const type of [
    PPME.SYSCALL_READ_X,
    PPME.SYSCALL_WRITE_X,
    PPME.SOCKET_RECV_X,
    PPME.SOCKET_SEND_X,
    PPME.SOCKET_RECVFROM_X,
    PPME.SOCKET_RECVMSG_X,
    PPME.SOCKET_SENDTO_X,
    PPME.SOCKET_SENDMSG_X,
    PPME.SYSCALL_READV_X,
    PPME.SYSCALL_WRITEV_X,
    PPME.SYSCALL_PREAD_X,
    PPME.SYSCALL_PWRITE_X,
    PPME.SYSCALL_PREADV_X,
    PPME.SYSCALL_PWRITEV_X,
  ]) {
    table[type] = parseRwExit;
  }
}
