import test from 'ava';
import { sprintf, numberToString } from '../../sinsp/chisel/printf.js';

test('integer conversions truncate non-integral numbers as LuaJIT does', (t) => {
  t.is(sprintf('%d', 3.7), '3');
  t.is(sprintf('%d', -3.7), '-3');
  t.is(sprintf('%02u', 7.9), '07');
  t.is(sprintf('%.9u', 123), '000000123');
  t.is(sprintf('%12d', 0.009), '           0');
  t.is(sprintf('%x %X %#x %o', 255, 255, 255, 8), 'ff FF 0xff 10');
  t.is(sprintf('%u', -1), '18446744073709551615');
  t.is(sprintf('%5d|%-5d|%05d|%+d', 42, 42, 42, 42), '   42|42   |00042|+42');
});

test('float conversions follow C printf', (t) => {
  t.is(sprintf('%.2f%%', 41 / 10000 * 100), '0.41%');
  t.is(sprintf('%5.2f', 3.14159), ' 3.14');
  t.is(sprintf('%e', 12345.678), '1.234568e+04');
  t.is(sprintf('%g %g %g', 100000, 1000000, 0.0001), '100000 1e+06 0.0001');
  t.is(sprintf('%.3g', 2.0), '2');
  t.is(sprintf('%f', 1e22), '10000000000000000000000.000000');
});

test('%s, %-N.Ns and %q', (t) => {
  t.is(sprintf('%-5s|', 'ab'), 'ab   |');
  t.is(sprintf('%-13.13s|', 'a very long string here'), 'a very long s|');
  t.is(sprintf('%s', 5), '5');
  t.is(sprintf('%q', 'a"b\n'), '"a\\"b\\\n"');
  t.is(sprintf('100%%'), '100%');
});

test('numbers print as %.14g, integral floats without .0', (t) => {
  t.is(numberToString(3), '3');
  t.is(numberToString(0.1), '0.1');
  t.is(numberToString(2 ** 50), '1.1258999068426e+15');
  t.is(numberToString(1.5e18), '1.5e+18');
  t.is(numberToString(-0), '-0');
  t.is(numberToString(1 / 0), 'inf');
  t.is(numberToString(-1 / 0), '-inf');
  t.is(numberToString(0 / 0), 'nan');
});

test('bad formats raise a format error', (t) => {
  t.throws(() => sprintf('%d'), { message: /bad argument #1 to 'format' \(no value\)/ });
  t.throws(() => sprintf('%y', 1), { message: /invalid option '%y'/ });
});
