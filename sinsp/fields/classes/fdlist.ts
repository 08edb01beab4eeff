// fdlist.*: the fds of a poll/ppoll call, each described like fd.* would, comma separated.
import type { Event } from '../../event/event.js';
import { decodeFdList } from '../../event/params.js';
import { PF, PPME, PT } from '../../generated/schema.js';
import { FdType, type FdInfo } from '../../state/fd.js';
import { FieldError, type Extractor, type FieldClass, type FieldContext, type FieldInfo } from '../types.js';
import { FieldExtractor } from './extractor.js';
import { ipv4Text, ipv6Text } from './values.js';

const fields: FieldInfo[] = [
  { name: 'fdlist.nums', type: PT.CHARBUF, fmt: PF.ID, desc: 'for poll events, the fd numbers of the fds argument, comma separated.' },
  { name: 'fdlist.names', type: PT.CHARBUF, fmt: PF.NA, desc: 'for poll events, the names of the fds argument, comma separated.' },
  { name: 'fdlist.cips', type: PT.CHARBUF, fmt: PF.NA, desc: 'for poll events, the client IP addresses of the socket fds, comma separated.' },
  { name: 'fdlist.sips', type: PT.CHARBUF, fmt: PF.NA, desc: 'for poll events, the server IP addresses of the socket fds, comma separated.' },
  { name: 'fdlist.cports', type: PT.CHARBUF, fmt: PF.DEC, desc: 'for poll events, the client ports of the TCP/UDP fds, comma separated.' },
  { name: 'fdlist.sports', type: PT.CHARBUF, fmt: PF.DEC, desc: 'for poll events, the server ports of the TCP/UDP fds, comma separated.' },
];

/** one fd's part of the list, or undefined to leave it out (no comma either) */
type Item = (fdnum: number, fd: FdInfo | undefined) => string | undefined;

const items: Record<string, Item> = {
  'fdlist.nums': (n) => String(n),
  'fdlist.names': (_n, fd) => (fd && fd.name !== '' ? fd.name : '<NA>'),
  'fdlist.cips': (_n, fd) => {
    if (fd?.type === FdType.IPV4_SOCK) return ipv4Text(fd.v4Sip);
    if (fd?.type === FdType.IPV6_SOCK) return ipv6Text(fd.v6Bytes(0));
    return undefined;
  },
  'fdlist.sips': (_n, fd) => {
    if (fd?.type === FdType.IPV4_SOCK) return ipv4Text(fd.v4Dip);
    if (fd?.type === FdType.IPV6_SOCK) return ipv6Text(fd.v6Bytes(4));
    if (fd?.type === FdType.IPV4_SERVSOCK) return ipv4Text(fd.v4sIp);
    // libsinsp prints the first four bytes of an IPv6 server address as an IPv4 one
    if (fd?.type === FdType.IPV6_SERVSOCK) return ipv4Text(fd.w0);
    return undefined;
  },
  'fdlist.cports': (_n, fd) => {
    if (fd?.type === FdType.IPV4_SOCK) return String(fd.v4Sport);
    if (fd?.type === FdType.IPV6_SOCK) return String(fd.v6Sport);
    return undefined;
  },
  'fdlist.sports': (_n, fd) => {
    if (fd?.type === FdType.IPV4_SOCK) return String(fd.v4Dport);
    if (fd?.type === FdType.IPV6_SOCK) return String(fd.v6Dport);
    return undefined;
  },
};

function listParam(ev: Event): Uint8Array | undefined {
  if (ev.type === PPME.SYSCALL_POLL_E || ev.type === PPME.SYSCALL_PPOLL_E) return ev.param(0);
  if (ev.type === PPME.SYSCALL_POLL_X || ev.type === PPME.SYSCALL_PPOLL_X) return ev.param(1);
  return undefined;
}

function bind(f: FieldInfo, arg: string | undefined, _ctx: FieldContext): Extractor {
  if (arg !== undefined) throw new FieldError(`unrecognized field ${f.name}[${arg}]`);
  const item = items[f.name];
  if (!item) throw new FieldError(`unrecognized field ${f.name}`);
  return new FieldExtractor(f, arg, (ev) => {
    const raw = listParam(ev);
    const t = ev.thread;
    if (!raw || !t) return undefined;
    let out = '';
    for (const { fd } of decodeFdList(raw)) {
      const s = item(fd, t.getFd(fd));
      if (s !== undefined) out += s + ',';
    }
    // libsinsp drops the one trailing comma; an empty list has no value
    return out === '' ? undefined : out.slice(0, -1);
  });
}

export const fdlistFields: FieldClass = {
  name: 'fdlist',
  shortDesc: '',
  desc: 'The fds of poll and ppoll events.',
  fields,
  bind,
};
