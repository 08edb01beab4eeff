// Filter pushdown plans: what the probe is told for a filter, and what it must never drop.
import test from 'ava';
import { parseFilter } from '../../sinsp/filter/parser.js';
import { eventTypeNames, planPushdown, stateSyscalls, syscallsForEventTypes } from '../../sinsp/capture/pushdown.js';
import { SYSCALL_NR_X86_64 } from '../../sinsp/generated/schema.js';

const nr = (name: string): number => {
  const n = SYSCALL_NR_X86_64[name];
  if (n === undefined) throw new Error(`no syscall ${name}`);
  return n;
};

/** a thread table: 100 is a process with thread 101; nothing else exists */
const tgidOf = (tid: number): number | undefined => (tid === 100 || tid === 101 ? 100 : undefined);

function plan(filter: string, format = '%evt.num %proc.name', allowProcessFilter = true) {
  return planPushdown({ ast: parseFilter(filter), otherFieldText: format, allowProcessFilter, tgidOf });
}

test('state-changing syscalls are always captured', (t) => {
  const s = stateSyscalls();
  for (const name of ['open', 'openat', 'close', 'dup2', 'socket', 'connect', 'accept4', 'pipe2', 'clone', 'fork', 'execve', 'chdir', 'fchdir', 'setuid', 'sendto', 'recvmsg', 'fcntl', 'eventfd2', 'prlimit64', 'mmap'])
    t.true(s.has(nr(name)), name);
  for (const name of ['read', 'write', 'getppid', 'futex', 'nanosleep', 'epoll_wait']) t.false(s.has(nr(name)), name);
});

test('evt.type names of a syscall include its event names in both tables', (t) => {
  t.true(eventTypeNames(nr('pread64')).has('pread'));
  t.true(eventTypeNames(nr('getppid')).has('getppid'));
  const set = syscallsForEventTypes(new Set(['pread', 'getppid']));
  t.true(set.includes(nr('pread64')));
  t.true(set.includes(nr('getppid')));
  t.true(set.includes(nr('openat')));
  t.false(set.includes(nr('write')));
});

test('evt.type is pushed only when the filter requires it', (t) => {
  t.true(plan('evt.type=openat').syscalls?.includes(nr('openat')));
  t.false(plan('evt.type=openat').syscalls?.includes(nr('read')));
  t.true(plan('evt.type in (read, write) and fd.num=3').syscalls?.includes(nr('write')));
  t.is(plan('not evt.type=openat').syscalls, undefined);
  t.is(plan('evt.type=openat or proc.name=cat').syscalls, undefined);
  t.is(plan('evt.type!=openat').syscalls, undefined);
  t.is(plan('evt.type contains open').syscalls, undefined);
  t.is(plan('proc.name=cat').syscalls, undefined);
});

test('pids are pushed for existing processes only, and not when other processes are read', (t) => {
  t.deepEqual(plan('proc.pid=100').pids, [100]);
  t.deepEqual(plan('thread.tid=101 and evt.type=read').pids, [100]);
  t.is(plan('proc.pid=101').pids, undefined, '101 is a thread, not a process');
  t.is(plan('proc.pid=100 or proc.pid=555').pids, undefined, '555 does not exist yet');
  t.is(plan('proc.pid=100 or evt.type=open').pids, undefined);
  t.is(plan('proc.pid=100 and proc.pname=bash').pids, undefined);
  t.is(plan('proc.pid=100', '%proc.name %proc.pname').pids, undefined);
  t.is(plan('proc.pid=100', '%proc.name', false).pids, undefined, '-F');
  t.is(plan('proc.name=cat').pids, undefined, 'proc.name is not pushed');
});
