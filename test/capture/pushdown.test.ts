// Filter pushdown plans: what the probe is told for a filter, and what it must never drop.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFilter } from '../../sinsp/filter/parser.js';
import { eventTypeNames, planPushdown, stateSyscalls, syscallsForEventTypes } from '../../sinsp/capture/pushdown.js';
import { KERNEL_FILTER_LIMITS } from '../../sinsp/capture/kernel-filter-limits.js';
import { packageRoot } from '../../sinsp/driver/paths.js';
import { EVENTS, PPME, SYSCALL_CODE_NAMES, SYSCALL_NR_X86_64 } from '../../sinsp/generated/schema.js';

const nr = (name: string): number => {
  const n = SYSCALL_NR_X86_64[name];
  if (n === undefined) throw new Error(`no syscall ${name}`);
  return n;
};

/**
 * The kernel module's routing, read from the table it is compiled with
 * (ppm_syscall_table_x86_64 of native/driver/generated/ppm_events_gen.h): for each
 * syscall number, the 0.29.3 enter and exit events it sends and the 0.29.3 syscall code
 * its generic events carry.
 */
function kmodRoutes(): Map<number, { enter: number; exit: number; sc: number }> {
  const header = readFileSync(join(packageRoot(), 'native', 'driver', 'generated', 'ppm_events_gen.h'), 'utf8');
  const value = new Map([...header.matchAll(/^\t(PPME_\w+) = (\d+),$/gm)].map((m) => [m[1]!, Number(m[2])]));
  const table = header.slice(header.indexOf('ppm_syscall_table_x86_64['));
  const routes = new Map<number, { enter: number; exit: number; sc: number }>();
  for (const m of table.matchAll(/^\t\[(\d+)\] = \{PPME_\w+, PPME_\w+, \w+, (PPME_\w+), (PPME_\w+), (\d+),/gm)) {
    routes.set(Number(m[1]), { enter: value.get(m[2]!)!, exit: value.get(m[3]!)!, sc: Number(m[4]) });
  }
  return routes;
}

test('for the kernel module, evt.type selects every syscall whose events carry that name', (t) => {
  const routes = kmodRoutes();
  t.true(routes.size > 300, `${routes.size} routes read from ppm_events_gen.h`);
  let checked = 0;
  for (const [nr, r] of routes) {
    // what evt.type shows for the module's events of this syscall: the event's name, or
    // for a generic event the name of its 0.29.3 syscall code
    const names = new Set<string>();
    for (const type of [r.enter, r.exit]) {
      const generic = type === PPME.GENERIC_E || type === PPME.GENERIC_X;
      const name = generic ? SYSCALL_CODE_NAMES[r.sc] : EVENTS[type]?.name;
      if (name) names.add(name);
    }
    for (const name of names) {
      t.true(syscallsForEventTypes(new Set([name])).includes(nr), `evt.type=${name} must keep syscall ${nr}`);
      checked++;
    }
  }
  t.true(checked > 300);
});

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

test('no more pids are pushed than the drivers\' pid set holds', (t) => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => 1000 + i);
  const every = (tid: number) => tid; // every id is a process
  const planFor = (pids: number[]) =>
    planPushdown({ ast: parseFilter(`proc.pid in (${pids.join(',')})`), otherFieldText: '', allowProcessFilter: true, tgidOf: every });
  t.is(planFor(many(KERNEL_FILTER_LIMITS.pids)).pids?.length, KERNEL_FILTER_LIMITS.pids);
  t.is(planFor(many(KERNEL_FILTER_LIMITS.pids + 1)).pids, undefined);
});
