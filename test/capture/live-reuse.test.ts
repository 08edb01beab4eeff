// Live capture with reuseBuffers: batches are written straight into a few Buffers
// that take turns, and read exactly as fresh ones would be. Needs root.
import test from 'ava';
import { spawn } from 'node:child_process';
import { LiveSource } from '../../sinsp/capture/live.js';
import { decodeBatch, isRoot, PPME, s64 } from './live-harness.js';

const rootTest = isRoot() ? test.serial : test.skip;

rootTest('reused batch Buffers take turns, three of them, and hold whole records', async (t) => {
  const src = await LiveSource.open({ syscalls: ['close'], tracepoints: [], reuseBuffers: true });
  const arrays: ArrayBufferLike[] = [];
  let closes = 0;
  const take = (b: { buf: Buffer; count: number }) => {
    arrays.push(b.buf.buffer);
    // decodeBatch checks that the records fill the Buffer exactly
    for (const e of decodeBatch(b.buf, b.count)) {
      if (e.type === PPME.SYSCALL_CLOSE_X && s64(e.params.get('fd')) === -1) closes++;
    }
  };
  try {
    // a close(-1) storm in a child, drained while it runs: many batches
    const child = spawn('python3', ['-c', 'import os\nfor i in range(300000):\n  try: os.close(-1)\n  except OSError: pass']);
    let status: number | null | undefined;
    child.on('exit', (code) => (status = code));
    while (status === undefined) {
      const b = src.nextBatch(10);
      if (b.count > 0) take(b);
      await new Promise((r) => setImmediate(r));
    }
    t.is(status, 0);
    src.stop();
    for (;;) {
      const b = src.nextBatch(0);
      if (b.count === 0) break;
      take(b);
    }
    t.is(src.stats().drops, 0);
  } finally {
    src.close();
  }
  t.true(closes >= 300000, `close(-1) events: ${closes}`);
  t.true(arrays.length > 3, `batches: ${arrays.length}`);
  t.is(new Set(arrays).size, 3);
  for (let i = 3; i < arrays.length; i++) t.is(arrays[i], arrays[i - 3]);
});
