// The order sinspect reports for libsinsp's thread table and fd tables (libstdc++
// unordered_maps in sysdig 0.29.3) follows the inserts, erases and copies the state engine
// makes. Each expectation is what a real std::unordered_map<int64_t, T> (GCC 12) walks after
// the same operations (listed in the comments).
import test from 'ava';
import { CANCELED_FD_NUMBER, FdFlag, FdInfo, FdTable, FdType } from '../../sinsp/state/fd.js';
import { State } from '../../sinsp/state/state.js';
import { ThreadInfo } from '../../sinsp/state/thread.js';
import { setTableOrderTracking } from '../../sinsp/state/unordered-map-order.js';
import { capturedFd, capturedThread, runRecords } from '../helpers/records.js';
import { cloneExit, closePair, openPair, procexit } from './builders.js';

const fdOrder = (table: FdTable | undefined): number[] => table!.entriesInTableOrder().map(([fd]) => fd);

test('events: capture load, opens, a close, a fork and an exit', (t) => {
  const file = (fd: number) => capturedFd({ fd, type: FdType.FILE, name: `/f${fd}` });
  const { insp } = runRecords(
    // tids 100, 113 and 126 share a bucket of 13, 5 has its own; so do fds 1, 14, 27, 40, 53, 66
    [100, 113, 5, 126].map((tid) => capturedThread({ tid, ptid: 5, fds: tid === 100 ? [file(1), file(14), file(27)] : [] })),
    [
      ...openPair(100, 40, '/f40'),
      ...closePair(100, 14),
      ...openPair(100, 3, '/f3'),
      cloneExit({ tid: 100, res: 200, ptid: 5 }),
      cloneExit({ tid: 200, res: 0, ptid: 100 }),
      ...openPair(200, 53, '/f53'),
      procexit(113),
      ...openPair(100, 66, '/f66'),
    ],
  );
  const st = insp.state;
  // +100 +113 +5 +126 +200 -113
  t.deepEqual(
    st.threadsInTableOrder().map((x) => x.tid),
    [200, 5, 126, 100],
  );
  // +1 +14 +27 +40 -14 +3 +66
  t.deepEqual(fdOrder(st.thread(100)!.getFdTable()), [3, 66, 40, 27, 1]);
  // the child's table is a copy of the parent's at the fork (after +3), then +53
  t.deepEqual(fdOrder(st.thread(200)!.getFdTable()), [3, 53, 40, 27, 1]);
});

test('a close-cancelled fd is parked under INT64_MAX, in that key\'s bucket', (t) => {
  const table = new FdTable();
  const info = (flags = 0) => Object.assign(new FdInfo(), { type: FdType.FILE, flags });
  table.add(5, info());
  table.add(18, info());
  table.get(5)!.flags |= FdFlag.CLOSE_IN_PROGRESS;
  table.add(5, info());
  // +5 +18 +9223372036854775807 (INT64_MAX % 13 = 7)
  t.deepEqual(fdOrder(table), [CANCELED_FD_NUMBER, 18, 5]);
  table.delete(CANCELED_FD_NUMBER);
  t.deepEqual(fdOrder(table), [18, 5]);
});

test('threads added behind the table\'s back still show up, after the tracked ones', (t) => {
  const st = new State();
  const thread = (tid: number) => Object.assign(new ThreadInfo(), { tid, pid: tid });
  st.addThread(thread(5), true);
  st.addThread(thread(18), true);
  st.threads.set(7, thread(7));
  // +5 +18, then 7 unknown to the emulation
  t.deepEqual(
    st.threadsInTableOrder().map((x) => x.tid),
    [18, 5, 7],
  );
});

test('with tracking off (runs without chisels), tables list threads in insertion order and fds by number', (t) => {
  setTableOrderTracking(false);
  try {
    const st = new State();
    for (const tid of [100, 5, 113]) {
      const th = new ThreadInfo();
      th.tid = th.pid = tid;
      st.addThread(th, true);
    }
    t.deepEqual(
      st.threadsInTableOrder().map((th) => th.tid),
      [100, 5, 113],
    );
    const table = new FdTable();
    for (const fd of [27, 1, 14]) {
      const info = new FdInfo();
      info.type = FdType.FILE;
      table.add(fd, info);
    }
    t.deepEqual(fdOrder(table), [1, 14, 27]);
    t.deepEqual(fdOrder(table.cloneTable()), [1, 14, 27]);
  } finally {
    setTableOrderTracking(true);
  }
});
