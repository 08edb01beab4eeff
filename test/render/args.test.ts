// evt.args / evt.info of whole events, parameter type by parameter type.
import test from 'ava';
import { PPME } from '../../sinsp/generated/schema.js';
import { BufFmt } from '../../sinsp/render/bufmode.js';
import { paramIndex, renderArgs, renderInfo, renderParam } from '../../sinsp/render/info.js';
import type { ParamOut, RenderContext } from '../../sinsp/render/param.js';
import {
  addFd,
  bytes,
  event,
  FdType,
  i32,
  i64,
  L4Proto,
  sockaddr4,
  sockaddr6,
  stateWithThread,
  str,
  tuple4,
  tuple6,
  tupleUnix,
  u16,
  u32,
  u64,
  u8,
} from './events.js';

function setup(fmt: number = BufFmt.NORMAL, maxLen = 80) {
  const { state, thread } = stateWithThread(100, 'curl', '/home/user/');
  const ctx: RenderContext = { state, fmt, maxLen };
  return { state, thread, ctx };
}

const V6A = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x03, 0, 0];
const V6B = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x04, 0, 0];

test('open exit: fd with its name, absolute path, flags, octal and hex numbers', (t) => {
  const { thread, ctx } = setup();
  addFd(thread, 3, FdType.FILE, '/etc/hosts');
  const ev = event(
    { type: PPME.SYSCALL_OPEN_X, params: [i64(3), str('/etc/hosts'), u32(4097), u32(0o644), u32(0x803)] },
    thread,
  );
  t.is(renderArgs(ev, ctx), 'fd=3(<f>/etc/hosts) name=/etc/hosts flags=4097(O_RDONLY|O_CLOEXEC) mode=0644 dev=803 ');
  t.is(renderInfo(ev, ctx), renderArgs(ev, ctx));
});

test('relative paths are resolved against the working directory', (t) => {
  const { thread, ctx } = setup();
  const ev = event({ type: PPME.SYSCALL_OPEN_X, params: [i64(-2), str('../x/./y.txt'), u32(1), u32(0), u32(0)] }, thread);
  t.is(renderArgs(ev, ctx), 'fd=-2(ENOENT) name=../x/./y.txt(/home/x/y.txt) flags=1(O_RDONLY) mode=0 dev=0 ');
});

test('*at paths are resolved against their directory fd', (t) => {
  const { thread, ctx } = setup();
  addFd(thread, 5, FdType.DIRECTORY, '/var/lib');
  const at = event(
    { type: PPME.SYSCALL_OPENAT_2_X, params: [i64(6), i64(5), str('db/file'), u32(0x4 | 0x2), u32(0o600), u32(0), u64(12)] },
    thread,
  );
  t.is(
    renderArgs(at, ctx),
    'fd=6 dirfd=5(<d>/var/lib) name=db/file(/var/lib/db/file) flags=6(O_CREAT|O_WRONLY) mode=0600 dev=0 ',
    'the ino parameter of newer drivers is not in the 0.29.3 table and is not printed',
  );
  const cwd = event(
    { type: PPME.SYSCALL_OPENAT_2_X, params: [i64(6), i64(-100), str('f'), u32(1), u32(0), u32(0)] },
    thread,
  );
  t.is(renderArgs(cwd, ctx), 'fd=6 dirfd=-100(AT_FDCWD) name=f(/home/user/f) flags=1(O_RDONLY) mode=0 dev=0 ');
  const unknownDir = event(
    { type: PPME.SYSCALL_MKDIRAT_X, params: [i64(0), i64(9), str('new'), u32(0x1ff)] },
    thread,
  );
  t.is(renderArgs(unknownDir, ctx), 'res=0 dirfd=9 path=new(new) mode=1FF ', 'an unknown dirfd leaves the path relative');
});

test('no thread: fds stay bare numbers and paths are not resolved', (t) => {
  const { ctx } = setup();
  const ev = event({ type: PPME.SYSCALL_OPEN_X, params: [i64(-1), str('rel'), u32(0), u32(0), u32(0)] });
  t.is(renderArgs(ev, ctx), 'fd=-1 name=rel flags=0(O_NONE) mode=0 dev=0 ');
});

test('read exit: result and data, cut to 80 characters', (t) => {
  const { thread, ctx } = setup();
  const data = 'x'.repeat(100);
  const ev = event({ type: PPME.SYSCALL_READ_X, params: [i64(100), bytes(data)] }, thread);
  t.is(renderArgs(ev, ctx), 'res=100 data=' + 'x'.repeat(77) + '... ');
  const full = setup(BufFmt.NORMAL, 0);
  t.is(renderArgs(ev, full.ctx), 'res=100 data=' + data + ' ', '-v prints everything');
  const empty = event({ type: PPME.SYSCALL_READ_X, params: [i64(0), bytes('')] }, thread);
  t.is(renderArgs(empty, ctx), 'res=0 data= ');
  const failed = event({ type: PPME.SYSCALL_READ_X, params: [i64(-11), bytes('')] }, thread);
  t.is(renderArgs(failed, ctx), 'res=-11(EAGAIN) data= ');
  const odd = event({ type: PPME.SYSCALL_READ_X, params: [i64(-1234), bytes('')] }, thread);
  t.is(renderArgs(odd, ctx), 'res=-1234 data= ', 'unknown error numbers print bare');
});

test('read exit in -x mode', (t) => {
  const { thread, ctx } = setup(BufFmt.HEX);
  const ev = event({ type: PPME.SYSCALL_READ_X, params: [i64(3), bytes('abc')] }, thread);
  t.is(renderArgs(ev, ctx), 'res=3 data=\n\t0x0000: 6162 63\n ');
});

test('sockets: families, addresses and tuples', (t) => {
  const { thread, ctx } = setup();
  const bind4 = event({ type: PPME.SOCKET_BIND_X, params: [i64(0), sockaddr4('127.0.0.1', 8080)] }, thread);
  t.is(renderArgs(bind4, ctx), 'res=0 addr=127.0.0.1:8080 ');
  const bind6 = event({ type: PPME.SOCKET_BIND_X, params: [i64(0), sockaddr6(V6A, 1234)] }, thread);
  t.is(renderArgs(bind6, ctx), 'res=0 addr=2001:db8::3:0:1234 ');
  const bindUnix = event({ type: PPME.SOCKET_BIND_X, params: [i64(0), Buffer.concat([u8(1), str('/run/x.sock')])] }, thread);
  t.is(renderArgs(bindUnix, ctx), 'res=0 addr=/run/x.sock ');
  const bindNull = event({ type: PPME.SOCKET_BIND_X, params: [i64(0), Buffer.alloc(0)] }, thread);
  t.is(renderArgs(bindNull, ctx), 'res=0 addr=NULL ');
  const bindOther = event({ type: PPME.SOCKET_BIND_X, params: [i64(0), Buffer.from([200, 1, 2])] }, thread);
  t.is(renderArgs(bindOther, ctx), 'res=0 addr=family -56 ');
  const bad4 = event({ type: PPME.SOCKET_BIND_X, params: [i64(0), Buffer.from([2, 1, 2])] }, thread);
  t.is(renderArgs(bad4, ctx), 'res=0 addr=INVALID IPv4 ');

  const c4 = event({ type: PPME.SOCKET_CONNECT_X, params: [i64(-115), tuple4('127.0.0.1', 47192, '127.0.0.1', 80)] }, thread);
  t.is(renderArgs(c4, ctx), 'res=-115(EINPROGRESS) tuple=127.0.0.1:47192->127.0.0.1:80 ');
  const c6 = event({ type: PPME.SOCKET_CONNECT_X, params: [i64(0), tuple6(V6B, 54405, V6A, 1234)] }, thread);
  t.is(renderArgs(c6, ctx), 'res=0 tuple=2001:db8::4:0:54405->2001:db8::3:0:1234 ');
  const mapped = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1];
  const c46 = event({ type: PPME.SOCKET_CONNECT_X, params: [i64(0), tuple6(mapped, 1, new Array(16).fill(0), 2)] }, thread);
  t.is(renderArgs(c46, ctx), 'res=0 tuple=10.0.0.1:1->0.0.0.0:2 ', 'IPv4-mapped pairs print as IPv4');
  const cu = event({ type: PPME.SOCKET_CONNECT_X, params: [i64(-2), tupleUnix(0n, 0xffff8edcfda06800n, '/var/run/nscd/socket')] }, thread);
  t.is(renderArgs(cu, ctx), 'res=-2(ENOENT) tuple=0->ffff8edcfda06800 /var/run/nscd/socket ');
});

test('socket fds show type, protocol and name', (t) => {
  const { thread, ctx } = setup();
  addFd(thread, 4, FdType.IPV4_SOCK, '192.168.0.1:44434->192.168.0.3:80', L4Proto.TCP);
  addFd(thread, 5, FdType.IPV6_SOCK, '', L4Proto.NA);
  addFd(thread, 6, FdType.UNIX_SOCK, '');
  addFd(thread, 7, FdType.IPV4_SERVSOCK, '0.0.0.0:53', L4Proto.UDP);
  addFd(thread, 8, FdType.FIFO, 'pipe:[1234]');
  const mk = (fd: number): string =>
    renderArgs(event({ type: PPME.SYSCALL_READ_E, params: [i64(fd), u32(10)] }, thread), ctx);
  t.is(mk(4), 'fd=4(<4t>192.168.0.1:44434->192.168.0.3:80) size=10 ');
  t.is(mk(5), 'fd=5(<6>) size=10 ');
  t.is(mk(6), 'fd=6(<u>) size=10 ');
  t.is(mk(7), 'fd=7(<4u>0.0.0.0:53) size=10 ');
  t.is(mk(8), 'fd=8(<p>pipe:[1234]) size=10 ');
  t.is(mk(9), 'fd=9 size=10 ', 'an fd the thread does not have');
});

test('mmap: hex addresses, flag names, a -1 fd as errno', (t) => {
  const { thread, ctx } = setup();
  const ev = event(
    { type: PPME.SYSCALL_MMAP_E, params: [u64(0), u64(134217728), u32(0), u32(74), i64(-1), u64(0)] },
    thread,
  );
  t.is(renderArgs(ev, ctx), 'addr=0 length=134217728 prot=0(PROT_NONE) flags=74(MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE) fd=-1(EPERM) offset=0 ');
});

test('futex: u64 values print as signed, flags16', (t) => {
  const { thread, ctx } = setup();
  const ev = event({ type: PPME.SYSCALL_FUTEX_E, params: [u64(0x55a62c0c1f20n), u16(128), u64(0xffffffffffffffffn)] }, thread);
  t.is(renderArgs(ev, ctx), 'addr=55A62C0C1F20 op=128(FUTEX_PRIVATE_FLAG) val=-1 ');
});

test('pids, signals and relative times', (t) => {
  const { thread, ctx } = setup();
  const kill = event({ type: PPME.SYSCALL_KILL_E, params: [i64(100), u8(9)] }, thread);
  t.is(renderArgs(kill, ctx), 'pid=100(curl) sig=9(SIGKILL) ');
  const kill0 = event({ type: PPME.SYSCALL_KILL_E, params: [i64(9), u8(0)] }, thread);
  t.is(renderArgs(kill0, ctx), 'pid=9 sig=0 ');
  const sleep = (ns: bigint): string => renderArgs(event({ type: PPME.SYSCALL_NANOSLEEP_E, params: [u64(ns)] }, thread), ctx);
  t.is(sleep(0n), 'interval=0(0s) ');
  t.is(sleep(1500000000n), 'interval=1500000000(1.5s) ');
  t.is(sleep(10000n), 'interval=10000(1e-05s) ');
  t.is(sleep(0xffffffffffffffffn), 'interval=none ');
});

test('uid and gid with names from the user list', (t) => {
  const { state, thread, ctx } = setup();
  state.users.set(0, { uid: 0, gid: 0, name: 'root', homedir: '/root', shell: '/bin/sh' });
  state.groups.set(5, { gid: 5, name: 'tty' });
  const uid = (v: number): string => renderArgs(event({ type: PPME.SYSCALL_SETUID_E, params: [u32(v)] }, thread), ctx);
  t.is(uid(0), 'uid=0(root) ');
  t.is(uid(1000), 'uid=1000(<NA>) ');
  t.is(uid(0xffffffff), 'uid=-1(<NONE>) ');
  t.is(renderArgs(event({ type: PPME.SYSCALL_SETGID_E, params: [u32(5)] }, thread), ctx), 'gid=5(tty) ');
});

test('modes: octal number and permission names', (t) => {
  const { thread, ctx } = setup();
  const ev = event({ type: PPME.SYSCALL_CHMOD_X, params: [i64(0), str('/tmp/f'), u32(0o755)] }, thread);
  t.is(
    renderArgs(ev, ctx),
    'res=0 filename=/tmp/f mode=0755(S_IXOTH|S_IROTH|S_IXGRP|S_IRGRP|S_IXUSR|S_IWUSR|S_IRUSR) ',
  );
});

test('poll fd lists', (t) => {
  const { thread, ctx } = setup();
  addFd(thread, 3, FdType.FILE, '/x');
  const list = Buffer.concat([u16(2), i64(3), u16(1), i64(7), u16(0xffff)]);
  const ev = event({ type: PPME.SYSCALL_POLL_E, params: [list, i64(-1)] }, thread);
  t.is(renderArgs(ev, ctx), 'fds=3:f1 7:?ffffffff timeout=-1 ');
});

test('dynamic parameters pick their type from the first byte', (t) => {
  const { thread, ctx } = setup();
  addFd(thread, 3, FdType.IPV4_SOCK, '1.2.3.4:5->6.7.8.9:10', L4Proto.TCP);
  const sockopt = (val: Buffer): string =>
    renderArgs(
      event({ type: PPME.SOCKET_SETSOCKOPT_X, params: [i64(0), i64(3), u8(1), u8(2), val, u32(4)] }, thread),
      ctx,
    );
  t.is(sockopt(Buffer.concat([u8(2), u32(1)])), 'res=0 fd=3(<4t>1.2.3.4:5->6.7.8.9:10) level=1(SOL_SOCKET) optname=2(SO_REUSEADDR) val=1 optlen=4 ');
  t.is(sockopt(Buffer.concat([u8(1), i64(-111)])), 'res=0 fd=3(<4t>1.2.3.4:5->6.7.8.9:10) level=1(SOL_SOCKET) optname=2(SO_REUSEADDR) val=-111(ECONNREFUSED) optlen=4 ');
  t.is(sockopt(Buffer.concat([u8(0), bytes('ab\x01')])), 'res=0 fd=3(<4t>1.2.3.4:5->6.7.8.9:10) level=1(SOL_SOCKET) optname=2(SO_REUSEADDR) val=ab. optlen=4 ');
  t.is(sockopt(Buffer.concat([u8(4), u64(2000000000n)])), 'res=0 fd=3(<4t>1.2.3.4:5->6.7.8.9:10) level=1(SOL_SOCKET) optname=2(SO_REUSEADDR) val=2000000000(2s) optlen=4 ');
  t.is(sockopt(u8(9)), 'res=0 fd=3(<4t>1.2.3.4:5->6.7.8.9:10) level=1(SOL_SOCKET) optname=2(SO_REUSEADDR) val=INVALID DYNAMIC PARAMETER optlen=4 ');
  const ptrace = event({ type: PPME.SYSCALL_PTRACE_X, params: [i64(0), Buffer.concat([u8(0), u64(255)]), Buffer.concat([u8(1), u8(15)])] }, thread);
  t.is(renderArgs(ptrace, ctx), 'res=0 addr=FF data=15(SIGTERM) ', 'the outer print format (hex) applies');
});

test('events print the parameters both the trace and the table have', (t) => {
  const { thread, ctx } = setup();
  const short = event({ type: PPME.SYSCALL_OPEN_X, params: [i64(3)] }, thread);
  t.is(renderArgs(short, ctx), 'fd=3 ');
  const none = event({ type: PPME.SYSCALL_OPEN_E, params: [] }, thread);
  t.is(renderArgs(none, ctx), '');
});

test('generic events print no arguments', (t) => {
  const { thread, ctx } = setup();
  const ev = event({ type: PPME.GENERIC_E, params: [u16(5), u16(2)] }, thread);
  t.is(renderArgs(ev, ctx), '');
  const out: ParamOut = { value: '', resolved: '' };
  t.true(renderParam(ev, 0, ctx, out));
  t.deepEqual(out, { value: '5', resolved: 'open' }, 'but the syscall id has a name');
});

test('clone exit: pids resolved, byte buffers with dots, flags', (t) => {
  const { state, thread, ctx } = setup();
  const child = stateWithThread(843, 'curl').thread;
  state.threads.set(843, child);
  const ev = event(
    {
      type: PPME.SYSCALL_CLONE_20_X,
      params: [
        i64(0),
        str('curl'),
        bytes('localhost/bar\0'),
        i64(843),
        i64(842),
        i64(774),
        str(''),
        i64(1024),
        u64(0),
        u64(0),
        u32(99192),
        u32(5644),
        u32(0),
        str('curl'),
        bytes('cpuset=/\0cpu=/user.slice\0'),
        u32(41990659),
        u32(1000),
        u32(1000),
        i64(843),
        i64(842),
      ],
    },
    thread,
  );
  t.is(
    renderArgs(ev, ctx),
    'res=0 exe=curl args=localhost/bar. tid=843(curl) pid=842 ptid=774 cwd= fdlimit=1024 pgft_maj=0 pgft_min=0 ' +
      'vm_size=99192 vm_rss=5644 vm_swap=0 comm=curl cgroups=cpuset=/.cpu=/user.slice. ' +
      'flags=41990659(CLONE_FILES|CLONE_FS|CLONE_PARENT_SETTID|CLONE_SIGHAND|CLONE_SYSVSEM|CLONE_THREAD|CLONE_VM|CLONE_CHILD_CLEARTID|CLONE_SETTLS) ' +
      'uid=1000 gid=1000 vtid=843(curl) vpid=842 ',
  );
});

test('parameters by name and index', (t) => {
  const { thread, ctx } = setup();
  const ev = event({ type: PPME.SYSCALL_READ_X, params: [i64(5), bytes('hello')] }, thread);
  t.is(paramIndex(ev, 'data'), 1);
  t.is(paramIndex(ev, 'fd'), -1);
  const out: ParamOut = { value: '', resolved: '' };
  t.true(renderParam(ev, 1, ctx, out));
  t.is(out.value, 'hello');
  t.false(renderParam(ev, 2, ctx, out));
  t.false(renderParam(ev, -1, ctx, out));
});
