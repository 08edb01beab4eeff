// Synthetic state and events for the field class tests.
import { Event } from '../../sinsp/event/event.js';
import type { FieldClass, FieldContext, FieldValue } from '../../sinsp/fields/types.js';
import { FdInfo } from '../../sinsp/state/fd.js';
import { State } from '../../sinsp/state/state.js';
import { ThreadInfo } from '../../sinsp/state/thread.js';
import { P, SOCK, record } from '../helpers/records.js';

export interface EventSpec {
  type: number;
  params?: Buffer[];
  ts?: bigint;
  tid?: number;
  cpu?: number;
}

/** an Event over one batch record (docs/ARCHITECTURE.md layout) */
export function makeEvent(spec: EventSpec, thread?: ThreadInfo, fd?: FdInfo): Event {
  const b = record({
    type: spec.type,
    params: spec.params ?? [],
    tid: spec.tid ?? thread?.tid ?? 100,
    cpu: spec.cpu,
    ts: spec.ts ?? 1_000_000_000n,
  });
  const ev = new Event();
  ev.load(b, 0);
  ev.num = 1;
  ev.thread = thread;
  ev.fd = fd;
  return ev;
}

export const { i64, u64, u32, str } = P;
/** PT_FDLIST: u16 count then (i64 fd, u16 flags) each */
export function fdList(fds: number[]): Buffer {
  const b = Buffer.alloc(2 + fds.length * 10);
  b.writeUInt16LE(fds.length, 0);
  fds.forEach((fd, k) => {
    b.writeBigInt64LE(BigInt(fd), 2 + k * 10);
    b.writeUInt16LE(1, 2 + k * 10 + 8);
  });
  return b;
}
/** PT_SOCKTUPLE for IPv4: family 2, sip, sport, dip, dport */
export const tuple4 = SOCK.tuple4;

/** an IPv4 address as scap stores it (network-order bytes read little-endian) */
export function ip4(s: string): number {
  const [a, b, c, d] = s.split('.').map(Number) as [number, number, number, number];
  return (a | (b << 8) | (c << 16) | (d << 24)) >>> 0;
}
export function ip6(...words: number[]): Uint8Array {
  const out = new Uint8Array(16);
  words.forEach((w, k) => {
    out[k * 2] = w >> 8;
    out[k * 2 + 1] = w & 0xff;
  });
  return out;
}

export function context(state = new State()): FieldContext {
  return { state, options: { bufferFormat: 'normal', timeMode: 'h', verbose: false } };
}

/** a thread added to `state` (as if from the capture's process list) */
export function addThread(state: State, init: Partial<ThreadInfo> & { tid: number }): ThreadInfo {
  const t = new ThreadInfo();
  t.pid = init.tid;
  t.ptid = 1;
  t.comm = 'proc';
  t.cwd = '/';
  Object.assign(t, init);
  state.addThread(t, true);
  return t;
}

/** an fd entry stored in the thread's table */
export function addFd(t: ThreadInfo, init: Partial<FdInfo> & { fd: number; type: number }): FdInfo {
  const f = new FdInfo();
  Object.assign(f, init);
  t.fdTable.set(f);
  return f;
}

/** bind a field of `cls` and extract it for `ev` */
export function value(cls: FieldClass, ctx: FieldContext, name: string, ev: Event, arg?: string): FieldValue | undefined {
  const field = cls.fields.find((f) => f.name === name);
  if (!field) throw new Error(`no field ${name}`);
  return cls.bind(field, arg, ctx).extract(ev);
}

/** bind a field of `cls`, extract it for `ev` and render it as -p prints it ('<NA>' when undefined) */
export function text(cls: FieldClass, ctx: FieldContext, name: string, ev: Event, arg?: string): string {
  const field = cls.fields.find((f) => f.name === name);
  if (!field) throw new Error(`no field ${name}`);
  const x = cls.bind(field, arg, ctx);
  const v = x.extract(ev);
  return v === undefined ? '<NA>' : x.render(v, ev);
}

/** the same for -j */
export function json(cls: FieldClass, ctx: FieldContext, name: string, ev: Event, arg?: string): string {
  const field = cls.fields.find((f) => f.name === name);
  if (!field) throw new Error(`no field ${name}`);
  const x = cls.bind(field, arg, ctx);
  const v = x.extract(ev);
  return v === undefined ? 'null' : x.renderJson!(v, ev);
}
