// reuseBuffers: batches come in a few Buffers that take turns. The records are the same
// as with a fresh Buffer per batch; a batch stays intact until the second call after
// it, and its memory is used again after that; records too large for the Buffer offered
// get one of their own.
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SavefileReader } from '../../sinsp/capture/savefile.js';
import { loadAddon } from '../../sinsp/capture/native.js';
import { scapBytes, tracePath } from './scap-walk.js';

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
