// Synthetic events for the rendering tests: batch records built by hand, parameter
// encoders, and threads with fd tables.
import { Event } from '../../sinsp/event/event.js';
import { FdFlag, FdInfo, FdType, L4Proto } from '../../sinsp/state/fd.js';
import { State } from '../../sinsp/state/state.js';
import { ThreadInfo } from '../../sinsp/state/thread.js';
import { P, SOCK, record as batchRecord } from '../helpers/records.js';

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
  return batchRecord({
    type: spec.type,
    params: spec.params,
    tid: spec.tid ?? 100,
    cpu: spec.cpu,
    ts: spec.ts ?? 1_700_000_000_123_456_789n,
  });
}

/** An Event loaded with the record of `spec`. */
export function event(spec: EventSpec, thread?: ThreadInfo): Event {
  const ev = new Event();
  ev.load(record(spec), 0);
  ev.num = spec.num ?? 1;
  ev.thread = thread;
  return ev;
}

export const { u8, u32, i32, i64, u64 } = P;
export function u16(v: number): Buffer {
  return P.u16(v & 0xffff);
}
/** A NUL-terminated string, as the drivers write CHARBUF and FSPATH values. */
export const str = P.str;
export const bytes = (s: string | number[]): Buffer => (typeof s === 'string' ? Buffer.from(s, 'latin1') : Buffer.from(s));

/** PT_SOCKADDR for an IPv4 address "a.b.c.d" and port. */
export const sockaddr4 = SOCK.v4;

/** PT_SOCKADDR for an IPv6 address given as 16 bytes. */
export function sockaddr6(ip: number[], port: number): Buffer {
  const b = Buffer.alloc(19);
  b[0] = 10;
  Buffer.from(ip).copy(b, 1);
  b.writeUInt16LE(port, 17);
  return b;
}

export const tuple4 = SOCK.tuple4;

export function tuple6(sip: number[], sport: number, dip: number[], dport: number): Buffer {
  const b = Buffer.alloc(37);
  b[0] = 10;
  Buffer.from(sip).copy(b, 1);
  b.writeUInt16LE(sport, 17);
  Buffer.from(dip).copy(b, 19);
  b.writeUInt16LE(dport, 35);
  return b;
}

export const tupleUnix = SOCK.tupleUnix;

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
