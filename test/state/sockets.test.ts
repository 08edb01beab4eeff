import test from 'ava';
import { PPME } from '../../sinsp/generated/schema.js';
import { FdFlag, FdType, L4Proto } from '../../sinsp/state/fd.js';
import { P, SOCK, capturedThread, ip4, runRecords, type RecordSpec } from '../helpers/records.js';

const socket = (tid: number, fd: number, domain: number, type: number, proto = 0): RecordSpec[] => [
  { type: PPME.SOCKET_SOCKET_E, tid, params: [P.u32(domain), P.u32(type), P.u32(proto)] },
  { type: PPME.SOCKET_SOCKET_X, tid, params: [P.i64(fd)] },
];
const connect = (tid: number, fd: number, addr: Buffer, tuple: Buffer, res = 0): RecordSpec[] => [
  { type: PPME.SOCKET_CONNECT_E, tid, params: [P.i64(fd), addr] },
  { type: PPME.SOCKET_CONNECT_X, tid, params: [P.i64(res), tuple] },
];

test('socket + connect: an IPv4 TCP client named by its tuple', (t) => {
  const { insp, seen } = runRecords(
    [capturedThread({ tid: 20 })],
    [...socket(20, 3, 2, 1), ...connect(20, 3, SOCK.v4('10.0.0.2', 80), SOCK.tuple4('10.0.0.1', 40000, '10.0.0.2', 80))],
  );
  const fd = insp.state.thread(20)!.getFd(3)!;
  t.is(fd.type, FdType.IPV4_SOCK);
  t.is(fd.l4proto, L4Proto.TCP);
  t.is(fd.name, '10.0.0.1:40000->10.0.0.2:80');
  t.is(fd.sip, ip4('10.0.0.1'));
  t.is(fd.dport, 80);
  t.true(fd.isClientRole);
  t.true(fd.isConnected);
  t.is(seen[1]!.fdName, '');
});

test('a refused unix connect keeps the name its enter gave', (t) => {
  const { insp } = runRecords(
    [capturedThread({ tid: 20 })],
    [...socket(20, 3, 1, 1), ...connect(20, 3, SOCK.unix('/run/x'), SOCK.tupleUnix(0n, 0x1234n, '/run/x'), -2)],
  );
  const fd = insp.state.thread(20)!.getFd(3)!;
  t.is(fd.type, FdType.UNIX_SOCK);
  t.is(fd.name, '/run/x');
});

test('unix connect names the fd with the kernel pointers and path', (t) => {
  const { insp } = runRecords(
    [capturedThread({ tid: 20 })],
    [...socket(20, 3, 1, 1), ...connect(20, 3, SOCK.unix('/run/x'), SOCK.tupleUnix(0n, 0xabcn, '/run/x'))],
  );
  const fd = insp.state.thread(20)!.getFd(3)!;
  t.is(fd.name, '0->abc /run/x');
  t.is(fd.unixDest, 0xabcn);
});

test('bind makes an IPv4 server socket', (t) => {
  const { insp } = runRecords(
    [capturedThread({ tid: 20 })],
    [
      ...socket(20, 3, 2, 1),
      { type: PPME.SOCKET_BIND_E, tid: 20, params: [P.i64(3)] },
      { type: PPME.SOCKET_BIND_X, tid: 20, params: [P.i64(0), SOCK.v4('0.0.0.0', 8080)] },
    ],
  );
  const fd = insp.state.thread(20)!.getFd(3)!;
  t.is(fd.type, FdType.IPV4_SERVSOCK);
  t.is(fd.sport, 8080);
  t.is(fd.l4proto, L4Proto.TCP);
  t.is(fd.name, '0.0.0.0:8080');
  t.true(fd.isServerRole);
});

test('accept adds a connected server-side socket', (t) => {
  const { insp } = runRecords(
    [capturedThread({ tid: 20 })],
    [
      { type: PPME.SOCKET_ACCEPT_5_E, tid: 20, params: [] },
      {
        type: PPME.SOCKET_ACCEPT_5_X,
        tid: 20,
        params: [P.i64(7), SOCK.tuple4('192.168.0.1', 44434, '192.168.0.3', 80), P.u8(0), P.u32(0), P.u32(128)],
      },
    ],
  );
  const fd = insp.state.thread(20)!.getFd(7)!;
  t.is(fd.name, '192.168.0.1:44434->192.168.0.3:80');
  t.true(fd.isServerRole);
  t.true(fd.isConnected);
  t.is(fd.l4proto, L4Proto.TCP);
});

test('IPv6 accept keeps IPv6 addresses; IPv4-mapped ones become IPv4', (t) => {
  const acc = (fd: number, tuple: Buffer): RecordSpec[] => [
    { type: PPME.SOCKET_ACCEPT_5_E, tid: 20, params: [] },
    { type: PPME.SOCKET_ACCEPT_5_X, tid: 20, params: [P.i64(fd), tuple, P.u8(0), P.u32(0), P.u32(0)] },
  ];
  const { insp } = runRecords(
    [capturedThread({ tid: 20 })],
    [...acc(7, SOCK.tuple6('::1', 5000, '::1', 80)), ...acc(8, SOCK.tuple6('::ffff:1.2.3.4', 5000, '::ffff:5.6.7.8', 80))],
  );
  const a = insp.state.thread(20)!.getFd(7)!;
  t.is(a.type, FdType.IPV6_SOCK);
  t.is(a.name, '::1:5000->::1:80');
  t.deepEqual([...a.sip6!], [...SOCK.v6('::1', 0).subarray(1, 17)]);
  const b = insp.state.thread(20)!.getFd(8)!;
  t.is(b.type, FdType.IPV4_SOCK);
  t.is(b.name, '1.2.3.4:5000->5.6.7.8:80');
});

test('sendto on an fd never seen guesses a UDP socket and names it from the tuple', (t) => {
  const { insp } = runRecords(
    [capturedThread({ tid: 20 })],
    [
      { type: PPME.SOCKET_SENDTO_E, tid: 20, params: [P.i64(9), P.u32(10), SOCK.tuple4('0.0.0.0', 0, '8.8.8.8', 53)] },
      { type: PPME.SOCKET_SENDTO_X, tid: 20, params: [P.i64(10), Buffer.from('q')] },
    ],
  );
  const fd = insp.state.thread(20)!.getFd(9)!;
  t.is(fd.type, FdType.IPV4_SOCK);
  t.is(fd.l4proto, L4Proto.UDP);
  t.is(fd.name, '0.0.0.0:0->8.8.8.8:53');
  t.true(fd.isClientRole);
});

test('recvfrom on a UDP server socket records the peer', (t) => {
  const { insp } = runRecords(
    [capturedThread({ tid: 20 })],
    [
      ...socket(20, 3, 2, 2),
      { type: PPME.SOCKET_BIND_E, tid: 20, params: [P.i64(3)] },
      { type: PPME.SOCKET_BIND_X, tid: 20, params: [P.i64(0), SOCK.v4('0.0.0.0', 53)] },
      { type: PPME.SOCKET_RECVFROM_E, tid: 20, params: [P.i64(3), P.u32(512)] },
      { type: PPME.SOCKET_RECVFROM_X, tid: 20, params: [P.i64(4), Buffer.from('abcd'), SOCK.tuple4('9.9.9.9', 1111, '0.0.0.0', 53)] },
    ],
  );
  const fd = insp.state.thread(20)!.getFd(3)!;
  t.is(fd.type, FdType.IPV4_SOCK);
  t.is(fd.l4proto, L4Proto.UDP);
  t.true(fd.isServerRole);
  // it was still a server socket when the read completed: libsinsp does not mark it connected
  t.is(fd.flags & FdFlag.SOCKET_CONNECTED, 0);
});

test('socketpair adds both ends as unix sockets', (t) => {
  const { insp } = runRecords(
    [capturedThread({ tid: 20 })],
    [
      { type: PPME.SOCKET_SOCKETPAIR_E, tid: 20, params: [P.u32(1), P.u32(1), P.u32(0)] },
      { type: PPME.SOCKET_SOCKETPAIR_X, tid: 20, params: [P.i64(0), P.i64(5), P.i64(6), P.u64(0x10n), P.u64(0x20n)] },
    ],
  );
  const th = insp.state.thread(20)!;
  t.is(th.getFd(5)!.type, FdType.UNIX_SOCK);
  t.is(th.getFd(6)!.unixDest, 0x20n);
  t.is(th.lastFd, 6);
});
