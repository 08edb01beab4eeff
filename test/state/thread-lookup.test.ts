// State.lookup: the thread cache in front of the thread table never answers with a
// thread that has left the table or been replaced, nor for a tid sharing its slot.
import test from 'ava';
import { State } from '../../sinsp/state/state.js';
import { ThreadInfo } from '../../sinsp/state/thread.js';

const thread = (tid: number): ThreadInfo => Object.assign(new ThreadInfo(), { tid, pid: tid });

test('the table\'s thread, cached or not', (t) => {
  const st = new State();
  const a = thread(100);
  st.addThread(a, true);
  t.is(st.lookup(100), a);
  t.is(st.lookup(100), a, 'again, from the cache');
  t.is(st.lookup(101), undefined);
  t.is(st.thread(100), a);
  t.is(st.find(100), a);
});

test('a removed thread is not found, and a new one with its tid is', (t) => {
  const st = new State();
  const a = thread(7);
  st.addThread(a, true);
  t.is(st.lookup(7), a);
  st.removeThread(7, true);
  t.is(st.lookup(7), undefined);
  const b = thread(7);
  st.addThread(b, true);
  t.is(st.lookup(7), b);
});

test('a replaced thread gives way to its replacement', (t) => {
  const st = new State();
  const a = thread(42);
  st.addThread(a, true);
  t.is(st.lookup(42), a);
  const b = thread(42);
  st.addThread(b, true);
  t.is(st.lookup(42), b);
});

test('tids that share a slot do not answer for each other', (t) => {
  const st = new State();
  const a = thread(5);
  const b = thread(5 + 4096);
  const c = thread(5 + 8192 * 1024);
  for (const x of [a, b, c]) st.addThread(x, true);
  for (let i = 0; i < 3; i++) {
    t.is(st.lookup(5), a);
    t.is(st.lookup(5 + 4096), b);
    t.is(st.lookup(5 + 8192 * 1024), c);
  }
  t.is(st.lookup(5 + 2 * 4096), undefined);
  t.is(st.lookup(-1), undefined);
});

test('getThread creates a placeholder once and then finds it', (t) => {
  const st = new State();
  const p = st.getThread(900, true)!;
  t.is(p.comm, '<NA>');
  t.is(st.getThread(900, true), p);
  t.is(st.lookup(900), p);
});

test('a tid the table did not have is found once it is added', (t) => {
  const st = new State();
  const big = 2 ** 40 + 17;
  for (const tid of [300, 300 + 4096, big, -1]) {
    t.is(st.lookup(tid), undefined);
    t.is(st.lookup(tid), undefined, 'again, remembered as absent');
  }
  const a = thread(300);
  st.addThread(a, true);
  t.is(st.lookup(300), a);
  t.is(st.lookup(300 + 4096), undefined, 'the tid sharing its slot is still absent');
  const b = thread(big);
  st.addThread(b, true);
  t.is(st.lookup(big), b);
  const p = st.getThread(300 + 4096, true)!;
  t.is(st.lookup(300 + 4096), p, 'a placeholder is found too');
  st.removeThread(300 + 4096, true);
  t.is(st.lookup(300 + 4096), undefined);
  t.is(st.lookup(300), a);
});
