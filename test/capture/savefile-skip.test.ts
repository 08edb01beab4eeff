// skipBatch: the batches nextBatch would return, counted and dropped; damage reported
// the same way (the events before it, then the same one-line Error, again and again).
import test from 'ava';
import { gzipSync } from 'node:zlib';
import { SavefileReader } from '../../sinsp/capture/savefile.js';
import { isEventBlock, scapBytes, tracePath, walkBlocks } from './scap-walk.js';
import { scratchFiles } from './scratch.js';

const { file } = scratchFiles('skip');

interface Counts {
  batches: number[];
  error: string | undefined;
  again: string | undefined;
}

function counts(path: string, next: (r: SavefileReader) => number): Counts {
  const r = SavefileReader.open(path, { maxBatchEvents: 100 });
  const batches: number[] = [];
  let error: string | undefined;
  let again: string | undefined;
  try {
    for (let n = next(r); n > 0; n = next(r)) batches.push(n);
  } catch (e) {
    error = (e as Error).message;
    try {
      next(r);
    } catch (e2) {
      again = (e2 as Error).message;
    }
  }
  r.close();
  return { batches, error, again };
}

const viaNext = (r: SavefileReader): number => r.nextBatch()?.count ?? 0;
const viaSkip = (r: SavefileReader): number => r.skipBatch();

const data = scapBytes(tracePath('open-multiple-files.scap'));

test('the same batches as nextBatch, plain and gzip, then 0 for good', (t) => {
  for (const path of [file(data), file(gzipSync(data))]) {
    const a = counts(path, viaNext);
    const b = counts(path, viaSkip);
    t.true(a.batches.length > 5);
    t.deepEqual(b, a);
    const r = SavefileReader.open(path);
    while (r.skipBatch() > 0);
    t.is(r.skipBatch(), 0, 'stays at the end');
    t.is(r.nextBatch(), null);
    r.close();
    t.throws(() => r.skipBatch(), { message: /closed/ });
  }
});

test('damage: the events before it, then the same error as nextBatch, repeated', (t) => {
  const blocks = walkBlocks(data).filter((b) => isEventBlock(b.type));
  const victim = blocks[Math.floor(blocks.length * 0.7)]!;
  const cut = file(data.subarray(0, victim.offset + 20));
  const bad = Buffer.from(data);
  bad.writeUInt32LE(victim.length + 4, victim.offset + victim.length - 4); // trailer disagrees
  for (const path of [cut, file(bad)]) {
    const a = counts(path, viaNext);
    const b = counts(path, viaSkip);
    t.regex(a.error ?? '', new RegExp(`^${path}: .* at byte ${victim.offset}`));
    t.is(a.again, a.error);
    t.deepEqual(b, a);
  }
});

test('mixing nextBatch and skipBatch walks one stream', (t) => {
  const path = file(data);
  const all = counts(path, viaNext).batches;
  const r = SavefileReader.open(path, { maxBatchEvents: 100 });
  const got: number[] = [];
  for (let i = 0; ; i++) {
    const n = i % 2 ? r.skipBatch() : viaNext(r);
    if (n === 0) break;
    got.push(n);
  }
  r.close();
  t.deepEqual(got, all);
});
