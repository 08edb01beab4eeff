// BytesMemo: one decoded value per distinct byte string, whatever buffer and offset
// the bytes come in; different bytes (also of the same length and sampled bytes) get
// values of their own; past its size the memo starts over.
import test from 'ava';
import { BytesMemo } from '../../sinsp/state/bytes-memo.js';

function counting(): { memo: BytesMemo<string>; decoded: () => number } {
  let n = 0;
  const memo = new BytesMemo((b, s, e) => (n++, b.toString('latin1', s, e)), 4);
  return { memo, decoded: () => n };
}

test('the same bytes anywhere: decoded once, the same value', (t) => {
  const { memo, decoded } = counting();
  const a = Buffer.from('xxhello\0world');
  const b = Buffer.from('hello\0worldyyy');
  const v1 = memo.get(a, 2, 13);
  const v2 = memo.get(b, 0, 11);
  t.is(v1, 'hello\0world');
  t.is(v2, v1);
  t.is(decoded(), 1);
});

test('bytes that differ only where the hash does not look are told apart', (t) => {
  const { memo } = counting();
  // the hash samples every 7th byte: these differ at offset 1 only
  const a = Buffer.from('abcdefghijklmn');
  const b = Buffer.from('aXcdefghijklmn');
  t.is(memo.get(a, 0, a.length), 'abcdefghijklmn');
  t.is(memo.get(b, 0, b.length), 'aXcdefghijklmn');
  t.is(memo.get(a, 0, a.length), 'abcdefghijklmn');
});

test('the kept bytes are a copy: the source buffer may be reused', (t) => {
  const { memo, decoded } = counting();
  const buf = Buffer.from('one');
  t.is(memo.get(buf, 0, 3), 'one');
  buf.write('two');
  t.is(memo.get(buf, 0, 3), 'two');
  t.is(decoded(), 2);
});

test('past its size the memo starts over and stays right', (t) => {
  const { memo } = counting();
  for (let i = 0; i < 10; i++) {
    const b = Buffer.from(`value-${i}`);
    t.is(memo.get(b, 0, b.length), `value-${i}`);
  }
  const b = Buffer.from('value-3');
  t.is(memo.get(b, 0, b.length), 'value-3');
});
