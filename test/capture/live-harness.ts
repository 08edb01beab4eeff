// A CLI-free harness for live capture tests: run a workload while the probe
// captures, then look the expected events up by type and parameter values.
import { LiveSource, type LiveOptions, type LiveStats } from '../../sinsp/capture/live.js';
import { EVENTS_CURRENT, PPME } from '../../sinsp/generated/schema.js';

export { PPME };

/** One decoded record: header fields and the raw bytes of each parameter, by name. */
export interface CapturedEvent {
  cpu: number;
  ts: bigint;
  tid: number;
  type: number;
  params: Map<string, Buffer>;
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Splits a batch into records (layout of docs/ARCHITECTURE.md), naming params from the schema. */
export function decodeBatch(buf: Buffer, count: number): CapturedEvent[] {
  const out: CapturedEvent[] = [];
  let off = 0;
  for (let i = 0; i < count; i++) {
    const len = buf.readUInt32LE(off + 24);
    const type = buf.readUInt16LE(off + 28);
    const nparams = buf.readUInt32LE(off + 30);
    const info = EVENTS_CURRENT[type];
    const params = new Map<string, Buffer>();
    let data = off + 34 + 4 * nparams;
    for (let p = 0; p < nparams; p++) {
      const plen = buf.readUInt32LE(off + 34 + 4 * p);
      params.set(info?.params[p]?.name ?? `#${p}`, buf.subarray(data, data + plen));
      data += plen;
    }
    if (data !== off + 8 + len) throw new Error(`record ${i}: parameter lengths do not add up to len`);
    out.push({
      cpu: buf.readUInt16LE(off),
      ts: buf.readBigUInt64LE(off + 8),
      tid: Number(buf.readBigUInt64LE(off + 16)),
      type,
      params,
    });
    off += 8 + len;
  }
  if (off !== buf.length) throw new Error('batch has trailing bytes');
  return out;
}

export interface CaptureResult {
  events: CapturedEvent[];
  stats: LiveStats;
}

/**
 * Opens a capture, runs the workload, keeps draining for `settleMs` (events of
 * other CPUs may still be in flight), then stops the probe and drains the rest.
 * The machine never goes quiet (draining makes syscalls too), hence a fixed time.
 */
export async function captureDuring(
  workload: () => unknown | Promise<unknown>,
  options: LiveOptions = {},
  settleMs = 300,
): Promise<CaptureResult> {
  const src = await LiveSource.open(options);
  const events: CapturedEvent[] = [];
  try {
    await workload();
    const until = Date.now() + settleMs;
    while (Date.now() < until) {
      const b = src.nextBatch(50);
      // no push(...batch): a busy machine makes batches larger than the call stack
      if (b.count > 0) for (const e of decodeBatch(b.buf, b.count)) events.push(e);
    }
    src.stop();
    for (;;) {
      const b = src.nextBatch(0);
      if (b.count === 0) break;
      for (const e of decodeBatch(b.buf, b.count)) events.push(e);
    }
    return { events, stats: src.stats() };
  } finally {
    src.close();
  }
}

// ---- parameter readers ----

export const s64 = (b: Buffer | undefined): number => (b && b.length === 8 ? Number(b.readBigInt64LE(0)) : NaN);
export const u64 = (b: Buffer | undefined): bigint => (b && b.length === 8 ? b.readBigUInt64LE(0) : -1n);
export const s32 = (b: Buffer | undefined): number => (b && b.length === 4 ? b.readInt32LE(0) : NaN);
export const u32 = (b: Buffer | undefined): number => (b && b.length === 4 ? b.readUInt32LE(0) : NaN);
export const u16 = (b: Buffer | undefined): number => (b && b.length === 2 ? b.readUInt16LE(0) : NaN);
export const u8 = (b: Buffer | undefined): number => (b && b.length === 1 ? b.readUInt8(0) : NaN);
/** A NUL-terminated string parameter. */
export const str = (b: Buffer | undefined): string => (b ? b.toString('utf8').replace(/\0$/, '') : '');
/** A NUL-separated string list (args, env, cgroups). */
export const strList = (b: Buffer | undefined): string[] =>
  b && b.length ? b.toString('utf8').replace(/\0$/, '').split('\0') : [];

export interface InetTuple {
  family: number;
  srcAddr: string;
  srcPort: number;
  dstAddr: string;
  dstPort: number;
}

const ipv4 = (b: Buffer, off: number): string => [0, 1, 2, 3].map((i) => b[off + i]).join('.');

/** PT_SOCKTUPLE of an IPv4 socket (13 bytes), undefined for other families. */
export function inetTuple(b: Buffer | undefined): InetTuple | undefined {
  if (!b || b.length !== 13 || b[0] !== 2) return undefined;
  return {
    family: 2,
    srcAddr: ipv4(b, 1),
    srcPort: b.readUInt16LE(5),
    dstAddr: ipv4(b, 7),
    dstPort: b.readUInt16LE(11),
  };
}

/** PT_SOCKADDR of an IPv4 address (7 bytes). */
export function inetAddr(b: Buffer | undefined): { addr: string; port: number } | undefined {
  if (!b || b.length !== 7 || b[0] !== 2) return undefined;
  return { addr: ipv4(b, 1), port: b.readUInt16LE(5) };
}
