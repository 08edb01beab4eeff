import test from 'ava';
import { formatG } from '../../sinsp/render/gformat.js';
import { ipv4U32Text, ipv6Text, isIpv4MappedIpv6 } from '../../sinsp/render/inet.js';
import { formatInt32, formatInt64, pad9 } from '../../sinsp/render/numbers.js';
import { normalizePath, resolveRelativePath, sanitizedPath } from '../../sinsp/render/paths.js';
import { sanitizeString, sanitizedCString } from '../../sinsp/render/text.js';
import { PF } from '../../sinsp/generated/schema.js';

test('%g as C prints it', (t) => {
  t.is(formatG(0), '0');
  t.is(formatG(1), '1');
  t.is(formatG(0.5), '0.5');
  t.is(formatG(0.001), '0.001');
  t.is(formatG(0.0001), '0.0001');
  t.is(formatG(0.00001), '1e-05');
  t.is(formatG(0.000015), '1.5e-05');
  t.is(formatG(123456), '123456');
  t.is(formatG(1234567), '1.23457e+06');
  t.is(formatG(100000000), '1e+08');
  t.is(formatG(2.5), '2.5');
  t.is(formatG(0.1234567), '0.123457');
  t.is(formatG(999999.5), '1e+06');
  t.is(formatG(-0.25), '-0.25');
  // exact ties at the sixth digit go to the even neighbour, as glibc rounds
  t.is(formatG(123456.5), '123456');
  t.is(formatG(123457.5), '123458');
  t.is(formatG(1234565), '1.23456e+06');
  t.is(formatG(-0.0001234565), '-0.000123457', 'not an exact tie in binary: rounds as its value says');
});

test('integers: C promotion rules and print formats', (t) => {
  t.is(formatInt32(0xffffffff, PF.DEC), '-1', 'u32 printed with %d');
  t.is(formatInt32(-1, PF.HEX), 'FFFFFFFF');
  t.is(formatInt32(0x1ff, PF.HEX), '1FF');
  t.is(formatInt32(0o644, PF.OCT), '0644');
  t.is(formatInt32(0, PF.OCT), '0');
  t.is(formatInt32(42, PF['10_PADDED_DEC']), '000000042');
  t.is(formatInt64(-1, 0xffffffff, PF.DEC), '-1');
  t.is(formatInt64(0x7f1a, 0x14e6f000, PF.HEX), '7F1A14E6F000');
  t.is(formatInt64(-1, 0xfffffffe, PF.HEX), 'FFFFFFFFFFFFFFFE');
  t.is(formatInt64(0x7fffffff, 0xffffffff, PF.DEC), '9223372036854775807');
  t.is(formatInt64(-0x80000000, 0, PF.DEC), '-9223372036854775808');
  t.is(formatInt64(0, 8, PF.OCT), '010');
  t.is(pad9('-5'), '-00000005');
});

test('IPv6 addresses as glibc inet_ntop writes them', (t) => {
  const a = (s: number[]): Uint8Array => Uint8Array.from(s);
  t.is(ipv6Text(a([0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3]), 0), '2001:db8::3');
  t.is(ipv6Text(a(new Array(16).fill(0)), 0), '::');
  t.is(ipv6Text(a([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]), 0), '::1');
  // glibc (unlike BIND) keeps a lone last group in hex: ::2, not ::0.0.0.2
  t.is(ipv6Text(a([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]), 0), '::2');
  t.is(ipv6Text(a([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1]), 0), '::ffff:127.0.0.1');
  t.is(ipv6Text(a([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 1]), 0), '::10.0.0.1');
  t.is(ipv6Text(a([0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0]), 0), 'fe80::1:0');
  t.is(ipv6Text(a([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1]), 0), '1:0:1::1:1', 'a single zero group is not compressed');
  t.is(ipv6Text(a([0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1]), 0), '1::1:0:0:1:1', 'first of two equal runs');
  t.is(ipv4U32Text(0x0100007f), '127.0.0.1');
  t.true(isIpv4MappedIpv6(a([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4]), 0));
  t.true(isIpv4MappedIpv6(a(new Array(16).fill(0)), 0));
  t.false(isIpv4MappedIpv6(a([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]), 0));
});

test('sanitizing drops everything but printable ASCII', (t) => {
  t.is(sanitizeString('caf\u00e9\t/x'), 'caf/x');
  t.is(sanitizeString('plain'), 'plain');
  const b = Buffer.from([0x61, 0x0a, 0xc3, 0xa9, 0x62, 0, 0x63]);
  t.is(sanitizedCString(b, 0, b.length), 'ab');
});

test('paths: relative ones resolved and normalized, absolute ones not', (t) => {
  const p = (s: string): Buffer => Buffer.from(s + '\0', 'latin1');
  const rel = (base: string, s: string): string | undefined => resolveRelativePath(base, p(s), 0, s.length + 1);
  t.is(rel('/home/user/', 'foo.txt'), '/home/user/foo.txt');
  t.is(rel('/home/user/', '../etc/./passwd'), '/home/etc/passwd');
  t.is(rel('/home/user/', 'a//b/'), '/home/user/a/b');
  t.is(rel('/home/user/', '..'), '/home');
  t.is(rel('/', '../../x'), '/x');
  t.is(rel('/home/user/', 'bad\x01name'), '/home/user/bad.name');
  t.is(rel('/home/user/', ''), '/home/user', 'an empty path resolves to the directory without its slash');
  t.is(rel('/home/user/', '/etc/hosts'), undefined);
  t.is(normalizePath('/cwd/', p('/etc//./hosts/'), 0, 15), '/etc/hosts');
  t.is(sanitizedPath(p('/tmp/\x01x'), 0, 9), '/tmp/x');
  t.is(sanitizedPath(Buffer.from('abc'), 0, 3), 'ab', 'no NUL: the last character is lost, as in sysdig');
});
