import test from 'ava';
import { FdInfo, FdType, L4Proto } from '../../sinsp/state/fd.js';
import { ipv6Str, sockaddrSimple, sockinfoStr, socktupleSimple } from '../../sinsp/state/sockname.js';
import { SOCK, ip4 } from '../helpers/records.js';

const v6 = (s: string): Uint8Array => SOCK.v6(s, 0).subarray(1, 17);

test('IPv6 text as glibc inet_ntop writes it', (t) => {
  t.is(ipv6Str(v6('::1')), '::1');
  t.is(ipv6Str(v6('::')), '::');
  t.is(ipv6Str(v6('fe80::1:2')), 'fe80::1:2');
  t.is(ipv6Str(v6('2001:db8:0:0:1:0:0:1')), '2001:db8::1:0:0:1');
  t.is(ipv6Str(v6('1:0:2:3:4:5:6:7')), '1:0:2:3:4:5:6:7');
  t.is(ipv6Str(v6('::ffff:c0a8:101')), '::ffff:192.168.1.1');
  t.is(ipv6Str(v6('::c0a8:101')), '::192.168.1.1');
});

test('sockaddr parameters as fd names', (t) => {
  t.is(sockaddrSimple(SOCK.v4('10.0.0.1', 80)), '10.0.0.1:80');
  t.is(sockaddrSimple(SOCK.v6('::1', 8080)), '::1:8080');
  t.is(sockaddrSimple(SOCK.unix('/run/x.sock')), '/run/x.sock');
  t.is(sockaddrSimple(Buffer.alloc(0)), 'NULL');
  t.is(sockaddrSimple(Buffer.from([17, 0, 0])), 'family 17');
});

test('socktuple parameters as fd names', (t) => {
  t.is(socktupleSimple(SOCK.tuple4('1.2.3.4', 5, '6.7.8.9', 10)), '1.2.3.4:5->6.7.8.9:10');
  t.is(socktupleSimple(SOCK.tuple6('::ffff:1.2.3.4', 5, '::ffff:6.7.8.9', 10)), '1.2.3.4:5->6.7.8.9:10');
  t.is(socktupleSimple(SOCK.tuple6('fe80::1', 5, 'fe80::2', 10)), 'fe80::1:5->fe80::2:10');
  t.is(socktupleSimple(SOCK.tupleUnix(0n, 0xffff8edcfda06800n, '/var/run/nscd/socket')), '0->ffff8edcfda06800 /var/run/nscd/socket');
});

test('connected socket names follow the l4 protocol', (t) => {
  const f = new FdInfo();
  f.type = FdType.IPV4_SOCK;
  f.w0 = ip4('10.0.0.1');
  f.w1 = ip4('10.0.0.2');
  f.v4Sport = 1234;
  f.v4Dport = 80;
  f.v4L4 = L4Proto.TCP;
  t.is(sockinfoStr(f), '10.0.0.1:1234->10.0.0.2:80');
  f.v4L4 = L4Proto.ICMP;
  t.is(sockinfoStr(f), '10.0.0.1->10.0.0.2');
  f.v4L4 = L4Proto.UNKNOWN;
  t.is(sockinfoStr(f), '<unknown>');
  f.type = FdType.FILE;
  t.is(sockinfoStr(f), undefined);
});
