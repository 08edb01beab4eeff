import test from 'ava';
import { processFields } from '../../../sinsp/fields/classes/process.js';
import { PPME } from '../../../sinsp/generated/schema.js';
import { FdType } from '../../../sinsp/state/fd.js';
import { State } from '../../../sinsp/state/state.js';
import { ThreadCategory, ThreadFlag } from '../../../sinsp/state/thread.js';
import { addFd, addThread, context, json, makeEvent, text, u64, value } from '../helpers.js';

const P = processFields;

/** init(1) <- zsh(100) <- bash(150) <- curl(200) with a second thread 201 */
function family() {
  const state = new State();
  const init = addThread(state, { tid: 1, ptid: 0, comm: 'systemd', sid: 1 });
  const zsh = addThread(state, { tid: 100, ptid: 1, comm: 'zsh', sid: 100, args: ['-l'] });
  const bash = addThread(state, { tid: 150, ptid: 100, comm: 'bash', sid: 100 });
  const curl = addThread(state, {
    tid: 200,
    ptid: 150,
    sid: 100,
    vpgid: 200,
    comm: 'curl',
    exe: '/usr/bin/curl',
    exepath: '/usr/bin/curl',
    args: ['-s', 'localhost/bar'],
    env: ['HOME=/root', 'TERM=xterm'],
    cwd: '/home/u/',
    fdlimit: 1024,
    vmsize: 99192,
    vmrss: 5644,
    vmswap: 12,
    pfmajor: 3,
    pfminor: 40,
    vtid: 7,
    vpid: 7,
    tty: 34816,
    cloneTs: 1_000n,
    cgroups: [
      ['cpuset', '/'],
      ['memory', '/user/0'],
    ],
    nchilds: 1,
  });
  const worker = addThread(state, {
    tid: 201,
    pid: 200,
    ptid: 150,
    comm: 'curl',
    flags: ThreadFlag.CLONE_THREAD | ThreadFlag.CLONE_FILES,
    vmsize: 99192,
    vtid: -1,
    vpid: -1,
  });
  addFd(curl, { fd: 0, type: FdType.FILE, name: '/dev/null' });
  addFd(curl, { fd: 3, type: FdType.IPV4_SOCK, name: 'x' });
  return { state, ctx: context(state), init, zsh, bash, curl, worker };
}

test('identity and command line of the process', (t) => {
  const { ctx, curl } = family();
  const ev = makeEvent({ type: PPME.SYSCALL_READ_X, ts: 5_000n }, curl);
  t.is(value(P, ctx, 'proc.pid', ev), 200n);
  t.is(value(P, ctx, 'thread.tid', ev), 200n);
  t.is(text(P, ctx, 'proc.exe', ev), '/usr/bin/curl');
  t.is(text(P, ctx, 'proc.name', ev), 'curl');
  t.is(text(P, ctx, 'proc.args', ev), '-s localhost/bar');
  t.is(text(P, ctx, 'proc.env', ev), 'HOME=/root TERM=xterm');
  t.is(text(P, ctx, 'proc.cmdline', ev), 'curl -s localhost/bar');
  t.is(text(P, ctx, 'proc.exeline', ev), '/usr/bin/curl -s localhost/bar');
  t.is(text(P, ctx, 'proc.cwd', ev), '/home/u/');
  t.is(text(P, ctx, 'proc.exepath', ev), '/usr/bin/curl');
  t.is(text(P, ctx, 'proc.tty', ev), '34816');
  t.is(text(P, ctx, 'proc.sid', ev), '100');
  t.is(text(P, ctx, 'proc.vpgid', ev), '200');
  t.is(text(P, ctx, 'thread.nametid', ev), 'curl200');
});

test('exeline keeps its space when there are no arguments', (t) => {
  const { ctx, bash } = family();
  const ev = makeEvent({ type: PPME.SYSCALL_READ_X }, bash);
  t.is(text(P, ctx, 'proc.exeline', ev), ' ');
  t.is(text(P, ctx, 'proc.cmdline', ev), 'bash');
  t.is(text(P, ctx, 'proc.args', ev), '');
});

test('parent and ancestors', (t) => {
  const { ctx, curl, worker } = family();
  const ev = makeEvent({ type: PPME.SYSCALL_READ_X }, curl);
  t.is(value(P, ctx, 'proc.ppid', ev), 150n);
  t.is(text(P, ctx, 'proc.pname', ev), 'bash');
  t.is(text(P, ctx, 'proc.pcmdline', ev), 'bash');
  t.is(text(P, ctx, 'proc.aname', ev, '0'), 'curl');
  t.is(text(P, ctx, 'proc.aname', ev, '1'), 'bash');
  t.is(text(P, ctx, 'proc.aname', ev, '2'), 'zsh');
  t.is(text(P, ctx, 'proc.aname', ev, '3'), 'systemd');
  t.is(text(P, ctx, 'proc.aname', ev, '4'), '<NA>');
  t.is(value(P, ctx, 'proc.apid', ev, '2'), 100n);
  // without an index: the process itself when printed, every ancestor when filtering
  t.is(text(P, ctx, 'proc.aname', ev), 'curl');
  const all = P.bind(P.fields.find((f) => f.name === 'proc.aname')!, undefined, ctx);
  t.deepEqual(all.extractList!(ev), ['bash', 'zsh', 'systemd']);
  const pids = P.bind(P.fields.find((f) => f.name === 'proc.apid')!, undefined, ctx);
  t.deepEqual(pids.extractList!(ev), [150n, 100n, 1n]);
  // a secondary thread starts from its main thread
  const wev = makeEvent({ type: PPME.SYSCALL_READ_X }, worker);
  t.is(text(P, ctx, 'proc.aname', wev, '1'), 'bash');
  t.is(value(P, ctx, 'proc.ppid', wev), 150n);
  t.is(value(P, ctx, 'proc.pid', wev), 200n);
  t.is(value(P, ctx, 'thread.tid', wev), 201n);
});

test('an ancestry loop stops the walk', (t) => {
  const state = new State();
  const a = addThread(state, { tid: 10, ptid: 11, comm: 'a' });
  addThread(state, { tid: 11, ptid: 10, comm: 'b' });
  const ev = makeEvent({ type: PPME.SYSCALL_READ_X }, a);
  const all = P.bind(P.fields.find((f) => f.name === 'proc.aname')!, undefined, context(state));
  t.deepEqual(all.extractList!(ev), ['b']);
});

test('login shell and session leader', (t) => {
  const { ctx, state, curl } = family();
  const ev = makeEvent({ type: PPME.SYSCALL_READ_X }, curl);
  // the oldest ancestor whose name ends in "sh"
  t.is(value(P, ctx, 'proc.loginshellid', ev), 100n);
  t.is(text(P, ctx, 'proc.sname', ev), 'zsh');
  // leader gone: the oldest ancestor in the same session stands in
  state.removeThread(100, true);
  t.is(text(P, ctx, 'proc.sname', ev), 'bash');
  t.is(value(P, ctx, 'proc.loginshellid', ev), 150n);
  const lone = addThread(state, { tid: 300, ptid: 999, comm: 'cat' });
  t.is(value(P, ctx, 'proc.loginshellid', makeEvent({ type: PPME.SYSCALL_READ_X }, lone)), undefined);
});

test('threads, fds and memory', (t) => {
  const { ctx, curl, worker } = family();
  const ev = makeEvent({ type: PPME.SYSCALL_READ_X, ts: 5_000n }, curl);
  t.is(value(P, ctx, 'proc.nthreads', ev), 2);
  t.is(value(P, ctx, 'proc.nchilds', ev), 1);
  t.is(value(P, ctx, 'thread.ismain', ev), true);
  t.is(value(P, ctx, 'proc.fdopencount', ev), 2n);
  t.is(value(P, ctx, 'proc.fdlimit', ev), 1024n);
  t.is(text(P, ctx, 'proc.fdusage', ev), '0.2');
  t.is(value(P, ctx, 'proc.fdusage', ev), (2 * 100) / 1024);
  t.is(text(P, ctx, 'proc.vmsize', ev), '99192');
  t.is(text(P, ctx, 'proc.vmrss', ev), '5644');
  t.is(text(P, ctx, 'proc.vmswap', ev), '12');
  t.is(text(P, ctx, 'thread.pfmajor', ev), '3');
  t.is(text(P, ctx, 'thread.pfminor', ev), '40');
  t.is(text(P, ctx, 'thread.vmsize', ev), '99192');
  t.is(text(P, ctx, 'thread.vmrss.b', ev), String(5644 * 1024));
  t.is(text(P, ctx, 'proc.duration', ev), '4000');
  const wev = makeEvent({ type: PPME.SYSCALL_READ_X }, worker);
  t.is(value(P, ctx, 'thread.ismain', wev), false);
  t.is(text(P, ctx, 'thread.vmsize', wev), '0');
  t.is(text(P, ctx, 'proc.vmsize', wev), '99192');
  // counts come from the main thread
  t.is(value(P, ctx, 'proc.nthreads', wev), 2);
  t.is(value(P, ctx, 'proc.nchilds', wev), 0);
  t.is(value(P, ctx, 'proc.fdopencount', wev), 2n);
  t.is(text(P, ctx, 'proc.duration', wev), '<NA>');
  t.is(text(P, ctx, 'thread.vtid', wev), '<NA>');
  t.is(text(P, ctx, 'proc.vpid', wev), '<NA>');
  t.is(text(P, ctx, 'thread.vtid', ev), '7');
});

test('fd usage without a limit is 0, and is capped at 100', (t) => {
  const { ctx, bash, curl } = family();
  t.is(value(P, ctx, 'proc.fdusage', makeEvent({ type: PPME.SYSCALL_READ_X }, bash)), 0);
  curl.fdlimit = 1;
  t.is(text(P, ctx, 'proc.fdusage', makeEvent({ type: PPME.SYSCALL_READ_X }, curl)), '100.0');
});

test('a duration before the clone prints as an unsigned number', (t) => {
  const { ctx, curl } = family();
  const ev = makeEvent({ type: PPME.SYSCALL_READ_X, ts: 999n }, curl);
  t.is(value(P, ctx, 'proc.duration', ev), -1n);
  t.is(text(P, ctx, 'proc.duration', ev), '18446744073709551615');
});

test('cgroups', (t) => {
  const { ctx, curl, bash } = family();
  const ev = makeEvent({ type: PPME.SYSCALL_READ_X }, curl);
  t.is(text(P, ctx, 'thread.cgroups', ev), 'cpuset=/ memory=/user/0');
  t.is(text(P, ctx, 'thread.cgroup', ev, 'memory'), '/user/0');
  t.is(text(P, ctx, 'thread.cgroup', ev, 'pids'), '<NA>');
  t.is(text(P, ctx, 'thread.cgroups', makeEvent({ type: PPME.SYSCALL_READ_X }, bash)), '<NA>');
  t.throws(() => P.bind(P.fields.find((f) => f.name === 'thread.cgroup')!, undefined, ctx), {
    message: 'filter syntax error: thread.cgroup',
  });
});

test('probe categories and writable executables', (t) => {
  const { ctx, curl } = family();
  const ev = makeEvent({ type: PPME.SYSCALL_READ_X }, curl);
  t.is(value(P, ctx, 'proc.is_container_healthcheck', ev), false);
  curl.category = ThreadCategory.LIVENESS_PROBE;
  t.is(value(P, ctx, 'proc.is_container_healthcheck', ev), false);
  t.is(text(P, ctx, 'proc.is_container_liveness_probe', ev), 'true');
  t.is(json(P, ctx, 'proc.is_container_liveness_probe', ev), 'true');
  t.is(text(P, ctx, 'proc.is_container_readiness_probe', ev), 'false');
  curl.exeWritable = true;
  t.is(value(P, ctx, 'proc.is_exe_writable', ev), true);
});

test('without a thread only thread.tid and the exec times have values', (t) => {
  const { ctx } = family();
  const ev = makeEvent({ type: PPME.SYSCALL_READ_X, tid: 4242 });
  for (const f of P.fields) {
    const v = P.bind(f, f.name === 'thread.cgroup' ? 'cpu' : undefined, ctx).extract(ev);
    if (f.name === 'thread.tid') t.is(v, 4242n);
    else if (f.name === 'thread.exectime') t.is(v, 0n);
    else t.is(v, undefined, f.name);
  }
});

test('the all-ones tid prints as -1', (t) => {
  const { ctx } = family();
  const ev = makeEvent({ type: PPME.SYSCALL_READ_X, tid: -1 });
  t.is(text(P, ctx, 'thread.tid', ev), '-1');
});

test('exec time between scheduler switches, per CPU, and its running total per thread', (t) => {
  const { ctx, curl, bash } = family();
  const exectime = P.bind(P.fields.find((f) => f.name === 'thread.exectime')!, undefined, ctx);
  const total = P.bind(P.fields.find((f) => f.name === 'thread.totexectime')!, undefined, ctx);
  const sw = (ts: bigint, cpu: number, th = curl) => makeEvent({ type: PPME.SCHEDSWITCH_6_E, ts, cpu }, th);
  t.is(exectime.extract(sw(100n, 0)), 0n);
  t.is(exectime.extract(sw(150n, 1)), 0n);
  t.is(exectime.extract(sw(400n, 0)), 300n);
  t.is(exectime.extract(makeEvent({ type: PPME.SYSCALL_READ_X, ts: 500n }, curl)), 0n);
  t.is(exectime.extract(sw(450n, 1)), 300n);
  t.is(total.extract(sw(100n, 0)), 0n);
  t.is(total.extract(sw(400n, 0)), 300n);
  t.is(total.extract(sw(410n, 0, bash)), 10n);
  t.is(total.extract(sw(500n, 0)), 390n);
  t.is(total.extract(makeEvent({ type: PPME.SYSCALL_READ_X, ts: 600n }, curl)), 390n);
});

test('thread CPU from procinfo events', (t) => {
  const { ctx, curl } = family();
  const cpu = P.bind(P.fields.find((f) => f.name === 'thread.cpu')!, undefined, ctx);
  const user = P.bind(P.fields.find((f) => f.name === 'thread.cpu.user')!, undefined, ctx);
  const pi = (u: number, s: number) => makeEvent({ type: PPME.PROCINFO_E, params: [u64(u), u64(s)] }, curl);
  t.is(cpu.extract(pi(10, 5)), 0);
  t.is(cpu.extract(pi(30, 10)), 25);
  t.is(cpu.render(25, pi(0, 0)), '25.0');
  t.is(cpu.extract(pi(300, 10)), 100);
  t.is(user.extract(pi(10, 5)), 0);
  t.is(user.extract(pi(12, 500)), 2);
  t.is(cpu.extract(makeEvent({ type: PPME.SYSCALL_READ_X }, curl)), undefined);
});

test('user-visible numbers render as sysdig prints them, JSON too', (t) => {
  const { ctx, curl } = family();
  const ev = makeEvent({ type: PPME.SYSCALL_READ_X, ts: 5_000n }, curl);
  t.is(json(P, ctx, 'proc.pid', ev), '200');
  t.is(json(P, ctx, 'proc.name', ev), '"curl"');
  t.is(json(P, ctx, 'proc.nthreads', ev), '2');
  t.is(json(P, ctx, 'proc.duration', ev), '4000');
  t.is(json(P, ctx, 'proc.tty', ev), '34816');
  t.throws(() => json(P, ctx, 'proc.fdusage', ev), { message: 'wrong event type 33' });
});

test('name parsing: indexes, cgroup subsystems and what libsinsp does with the rest', (t) => {
  const parse = (s: string) => {
    const m = P.parseName!(s, 0);
    return m && { name: m.field.name, arg: m.arg, end: m.end };
  };
  t.deepEqual(parse('proc.aname[2]=x'), { name: 'proc.aname', arg: '2', end: 13 });
  t.deepEqual(parse('proc.apid[ 1]'), { name: 'proc.apid', arg: ' 1', end: 13 });
  t.deepEqual(parse('proc.apid'), { name: 'proc.apid', arg: undefined, end: 9 });
  // followed by anything else, or with a bad index, libsinsp takes no characters
  t.deepEqual(parse('proc.apid|@|x'), { name: 'proc.apid', arg: undefined, end: 0 });
  t.deepEqual(parse('proc.aname[x]'), { name: 'proc.aname', arg: undefined, end: 0 });
  t.deepEqual(parse('proc.aname[1'), { name: 'proc.aname', arg: undefined, end: 0 });
  t.deepEqual(parse('thread.cgroup.cpu_acct2 x'), { name: 'thread.cgroup', arg: 'cpu_acct', end: 22 });
  t.deepEqual(parse('thread.cgroups x'), { name: 'thread.cgroups', arg: undefined, end: 14 });
  t.throws(() => parse('thread.cgroupx'), { message: 'filter syntax error: thread.cgroupx' });
  t.deepEqual(parse('proc.namex'), { name: 'proc.name', arg: undefined, end: 9 });
  t.deepEqual(parse('thread.vmsize.b'), { name: 'thread.vmsize.b', arg: undefined, end: 15 });
  t.is(parse('procx'), undefined);
});
