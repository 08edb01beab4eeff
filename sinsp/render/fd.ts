// File descriptor parameters: the number, and in parentheses what it is, as libsinsp's
// render_fd() prints it: fd=3(<f>/etc/hosts), fd=5(<4t>10.0.0.1:80->10.0.0.2:4000),
// fd=-2(ENOENT), dirfd=-100(AT_FDCWD).
import type { Event } from '../event/event.js';
import { FdType, L4Proto, type FdInfo } from '../state/fd.js';
import { errnoName } from './errno.js';
import { sanitizeString } from './text.js';

/** PPM_AT_FDCWD: the "current directory" pseudo-fd of the *at system calls. */
export const AT_FDCWD = -100;

const TYPE_CHARS: Record<number, string> = {
  [FdType.FILE]: 'f',
  [FdType.FILE_V2]: 'f',
  [FdType.IPV4_SOCK]: '4',
  [FdType.IPV6_SOCK]: '6',
  [FdType.DIRECTORY]: 'd',
  [FdType.IPV4_SERVSOCK]: '4',
  [FdType.IPV6_SERVSOCK]: '6',
  [FdType.FIFO]: 'p',
  [FdType.UNIX_SOCK]: 'u',
  [FdType.EVENT]: 'e',
  [FdType.UNKNOWN]: 'o',
  [FdType.UNSUPPORTED]: 'X',
  [FdType.SIGNALFD]: 's',
  [FdType.EVENTPOLL]: 'l',
  [FdType.INOTIFY]: 'i',
  [FdType.TIMERFD]: 't',
  [FdType.NETLINK]: 'n',
};

/** libsinsp's fd type character (fd.typechar): 'f' file, '4' IPv4 socket, ... '?' otherwise. */
export function fdTypeChar(type: number): string {
  return TYPE_CHARS[type] ?? '?';
}

/** The protocol letter sysdig adds after the type of IP sockets: t, u, i, r or nothing. */
export function l4ProtoChar(fd: FdInfo): string {
  const t = fd.type;
  if (t !== FdType.IPV4_SOCK && t !== FdType.IPV6_SOCK && t !== FdType.IPV4_SERVSOCK && t !== FdType.IPV6_SERVSOCK)
    return '';
  switch (fd.getL4Proto()) {
    case L4Proto.TCP:
      return 't';
    case L4Proto.UDP:
      return 'u';
    case L4Proto.ICMP:
      return 'i';
    case L4Proto.RAW:
      return 'r';
    default:
      return '';
  }
}

// the last fd rendered, and what it looked like: enter and exit events of one call,
// and runs of calls on one fd, print the same text
let lastFd: FdInfo | undefined;
let lastName = '';
let lastType = -2;
let lastL4 = '';
let lastText = '';

/** "<f>/etc/hosts": the type tag and the (sanitized) name of an open fd. */
export function fdTagAndName(fd: FdInfo): string {
  const l4 = l4ProtoChar(fd);
  if (fd === lastFd && fd.name === lastName && fd.type === lastType && l4 === lastL4) return lastText;
  lastFd = fd;
  lastName = fd.name;
  lastType = fd.type;
  lastL4 = l4;
  lastText = '<' + fdTypeChar(fd.type) + l4 + '>' + sanitizeString(fd.name);
  return lastText;
}

/**
 * What sysdig prints in parentheses after fd number `fd` of event `ev`: the fd's type
 * and name when the thread has it open, AT_FDCWD, the errno name of a negative
 * value, or '' (also when the event has no thread).
 */
export function fdResolved(ev: Event, fd: number): string {
  const thread = ev.thread;
  if (thread === undefined) return '';
  if (fd >= 0) {
    const info = thread.getFd(fd);
    return info === undefined ? '' : fdTagAndName(info);
  }
  if (fd === AT_FDCWD) return 'AT_FDCWD';
  return errnoName(fd);
}
