import test from 'ava';
import { Event } from '../../sinsp/event/event.js';
import { createRegistry } from '../../sinsp/fields/registry.js';
import { parseU64Like } from '../../sinsp/filter/around.js';
import { compileFilter } from '../../sinsp/filter/compiler.js';
import { FilterError } from '../../sinsp/filter/errors.js';
import { PPME } from '../../sinsp/generated/schema.js';
import { State } from '../../sinsp/state/state.js';
import { record } from '../helpers/records.js';

const T = 1506127469900794340n;
const MS = 1_000_000n;

const registry = createRegistry({ state: new State(), options: { bufferFormat: 'normal', timeMode: 'h', verbose: false } });

/** an event at ts */
function at(ts: bigint): Event {
  const ev = new Event();
  ev.load(record({ type: PPME.SYSCALL_GETUID_E, tid: 1, params: [], ts }), 0);
  return ev;
}

/** which of the offsets (ns from T) match */
function matching(text: string, offsets: bigint[]): bigint[] {
  const f = compileFilter(text, registry);
  return offsets.filter((o) => f(at(T + o)));
}

const OFFSETS = [-2000n * MS, -1000n * MS - 1n, -1000n * MS, -1n, 0n, 1n, 1000n * MS, 1000n * MS + 1n, 5000n * MS];

test('evt.around[T]=D keeps the events within D ms of T, both ends included', (t) => {
  t.deepEqual(matching(`evt.around[${T}]=1000`, OFFSETS), [-1000n * MS, -1n, 0n, 1n, 1000n * MS]);
  t.deepEqual(matching(`evt.around[${T}] == 1000`, OFFSETS), [-1000n * MS, -1n, 0n, 1n, 1000n * MS]);
  t.deepEqual(matching(`evt.around[${T}]=0`, OFFSETS), [0n]);
  t.deepEqual(matching(`not evt.around[${T}]=1000`, OFFSETS), [-2000n * MS, -1000n * MS - 1n, 1000n * MS + 1n, 5000n * MS]);
  t.deepEqual(matching(`evt.around[${T}]=1000 and evt.around[${T + 1000n * MS}]=1000`, OFFSETS), [0n, 1n, 1000n * MS]);
});

test('evt.around values are read as sysdig reads u64s: blanks, +, and wrapping u64 arithmetic', (t) => {
  t.deepEqual(matching(`evt.around[${T}]=' 1'`, OFFSETS), [-1n, 0n, 1n]);
  t.deepEqual(matching(`evt.around[${T}]=+1`, OFFSETS), [-1n, 0n, 1n]);
  // -1 wraps to 2^64-1 ms: the bounds cross over and nothing matches
  t.deepEqual(matching(`evt.around[${T}]=-1`, OFFSETS), []);
  t.deepEqual(matching(`evt.around[${T}]=18446744073709551615999`, OFFSETS), []);
  t.is(parseU64Like('-1'), (1n << 64n) - 1n);
  t.is(parseU64Like('99999999999999999999999'), (1n << 64n) - 1n);
  t.is(parseU64Like('1 '), undefined);
  t.is(parseU64Like('1x'), undefined);
});

test('evt.around takes only =; exists matches the event at T; in loses T', (t) => {
  for (const op of ['>', '!=', '<=', 'contains']) {
    const e = t.throws(() => compileFilter(`evt.around[${T}] ${op} 1`, registry), { instanceOf: FilterError });
    t.regex(e!.message, /evt\.around supports only '=' comparison operator/);
  }
  const bad = t.throws(() => compileFilter(`evt.around[${T}]=abc`, registry), { instanceOf: FilterError });
  t.regex(bad!.message, /abc is not a valid number/);
  const pm = t.throws(() => compileFilter(`evt.around[${T}] pmatch (1)`, registry), { instanceOf: FilterError });
  t.regex(pm!.message, /pmatch requires all charbuf arguments/);
  t.deepEqual(matching(`evt.around[${T}] exists`, OFFSETS), [0n]);
  // sysdig's `in` copies of the check start from T=0
  t.deepEqual(matching(`evt.around[${T}] in (1000, 2000)`, OFFSETS), []);
});
