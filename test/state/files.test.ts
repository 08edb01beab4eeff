import test from 'ava';
import { PPME } from '../../sinsp/generated/schema.js';
import { CANCELED_FD_NUMBER, FdFlag, FdType } from '../../sinsp/state/fd.js';
import { P, capturedFd, capturedThread, runRecords } from '../helpers/records.js';
import { closePair, openPair, readPair } from './builders.js';

const proc = () =>
  capturedThread({ tid: 10, cwd: '/srv/app', fds: [capturedFd({ fd: 4, type: FdType.DIRECTORY, name: '/var/log' })] });

test('open resolves a relative name against the cwd and adds a file fd', (t) => {
  const { insp, seen } = runRecords([proc()], openPair(10, 5, '../data/f.txt'));
  const fd = insp.state.thread(10)!.getFd(5)!;
  t.is(fd.name, '/srv/data/f.txt');
  t.is(fd.type, FdType.FILE_V2);
  t.is(fd.openFlags, 1);
  t.truthy(fd.flags & FdFlag.IS_NOT_TRACER_FD);
  t.is(seen[1]!.fdName, '/srv/data/f.txt');
  t.is(seen[1]!.fdNum, 5);
});

test('O_DIRECTORY opens are directories; /dev/null may carry tracers', (t) => {
  const { insp } = runRecords([proc()], [...openPair(10, 5, '/tmp', 1024 | 1), ...openPair(10, 6, '/dev/null')]);
  t.is(insp.state.thread(10)!.getFd(5)!.type, FdType.DIRECTORY);
  t.truthy(insp.state.thread(10)!.getFd(6)!.flags & FdFlag.IS_TRACER_FILE);
});

test('a failed open adds nothing and reports its errno', (t) => {
  const { insp, seen } = runRecords([proc()], openPair(10, -2, '/missing'));
  t.is(insp.state.thread(10)!.getFd(-2), undefined);
  t.is(seen[1]!.errorCode, 2);
  t.is(seen[1]!.fdName, undefined);
});

test('openat resolves against the directory fd; the enter parameters win over the exit ones', (t) => {
  const { insp } = runRecords(
    [proc()],
    [
      { type: PPME.SYSCALL_OPENAT_2_E, tid: 10, params: [P.i64(4), P.str('syslog'), P.u32(1), P.u32(0)] },
      { type: PPME.SYSCALL_OPENAT_2_X, tid: 10, params: [P.i64(9), P.i64(4), P.str('other'), P.u32(1), P.u32(0), P.u32(0)] },
    ],
  );
  t.is(insp.state.thread(10)!.getFd(9)!.name, '/var/log/syslog');
});

test('a failed openat leaves the directory fd as the event fd', (t) => {
  const { seen } = runRecords(
    [proc()],
    [
      { type: PPME.SYSCALL_OPENAT_2_E, tid: 10, params: [P.i64(4), P.str('x'), P.u32(1), P.u32(0)] },
      { type: PPME.SYSCALL_OPENAT_2_X, tid: 10, params: [P.i64(-13), P.i64(4), P.str('x'), P.u32(1), P.u32(0), P.u32(0)] },
    ],
  );
  t.is(seen[1]!.fdName, '/var/log');
  t.is(seen[1]!.errorCode, 13);
});

test('close keeps the fd for the close exit itself and removes it before the next event', (t) => {
  const names: Array<string | undefined> = [];
  const { insp } = runRecords([proc()], [...openPair(10, 5, '/a'), ...closePair(10, 5), ...readPair(10, 5)], {}, (ev) =>
    names.push(ev.fd?.name),
  );
  t.deepEqual(names, [undefined, '/a', '/a', '/a', undefined, undefined]);
  t.is(insp.state.thread(10)!.getFd(5), undefined);
});

test('a failed close keeps the fd', (t) => {
  const { insp } = runRecords([proc()], [...openPair(10, 5, '/a'), ...closePair(10, 5, -9), ...readPair(10, 5)]);
  t.is(insp.state.thread(10)!.getFd(5)!.name, '/a');
  t.is(insp.state.thread(10)!.getFd(5)!.flags & FdFlag.CLOSE_IN_PROGRESS, 0);
});

test('an fd reused between close enter and exit: the parked old fd goes, and (as in libsinsp) the new one too', (t) => {
  const close = closePair(10, 5);
  const parked: boolean[] = [];
  const { insp } = runRecords(
    [proc(), capturedThread({ tid: 11, pid: 10, flags: 1 | 1 << 13 })],
    [...openPair(10, 5, '/old'), close[0]!, ...openPair(11, 5, '/new'), close[1]!, ...readPair(10, 5)],
    {},
    (ev, i) => parked.push(i.state.thread(10)!.fdTable.fds.has(CANCELED_FD_NUMBER)),
  );
  t.deepEqual(parked, [false, false, false, false, true, true, false, false]);
  t.is(insp.state.thread(10)!.getFd(5), undefined);
});

test('read on a known fd sees it; fd.name_changed is false', (t) => {
  const changed: boolean[] = [];
  runRecords([proc()], readPair(10, 4), {}, (ev, i) => changed.push(i.state.evt.fdNameChanged));
  t.deepEqual(changed, [false, false]);
});
