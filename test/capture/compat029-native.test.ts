// The native 0.29.3 rewriter (native/scap/src/compat029.c, what the live engine runs on
// its batches) against the TypeScript one (compat029.ts): byte for byte the same
// records and the same counters, for every event type of the current table, with every
// parameter, with parameters missing or empty, with negative values, generic events
// of every syscall, clone children and time going backwards; and a conversion cut
// into pieces (a batch that fills up) equals the whole.
import test from 'ava';
import { Compat029Converter } from '../../sinsp/capture/compat029.js';
import { NativeCompat029Converter, nativeCompat029Table } from '../../sinsp/capture/compat029-native.js';
import { fixedSize } from '../../sinsp/capture/compat029-params.js';
import { EVENTS_CURRENT, EVENT_COUNT, PPME, SYSCALLS_X86_64 } from '../../sinsp/generated/schema.js';
import { SavefileWriter } from '../../sinsp/capture/savefile.js';
import { BASE_TS, P, batch, metadata, type RecordSpec } from '../helpers/records.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** a parameter value of the type's width from a seed; strings and buffers of some length */
function value(type: number, seed: number): Buffer {
  const size = fixedSize(type);
  if (size === undefined) return P.str(`v${seed}`.repeat(1 + (seed % 3)));
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = (seed * 37 + i * 11) & 0xff;
  return b;
}

/** records of every type, in several shapes */
function everyType(): RecordSpec[] {
  const out: RecordSpec[] = [];
  for (let type = 0; type < EVENT_COUNT; type++) {
    const info = EVENTS_CURRENT[type];
    if (!info) continue;
    const n = info.params.length;
    const full = info.params.map((p, i) => value(p.type, type + i));
    out.push({ type, tid: 100 + type, cpu: type % 2, params: full });
    // negative values: every fixed-size parameter with its top bit set
    out.push({ type, tid: 7, params: info.params.map((p, i) => (fixedSize(p.type) ? Buffer.alloc(fixedSize(p.type)!, 0xf0 + (i % 16)) : full[i]!)) });
    // zero values (clone children: res 0)
    out.push({ type, tid: 8, params: info.params.map((p) => (fixedSize(p.type) ? Buffer.alloc(fixedSize(p.type)!) : Buffer.alloc(0))) });
    // parameters missing at the end, and empty ones
    if (n > 0) out.push({ type, tid: 9, params: full.slice(0, n - 1) });
    if (n > 1) out.push({ type, tid: 10, params: full.map((b, i) => (i % 2 ? Buffer.alloc(0) : b)) });
    out.push({ type, tid: 11, params: [] });
  }
  return out;
}

/** generic events of every syscall of the table, by number and by code, and unknown ones */
function generics(): RecordSpec[] {
  const out: RecordSpec[] = [];
  for (const s of Object.values(SYSCALLS_X86_64)) {
    out.push({ type: PPME.GENERIC_X, tid: 1, params: [P.u16(s.sc), P.u16(s.nr)] });
    out.push({ type: PPME.GENERIC_X, tid: 1, params: [P.u16(s.sc), P.u16(0xfff0)] });
  }
  out.push({ type: PPME.GENERIC_X, tid: 1, params: [P.u16(0xffff), P.u16(0xffff)] });
  out.push({ type: PPME.GENERIC_X, tid: 1, params: [P.u16(400)] });
  out.push({ type: PPME.GENERIC_X, tid: 1, params: [] });
  return out;
}

function same(t: import('ava').ExecutionContext, specs: RecordSpec[], timestamps?: bigint[]) {
  const b = batch(
    specs.map((s, i) => (timestamps ? { ...s, ts: timestamps[i % timestamps.length]! } : s)),
    BASE_TS,
  );
  const js = new Compat029Converter();
  const native = new NativeCompat029Converter();
  const want = js.convert(b);
  const got = native.convert(b);
  t.is(got.count, want.count);
  t.true(got.buf.equals(want.buf), 'the same bytes');
  t.deepEqual(native.stats, js.stats);
}

test('every event type, in every shape, converts to the same bytes in C and in TypeScript', (t) => {
  same(t, everyType());
});

test('generic events of every syscall get the same 0.29.3 codes', (t) => {
  same(t, generics());
});

test('enter timestamps: time going backwards and ties clamp the same way', (t) => {
  const ts = [BASE_TS + 10n, BASE_TS + 5n, BASE_TS + 5n, BASE_TS + 6n, BASE_TS + 100n, BASE_TS + 99n, 1n, 0n];
  same(t, everyType().slice(0, 400), ts);
});

test('a conversion cut where the output fills up equals the whole one', (t) => {
  const b = batch(everyType());
  const whole = new NativeCompat029Converter().convert(b);
  const pieces = new NativeCompat029Converter();
  const parts: Buffer[] = [];
  let count = 0;
  let rest = b;
  for (let guard = 0; rest.count > 0 && guard < 100000; guard++) {
    const r = pieces.convertSome(rest, 4096);
    t.true(r.data.length <= 4096);
    t.true(r.inDone > 0, 'each call makes progress');
    parts.push(r.data);
    count += r.count;
    rest = { buf: rest.buf.subarray(r.inUsed), count: rest.count - r.inDone };
  }
  t.is(count, whole.count);
  t.true(Buffer.concat(parts).equals(whole.buf));
});

test('a malformed record is counted as dropped, not read past its end', (t) => {
  const good = batch([{ type: PPME.GENERIC_X, tid: 1, params: [P.u16(1), P.u16(1)] }]);
  const bad = Buffer.from(good.buf);
  bad.writeUInt32LE(1000, 34); // a parameter longer than the record
  const native = new NativeCompat029Converter();
  const r = native.convert({ buf: Buffer.concat([bad, good.buf]), count: 2 });
  t.is(r.count, 2, 'the good record still converts (enter + exit)');
  t.is(native.stats.dropped, 1);
});

test('blocks: the same file as the records through the writer; count: the same count', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sinspect-c029-'));
  try {
    const specs = everyType();
    // flags make EVF blocks; a long parameter makes a _LARGE block
    specs.push({ type: PPME.GENERIC_X, tid: 3, flags: 1, params: [P.u16(1), P.u16(1)] });
    specs.push({ type: PPME.SYSCALL_WRITE_X, tid: 3, params: [P.i64(70000), Buffer.alloc(70000, 7), P.i64(3), P.u32(70000)] });
    const b = batch(specs);
    const viaRecords = join(dir, 'records.scap');
    const viaBlocks = join(dir, 'blocks.scap');
    const records = new NativeCompat029Converter().convertTo(b, 'records');
    const w1 = SavefileWriter.open(viaRecords);
    w1.writeMetadata(metadata());
    w1.writeBatch(records.buf, records.count);
    w1.close();
    const blocks = new NativeCompat029Converter().convertTo(b, 'blocks');
    t.is(blocks.count, records.count);
    const w2 = SavefileWriter.open(viaBlocks);
    w2.writeMetadata(metadata());
    w2.writeBlocks(blocks.buf);
    w2.close();
    t.true(readFileSync(viaBlocks).equals(readFileSync(viaRecords)), 'the same bytes');
    const counted = new NativeCompat029Converter().convertTo(b, 'count');
    t.is(counted.count, records.count);
    t.is(counted.buf.length, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The specs as the eBPF probe leaves them in a ring (event header, u16 lengths, no
 * prefix), timed as batch() times them. */
function ringRecords(specs: RecordSpec[], firstTs = BASE_TS): Buffer {
  let ts = firstTs;
  return Buffer.concat(
    specs.map((s) => {
      ts = s.ts ?? ts + 1_000_000n;
      const dataLen = s.params.reduce((a, p) => a + p.length, 0);
      const len = 26 + 2 * s.params.length + dataLen;
      const b = Buffer.alloc(len);
      b.writeBigUInt64LE(ts, 0);
      b.writeBigInt64LE(BigInt(s.tid), 8);
      b.writeUInt32LE(len, 16);
      b.writeUInt16LE(s.type, 20);
      b.writeUInt32LE(s.params.length, 22);
      let at = 26;
      for (const p of s.params) at = b.writeUInt16LE(p.length, at);
      for (const p of s.params) at += Buffer.from(p.buffer, p.byteOffset, p.length).copy(b, at);
      return b;
    }),
  );
}

test('ring records (what the recorder converts) give the same records, blocks and counts as batches', (t) => {
  const specs = [...everyType(), ...generics()].map((s) => ({ ...s, cpu: 1, flags: 0 }));
  const ring = ringRecords(specs);
  for (const form of ['records', 'blocks', 'count'] as const) {
    const viaBatch = new NativeCompat029Converter();
    const viaRing = new NativeCompat029Converter();
    const want = viaBatch.convertTo(batch(specs), form);
    const got = viaRing.convertRing(ring, 1, form);
    t.is(got.inDone, specs.length, `${form}: every record taken`);
    t.is(got.count, want.count, `${form}: the same count`);
    t.true(got.data.equals(want.buf), `${form}: the same bytes`);
    t.deepEqual(viaRing.stats, viaBatch.stats, `${form}: the same counters`);
  }
});

test('a ring record whose output does not fit waits, and one cut short is dropped', (t) => {
  const specs = [{ type: PPME.GENERIC_X, tid: 1, params: [P.u16(1), P.u16(39)] }];
  const ring = ringRecords(specs);
  const c = new NativeCompat029Converter();
  const none = c.convertRing(ring, 0, 'blocks', 40);
  t.is(none.inDone, 0);
  t.is(none.data.length, 0);
  t.is(c.stats.events, 0, 'a record that waits is not counted yet');
  const all = c.convertRing(ring, 0, 'blocks');
  t.is(all.count, 2);
  const cut = Buffer.from(ring);
  cut.writeUInt16LE(1000, 26); // a parameter longer than the record
  const d = new NativeCompat029Converter();
  t.is(d.convertRing(cut, 0, 'blocks').count, 0);
  t.is(d.stats.dropped, 1);
});

test('the flat table holds every plan of the TypeScript table', (t) => {
  const flat = nativeCompat029Table();
  t.is(flat.plans.length, EVENT_COUNT * 7);
  t.true(flat.rules.length > 0 && flat.rules.length % 6 === 0);
});
