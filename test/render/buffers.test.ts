import test from 'ava';
import { renderBytes } from '../../sinsp/render/buffers.js';
import { BufFmt, bufFmtOf } from '../../sinsp/render/bufmode.js';

const b = (s: string): Buffer => Buffer.from(s, 'latin1');
const r = (s: string, fmt: number, max = 0): string => renderBytes(b(s), 0, s.length, fmt, max);

test('default mode: printable bytes as they are, the others as dots', (t) => {
  t.is(r('GET / HTTP/1.1\r\nHost: x\r\n\r\n', BufFmt.NORMAL), 'GET / HTTP/1.1..Host: x....');
  t.is(r('\x00\x01\x7f\x80\xff~ ', BufFmt.NORMAL), '.....~ ');
  t.is(r('', BufFmt.NORMAL), '');
});

test('default mode: cut to the output length with "..."', (t) => {
  const long = 'a'.repeat(100);
  t.is(r(long, BufFmt.NORMAL, 80), 'a'.repeat(77) + '...');
  t.is(r('a'.repeat(80), BufFmt.NORMAL, 80), 'a'.repeat(80));
  t.is(r('a'.repeat(81), BufFmt.NORMAL, 80), 'a'.repeat(77) + '...');
  t.is(r(long, BufFmt.NORMAL, 0), long, 'no limit with -v');
  t.is(r('abcdef', BufFmt.NORMAL, 3), 'abc', 'a limit of 3 or less has no room for dots');
});

test('other modes are never cut', (t) => {
  const long = 'b'.repeat(100);
  t.is(r(long, BufFmt.JSON, 80), long);
  t.is(r(long, BufFmt.EOLS, 80), '\n' + long);
});

test('-A: printable text and line breaks, \\r\\n once, a leading newline', (t) => {
  t.is(r('line1\r\nline2\nx\ty\rz', BufFmt.EOLS), '\nline1\nline2\nxy\nz');
  t.is(r('\nstart', BufFmt.EOLS), '\nstart', 'a newline as first byte is dropped');
  t.is(r('a\r\n', BufFmt.EOLS_COMPACT), 'a\n', 'compact: no leading newline');
  t.is(r('', BufFmt.EOLS), '', 'empty stays empty');
});

test('-x: rows of 16 bytes in 2-byte groups, odd last byte alone', (t) => {
  t.is(r('# /etc/nsswitch.conf', BufFmt.HEX), '\n\t0x0000: 2320 2f65 7463 2f6e 7373 7769 7463 682e\n\t0x0010: 636f 6e66\n');
  t.is(r('abc', BufFmt.HEX), '\n\t0x0000: 6162 63\n');
  t.is(r('\x00\xff', BufFmt.HEX), '\n\t0x0000: 00ff\n');
});

test('-X: hex padded to 8 groups, then the bytes with dots', (t) => {
  t.is(
    r('# /etc/nsswitch.\nabc', BufFmt.HEXASCII),
    '\n\t0x0000: 2320 2f65 7463 2f6e 7373 7769 7463 682e  # /etc/nsswitch.' +
      '\n\t0x0010: 0a61 6263' + ' '.repeat(6 * 5) + '  .abc\n',
  );
  t.is(r('abc', BufFmt.HEXASCII), '\n\t0x0000: 6162 63' + ' '.repeat(6 * 5) + '  abc\n');
});

test('hex offsets grow past 4 digits', (t) => {
  const text = r('z'.repeat(0x10010), BufFmt.HEX);
  t.true(text.includes('\n\t0x10000: 7a7a'));
  t.true(text.includes('\n\t0xfff0: '));
});

test('-b: base64 with padding', (t) => {
  t.is(r('# /etc/nsswitch.conf', BufFmt.BASE64), 'IyAvZXRjL25zc3dpdGNoLmNvbmY=');
  t.is(r('ab', BufFmt.BASE64), 'YWI=');
  t.is(r('abc', BufFmt.BASE64), 'YWJj');
});

test('-j variants follow the -A/-x/-X/-b choice', (t) => {
  t.is(r('a\r\nb\x01', BufFmt.JSON), 'a..b.');
  t.is(r('a\r\nb\x01', BufFmt.JSONEOLS), '\na\nb');
  t.is(r('abc', BufFmt.JSONHEX), '\n\t0x0000: 6162 63\n');
  t.is(r('abc', BufFmt.JSONHEXASCII), '\n\t0x0000: 6162 63' + ' '.repeat(30) + '  abc\n');
  t.is(r('abc', BufFmt.JSONBASE64), 'YWJj');
});

test('buffer format from the command line', (t) => {
  t.is(bufFmtOf('normal', false), BufFmt.NORMAL);
  t.is(bufFmtOf('normal', true), BufFmt.JSON);
  t.is(bufFmtOf('ascii', true), BufFmt.JSONEOLS);
  t.is(bufFmtOf('hex', false), BufFmt.HEX);
  t.is(bufFmtOf('hexascii', true), BufFmt.JSONHEXASCII);
  t.is(bufFmtOf('base64', false), BufFmt.BASE64);
  t.is(bufFmtOf('json', false), BufFmt.JSON);
});
