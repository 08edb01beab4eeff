// Dedicated exit events of polling, fd-creating and socket-option syscalls:
// each made with known arguments by a python workload, each parameter checked.
// Root only (eBPF probe).
import test from 'ava';
import { PPM, PPME } from '../../../sinsp/generated/schema.js';
import { isRoot, s32, s64, str, u16, u32, u64, u8 } from '../../capture/live-harness.js';
import { flag, ofType, param as p, startWorkload } from './workload.js';

const rootTest = isRoot() ? test.serial : test.skip;
if (!isRoot()) console.log('eBPF probe tests skipped: they need root');

const WORKLOAD = `
import socket
pr, pw = os.pipe()
os.write(pw, b'x')
report('pipe', [pr, pw])
fds = cstr(struct.pack('ihh', pr, 1, 0) + struct.pack('ihh', pw, 4, 0))
report('poll', sc('poll', fds, 2, 100))
mask = cstr(struct.pack('Q', 1 << 9))
report('ppoll', sc('ppoll', fds, 2, cstr(struct.pack('qq', 0, 5000000)), mask, 8))
report('select', sc('select', 0, 0, 0, 0, cstr(struct.pack('qq', 0, 1000))))
report('epoll_create', sc('epoll_create', 7))
ep = sc('epoll_create1', 0o2000000)
report('epoll_create1', ep)
evbuf = buf(64)
report('epoll_wait', sc('epoll_wait', ep, evbuf, 4, 0))
report('eventfd', sc('eventfd', 5))
report('eventfd2', sc('eventfd2', 7, 0o4000))
sigs = cstr(struct.pack('Q', 1 << 9))
report('signalfd', sc('signalfd', -1, sigs, 8))
report('signalfd4', sc('signalfd4', -1, sigs, 8, 0o2000000))
report('timerfd_create', sc('timerfd_create', 1, 0o4000))
report('inotify_init', sc('inotify_init'))
report('inotify_init1', sc('inotify_init1', 0o4000 | 0o2000000))
report('userfaultfd', sc('userfaultfd', 0o2000000))
pidfd = sc('pidfd_open', os.getpid(), 0)
report('pidfd_open', pidfd)
report('pidfd_getfd', sc('pidfd_getfd', pidfd, pr, 0))
params = buf(120)
ring = sc('io_uring_setup', 4, params)
report('io_uring_setup', ring)
report('io_uring_params', list(struct.unpack('6I', params.raw[:24])))
report('io_uring_enter', sc('io_uring_enter', ring, 0, 0, 1, 0, 0))
report('io_uring_register', sc('io_uring_register', ring, 1, 0, 0))
attr = cstr(struct.pack('IIII', 2, 4, 8, 1) + bytes(112))
bfd = sc('bpf', 0, attr, 128)
report('bpf', bfd)
fsfd = sc('fsopen', b'tmpfs', 0)
report('fsopen', fsfd)
report('fsconfig_str', sc('fsconfig', fsfd, 1, b'size', b'1m', 0))
report('fsconfig_flag', sc('fsconfig', fsfd, 0, b'noswap', 0, 0))
a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
report('pair', [a.fileno(), b.fileno()])
report('getsockname', sc('getsockname', a.fileno(), buf(128), ctypes.byref(ctypes.c_int(128))))
report('getpeername', sc('getpeername', a.fileno(), buf(128), ctypes.byref(ctypes.c_int(128))))
report('so_rcvbuf', sc('setsockopt', a.fileno(), 1, 8, cstr(struct.pack('i', 65536)), 4))
report('so_rcvtimeo', sc('setsockopt', a.fileno(), 1, 20, cstr(struct.pack('qq', 2, 500)), 16))
tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
report('tcp', tcp.fileno())
report('tcp_nodelay', sc('setsockopt', tcp.fileno(), 6, 1, cstr(struct.pack('i', 1)), 4))
ov = buf(4)
ol = ctypes.c_int(4)
report('so_type', sc('getsockopt', a.fileno(), 1, 3, ov, ctypes.byref(ol)))
report('so_type_val', struct.unpack('i', ov.raw)[0])
ev = buf(4)
el = ctypes.c_int(4)
report('so_error', sc('getsockopt', a.fileno(), 1, 4, ev, ctypes.byref(el)))
m1, m2 = cstr(b'first'), cstr(b'second!')
iov1 = cstr(struct.pack('QQ', addr(m1), 5))
iov2 = cstr(struct.pack('QQ', addr(m2), 7))
def mmsghdr(iov):
    return struct.pack('QiiQQQQiiI4x', 0, 0, 0, addr(iov), 1, 0, 0, 0, 0, 0)
vec = cstr(mmsghdr(iov1) + mmsghdr(iov2))
report('sendmmsg', sc('sendmmsg', a.fileno(), vec, 2, 0))
r1, r2 = buf(16), buf(16)
riov1 = cstr(struct.pack('QQ', addr(r1), 16))
riov2 = cstr(struct.pack('QQ', addr(r2), 16))
rvec = cstr(mmsghdr(riov1) + mmsghdr(riov2))
report('recvmmsg', sc('recvmmsg', b.fileno(), rvec, 2, 0, 0))
report('recvmmsg_none', sc('recvmmsg', b.fileno(), rvec, 2, 0x40, 0))
`;

const SYSCALLS = [
  'poll', 'ppoll', 'select', 'epoll_create', 'epoll_create1', 'epoll_wait', 'eventfd', 'eventfd2', 'signalfd',
  'signalfd4', 'timerfd_create', 'inotify_init', 'inotify_init1', 'userfaultfd', 'pidfd_open', 'pidfd_getfd',
  'io_uring_setup', 'io_uring_enter', 'io_uring_register', 'bpf', 'fsconfig', 'getsockname', 'getpeername',
  'setsockopt', 'getsockopt', 'sendmmsg', 'recvmmsg',
];

const { finished, find } = startWorkload(WORKLOAD, SYSCALLS);

/** PT_FDLIST: [fd, PPM_POLL* revents] pairs. */
function fdlist(b: Buffer | undefined): Array<[number, number]> {
  if (!b || b.length < 2) return [];
  const n = b.readUInt16LE(0);
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) out.push([Number(b.readBigInt64LE(2 + i * 10)), b.readInt16LE(2 + i * 10 + 8)]);
  return out;
}

rootTest('no drops', async (t) => {
  const run = await finished();
  t.is(run.drops, 0);
});

rootTest('poll, ppoll: fds with the returned events, timeout, sigmask', async (t) => {
  const pl = await find(PPME.SYSCALL_POLL_X, (e, o) => fdlist(p(e, 'fds'))[0]?.[0] === o.pipe[0]);
  t.is(s64(p(pl.e, 'res')), 2);
  t.deepEqual(fdlist(p(pl.e, 'fds')), [
    [pl.out.pipe[0], PPM.POLLIN],
    [pl.out.pipe[1], PPM.POLLOUT],
  ]);
  t.is(s64(p(pl.e, 'timeout')), 100);
  const pp = await find(PPME.SYSCALL_PPOLL_X, (e, o) => fdlist(p(e, 'fds'))[0]?.[0] === o.pipe[0]);
  t.is(s64(p(pp.e, 'res')), 2);
  t.deepEqual(fdlist(p(pp.e, 'fds')), [
    [pp.out.pipe[0], PPM.POLLIN],
    [pp.out.pipe[1], PPM.POLLOUT],
  ]);
  const left = u64(p(pp.e, 'timeout'));
  t.true(left > 0n && left <= 5000000n, `the time left (the kernel writes it back): ${left}`);
  t.is(u32(p(pp.e, 'sigmask')), 1 << 9);
});

rootTest('select and the epoll family', async (t) => {
  const sel = await find(PPME.SYSCALL_SELECT_X);
  t.is(s64(p(sel.e, 'res')), 0);
  const c = await find(PPME.SYSCALL_EPOLL_CREATE_X, (e) => s32(p(e, 'size')) === 7);
  t.is(s64(p(c.e, 'res')), c.out.epoll_create);
  const c1 = await find(PPME.SYSCALL_EPOLL_CREATE1_X, (e, o) => s64(p(e, 'res')) === o.epoll_create1);
  t.is(u32(p(c1.e, 'flags')), flag('epoll_create1_flags', 'EPOLL_CLOEXEC'));
  const w = await find(PPME.SYSCALL_EPOLLWAIT_X, (e) => s64(p(e, 'maxevents')) === 4);
  t.is(s64(p(w.e, 'res')), 0);
});

rootTest('eventfd, eventfd2', async (t) => {
  const e1 = await find(PPME.SYSCALL_EVENTFD_X);
  t.deepEqual([s64(p(e1.e, 'res')), u64(p(e1.e, 'initval')), u32(p(e1.e, 'flags'))], [e1.out.eventfd, 5n, 0]);
  const e2 = await find(PPME.SYSCALL_EVENTFD2_X, (e, o) => s64(p(e, 'res')) === o.eventfd2);
  t.is(u64(p(e2.e, 'initval')), 7n);
  t.is(u16(p(e2.e, 'flags')), PPM.O_NONBLOCK);
});

rootTest('signalfd, signalfd4', async (t) => {
  const s1 = await find(PPME.SYSCALL_SIGNALFD_X);
  t.deepEqual([s64(p(s1.e, 'res')), s64(p(s1.e, 'fd')), u32(p(s1.e, 'mask')), u8(p(s1.e, 'flags'))], [s1.out.signalfd, -1, 0, 0]);
  const s4 = await find(PPME.SYSCALL_SIGNALFD4_X);
  t.deepEqual([s64(p(s4.e, 'res')), s64(p(s4.e, 'fd')), u16(p(s4.e, 'flags'))], [s4.out.signalfd4, -1, PPM.O_CLOEXEC]);
});

rootTest('timerfd_create, inotify_init, inotify_init1, userfaultfd', async (t) => {
  const tf = await find(PPME.SYSCALL_TIMERFD_CREATE_X);
  t.deepEqual([s64(p(tf.e, 'res')), u8(p(tf.e, 'clockid')), u8(p(tf.e, 'flags'))], [tf.out.timerfd_create, 1, PPM.O_NONBLOCK]);
  const i0 = await find(PPME.SYSCALL_INOTIFY_INIT_X);
  t.deepEqual([s64(p(i0.e, 'res')), u8(p(i0.e, 'flags'))], [i0.out.inotify_init, 0]);
  const i1 = await find(PPME.SYSCALL_INOTIFY_INIT1_X);
  t.deepEqual([s64(p(i1.e, 'res')), u16(p(i1.e, 'flags'))], [i1.out.inotify_init1, PPM.O_NONBLOCK | PPM.O_CLOEXEC]);
  const uf = await find(PPME.SYSCALL_USERFAULTFD_X);
  t.deepEqual([s64(p(uf.e, 'res')), u32(p(uf.e, 'flags'))], [uf.out.userfaultfd, 0o2000000]);
});

rootTest('pidfd_open, pidfd_getfd', async (t) => {
  const o = await find(PPME.SYSCALL_PIDFD_OPEN_X);
  const { pid } = await finished();
  t.deepEqual([s64(p(o.e, 'fd')), s64(p(o.e, 'pid')), u32(p(o.e, 'flags'))], [o.out.pidfd_open, pid, 0]);
  const g = await find(PPME.SYSCALL_PIDFD_GETFD_X);
  t.deepEqual(
    [s64(p(g.e, 'fd')), s64(p(g.e, 'pid_fd')), s64(p(g.e, 'target_fd')), u32(p(g.e, 'flags'))],
    [g.out.pidfd_getfd, g.out.pidfd_open, g.out.pipe[0], 0],
  );
});

rootTest('io_uring_setup, io_uring_enter, io_uring_register', async (t) => {
  const s = await find(PPME.SYSCALL_IO_URING_SETUP_X);
  const [sq, cq, , , , feats] = s.out.io_uring_params as number[];
  t.is(s64(p(s.e, 'res')), s.out.io_uring_setup);
  t.deepEqual([u32(p(s.e, 'entries')), u32(p(s.e, 'sq_entries')), u32(p(s.e, 'cq_entries'))], [4, sq, cq]);
  t.is(u32(p(s.e, 'flags')), 0);
  t.is(u32(p(s.e, 'features')), feats! & 0x7ff);
  t.true((u32(p(s.e, 'features')) & flag('io_uring_setup_feats', 'IORING_FEAT_SINGLE_MMAP')) !== 0);
  const e = await find(PPME.SYSCALL_IO_URING_ENTER_X);
  t.deepEqual(
    [s64(p(e.e, 'res')), s64(p(e.e, 'fd')), u32(p(e.e, 'to_submit')), u32(p(e.e, 'min_complete')), u32(p(e.e, 'flags'))],
    [e.out.io_uring_enter, e.out.io_uring_setup, 0, 0, flag('io_uring_enter_flags', 'IORING_ENTER_GETEVENTS')],
  );
  const r = await find(PPME.SYSCALL_IO_URING_REGISTER_X);
  t.deepEqual(
    [s64(p(r.e, 'res')), s64(p(r.e, 'fd')), u16(p(r.e, 'opcode')), u64(p(r.e, 'arg')), u32(p(r.e, 'nr_args'))],
    [r.out.io_uring_register, r.out.io_uring_setup, flag('io_uring_register_opcodes', 'IORING_UNREGISTER_BUFFERS'), 0n, 0],
  );
});

rootTest('bpf: command and result', async (t) => {
  const { e, out } = await find(PPME.SYSCALL_BPF_2_X, (e) => u32(p(e, 'cmd')) === flag('bpf_commands', 'BPF_MAP_CREATE'));
  t.is(s64(p(e, 'fd')), out.bpf);
});

rootTest('fsconfig: key and the value by command', async (t) => {
  const s = await find(PPME.SYSCALL_FSCONFIG_X, (e) => u32(p(e, 'cmd')) === flag('fsconfig_cmds', 'FSCONFIG_SET_STRING'));
  t.is(s64(p(s.e, 'res')), s.out.fsconfig_str);
  t.is(s64(p(s.e, 'fd')), s.out.fsopen);
  t.is(str(p(s.e, 'key')), 'size');
  t.is(p(s.e, 'value_bytebuf')!.length, 0);
  t.is(str(p(s.e, 'value_charbuf')), s.out.fsconfig_str === 0 ? '1m' : '');
  t.is(s32(p(s.e, 'aux')), 0);
  const f = await find(PPME.SYSCALL_FSCONFIG_X, (e) => u32(p(e, 'cmd')) === flag('fsconfig_cmds', 'FSCONFIG_SET_FLAG'));
  t.is(str(p(f.e, 'key')), 'noswap');
  t.is(p(f.e, 'value_charbuf')!.length, 0);
});

rootTest('getsockname, getpeername: events without parameters', async (t) => {
  const n = await find(PPME.SOCKET_GETSOCKNAME_X);
  t.is(n.e.params.size, 0);
  const pn = await find(PPME.SOCKET_GETPEERNAME_X);
  t.is(pn.e.params.size, 0);
});

rootTest('setsockopt, getsockopt: level, option and value', async (t) => {
  const { e: rcv, out } = await find(PPME.SOCKET_SETSOCKOPT_X, (e) => u8(p(e, 'optname')) === PPM.SOCKOPT_SO_RCVBUF);
  t.is(s64(p(rcv, 'res')), 0);
  t.is(s64(p(rcv, 'fd')), out.pair[0]);
  t.is(u8(p(rcv, 'level')), PPM.SOCKOPT_LEVEL_SOL_SOCKET);
  t.deepEqual([...p(rcv, 'val')!], [PPM.SOCKOPT_IDX_UINT32, 0x00, 0x00, 0x01, 0x00]);
  t.is(u32(p(rcv, 'optlen')), 4);
  const { e: tmo } = await find(PPME.SOCKET_SETSOCKOPT_X, (e) => u8(p(e, 'optname')) === PPM.SOCKOPT_SO_RCVTIMEO);
  const tv = p(tmo, 'val')!;
  t.is(tv[0], PPM.SOCKOPT_IDX_TIMEVAL);
  t.is(tv.readBigUInt64LE(1), 2_000_500_000n);
  const { e: tcp } = await find(PPME.SOCKET_SETSOCKOPT_X, (e, o) => s64(p(e, 'fd')) === o.tcp);
  t.is(u8(p(tcp, 'level')), PPM.SOCKOPT_LEVEL_SOL_TCP);
  t.is(u8(p(tcp, 'optname')), PPM.SOCKOPT_UNKNOWN);
  t.deepEqual([...p(tcp, 'val')!], [PPM.SOCKOPT_IDX_UNKNOWN, 1, 0, 0, 0]);
  const { e: ty } = await find(PPME.SOCKET_GETSOCKOPT_X, (e) => u8(p(e, 'optname')) === PPM.SOCKOPT_SO_TYPE);
  t.is(s64(p(ty, 'res')), 0);
  t.deepEqual([...p(ty, 'val')!], [PPM.SOCKOPT_IDX_UINT32, out.so_type_val, 0, 0, 0]);
  t.is(u32(p(ty, 'optlen')), 4);
  const { e: er } = await find(PPME.SOCKET_GETSOCKOPT_X, (e) => u8(p(e, 'optname')) === PPM.SOCKOPT_SO_ERROR);
  const ev = p(er, 'val')!;
  t.is(ev[0], PPM.SOCKOPT_IDX_ERRNO);
  t.is(ev.readBigInt64LE(1), 0n);
});

rootTest('sendmmsg, recvmmsg: one event per message', async (t) => {
  const run = await finished();
  const [a, b] = run.out.pair as number[];
  const sent = ofType(run.events, PPME.SOCKET_SENDMMSG_X).filter((e) => s64(p(e, 'fd')) === a);
  t.deepEqual(sent.map((e) => [s64(p(e, 'res')), u32(p(e, 'size')), p(e, 'data')!.toString()]), [
    [5, 5, 'first'],
    [7, 7, 'second!'],
  ]);
  const recv = ofType(run.events, PPME.SOCKET_RECVMMSG_X).filter((e) => s64(p(e, 'fd')) === b);
  t.deepEqual(recv.map((e) => [s64(p(e, 'res')), u32(p(e, 'size')), p(e, 'data')!.toString()]), [
    [5, 5, 'first'],
    [7, 7, 'second!'],
    [run.out.recvmmsg_none, 0, ''],
  ]);
  t.is(recv[0]!.params.get('tuple')![0], PPM.AF_UNIX);
  t.is(recv[2]!.params.get('tuple')!.length, 0);
});
