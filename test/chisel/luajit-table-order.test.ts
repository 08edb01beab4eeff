// The LuaJIT table-layout emulation. Every expectation is what LuaJIT 2.1 (Debian 12's
// libluajit-5.1-2 2.1.0~beta3+git20220320, as sysdig 0.29.3 uses it) printed: a chisel run
// by sysdig built a table from {} inserting the keys in the order given, then listed
// pairs().
import test from 'ava';
import { luajitPairsOrder } from '../../sinsp/chisel/luajit-table-order.js';

test('thread ids land in hash nodes: pairs() follows node order', (t) => {
  t.deepEqual(luajitPairsOrder([1619, 1557, 767, 557, 637, 2838, 2892]), [767, 1619, 1557, 2892, 2838, 557, 637]);
  t.deepEqual(luajitPairsOrder([5, 3, 100, 7]), [7, 100, 5, 3]);
});

test('small dense keys go to the array part, walked first and ascending, 0 included', (t) => {
  const keys = Array.from({ length: 21 }, (_, i) => 20 - i);
  t.deepEqual(luajitPairsOrder(keys), [...keys].reverse());
  t.deepEqual(luajitPairsOrder([3, -1, 0, 2, 1]), [0, 1, 2, 3, -1]);
  t.deepEqual(luajitPairsOrder([-1, 9, 2, 40, 1, 0]), [0, 1, 2, -1, 40, 9]);
});

test('a small key added after the last resize stays in the hash part', (t) => {
  // the same keys: 1 first takes the array part at the first resize, 1 last does not
  t.deepEqual(luajitPairsOrder([767, 1619, 1557, 2892, 2838, 557, 1]), [767, 1619, 2892, 557, 1, 2838, 1557]);
  t.deepEqual(luajitPairsOrder([557, 2838, 2892, 1557, 1619, 767, 1]), [767, 1619, 1557, 2892, 1, 2838, 557]);
  t.deepEqual(luajitPairsOrder([5000, 6000, 7000, 8000, 1]), [1, 7000, 6000, 8000, 5000]);
});

test('a repeated key keeps its first place', (t) => {
  t.deepEqual(luajitPairsOrder([10, 20, 10, 30]), [30, 10, 20]);
});

test('150 mixed keys: array part, then the hash nodes after several resizes', (t) => {
  // a fixed pseudo-random run: every third key below 40, the others below 40000
  let s = 777;
  const next = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s >>> 8;
  };
  const keys: number[] = [];
  for (let i = 0; i < 150; i++) keys.push(i % 3 === 0 ? next() % 40 : next() % 40000);
  t.deepEqual(luajitPairsOrder(keys), [
    1, 3, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 20, 21, 22, 24, 25, 26, 27, 29, 30, 32, 33, 34, 36, 37, 38,
    39, 3120, 25645, 18412, 19071, 19232, 22236, 34737, 4576, 3284, 7042, 38385, 16618, 241, 13080, 16842, 19689,
    18002, 24247, 16911, 14277, 33950, 23933, 24122, 767, 7681, 31871, 10930, 28047, 28740, 6650, 19049, 15983,
    17172, 34757, 37472, 30377, 400, 20903, 33167, 32035, 30379, 21255, 5535, 31647, 23781, 31553, 36080, 18960,
    11401, 9227, 13947, 8217, 15742, 2122, 22094, 27949, 10748, 21153, 6982, 13659, 30684, 25722, 5676, 16910,
    17302, 31128, 32012, 1968, 2243, 8509, 12843, 36407, 38910, 27405, 3924, 23662, 17680, 37242, 16552, 5938,
    11374, 31307, 10688, 18772, 10203, 14537, 348, 25930, 30073, 16739, 39058, 38660, 30998, 39599, 35787, 19814,
    28258, 29080, 31285, 9688,
  ]);
});
