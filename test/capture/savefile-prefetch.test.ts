// The read-ahead thread behind nextBatch: batches arrive in file order, each in a Buffer
// of its own that later reads never touch; closing while the thread is ahead is safe;
// progress counts what was handed out, not what the thread has read.
import test from 'ava';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SavefileReader } from '../../sinsp/capture/savefile.js';
import { scapBytes, tracePath } from './scap-walk.js';

const dir = mkdtempSync(join(tmpdir(), 'sinspect-prefetch-'));
const data = scapBytes(tracePath('502Error.scap'));
const path = join(dir, 'big.scap');
writeFileSync(path, data);

test('a kept batch keeps its bytes while later batches are read', (t) => {
  const r = SavefileReader.open(path, { maxBatchEvents: 50 });
  const first = r.nextBatch()!;
  const copy = Buffer.from(first.buf);
  let n = first.count;
  for (let b = r.nextBatch(); b !== null; b = r.nextBatch()) n += b.count;
  r.close();
  t.true(n > 20000, 'the whole trace was read');
  t.true(first.buf.equals(copy), 'the first batch is as it was');
});

test('progress counts the batches handed out and ends at the file size', (t) => {
  const r = SavefileReader.open(path, { maxBatchEvents: 200 });
  const size = statSync(path).size;
  let last = r.bytesRead;
  t.true(last > 0 && last < size, 'the metadata was read at open');
  while (r.nextBatch() !== null) {
    const now = r.bytesRead;
    t.true(now >= last);
    last = now;
  }
  t.is(r.bytesRead, size);
  r.close();
});

test('closing while the thread reads ahead, then every call says the reader is closed', (t) => {
  for (let i = 0; i < 20; i++) {
    const r = SavefileReader.open(path, { maxBatchEvents: 10 });
    t.truthy(r.nextBatch());
    r.close();
    t.throws(() => r.nextBatch(), { message: /closed/ });
  }
});
