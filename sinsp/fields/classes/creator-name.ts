// The fd name libsinsp shows for an fd-creating exit event whose fd is not in the table
// (typically a failed open or connect): the path or the socket tuple the syscall was
// given, as sysdig renders that parameter.
import type { Event } from '../../event/event.js';
import { decodeSockTuple, paramS, paramStr, PpmAf } from '../../event/params.js';
import { PPM, PPME } from '../../generated/schema.js';
import { concatenatePaths } from './paths.js';
import { ipv4Text, ipv6Text, sanitizeText } from './values.js';

/** PT_SOCKTUPLE as sysdig prints it (port numbers, never service names) */
export function sockTupleText(raw: Uint8Array | undefined): string {
  if (!raw || raw.length === 0) return 'NULL';
  const family = raw[0]!;
  if (family === PpmAf.INET) {
    if (raw.length !== 13) return 'INVALID IPv4';
    const t = decodeSockTuple(raw) as { sip: number; sport: number; dip: number; dport: number };
    return `${ipv4Text(t.sip)}:${t.sport}->${ipv4Text(t.dip)}:${t.dport}`;
  }
  if (family === PpmAf.INET6) {
    if (raw.length !== 37) return 'INVALID IPv6';
    const t = decodeSockTuple(raw) as { sip: Uint8Array; sport: number; dip: Uint8Array; dport: number };
    if (isIpv4Mapped(t.sip) && isIpv4Mapped(t.dip)) {
      const s = t.sip;
      const d = t.dip;
      return `${s[12]}.${s[13]}.${s[14]}.${s[15]}:${t.sport}->${d[12]}.${d[13]}.${d[14]}.${d[15]}:${t.dport}`;
    }
    return `${ipv6Text(t.sip)}:${t.sport}->${ipv6Text(t.dip)}:${t.dport}`;
  }
  if (family === PpmAf.UNIX && raw.length >= 17) {
    const t = decodeSockTuple(raw) as { source: bigint; dest: bigint; path: string };
    return `${t.source.toString(16)}->${t.dest.toString(16)} ${sanitizeText(t.path)}`;
  }
  return `family ${family}`;
}

/** ::ffff:a.b.c.d, or the all-zero address (libsinsp counts it as IPv4 too) */
export function isIpv4Mapped(a: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (a[i] !== 0) return false;
  if (a[10] === 0xff && a[11] === 0xff) return true;
  return a[10] === 0 && a[11] === 0 && a[12] === 0 && a[13] === 0 && a[14] === 0 && a[15] === 0;
}

/**
 * A PT_FSPATH parameter the way libsinsp resolves it for fd names: relative paths joined
 * to the thread's working directory, absolute ones as given (minus unprintable bytes).
 */
function fsPathText(ev: Event, i: number): string {
  const raw = paramStr(ev, i) ?? '';
  const t = ev.thread;
  if (t && ev.paramLength(i) > 0 && !raw.startsWith('<NA>')) {
    const joined = concatenatePaths(t.getCwd(), raw);
    if (joined.relative && joined.path !== '') return joined.path;
  }
  return sanitizeText(raw);
}

/** parse_dirfd + concatenate_paths: the full path of an openat() name */
function atPath(ev: Event, name: string, dirfd: number): string {
  const t = ev.thread;
  let dir: string;
  if (name.startsWith('/')) dir = '.';
  else if (dirfd === PPM.AT_FDCWD) dir = t ? t.getCwd() : '';
  else {
    const d = t?.getFd(dirfd);
    dir = d ? d.name + '/' : '<UNKNOWN>';
  }
  return concatenatePaths(dir, name).path;
}

/** the parameters of the enter event paired with an exit, when the inspector kept it */
function enterParams(ev: Event): { dirfd: number; name: string } | undefined {
  const rec = ev.enter;
  if (!rec) return undefined;
  // enter record (batch layout): header, nparams u32 lengths, then data
  const nparams = rec.readUInt32LE(30);
  if (nparams < 2) return undefined;
  const lenAt = 34;
  const dirfdLen = rec.readUInt32LE(lenAt);
  const nameLen = rec.readUInt32LE(lenAt + 4);
  const data = lenAt + nparams * 4;
  if (dirfdLen !== 8 || data + 8 + nameLen > rec.length) return undefined;
  const dirfd = Number(rec.readBigInt64LE(data));
  let end = data + 8;
  const stop = end + nameLen;
  while (end < stop && rec[end] !== 0) end++;
  return { dirfd, name: rec.toString('utf8', data + 8, end) };
}

/**
 * libsinsp's extract_fdname_from_creator: undefined for enter events (and openat exits
 * whose enter is lost), the creating syscall's path or tuple for the exits that carry
 * one, '' for every other exit.
 */
export function creatorFdName(ev: Event): string | undefined {
  if (ev.isEnter) return undefined;
  switch (ev.type) {
    case PPME.SYSCALL_OPEN_X:
    case PPME.SYSCALL_CREAT_X:
      return fsPathText(ev, 1);
    case PPME.SOCKET_ACCEPT_X:
    case PPME.SOCKET_ACCEPT_5_X:
    case PPME.SOCKET_ACCEPT4_X:
    case PPME.SOCKET_ACCEPT4_5_X:
    case PPME.SOCKET_CONNECT_X:
      return sockTupleText(ev.param(1));
    case PPME.SYSCALL_OPENAT_X: {
      const p = enterParams(ev);
      return p ? sanitizeText(atPath(ev, p.name, p.dirfd)) : undefined;
    }
    case PPME.SYSCALL_OPENAT_2_X:
    case PPME.SYSCALL_OPENAT2_X:
      return sanitizeText(atPath(ev, paramStr(ev, 2) ?? '', paramS(ev, 1) ?? 0));
    default:
      return '';
  }
}
