// The chisel API's semantics, independent of the language the chisel is written in: the
// Lua bindings (lua-api.ts) and the JavaScript API object (js-chisel.ts) both call these.
import { createSocket, type Socket } from 'node:dgram';
import { Event, RECORD_PREFIX, EVENT_HEADER } from '../event/event.js';
import type { Extractor, FieldValue } from '../fields/types.js';
import { CANCELED_FD_NUMBER, FdType, L4Proto, type FdInfo } from '../state/fd.js';
import { ThreadFlag, type ThreadInfo } from '../state/thread.js';
import type { ChiselEnv } from './env.js';
import { ChiselError } from './errors.js';
import type { EventHook } from './top-aggregator.js';
import { ipToString, ipv4ToString, ipv6ToString } from './net.js';
import { luajitPairsOrder } from './luajit-table-order.js';

/** sysdig's default -p line (DEFAULT_OUTPUT_STR), used by set_event_formatter("default"). */
export const DEFAULT_OUTPUT_FORMAT =
  '*%evt.num %evt.outputtime %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.info';

/** PPME_SYSCALL_READ_X: the event type sysdig fakes to run get_thread_table's fd filter. */
const PPME_SYSCALL_READ_X = 7;

const PT = { BYTEBUF: 10, IPV4ADDR: 26, IPV4NET: 37, IPV6ADDR: 38, IPV6NET: 39, IPADDR: 40, IPNET: 41 } as const;

/** A requested field: what chisel.request_field returns and evt.field takes. */
export class FieldHandle {
  constructor(
    readonly name: string,
    public extractor: Extractor,
    /** sysdig hands evt.buffer to chisels as rendered text (non-printables as '.'), not raw bytes */
    public rendered: boolean,
  ) {}
}

/** A field value the way the chisel API converts it: addresses as text, 64-bit ints as doubles. */
export type ApiValue = number | string | boolean | Uint8Array;

export function toApiValue(v: FieldValue, type: number): ApiValue {
  switch (typeof v) {
    case 'bigint':
      return Number(v);
    case 'number':
      return type === PT.IPV4ADDR || type === PT.IPV4NET ? ipv4ToString(v) : v;
    case 'object':
      if (type === PT.IPV6ADDR || type === PT.IPV6NET) return ipv6ToString(v);
      if (type === PT.IPADDR || type === PT.IPNET) return ipToString(v);
      return v;
    default:
      return v;
  }
}

export interface FdEntry {
  name?: string;
  type?: string;
  cip?: string;
  sip?: string;
  cport?: number;
  sport?: number;
  is_server?: boolean;
  l4proto?: string;
}

export interface ThreadEntry {
  tid: number;
  pid: number;
  ptid?: number;
  comm?: string;
  exe?: string;
  flags?: number;
  fdlimit?: number;
  uid?: number;
  gid?: number;
  nchilds?: number;
  vmsize_kb?: number;
  vmrss_kb?: number;
  vmswap_kb?: number;
  pfmajor?: number;
  pfminor?: number;
  clone_ts?: string;
  username?: string;
  args?: string[];
  env?: string[];
  /** keyed by fd number as a 32-bit int, as sysdig's Lua table is */
  fdtable: Map<number, FdEntry>;
}

export interface ContainerEntry {
  id: string;
  name: string;
  image: string;
  type: string;
}

export interface MachineEntry {
  num_cpus: number;
  memory_size_bytes: number;
  max_pid: number;
  hostname: string;
}

const FD_TYPE_NAMES: Record<number, string> = {
  [FdType.FILE]: 'file',
  [FdType.FILE_V2]: 'file',
  [FdType.DIRECTORY]: 'directory',
  [FdType.IPV4_SOCK]: 'ipv4',
  [FdType.IPV4_SERVSOCK]: 'ipv4',
  [FdType.IPV6_SOCK]: 'ipv6',
  [FdType.IPV6_SERVSOCK]: 'ipv6',
  [FdType.UNIX_SOCK]: 'unix',
  [FdType.FIFO]: 'pipe',
  [FdType.EVENT]: 'event',
  [FdType.SIGNALFD]: 'signalfd',
  [FdType.EVENTPOLL]: 'eventpoll',
  [FdType.INOTIFY]: 'inotify',
  [FdType.TIMERFD]: 'timerfd',
  [FdType.NETLINK]: 'netlink',
};

/** libsinsp's sinsp_fdinfo::get_typestring(). */
export function fdTypeString(type: number): string {
  return FD_TYPE_NAMES[type] ?? '<NA>';
}

/** libsinsp's sanitize_string(): keep printable ASCII only. */
export function sanitize(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, '');
}

const L4_NAMES: Record<number, string> = { [L4Proto.TCP]: 'tcp', [L4Proto.UDP]: 'udp', [L4Proto.ICMP]: 'icmp', [L4Proto.RAW]: 'raw' };

const u32 = (n: number): number => n >>> 0;

/** Per-chisel API state: filter, formatter, intervals, and the requests it made of the capture. */
export class ChiselRuntime {
  filter: ((ev: Event) => boolean) | undefined;
  formatter: ((ev: Event) => string | undefined) | undefined;
  /** set_interval_s / set_interval_ns, in ns (0: none) */
  intervalNs = 0n;
  /** set_precise_interval_ns (0: none) */
  preciseIntervalNs = 0n;
  /** sysdig.end_capture() was called */
  endCapture = false;
  /** sysdig.run_app(): arguments for another run */
  nextRunArgs: string | undefined;
  /** chisel.exec(): replace this chisel with another after on_init */
  execRequest: { name: string; args: string[] } | undefined;
  /** the event being processed (undefined outside on_event/on_interval) */
  current: Event | undefined;
  /** TypeScript work done per event that passed the filter, before on_event (see top-aggregator.ts) */
  readonly eventHooks: EventHook[] = [];

  /** sysdig.udp_setpeername() */
  udpPeer: { addr: string; port: number } | undefined;
  private udpSocket: Socket | undefined;
  private typeField: Extractor | undefined;
  private readonly handles: FieldHandle[] = [];
  private formatterText: string | undefined;

  constructor(readonly env: ChiselEnv, readonly chiselName: string) {}

  /** evt.get_type(): the event's name; generic events answer their syscall's name (as evt.type does) */
  eventTypeName(ev: Event): string {
    this.typeField ??= this.env.fields.resolve('evt.type', undefined);
    const v = this.typeField.extract(ev);
    return v === undefined ? '' : String(v);
  }

  udpSend(data: Uint8Array): void {
    if (!this.udpPeer) throw new ChiselError('udp_send error: call udp_setpeername first');
    this.udpSocket ??= createSocket('udp4');
    this.udpSocket.unref();
    this.udpSocket.send(data, this.udpPeer.port, this.udpPeer.addr);
  }

  close(): void {
    this.udpSocket?.close();
    this.udpSocket = undefined;
  }

  requestField(name: string | undefined): FieldHandle {
    if (name === undefined) throw new ChiselError('chisel requesting nil field');
    const h = new FieldHandle(name, this.bind(name), name.trim() === 'evt.buffer');
    this.handles.push(h);
    return h;
  }

  private bind(name: string): Extractor {
    const ref = this.env.fields.scan(name, 0);
    if (!ref) throw new ChiselError(`chisel requesting nonexistent field ${name}`);
    try {
      return this.env.fields.resolve(ref.name, ref.arg);
    } catch (e) {
      throw new ChiselError(`chisel requesting nonexistent field ${name}: ${(e as Error).message}`);
    }
  }

  field(h: FieldHandle): ApiValue | undefined {
    const ev = this.current;
    if (!ev) throw new ChiselError('invalid call to evt.field()');
    const ex = h.extractor;
    const v = ex.extract(ev);
    if (v === undefined) return undefined;
    if (h.rendered && v instanceof Uint8Array) return ex.render(v, ev);
    return toApiValue(v, ex.type);
  }

  event(what: string): Event {
    if (!this.current) throw new ChiselError(`invalid call to evt.${what}()`);
    return this.current;
  }

  setFilter(text: string): void {
    if (text === '') {
      this.filter = undefined;
      return;
    }
    try {
      this.filter = this.env.compileFilter(text);
    } catch (e) {
      throw new ChiselError(`invalid filter in chisel ${this.chiselName}: ${(e as Error).message}`);
    }
  }

  setGlobalFilter(text: string): void {
    if (!this.env.setGlobalFilter) return;
    try {
      this.env.setGlobalFilter(text);
    } catch (e) {
      throw new ChiselError(`invalid filter in chisel ${this.chiselName}: ${(e as Error).message}`);
    }
  }

  setEventFormatter(fmt: string): void {
    const f = fmt === '' || fmt === 'default' ? DEFAULT_OUTPUT_FORMAT : fmt;
    this.formatterText = f;
    try {
      this.formatter = this.env.compileFormatter(f);
    } catch (e) {
      throw new ChiselError(`invalid formatter in chisel ${this.chiselName}: ${(e as Error).message}`);
    }
  }

  setIntervalNs(ns: number): void {
    this.intervalNs = ns > 0 ? BigInt(Math.trunc(ns)) : 0n;
  }

  setPreciseIntervalNs(ns: number): void {
    this.preciseIntervalNs = ns > 0 ? BigInt(Math.trunc(ns)) : 0n;
  }

  exec(name: string | undefined, args: string[]): void {
    if (name === undefined) throw new ChiselError(`invalid exec field name in chisel ${this.chiselName}`);
    this.execRequest = { name, args };
  }

  setOutputFormat(fmt: string): void {
    const env = this.env;
    if (!env.bufferFormat || !env.setBufferFormat) return;
    // a format forced on the command line wins
    if (env.bufferFormat() !== 'normal') return;
    const map: Record<string, Parameters<NonNullable<ChiselEnv['setBufferFormat']>>[0]> = {
      normal: 'normal',
      json: 'json',
      simple: 'normal',
      hex: 'hex',
      hexascii: 'hexascii',
      ascii: 'ascii',
      base64: 'base64',
      jsonbase64: 'base64',
    };
    const m = map[fmt];
    if (!m) throw new ChiselError(`invalid set_output_format value in chisel ${this.chiselName}`);
    env.setBufferFormat(m);
    // fields bind the buffer format when resolved: bind the requested ones again
    for (const h of this.handles) h.extractor = this.bind(h.name);
    if (this.formatterText !== undefined) this.formatter = this.env.compileFormatter(this.formatterText);
  }

  outputFormat(): string {
    if (this.env.json) return 'json';
    return this.env.bufferFormat?.() === 'json' ? 'json' : 'normal';
  }

  machineInfo(): MachineEntry {
    const m = this.env.machineInfo?.() ?? this.env.state().machine;
    if (!m) throw new ChiselError('get_machine_info can only be called from the on_capture_start callback');
    return {
      num_cpus: m.numCpus,
      memory_size_bytes: Number(m.memoryBytes),
      max_pid: 0,
      hostname: m.hostname,
    };
  }

  firstEventTs(): string {
    return this.env.state().firstEventTs.toString();
  }

  lastEventTs(): string {
    return this.env.state().lastEventTs.toString();
  }

  /**
   * sysdig.get_thread_table and its variants. The maps (threads, and each thread's fds) are
   * keyed and ordered as a chisel's pairs() sees sysdig's Lua tables: sysdig walks libsinsp's
   * thread and fd tables and stores each entry under its number as a 32-bit int, and LuaJIT's
   * table layout decides the order pairs() returns them in.
   */
  threadTable(filterText: string | undefined, includeFds: boolean, barebone: boolean): Map<number, ThreadEntry> {
    const state = this.env.state();
    let filter: ((ev: Event) => boolean) | undefined;
    let probe: Event | undefined;
    if (filterText) {
      try {
        filter = this.env.compileFilter(filterText);
      } catch (e) {
        throw new ChiselError(
          `invalid filter argument for get_thread_table in chisel ${this.chiselName}: ${(e as Error).message}`,
        );
      }
      probe = new Event();
    }
    const record = fakeReadRecord(state.lastEventTs);
    // the caller restores t.lastFd after running the filter
    const probeFor = (t: ThreadInfo, fdNum: number, fd: FdInfo): Event => {
      const ev = probe!;
      record.writeBigInt64LE(BigInt(t.tid), 16);
      ev.load(record, 0);
      ev.thread = t;
      ev.fd = fd;
      ev.fdNum = fdNum;
      t.lastFd = fdNum;
      return ev;
    };
    const children = new Map<number, number>();
    if (!barebone) for (const t of state.threads.values()) children.set(t.ptid, (children.get(t.ptid) ?? 0) + 1);

    const out: Array<[number, ThreadEntry]> = [];
    for (const t of state.threadsInTableOrder()) {
      // threads cloned with CLONE_FILES use their process's table (libsinsp's get_fd_table)
      const owner = t.flags & ThreadFlag.CLONE_FILES && t.pid !== t.tid ? state.threads.get(t.pid) ?? t : t;
      const fds = owner.fdTable.entriesInTableOrder();
      if (filter) {
        let match = false;
        for (const [num, fd] of fds) {
          const prev = t.lastFd;
          const ok = filter(probeFor(t, num, fd));
          t.lastFd = prev;
          if (ok) {
            match = true;
            break;
          }
        }
        if (!match) continue;
      }
      const e: ThreadEntry = { tid: u32(t.tid), pid: u32(t.pid), fdtable: new Map() };
      const fdEntries: Array<[number, FdEntry]> = [];
      if (!barebone) {
        const user = t.uid === -1 || t.uid === 0xffffffff ? undefined : state.users.get(t.uid);
        Object.assign(e, {
          ptid: u32(t.ptid),
          comm: t.comm,
          exe: t.exe,
          flags: u32(t.flags),
          fdlimit: u32(t.fdlimit),
          uid: u32(t.uid),
          gid: u32(t.gid),
          nchilds: children.get(t.tid) ?? 0,
          vmsize_kb: u32(t.vmsize),
          vmrss_kb: u32(t.vmrss),
          vmswap_kb: u32(t.vmswap),
          pfmajor: u32(t.pfmajor),
          pfminor: u32(t.pfminor),
          clone_ts: t.cloneTs.toString(),
          username: user ? user.name : '<NA>',
          args: t.args,
          env: t.env,
        });
      }
      if (includeFds) {
        for (const [num, fd] of fds) {
          if (filter) {
            const prev = t.lastFd;
            const ok = filter(probeFor(t, num, fd));
            t.lastFd = prev;
            if (!ok) continue;
          }
          fdEntries.push([luaFdKey(num), fdEntry(fd, barebone)]);
        }
      }
      e.fdtable = inLuaJitOrder(fdEntries);
      out.push([t.tid | 0, e]);
    }
    return inLuaJitOrder(out);
  }

  containerTable(): ContainerEntry[] {
    const out: ContainerEntry[] = [];
    for (const c of this.env.state().containers.values()) {
      out.push({ id: c.id, name: c.name, image: c.image, type: c.type || 'unknown' });
    }
    return out;
  }
}

/** sysdig's Lua key for an fd: lua_rawseti(L, -2, (uint32_t)fd), whose int parameter wraps */
function luaFdKey(fd: number): number {
  // libsinsp's INT64_MAX, whose low 32 bits are all ones
  return fd === CANCELED_FD_NUMBER ? -1 : fd | 0;
}

/**
 * The entries as a map in the order LuaJIT's pairs() walks a new table after lua_rawseti of
 * each key in turn (a repeated key keeps its place and takes the later value).
 */
function inLuaJitOrder<T>(entries: Array<[number, T]>): Map<number, T> {
  const byKey = new Map(entries);
  const out = new Map<number, T>();
  for (const k of luajitPairsOrder(entries.map(([key]) => key))) out.set(k, byKey.get(k)!);
  return out;
}

function fdEntry(fd: FdInfo, barebone: boolean): FdEntry {
  const e: FdEntry = {};
  if (!barebone) {
    e.name = sanitize(fd.name);
    e.type = fdTypeString(fd.type);
  }
  const t = fd.type;
  if (t === FdType.IPV4_SOCK || t === FdType.IPV6_SOCK) {
    const v4 = t === FdType.IPV4_SOCK;
    // sysdig reports the source as the client and the destination as the server
    e.cip = v4 ? ipv4ToString(fd.sip) : fd.sip6 ? ipv6ToString(fd.sip6) : '<NA>';
    e.sip = v4 ? ipv4ToString(fd.dip) : fd.dip6 ? ipv6ToString(fd.dip6) : '<NA>';
    e.cport = fd.sport;
    e.sport = fd.dport;
    e.is_server = fd.isServerRole;
    e.l4proto = L4_NAMES[fd.l4proto] ?? '<NA>';
  } else if (t === FdType.IPV4_SERVSOCK || t === FdType.IPV6_SERVSOCK) {
    e.sip = t === FdType.IPV4_SERVSOCK ? ipv4ToString(fd.sip) : fd.sip6 ? ipv6ToString(fd.sip6) : '<NA>';
    e.sport = fd.sport;
    e.is_server = true;
    e.l4proto = L4_NAMES[fd.l4proto] ?? '<NA>';
  }
  return e;
}

/** A record with no parameters, of type read exit, at `ts` (the thread id is filled in later). */
function fakeReadRecord(ts: bigint): Buffer {
  const b = Buffer.alloc(RECORD_PREFIX + EVENT_HEADER);
  b.writeBigUInt64LE(BigInt.asUintN(64, ts), 8);
  b.writeUInt32LE(EVENT_HEADER, 24);
  b.writeUInt16LE(PPME_SYSCALL_READ_X, 28);
  b.writeUInt32LE(0, 30);
  return b;
}

/** sysdig.make_ts / add_ts / subtract_ts: 64-bit ns timestamps travel as decimal strings. */
export function makeTs(s: number, ns: number): string {
  return (BigInt(u32(Math.trunc(s))) * 1000000000n + BigInt(u32(Math.trunc(ns)))).toString();
}

function parseU64(s: string): bigint {
  const m = /^\s*\+?(\d+)/.exec(s);
  return m ? BigInt.asUintN(64, BigInt(m[1]!)) : 0n;
}

export function addTs(a: string, b: string): string {
  return BigInt.asIntN(64, parseU64(a) + parseU64(b)).toString();
}

export function subtractTs(a: string, b: string): string {
  return BigInt.asIntN(64, parseU64(a) - parseU64(b)).toString();
}
