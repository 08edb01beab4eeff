// Synthetic event sources for the state and inspector tests: batch records built from
// an event type and parameter buffers (docs/ARCHITECTURE.md layout), parameter
// encoders, capture metadata, and a session that feeds records through an Inspector.
import { EVENT_HEADER, RECORD_PREFIX, type Event } from '../../sinsp/event/event.js';
import type { CaptureMetadata, CapturedFd, CapturedThread } from '../../sinsp/capture/types.js';
import { Inspector, type EventSource, type InspectorOptions } from '../../sinsp/inspector.js';

export interface RecordSpec {
  type: number;
  tid: number;
  params: Uint8Array[];
  /** ns since the epoch; defaults to 1 ms after the previous record of the batch */
  ts?: bigint;
  cpu?: number;
  /** record flags (e.g. 1: state only) */
  flags?: number;
}

/** one record */
export function record(spec: RecordSpec & { ts: bigint }): Buffer {
  const n = spec.params.length;
  const dataLen = spec.params.reduce((a, p) => a + p.length, 0);
  const len = EVENT_HEADER + 4 * n + dataLen;
  const b = Buffer.alloc(RECORD_PREFIX + len);
  b.writeUInt16LE(spec.cpu ?? 0, 0);
  b.writeUInt32LE(spec.flags ?? 0, 4);
  b.writeBigUInt64LE(spec.ts, 8);
  b.writeBigInt64LE(BigInt(spec.tid), 16);
  b.writeUInt32LE(len, 24);
  b.writeUInt16LE(spec.type, 28);
  b.writeUInt32LE(n, 30);
  let p = RECORD_PREFIX + EVENT_HEADER;
  for (const prm of spec.params) {
    b.writeUInt32LE(prm.length, p);
    p += 4;
  }
  for (const prm of spec.params) {
    Buffer.from(prm.buffer, prm.byteOffset, prm.length).copy(b, p);
    p += prm.length;
  }
  return b;
}

export const BASE_TS = 1_700_000_000_000_000_000n;

/** a batch of records; timestamps default to BASE_TS + 1 ms per record */
export function batch(specs: RecordSpec[], firstTs = BASE_TS): { buf: Buffer; count: number } {
  let ts = firstTs;
  const bufs = specs.map((s) => {
    ts = s.ts ?? ts + 1_000_000n;
    return record({ ...s, ts });
  });
  return { buf: Buffer.concat(bufs), count: specs.length };
}

// ---- parameter encoders ----
export const P = {
  i64(v: number | bigint): Buffer {
    const b = Buffer.alloc(8);
    b.writeBigInt64LE(BigInt(v));
    return b;
  },
  u64(v: number | bigint): Buffer {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    return b;
  },
  i32(v: number): Buffer {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
    return b;
  },
  u32(v: number): Buffer {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v >>> 0);
    return b;
  },
  u16(v: number): Buffer {
    const b = Buffer.alloc(2);
    b.writeUInt16LE(v);
    return b;
  },
  u8(v: number): Buffer {
    return Buffer.from([v & 0xff]);
  },
  /** a NUL-terminated string */
  str(s: string): Buffer {
    return Buffer.from(s + '\0', 'utf8');
  },
  /** a NUL-separated list (args, env, cgroups) */
  list(items: string[]): Buffer {
    return Buffer.from(items.map((s) => s + '\0').join(''), 'utf8');
  },
  empty(): Buffer {
    return Buffer.alloc(0);
  },
};

/** dotted IPv4 text to the u32 scap stores (network-order bytes read little-endian) */
export function ip4(a: string): number {
  const [x, y, z, w] = a.split('.').map(Number);
  return (x! | (y! << 8) | (z! << 16) | (w! << 24)) >>> 0;
}

function ip4Bytes(a: string): number[] {
  return a.split('.').map(Number);
}

function ip6Bytes(a: string): number[] {
  // full or '::'-compressed hex form, optionally ending in a dotted IPv4 address
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (dotted) {
    const [w, x, y, z] = ip4Bytes(dotted[2]!);
    a = `${dotted[1]}${((w! << 8) | x!).toString(16)}:${((y! << 8) | z!).toString(16)}`;
  }
  const [head, tail] = a.includes('::') ? a.split('::') : [a, undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const words = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t].map((w) => parseInt(w, 16));
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

function port(p: number): number[] {
  return [p & 0xff, p >> 8];
}

export const SOCK = {
  v4(addr: string, p: number): Buffer {
    return Buffer.from([2, ...ip4Bytes(addr), ...port(p)]);
  },
  v6(addr: string, p: number): Buffer {
    return Buffer.from([10, ...ip6Bytes(addr), ...port(p)]);
  },
  unix(path: string): Buffer {
    return Buffer.concat([Buffer.from([1]), Buffer.from(path + '\0')]);
  },
  tuple4(sip: string, sport: number, dip: string, dport: number): Buffer {
    return Buffer.from([2, ...ip4Bytes(sip), ...port(sport), ...ip4Bytes(dip), ...port(dport)]);
  },
  tuple6(sip: string, sport: number, dip: string, dport: number): Buffer {
    return Buffer.from([10, ...ip6Bytes(sip), ...port(sport), ...ip6Bytes(dip), ...port(dport)]);
  },
  tupleUnix(source: bigint, dest: bigint, path: string): Buffer {
    const b = Buffer.alloc(17);
    b[0] = 1;
    b.writeBigUInt64LE(source, 1);
    b.writeBigUInt64LE(dest, 9);
    return Buffer.concat([b, Buffer.from(path + '\0')]);
  },
};

// ---- capture metadata ----
export function capturedThread(t: Partial<CapturedThread> & { tid: number }): CapturedThread {
  return {
    pid: t.tid,
    ptid: 1,
    sid: 0,
    vpgid: 0,
    pgid: 0,
    comm: 'proc',
    exe: '/bin/proc',
    exepath: '/bin/proc',
    args: [],
    env: [],
    cwd: '/',
    fdlimit: 1024,
    flags: 0,
    uid: 0,
    gid: 0,
    loginuid: -1,
    vmsize: 0,
    vmrss: 0,
    vmswap: 0,
    pfmajor: 0,
    pfminor: 0,
    vtid: t.tid,
    vpid: t.pid ?? t.tid,
    cgroups: [],
    root: '/',
    tty: 0,
    cloneTs: 0n,
    pidnsInitStartTs: 0n,
    exeWritable: false,
    exeUpperLayer: false,
    exeLowerLayer: false,
    exeFromMemfd: false,
    capInheritable: 0n,
    capPermitted: 0n,
    capEffective: 0n,
    exeIno: 0n,
    exeInoCtime: 0n,
    exeInoMtime: 0n,
    fds: [],
    ...t,
  };
}

export function capturedFd(f: Partial<CapturedFd> & { fd: number; type: number }): CapturedFd {
  return {
    ino: 0n,
    name: '',
    openFlags: 0,
    dev: 0,
    l4proto: 0,
    sip: 0,
    dip: 0,
    sip6: null,
    dip6: null,
    sport: 0,
    dport: 0,
    unixSource: 0n,
    unixDest: 0n,
    ...f,
  };
}

export function metadata(m: Partial<CaptureMetadata> = {}): CaptureMetadata {
  return {
    formatVersion: { major: 1, minor: 2 },
    machine: null,
    hasProcessList: true,
    threads: [],
    interfaces: null,
    hasUserList: false,
    users: [],
    groups: [],
    ...m,
  };
}

/** an EventSource over prepared batches; `damage` is thrown after the last one */
export function memorySource(meta: CaptureMetadata, batches: Array<{ buf: Buffer; count: number }>, damage?: Error): EventSource & { closed: boolean } {
  let i = 0;
  return {
    meta,
    closed: false,
    nextBatch() {
      if (i < batches.length) return batches[i++]!;
      if (damage) throw damage;
      return null;
    },
    close() {
      this.closed = true;
    },
  };
}

/** A snapshot of what a delivered event carried (the Event object is reused). */
export interface Seen {
  num: number;
  type: number;
  tid: number;
  comm: string | undefined;
  fdNum: number;
  fdName: string | undefined;
  fdType: number | undefined;
  errorCode: number;
  enter: boolean;
}

/**
 * Run records through an Inspector; `each` is called for every delivered event while
 * it is current (state as the event left it).
 */
export function runRecords(
  threads: CapturedThread[],
  specs: RecordSpec[],
  opts: InspectorOptions = {},
  each?: (ev: Event, insp: Inspector) => void,
): { insp: Inspector; seen: Seen[] } {
  const insp = new Inspector(memorySource(metadata({ threads }), [batch(specs)]), opts);
  const seen: Seen[] = [];
  insp.run((ev) => {
    seen.push({
      num: ev.num,
      type: ev.type,
      tid: ev.tid,
      comm: ev.thread?.comm,
      fdNum: ev.fdNum,
      fdName: ev.fd?.name,
      fdType: ev.fd?.type,
      errorCode: insp.state.evt.errorCode,
      enter: ev.enter !== undefined,
    });
    each?.(ev, insp);
  });
  return { insp, seen };
}
