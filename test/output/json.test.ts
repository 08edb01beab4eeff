import test from 'ava';
import { jsonQuote, jsonQuoteBytes } from '../../sinsp/output/json.js';

test('plain ASCII is quoted as is', (t) => {
  t.is(jsonQuote('/etc/hosts'), '"/etc/hosts"');
  t.is(jsonQuote(''), '""');
});

test('escapes like jsoncpp: short escapes, lowercase \\u00xx for other controls', (t) => {
  t.is(jsonQuote('a"b\\c'), '"a\\"b\\\\c"');
  t.is(jsonQuote('\n\r\t\b\f'), '"\\n\\r\\t\\b\\f"');
  t.is(jsonQuote('\x01\x1f'), '"\\u0001\\u001f"');
  t.is(jsonQuote('\x7f'), '"\x7f"');
});

test('non-ASCII becomes \\u escapes, astral code points surrogate pairs', (t) => {
  t.is(jsonQuote('é'), '"\\u00e9"');
  t.is(jsonQuote('€'), '"\\u20ac"');
  t.is(jsonQuote('😀'), '"\\ud83d\\ude00"');
});

test('invalid UTF-8 bytes decode leniently as jsoncpp does', (t) => {
  // 0xff is no lead byte at all
  t.is(jsonQuoteBytes(Uint8Array.from([0x41, 0xff])), '"A\\ufffd"');
  t.is(jsonQuoteBytes(Uint8Array.from([0xc3])), '"\\ufffd"');
  // an overlong 2-byte form is replaced
  t.is(jsonQuoteBytes(Uint8Array.from([0xc0, 0x80])), '"\\ufffd"');
});
