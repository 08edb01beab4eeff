// Synthetic events for the rendering tests: batch records built by hand, parameter
// encoders, and threads with fd tables.
import { Event, EVENT_HEADER, RECORD_PREFIX } from '../../sinsp/event/event.js';
import { FdFlag, FdInfo, FdType, L4Proto } from '../../sinsp/state/fd.js';
import { State } from '../../sinsp/state/state.js';
import { ThreadInfo } from '../../sinsp/state/thread.js';

export interface EventSpec {
  type: number;
  params: Buffer[];
  ts?: bigint;
  tid?: number;
  cpu?: number;
  num?: number;
}

/** One batch record (docs/ARCHITECTURE.md layout) holding the event. */
export function record(spec: EventSpec): Buffer {
  const n = spec.params.length;
  const dataLen = spec.params.reduce((a, p) => a + p.length, 0);
  const len = EVENT_HEADER + 4 * n + dataLen;
  const b = Buffer.alloc(RECORD_PREFIX + len);
  b.writeUInt16LE(spec.cpu ?? 0, 0);
  b.writeBigUInt64LE(spec.ts ?? 1_700_000_000_123_456_789n, 8);
  b.writeBigInt64LE(BigInt(spec.tid ?? 100), 16);
  b.writeUInt32LE(len, 24);
  b.writeUInt16LE(spec.type, 28);
  b.writeUInt32LE(n, 30);
  let p = RECORD_PREFIX + EVENT_HEADER;
  for (const prm of spec.params) {
    b.writeUInt32LE(prm.length, p);
    p += 4;
  }
  for (const prm of spec.params) {
    prm.copy(b, p);
    p += prm.length;
  }
  return b;
}

/** An Event loaded with the record of `spec`. */
export function event(spec: EventSpec, thread?: ThreadInfo): Event {
  const ev = new Event();
  ev.load(record(spec), 0);
  ev.num = spec.num ?? 1;
  ev.thread = thread;
  return ev;
}

export const u8 = (v: number): Buffer => Buffer.from([v & 0xff]);
export function u16(v: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(v & 0xffff);
  return b;
}
export function u32(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v >>> 0);
  return b;
}
export function i32(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32LE(v);
  return b;
}
export function i64(v: number | bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64LE(BigInt(v));
  return b;
}
export function u64(v: number | bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(v));
  return b;
}
/** A NUL-terminated string, as the drivers write CHARBUF and FSPATH values. */
export const str = (s: string): Buffer => Buffer.concat([Buffer.from(s, 'utf8'), Buffer.from([0])]);
export const bytes = (s: string | number[]): Buffer => (typeof s === 'string' ? Buffer.from(s, 'latin1') : Buffer.from(s));

/** PT_SOCKADDR for an IPv4 address "a.b.c.d" and port. */
export function sockaddr4(ip: string, port: number): Buffer {
  const b = Buffer.alloc(7);
  b[0] = 2;
  Buffer.from(ip.split('.').map(Number)).copy(b, 1);
  b.writeUInt16LE(port, 5);
  return b;
}

/** PT_SOCKADDR for an IPv6 address given as 16 bytes. */
export function sockaddr6(ip: number[], port: number): Buffer {
  const b = Buffer.alloc(19);
  b[0] = 10;
  Buffer.from(ip).copy(b, 1);
  b.writeUInt16LE(port, 17);
  return b;
}

export function tuple4(sip: string, sport: number, dip: string, dport: number): Buffer {
  const b = Buffer.alloc(13);
  b[0] = 2;
  Buffer.from(sip.split('.').map(Number)).copy(b, 1);
  b.writeUInt16LE(sport, 5);
  Buffer.from(dip.split('.').map(Number)).copy(b, 7);
  b.writeUInt16LE(dport, 11);
  return b;
}

export function tuple6(sip: number[], sport: number, dip: number[], dport: number): Buffer {
  const b = Buffer.alloc(37);
  b[0] = 10;
  Buffer.from(sip).copy(b, 1);
  b.writeUInt16LE(sport, 17);
  Buffer.from(dip).copy(b, 19);
  b.writeUInt16LE(dport, 35);
  return b;
}

export function tupleUnix(src: bigint, dst: bigint, path: string): Buffer {
  const b = Buffer.alloc(17);
  b[0] = 1;
  b.writeBigUInt64LE(src, 1);
  b.writeBigUInt64LE(dst, 9);
  return Buffer.concat([b, str(path)]);
}

/** A state with one process (pid = tid = `tid`) named `comm`, working in `cwd`. */
export function stateWithThread(tid = 100, comm = 'curl', cwd = '/home/user/'): { state: State; thread: ThreadInfo } {
  const state = new State();
  const thread = new ThreadInfo();
  thread.tid = tid;
  thread.pid = tid;
  thread.ptid = 1;
  thread.comm = comm;
  thread.cwd = cwd;
  thread.owner = state;
  state.threads.set(tid, thread);
  return { state, thread };
}

export function addFd(thread: ThreadInfo, fd: number, type: number, name: string, l4proto: number = L4Proto.NA): FdInfo {
  const info = new FdInfo();
  info.fd = fd;
  info.type = type;
  info.name = name;
  if (l4proto !== L4Proto.NA) {
    // libsinsp reports the protocol of client/server sockets only
    info.flags |= FdFlag.ROLE_CLIENT;
    if (type === FdType.IPV4_SOCK) info.v4L4 = l4proto;
    else if (type === FdType.IPV6_SOCK) info.v6L4 = l4proto;
    else if (type === FdType.IPV4_SERVSOCK) info.v4sL4 = l4proto;
    else if (type === FdType.IPV6_SERVSOCK) info.v6sL4 = l4proto;
  }
  thread.fdTable.set(info);
  return info;
}

export { FdType, L4Proto };
