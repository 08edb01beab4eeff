// The libstdc++ unordered_map order emulation. Every expectation was produced by a real
// std::unordered_map<int64_t, int> (Debian 12, GCC 12.2 / libstdc++6 12.2.0) given the same
// emplace / erase / copy-assignment calls, printed with bucket_count() and a range-for.
import test from 'ava';
import { UnorderedMapOrder, entriesInOrder } from '../../sinsp/state/unordered-map-order.js';

function apply(m: UnorderedMapOrder, ops: string): UnorderedMapOrder {
  for (const op of ops.split(' ')) {
    const key = Number(op.slice(1));
    if (op[0] === '+') m.inserted(key);
    else m.erased(key);
  }
  return m;
}

test('an insert goes first in its bucket, or first of all into an empty bucket', (t) => {
  // 5, 18 and 31 share bucket 5 of 13; 3 has bucket 3
  const m = apply(new UnorderedMapOrder(), '+5 +18 +3 +31');
  t.deepEqual(m.keys(), [3, 31, 18, 5]);
  t.is(m.buckets(), 13);
});

test('the 14th element grows the buckets to 29 and relinks the list', (t) => {
  const m = apply(new UnorderedMapOrder(), '+0 +1 +2 +3 +4 +5 +6 +7 +8 +9 +10 +11 +12');
  t.deepEqual(m.keys(), [12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  t.is(m.buckets(), 13);
  m.inserted(13);
  t.deepEqual(m.keys(), [13, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  t.is(m.buckets(), 29);
});

test('bucket counts follow libstdc++ growth: 1, 13, 29, 59, 127, 257, 541', (t) => {
  const m = new UnorderedMapOrder();
  t.is(m.buckets(), 1);
  const seen: number[] = [];
  for (let k = 0; k < 300; k++) {
    m.inserted(k);
    const b = m.buckets();
    if (seen[seen.length - 1] !== b) seen.push(b);
  }
  t.deepEqual(seen, [13, 29, 59, 127, 257, 541]);
});

test('an erase only unlinks; inserting the key again puts it first in its bucket', (t) => {
  t.deepEqual(apply(new UnorderedMapOrder(), '+5 +18 +3 +31 -18 +44 -3 +3 +18').keys(), [3, 18, 44, 31, 5]);
});

test('inserting a present key and erasing an absent one change nothing', (t) => {
  t.deepEqual(apply(new UnorderedMapOrder(), '+5 +18 +5 -7 +3').keys(), apply(new UnorderedMapOrder(), '+5 +18 +3').keys());
});

test('a copy keeps the order, and goes its own way afterwards', (t) => {
  const m = apply(new UnorderedMapOrder(), '+40 +1 +14 +27');
  const c = m.clone();
  apply(c, '-14 +53 +2');
  t.deepEqual(m.keys(), [27, 14, 1, 40]);
  t.deepEqual(c.keys(), [2, 53, 27, 1, 40]);
});

test('negative keys and INT64_MAX hash as size_t', (t) => {
  // the map's key for MAX_SAFE_INTEGER is INT64_MAX (as libsinsp's CANCELED_FD_NUMBER)
  const m = new UnorderedMapOrder((k) => (k === Number.MAX_SAFE_INTEGER ? 0x7fffffffffffffffn : k));
  apply(m, '+9007199254740991 +-1 +5 +7 +-14');
  t.deepEqual(m.keys(), [5, -14, -1, 7, Number.MAX_SAFE_INTEGER]);
});

test('a long history (applied in several batches) ends in libstdc++ order', (t) => {
  // a fixed pseudo-random run of 600 operations on keys 0..199, 65% inserts
  let s = 12345;
  const next = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s >>> 8;
  };
  const m = new UnorderedMapOrder();
  for (let i = 0; i < 600; i++) {
    const k = next() % 200;
    if (next() % 100 < 65) m.inserted(k);
    else m.erased(k);
  }
  t.is(m.buckets(), 257);
  t.deepEqual(
    m.keys(),
    [
      179, 126, 36, 49, 90, 7, 178, 119, 192, 103, 62, 112, 183, 34, 181, 88, 42, 60, 159, 5, 173, 17, 6, 193, 67, 23,
      56, 89, 156, 125, 196, 64, 110, 24, 29, 25, 53, 180, 10, 137, 48, 175, 171, 169, 13, 140, 190, 139, 12, 93, 46,
      78, 19, 146, 40, 117, 176, 28, 155, 81, 72, 32, 165, 20, 147, 197, 188, 158, 163, 143, 16, 11, 138, 98, 15, 142,
      22, 149, 177, 86, 153, 26, 185, 58, 150, 66, 51, 133, 184, 57, 161, 68, 121, 1, 174, 18, 145, 3, 130, 82, 144,
      113, 127, 157, 83, 135, 8, 35, 124, 43, 39, 166, 109, 99, 148, 21, 172, 45, 94, 55, 65, 85, 122, 106, 134, 97,
      96, 141,
    ],
  );
});

test('entriesInOrder: the emulated order, then keys the log never saw', (t) => {
  const m = apply(new UnorderedMapOrder(), '+5 +18 +3 +31 -31');
  const map = new Map([
    [99, 'x'],
    [5, 'a'],
    [18, 'b'],
    [3, 'c'],
  ]);
  t.deepEqual(entriesInOrder(map, m), [
    [3, 'c'],
    [18, 'b'],
    [5, 'a'],
    [99, 'x'],
  ]);
});
