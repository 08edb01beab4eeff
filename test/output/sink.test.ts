import test from 'ava';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutputSink } from '../../sinsp/output/sink.js';

/** run `fill` against a sink writing to a fresh file; the file's bytes */
function written(lineBuffered: boolean, fill: (s: OutputSink, fd: number, path: string) => void): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'sinspect-sink-'));
  const path = join(dir, 'out');
  const fd = openSync(path, 'w');
  try {
    const s = new OutputSink(fd, lineBuffered);
    fill(s, fd, path);
    s.flush();
    return readFileSync(path);
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

test('lines and raw text come out in order, UTF-8 encoded', (t) => {
  const out = written(false, (s) => {
    s.line('abc');
    s.write('x=');
    s.line('é€😀');
    s.line('');
  });
  t.deepEqual(out, Buffer.from('abc\nx=é€😀\n\n', 'utf8'));
});

test('nothing is written before 64 KiB are pending, unless line buffered', (t) => {
  written(false, (s, _fd, path) => {
    s.line('first');
    t.is(readFileSync(path).length, 0);
  });
  written(true, (s, _fd, path) => {
    s.line('first');
    t.is(readFileSync(path, 'utf8'), 'first\n');
  });
});

test('megabytes of mixed lines are written whole', (t) => {
  const expect: string[] = [];
  const out = written(false, (s) => {
    for (let i = 0; i < 50000; i++) {
      const l = i % 7 === 0 ? `${i} ümlaut ${'é'.repeat(i % 50)}` : `${i} plain line with some text`;
      expect.push(l + '\n');
      s.line(l);
    }
  });
  t.is(out.toString('utf8'), expect.join(''));
  t.true(out.length > 1 << 20);
});
