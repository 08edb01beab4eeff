// An independent, minimal walker over .scap blocks, to derive what the native reader
// must produce (it shares no code with it).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const TRACES = resolve(ROOT, '../shared/traces');

export const BT = {
  SHB: 0x0a0d0d0a,
  MI: 0x201,
  PL_V1: 0x202,
  PL_V1_INT: 0x8000abcd,
  PL_V2: 0x207,
  PL_V2_INT: 0x8013abcd,
  PL_V3: 0x209,
  PL_V3_INT: 0x8014abcd,
  PL_V4: 0x210,
  PL_V5: 0x211,
  PL_V6: 0x212,
  PL_V7: 0x213,
  PL_V8: 0x214,
  PL_V9: 0x215,
  FDL: 0x203,
  FDL_INT: 0x8001abcd,
  FDL_V2: 0x218,
  EV: 0x204,
  EV_INT: 0x8010abcd,
  EV_V2: 0x216,
  EV_V2_LARGE: 0x221,
  EVF: 0x208,
  EVF_V2: 0x217,
  EVF_V2_LARGE: 0x222,
  IL: 0x205,
  IL_INT: 0x8011abcd,
  IL_V2: 0x219,
  UL: 0x206,
  UL_INT: 0x8012abcd,
  UL_V2: 0x220,
  MI_INT: 0x8002abcd,
} as const;

const EVENT_TYPES: ReadonlySet<number> = new Set([
  BT.EV,
  BT.EV_INT,
  BT.EV_V2,
  BT.EV_V2_LARGE,
  BT.EVF,
  BT.EVF_V2,
  BT.EVF_V2_LARGE,
]);

export interface RawBlock {
  type: number;
  offset: number;
  length: number;
  body: Buffer;
}

export interface RawEvent {
  cpu: number;
  flags: number;
  ts: bigint;
  tid: bigint;
  type: number;
  /** v2 blocks only */
  nparams: number | undefined;
  lenSize: 2 | 4;
  /** the event from its ppm header to its declared end */
  event: Buffer;
}

/** The decompressed bytes of a trace. */
export function scapBytes(path: string): Buffer {
  const raw = readFileSync(path);
  return raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
}

export function walkBlocks(data: Buffer): RawBlock[] {
  const out: RawBlock[] = [];
  let off = 0;
  while (off + 8 <= data.length) {
    const type = data.readUInt32LE(off);
    const length = data.readUInt32LE(off + 4);
    if (length < 12 || off + length > data.length) throw new Error(`bad block at ${off}`);
    out.push({ type, offset: off, length, body: data.subarray(off + 8, off + length - 4) });
    off += length;
  }
  if (off !== data.length) throw new Error(`trailing bytes at ${off}`);
  return out;
}

export function isEventBlock(type: number): boolean {
  return EVENT_TYPES.has(type);
}

export function rawEvent(b: RawBlock): RawEvent {
  const hasFlags = b.type === BT.EVF || b.type === BT.EVF_V2 || b.type === BT.EVF_V2_LARGE;
  const v2 = b.type === BT.EV_V2 || b.type === BT.EVF_V2 || b.type === BT.EV_V2_LARGE || b.type === BT.EVF_V2_LARGE;
  const large = b.type === BT.EV_V2_LARGE || b.type === BT.EVF_V2_LARGE;
  const p = hasFlags ? 6 : 2;
  const len = b.body.readUInt32LE(p + 16);
  return {
    cpu: b.body.readUInt16LE(0),
    flags: hasFlags ? b.body.readUInt32LE(2) : 0,
    ts: b.body.readBigUInt64LE(p),
    tid: b.body.readBigUInt64LE(p + 8),
    type: b.body.readUInt16LE(p + 20),
    nparams: v2 ? b.body.readUInt32LE(p + 22) : undefined,
    lenSize: large ? 4 : 2,
    event: b.body.subarray(p, p + len),
  };
}

/** One record of a batch, decoded. */
export interface Record {
  cpu: number;
  flags: number;
  ts: bigint;
  tid: bigint;
  len: number;
  type: number;
  nparams: number;
  lens: number[];
  data: Buffer;
}

export function records(buf: Buffer, count: number): Record[] {
  const out: Record[] = [];
  let off = 0;
  for (let i = 0; i < count; i++) {
    const len = buf.readUInt32LE(off + 24);
    const nparams = buf.readUInt32LE(off + 30);
    const lens: number[] = [];
    for (let j = 0; j < nparams; j++) lens.push(buf.readUInt32LE(off + 34 + 4 * j));
    out.push({
      cpu: buf.readUInt16LE(off),
      flags: buf.readUInt32LE(off + 4),
      ts: buf.readBigUInt64LE(off + 8),
      tid: buf.readBigUInt64LE(off + 16),
      len,
      type: buf.readUInt16LE(off + 28),
      nparams,
      lens,
      data: buf.subarray(off + 34 + 4 * nparams, off + 8 + len),
    });
    off += 8 + len;
  }
  if (off !== buf.length) throw new Error(`batch has ${buf.length - off} bytes after its ${count} records`);
  return out;
}

export function tracePath(name: string): string {
  return join(TRACES, name);
}
