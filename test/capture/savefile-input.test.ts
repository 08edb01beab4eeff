// The reader's input layer: plain files larger than its buffer, events larger than
// it, and gzip the way zlib's gzread reads it (members one after another, trailing
// bytes ignored), keeping the data inflated before a damaged spot.
import test from 'ava';
import { gzipSync } from 'node:zlib';
import { SavefileReader } from '../../sinsp/capture/savefile.js';
import { SYSDIG029_EVENT_COUNT } from '../../sinsp/generated/schema.js';
import { BT, isEventBlock, rawEvent, records, scapBytes, tracePath, walkBlocks, type Record } from './scap-walk.js';
import { eventBlock, sectionHeader, u64le } from './scap-build.js';
import { scratchFiles } from './scratch.js';

const { file } = scratchFiles('input');

function readAll(path: string): { recs: Record[]; error: string | undefined } {
  const r = SavefileReader.open(path);
  const recs: Record[] = [];
  let error: string | undefined;
  try {
    for (let b = r.nextBatch(); b; b = r.nextBatch()) recs.push(...records(b.buf, b.count));
  } catch (e) {
    error = (e as Error).message;
  }
  r.close();
  return { recs, error };
}

const plain = scapBytes(tracePath('cat_write.scap'));
const full = readAll(file(plain)).recs;

test('a plain file many times the input buffer: every event of every block', (t) => {
  // 502Error's events repeated until the file is several MiB: blocks straddle every refill
  const src = scapBytes(tracePath('502Error.scap'));
  const blocks = walkBlocks(src);
  const firstEvent = blocks.find((b) => isEventBlock(b.type))!.offset;
  const events = src.subarray(firstEvent);
  const copies = Math.ceil((5 << 20) / events.length);
  const data = Buffer.concat([src.subarray(0, firstEvent), ...Array<Buffer>(copies).fill(events)]);
  const expected = walkBlocks(data)
    .filter((b) => isEventBlock(b.type))
    .map(rawEvent)
    .filter((e) => e.type < SYSDIG029_EVENT_COUNT);
  for (const path of [file(data), file(gzipSync(data))]) {
    const { recs, error } = readAll(path);
    t.is(error, undefined);
    t.is(recs.length, expected.length);
    let same = 0;
    for (let i = 0; i < recs.length; i++) {
      const r = recs[i]!;
      const e = expected[i]!;
      // the parameter data ends the event; the widened lengths add up to it
      const data = e.event.subarray(e.event.length - r.data.length);
      const sum = r.lens.reduce((a, b) => a + b, 0);
      if (r.ts === e.ts && r.tid === e.tid && r.type === e.type && r.cpu === e.cpu && sum === r.data.length && r.data.equals(data)) same++;
    }
    t.is(same, expected.length, path);
  }
});

test('events larger than the input buffer, between small ones', (t) => {
  const big = (n: number, fill: number) => Buffer.alloc(n, fill);
  const ev = (ts: number, params: Buffer[]) =>
    eventBlock(BT.EV_V2_LARGE, { ts: BigInt(ts), tid: 7n, type: 324, params }, { v2: true, flags: false, large: true });
  const close = (ts: number) => eventBlock(BT.EV_V2, { ts: BigInt(ts), tid: 7n, type: 4, params: [u64le(ts)] }, { v2: true, flags: false, large: false });
  const sizes = [3 << 20, 1 << 20, (1 << 20) - 40, 5 << 20];
  const blocks = [sectionHeader(), close(1)];
  sizes.forEach((n, i) => blocks.push(ev(10 + i, [big(n, 0x41 + i)]), close(20 + i)));
  const data = Buffer.concat(blocks);
  for (const path of [file(data), file(gzipSync(data))]) {
    const { recs, error } = readAll(path);
    t.is(error, undefined);
    t.deepEqual(
      recs.map((r) => [Number(r.ts), r.lens]),
      [[1, [8]], ...sizes.flatMap((n, i) => [[10 + i, [n]], [20 + i, [8]]])],
    );
    sizes.forEach((n, i) => t.true(recs[1 + 2 * i]!.data.equals(big(n, 0x41 + i))));
  }
});

test('gzip members one after another read as one stream, even split inside a block', (t) => {
  for (const at of [100, plain.length >> 1, plain.length - 3]) {
    const path = file(Buffer.concat([gzipSync(plain.subarray(0, at)), gzipSync(plain.subarray(at))]));
    const { recs, error } = readAll(path);
    t.is(error, undefined, `split at ${at}`);
    t.deepEqual(recs, full, `split at ${at}`);
  }
});

test('bytes after the last gzip member are ignored, as gzread ignores them', (t) => {
  for (const tail of [Buffer.from('trailing garbage'), Buffer.from([0x1f]), Buffer.alloc(4096)]) {
    const { recs, error } = readAll(file(Buffer.concat([gzipSync(plain), tail])));
    t.is(error, undefined);
    t.deepEqual(recs, full);
  }
});

test('a wrong gzip check value: every event, then one line naming the damage', (t) => {
  const gz = Buffer.from(gzipSync(plain));
  gz.writeUInt32LE(gz.readUInt32LE(gz.length - 8) ^ 1, gz.length - 8); // the CRC32
  const path = file(gz);
  const { recs, error } = readAll(path);
  t.deepEqual(recs, full);
  t.is(error, `${path}: corrupt gzip data near byte ${plain.length} (incorrect data check)`);
});

test('corrupt deflate data: the events inflated before it, then one line', (t) => {
  const gz = gzipSync(plain, { level: 0 }); // stored blocks: byte positions map straight through
  // Stored block lengths: LEN then ~NLEN; breaking NLEN of the last stored block
  // is invalid deflate data right before the events it would hold.
  const damaged = Buffer.from(gz);
  const lastHeader = findLastStoredHeader(damaged);
  damaged[lastHeader + 3] ^= 0xff;
  const path = file(damaged);
  const { recs, error } = readAll(path);
  t.true(recs.length > 0, 'the events before the damage');
  t.true(recs.length < full.length);
  t.deepEqual(recs, full.slice(0, recs.length));
  t.regex(error ?? '', new RegExp(`^${path}: corrupt gzip data near byte \\d+ \\(invalid stored block lengths\\)$`));
});

/** Offset of the last stored-block header (BFINAL=1, BTYPE=00, then LEN, NLEN) of a level-0 gzip stream. */
function findLastStoredHeader(gz: Buffer): number {
  let at = 10; // gzip header without optional fields
  for (;;) {
    const final = gz[at]! & 1;
    const len = gz.readUInt16LE(at + 1);
    if (final) return at;
    at += 5 + len;
  }
}
