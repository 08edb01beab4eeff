import test from 'ava';
import { PPME } from '../../sinsp/generated/schema.js';
import { FdType } from '../../sinsp/state/fd.js';
import { ThreadFlag } from '../../sinsp/state/thread.js';
import { P, capturedFd, capturedThread, runRecords } from '../helpers/records.js';
import { openPair } from './builders.js';

const proc = () => capturedThread({ tid: 30, cwd: '/w', fds: [capturedFd({ fd: 1, type: FdType.FIFO, name: 'pipe:[1]' })] });

test('pipe adds two fifo fds with the inode', (t) => {
  const { insp } = runRecords(
    [proc()],
    [
      { type: PPME.SYSCALL_PIPE_E, tid: 30, params: [] },
      { type: PPME.SYSCALL_PIPE_X, tid: 30, params: [P.i64(0), P.i64(5), P.i64(6), P.u64(4242n)] },
    ],
  );
  const th = insp.state.thread(30)!;
  t.is(th.getFd(5)!.type, FdType.FIFO);
  t.is(th.getFd(6)!.ino, 4242n);
  t.is(th.getFd(6)!.name, '');
});

test('dup copies the fd; dup onto stdout marks a pipe source', (t) => {
  const { insp } = runRecords(
    [proc()],
    [
      ...openPair(30, 5, '/w/log'),
      { type: PPME.SYSCALL_DUP_E, tid: 30, params: [P.i64(5)] },
      { type: PPME.SYSCALL_DUP_X, tid: 30, params: [P.i64(1)] },
    ],
  );
  const th = insp.state.thread(30)!;
  t.is(th.getFd(1)!.name, '/w/log');
  t.not(th.getFd(1), th.getFd(5));
  t.truthy(th.flags & ThreadFlag.PIPE_SRC);
});

test('fcntl(F_DUPFD) copies the fd; other commands do not', (t) => {
  const { insp } = runRecords(
    [proc()],
    [
      ...openPair(30, 5, '/w/a'),
      { type: PPME.SYSCALL_FCNTL_E, tid: 30, params: [P.i64(5), P.u8(1)] },
      { type: PPME.SYSCALL_FCNTL_X, tid: 30, params: [P.i64(10)] },
      { type: PPME.SYSCALL_FCNTL_E, tid: 30, params: [P.i64(5), P.u8(3)] },
      { type: PPME.SYSCALL_FCNTL_X, tid: 30, params: [P.i64(11)] },
    ],
  );
  const th = insp.state.thread(30)!;
  t.is(th.getFd(10)!.name, '/w/a');
  t.is(th.getFd(11), undefined);
});

test('eventfd, signalfd, timerfd and inotify add nameless fds of their kind', (t) => {
  const { insp } = runRecords(
    [proc()],
    [
      { type: PPME.SYSCALL_EVENTFD_E, tid: 30, params: [P.u64(0), P.u32(0)] },
      { type: PPME.SYSCALL_EVENTFD_X, tid: 30, params: [P.i64(7)] },
      { type: PPME.SYSCALL_SIGNALFD_E, tid: 30, params: [P.i64(-1), P.u32(0), P.u8(0)] },
      { type: PPME.SYSCALL_SIGNALFD_X, tid: 30, params: [P.i64(8)] },
      { type: PPME.SYSCALL_TIMERFD_CREATE_E, tid: 30, params: [P.u8(0), P.u8(0)] },
      { type: PPME.SYSCALL_TIMERFD_CREATE_X, tid: 30, params: [P.i64(9)] },
      { type: PPME.SYSCALL_INOTIFY_INIT_E, tid: 30, params: [P.u8(0)] },
      { type: PPME.SYSCALL_INOTIFY_INIT_X, tid: 30, params: [P.i64(-24)] },
    ],
  );
  const th = insp.state.thread(30)!;
  t.is(th.getFd(7)!.type, FdType.EVENT);
  t.is(th.getFd(8)!.type, FdType.SIGNALFD);
  t.is(th.getFd(9)!.type, FdType.TIMERFD);
  t.is(th.getFdTable()!.size, 4);
});

test('newer fd-creating calls: memfd_create names the fd, pidfd_open points at /proc', (t) => {
  const { insp } = runRecords(
    [proc()],
    [
      { type: PPME.SYSCALL_MEMFD_CREATE_E, tid: 30, params: [] },
      { type: PPME.SYSCALL_MEMFD_CREATE_X, tid: 30, params: [P.i64(12), P.str('shm'), P.u32(0)] },
      { type: PPME.SYSCALL_PIDFD_OPEN_E, tid: 30, params: [] },
      { type: PPME.SYSCALL_PIDFD_OPEN_X, tid: 30, params: [P.i64(13), P.i64(77), P.u32(0)] },
    ],
  );
  const th = insp.state.thread(30)!;
  t.is(th.getFd(12)!.type, FdType.MEMFD);
  t.is(th.getFd(12)!.name, 'shm');
  t.is(th.getFd(13)!.name, '/proc/77');
});

test('chdir, fchdir and getcwd move the process cwd', (t) => {
  const cwds: string[] = [];
  runRecords(
    [proc()],
    [
      { type: PPME.SYSCALL_CHDIR_E, tid: 30, params: [] },
      { type: PPME.SYSCALL_CHDIR_X, tid: 30, params: [P.i64(0), P.str('sub/../lib')] },
      ...openPair(30, 5, '/opt/data', 1024 | 1),
      { type: PPME.SYSCALL_FCHDIR_E, tid: 30, params: [P.i64(5)] },
      { type: PPME.SYSCALL_FCHDIR_X, tid: 30, params: [P.i64(0)] },
      { type: PPME.SYSCALL_GETCWD_E, tid: 30, params: [] },
      { type: PPME.SYSCALL_GETCWD_X, tid: 30, params: [P.i64(8), P.str('/real/cwd')] },
    ],
    {},
    (ev) => cwds.push(ev.thread!.getCwd()),
  );
  t.deepEqual(cwds, ['/w/', '/w/lib/', '/w/lib/', '/w/lib/', '/w/lib/', '/opt/data/', '/opt/data/', '/real/cwd/']);
});

test('setuid/setgid take the value of the enter event when they succeed', (t) => {
  const { insp } = runRecords(
    [proc()],
    [
      { type: PPME.SYSCALL_SETUID_E, tid: 30, params: [P.u32(33)] },
      { type: PPME.SYSCALL_SETUID_X, tid: 30, params: [P.i64(0)] },
      { type: PPME.SYSCALL_SETGID_E, tid: 30, params: [P.u32(44)] },
      { type: PPME.SYSCALL_SETGID_X, tid: 30, params: [P.i64(-1)] },
    ],
  );
  t.is(insp.state.thread(30)!.uid, 33);
  t.is(insp.state.thread(30)!.gid, 0);
});

test('prlimit(RLIMIT_NOFILE) sets the target process fd limit', (t) => {
  const { insp } = runRecords(
    [proc(), capturedThread({ tid: 31 })],
    [
      { type: PPME.SYSCALL_PRLIMIT_E, tid: 30, params: [P.i64(31), P.u8(7)] },
      { type: PPME.SYSCALL_PRLIMIT_X, tid: 30, params: [P.i64(0), P.i64(65536), P.i64(65536), P.i64(1024), P.i64(1024)] },
    ],
  );
  t.is(insp.state.thread(31)!.fdlimit, 65536);
  t.is(insp.state.thread(30)!.fdlimit, 1024);
});
