import test from 'ava';
import { stdSort } from '../../sinsp/output/stdsort.js';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

test('sorts any input into order and keeps every element', (t) => {
  const rnd = lcg(7);
  for (const n of [0, 1, 2, 3, 15, 16, 17, 100, 1000, 5000]) {
    const a = Array.from({ length: n }, (_, i) => ({ k: Math.floor(rnd() * 20), id: i }));
    const sorted = stdSort([...a], (x, y) => x.k > y.k);
    for (let i = 1; i < sorted.length; i++) t.true(sorted[i - 1]!.k >= sorted[i]!.k);
    t.deepEqual(sorted.map((x) => x.id).sort((x, y) => x - y), a.map((x) => x.id));
  }
});

test('small inputs are an insertion sort: ties keep their input order', (t) => {
  const a = [1, 3, 1, 3, 2].map((k, id) => ({ k, id }));
  t.deepEqual(
    stdSort(a, (x, y) => x.k > y.k).map((x) => x.id),
    [1, 3, 4, 0, 2],
  );
});

test('large inputs with ties reorder them the way introsort does (not stably)', (t) => {
  // 40 equal keys: the median-of-three pivot swap moves element 20 to the front
  const a = Array.from({ length: 40 }, (_, id) => ({ k: 0, id }));
  const ids = stdSort(a, (x, y) => x.k > y.k).map((x) => x.id);
  t.not(ids.join(','), [...Array(40).keys()].join(','));
  t.is(ids.length, 40);
});
