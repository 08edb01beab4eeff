import test from 'ava';
import { PPME } from '../../sinsp/generated/schema.js';
import { FdFlag, FdType } from '../../sinsp/state/fd.js';
import { ThreadFlag } from '../../sinsp/state/thread.js';
import { capturedFd, capturedThread, runRecords } from '../helpers/records.js';
import { THREAD_FLAGS, cloneExit, execveEnter, execveExit, openPair, procexit, readPair } from './builders.js';

const shell = () =>
  capturedThread({
    tid: 100,
    comm: 'bash',
    exe: '/bin/bash',
    args: ['-i'],
    cwd: '/home/u',
    env: ['HOME=/home/u'],
    uid: 1000,
    fds: [capturedFd({ fd: 3, type: FdType.FILE_V2, name: '/etc/hosts' })],
  });

test('fork in the parent creates the child: a copy of the parent, with its own copy of the fds', (t) => {
  const { insp } = runRecords([shell()], [cloneExit({ tid: 100, res: 200, comm: 'bash', exe: '/bin/bash', args: ['-i'] })]);
  const child = insp.state.thread(200)!;
  t.truthy(child);
  t.is(child.pid, 200);
  t.is(child.ptid, 100);
  t.is(child.comm, 'bash');
  t.deepEqual(child.env, ['HOME=/home/u']);
  t.is(child.cwd, '/home/u/');
  t.is(child.uid, 1000);
  t.is(child.vmsize, 100);
  const fd = child.getFd(3)!;
  t.is(fd.name, '/etc/hosts');
  t.truthy(fd.flags & FdFlag.IS_CLONED);
  t.not(fd, insp.state.thread(100)!.getFd(3));
  t.is(child.cloneTs, insp.state.lastEventTs);
});

test('a new thread shares the main thread fd table and is counted as its child', (t) => {
  const { insp } = runRecords(
    [shell()],
    [cloneExit({ tid: 100, res: 101, pid: 100, flags: THREAD_FLAGS }), ...openPair(101, 7, '/tmp/x')],
  );
  const main = insp.state.thread(100)!;
  const th = insp.state.thread(101)!;
  t.is(th.pid, 100);
  t.is(main.nchilds, 1);
  t.is(main.getFd(7)?.name, '/tmp/x');
  t.is(th.getFdTable(), main.fdTable);
  t.is(th.getCwd(), '/home/u/');
});

test('the child returning first creates itself (inverted clone); the parent exit then keeps it', (t) => {
  const { insp } = runRecords(
    [shell()],
    [cloneExit({ tid: 300, res: 0, ptid: 100, comm: 'bash' }), cloneExit({ tid: 100, res: 300 })],
  );
  const child = insp.state.thread(300)!;
  t.is(child.ptid, 100);
  t.truthy(child.flags & ThreadFlag.CLONE_INVERTED);
});

test('a clone inside a pid namespace: the parent side waits, the child side creates it with vtid/vpid', (t) => {
  const { insp } = runRecords(
    [shell()],
    [
      cloneExit({ tid: 100, res: 5, flags: ThreadFlag.CHILD_IN_PIDNS }),
      cloneExit({ tid: 400, res: 0, ptid: 100, vtid: 1, vpid: 1, flags: ThreadFlag.CHILD_IN_PIDNS }),
    ],
  );
  t.is(insp.state.thread(5), undefined);
  const c = insp.state.thread(400)!;
  t.is(c.vtid, 1);
  t.is(c.vpid, 1);
});

test('execve replaces the program; the exe path comes from the enter event and the cwd', (t) => {
  const { insp, seen } = runRecords(
    [shell()],
    [
      execveEnter(100, 'bin/tool'),
      execveExit({ tid: 100, exe: 'bin/tool', comm: 'tool', args: ['a', 'b'], env: ['X=1'], loginuid: 1000 }),
    ],
  );
  const t100 = insp.state.thread(100)!;
  t.is(t100.comm, 'tool');
  t.is(t100.exe, 'bin/tool');
  t.deepEqual(t100.args, ['a', 'b']);
  t.deepEqual(t100.env, ['X=1']);
  t.is(t100.exepath, '/home/u/bin/tool');
  t.is(t100.loginuid, 1000);
  t.is(t100.tty, 34816);
  t.is(t100.flags, ThreadFlag.ACTIVE | ThreadFlag.NAME_CHANGED);
  t.true(seen[1]!.enter);
});

test('a failed execve changes nothing', (t) => {
  const { insp } = runRecords([shell()], [execveEnter(100, '/nope'), execveExit({ tid: 100, res: -2, exe: '/nope', comm: 'nope' })]);
  t.is(insp.state.thread(100)!.comm, 'bash');
});

test('procexit removes the thread only after the next event', (t) => {
  const gone: boolean[] = [];
  const { insp } = runRecords(
    [shell(), capturedThread({ tid: 500 })],
    [procexit(100), ...readPair(500, 0)],
    {},
    (ev, i) => gone.push(i.state.thread(100) === undefined),
  );
  t.deepEqual(gone, [false, true, true]);
  t.is(insp.state.thread(100), undefined);
});

test('a main thread with live threads stays in the table when it exits', (t) => {
  const { insp } = runRecords(
    [shell()],
    [cloneExit({ tid: 100, res: 101, pid: 100, flags: THREAD_FLAGS }), procexit(100), ...readPair(101, 3)],
  );
  t.truthy(insp.state.thread(100));
  t.is(insp.state.thread(101)!.getFd(3)?.name, '/etc/hosts');
});

test('an unknown thread gets a placeholder entry', (t) => {
  const { insp, seen } = runRecords([], readPair(777, 0));
  const p = insp.state.thread(777)!;
  t.is(p.comm, '<NA>');
  t.is(p.uid, 0xffffffff);
  t.is(p.ptid, -1);
  t.is(seen[0]!.comm, '<NA>');
});

test('clone from a placeholder parent takes the name from the event and patches the parent', (t) => {
  const { insp } = runRecords([], [...readPair(600, 0), cloneExit({ tid: 600, res: 601, comm: 'worker', exe: '/w', args: ['x'] })]);
  t.is(insp.state.thread(601)!.comm, 'worker');
  t.is(insp.state.thread(600)!.comm, 'worker');
  t.deepEqual(insp.state.thread(600)!.args, ['x']);
});

test('clone with docker cgroups resolves the container', (t) => {
  const id = 'c78a447010cdad299a9d96cbb8992702ab02fd7fad81816371b2ae986896d318';
  const { insp } = runRecords([shell()], [cloneExit({ tid: 100, res: 700, cgroups: [`cpuset=/docker/${id}`, 'mem=/x'] })]);
  const c = insp.state.thread(700)!;
  t.is(c.containerId, id.slice(0, 12));
  t.deepEqual(c.cgroups, [
    ['cpuset', `/docker/${id}`],
    ['memory', '/x'],
  ]);
  t.is(insp.state.containers.get(id.slice(0, 12))?.type, 'docker');
});

test('the latency of an exit is measured from its enter', (t) => {
  const lat: number[] = [];
  runRecords(
    [shell()],
    [
      { type: PPME.SYSCALL_READ_E, tid: 100, params: [Buffer.alloc(8), Buffer.alloc(4)], ts: 1_000_000_000n },
      { type: PPME.SYSCALL_READ_X, tid: 100, params: [Buffer.alloc(8), Buffer.alloc(0)], ts: 1_000_004_321n },
    ],
    {},
    (ev) => lat.push(ev.thread!.latency),
  );
  t.deepEqual(lat, [0, 4321]);
});
