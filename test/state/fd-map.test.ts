// FdMap: the fd-number keyed store behind every fd table.
import test from 'ava';
import { FdMap } from '../../sinsp/state/fd-map.js';

test('small and large fd numbers, negative ones, size, delete and re-set', (t) => {
  const m = new FdMap<string>();
  const big = 2 ** 62; // beyond the slots, as CANCELED_FD_NUMBER is
  for (const [fd, v] of [[5, 'a'], [0, 'b'], [1023, 'c'], [1024, 'd'], [big, 'e'], [-3, 'f']] as const) m.set(fd, v);
  t.is(m.size, 6);
  t.is(m.get(5), 'a');
  t.is(m.get(0), 'b');
  t.is(m.get(1023), 'c');
  t.is(m.get(1024), 'd');
  t.is(m.get(big), 'e');
  t.is(m.get(-3), 'f');
  t.is(m.get(6), undefined);
  t.is(m.get(2000), undefined);
  t.false(m.has(7));
  m.set(5, 'A');
  t.is(m.size, 6, 'overwriting does not add');
  t.true(m.delete(5));
  t.false(m.delete(5), 'a second delete finds nothing');
  t.false(m.delete(4000));
  t.is(m.get(5), undefined);
  t.is(m.size, 5);
  m.set(5, 'again');
  t.is(m.size, 6);
  t.deepEqual(
    [...m],
    [
      [0, 'b'],
      [5, 'again'],
      [1023, 'c'],
      [1024, 'd'],
      [big, 'e'],
      [-3, 'f'],
    ],
    'slots by number, then the others as they came',
  );
  t.deepEqual([...m.values()], ['b', 'again', 'c', 'd', 'e', 'f']);
});
