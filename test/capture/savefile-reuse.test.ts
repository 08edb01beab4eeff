// reuseBuffers: batches come in a few Buffers that take turns. The records are the same
// as with a fresh Buffer per batch; a batch stays intact until the second call after
// it, and its memory is used again after that; records too large for the Buffer offered
// get one of their own. The read-ahead thread writes records straight into the
// Buffers; a batch ends early when the next record does not fit, and a record larger
// than a whole Buffer comes in memory of its own.
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SavefileReader } from '../../sinsp/capture/savefile.js';
import { loadAddon } from '../../sinsp/capture/native.js';
import { BT, scapBytes, tracePath } from './scap-walk.js';
import { eventBlock, sectionHeader, u64le } from './scap-build.js';

const dir = mkdtempSync(join(tmpdir(), 'sinspect-reuse-'));
const path = join(dir, 'trace.scap');
writeFileSync(path, scapBytes(tracePath('502Error.scap')));

function allBatches(r: SavefileReader): Buffer[] {
  const out: Buffer[] = [];
  for (let b = r.nextBatch(); b !== null; b = r.nextBatch()) out.push(Buffer.from(b.buf));
  r.close();
  return out;
}

test('the same records, batch for batch, as fresh Buffers give', (t) => {
  const fresh = allBatches(SavefileReader.open(path, { maxBatchEvents: 500 }));
  const reused = allBatches(SavefileReader.open(path, { maxBatchEvents: 500, reuseBuffers: true }));
  t.true(fresh.length > 10);
  t.is(reused.length, fresh.length);
  for (let i = 0; i < fresh.length; i++) t.true(reused[i]!.equals(fresh[i]!), `batch ${i}`);
});

test('a batch is intact until the second call after it, and its memory is reused after that', (t) => {
  const r = SavefileReader.open(path, { maxBatchEvents: 300, reuseBuffers: true });
  const first = r.nextBatch()!;
  const copy = Buffer.from(first.buf);
  r.nextBatch();
  t.true(first.buf.equals(copy), 'still as read after one more batch');
  // from the next call on, the read-ahead thread may copy another batch into it
  const memory = new Set<ArrayBufferLike>();
  for (let i = 0; i < 8; i++) memory.add(r.nextBatch()!.buf.buffer);
  t.true(memory.has(first.buf.buffer), "a later batch is read into the first one's memory");
  r.close();
});

test('records that do not fit the Buffer offered come in a Buffer of their own', (t) => {
  // the native call behind nextBatch, offered a Buffer too small for any batch
  const { SavefileReader: Native } = loadAddon() as {
    SavefileReader: new (path: string, currentLibs: boolean) => {
      nextBatch(maxEvents: number, maxBytes: number, into: Buffer): { buf: Buffer; count: number; len: number } | null;
      close(): void;
    };
  };
  const r = new Native(path, false);
  const small = Buffer.alloc(64);
  const b = r.nextBatch(100, 1 << 20, small)!;
  t.not(b.buf, small);
  t.is(b.buf.length, b.len);
  t.true(b.count > 0 && b.len > 64);
  t.true(small.equals(Buffer.alloc(64)), 'the small Buffer was left alone');
  r.close();
});

test('records larger than the Buffers, and batches that fill them: the same stream as fresh Buffers give', (t) => {
  const ev = (ts: number, n: number) =>
    eventBlock(BT.EV_V2_LARGE, { ts: BigInt(ts), tid: 7n, type: 324, params: [Buffer.alloc(n, ts & 0xff)] }, { v2: true, flags: false, large: true });
  const close = (ts: number) => eventBlock(BT.EV_V2, { ts: BigInt(ts), tid: 7n, type: 4, params: [u64le(ts)] }, { v2: true, flags: false, large: false });
  // with 64 KiB batches a Buffer holds 64 KiB + 256 KiB: some records fit one only
  // when it is empty, some never do
  const sizes = [100, 600 << 10, 200 << 10, 300 << 10, 40 << 10, 5 << 20, 150 << 10, 150 << 10, 150 << 10];
  const blocks = [sectionHeader()];
  sizes.forEach((n, i) => blocks.push(close(2 * i + 1), ev(2 * i + 2, n)));
  for (let i = 0; i < 3000; i++) blocks.push(close(100 + i));
  const big = join(dir, 'big.scap');
  writeFileSync(big, Buffer.concat(blocks));
  const read = (reuseBuffers: boolean) => {
    const r = SavefileReader.open(big, { maxBatchEvents: 1000, maxBatchBytes: 64 << 10, reuseBuffers });
    let count = 0;
    const bufs: Buffer[] = [];
    for (let b = r.nextBatch(); b !== null; b = r.nextBatch()) {
      count += b.count;
      bufs.push(Buffer.from(b.buf));
    }
    r.close();
    return { count, bytes: Buffer.concat(bufs) };
  };
  const fresh = read(false);
  const reused = read(true);
  t.is(fresh.count, 2 * sizes.length + 3000);
  t.is(reused.count, fresh.count);
  t.true(reused.bytes.equals(fresh.bytes));
});
