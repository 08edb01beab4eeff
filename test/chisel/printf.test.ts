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

test('exact ties round to the even neighbour, as glibc printf does (toFixed goes up)', (t) => {
  // expected strings from C's printf on the same doubles
  const values = [2.25, 0.5, 2.5, 12.25, 9.5, 0.125, 1.005, 99.5, 0.0625, 8.5, 3.75, 123456.5];
  const want: Record<string, string> = {
    '%.1f': '2.2 0.5 2.5 12.2 9.5 0.1 1.0 99.5 0.1 8.5 3.8 123456.5',
    '%.0f': '2 0 2 12 10 0 1 100 0 8 4 123456',
    '%.2f': '2.25 0.50 2.50 12.25 9.50 0.12 1.00 99.50 0.06 8.50 3.75 123456.50',
    '%.1e': '2.2e+00 5.0e-01 2.5e+00 1.2e+01 9.5e+00 1.2e-01 1.0e+00 1.0e+02 6.2e-02 8.5e+00 3.8e+00 1.2e+05',
    '%.0e': '2e+00 5e-01 2e+00 1e+01 1e+01 1e-01 1e+00 1e+02 6e-02 8e+00 4e+00 1e+05',
    '%.2g': '2.2 0.5 2.5 12 9.5 0.12 1 1e+02 0.062 8.5 3.8 1.2e+05',
    '%g': '2.25 0.5 2.5 12.25 9.5 0.125 1.005 99.5 0.0625 8.5 3.75 123456',
    '%.3e': '2.250e+00 5.000e-01 2.500e+00 1.225e+01 9.500e+00 1.250e-01 1.005e+00 9.950e+01 6.250e-02 8.500e+00 3.750e+00 1.235e+05',
  };
  for (const [fmt, line] of Object.entries(want)) {
    t.is(values.map((v) => sprintf(fmt, v)).join(' '), line, fmt);
  }
  t.is(sprintf('%5.1f%%|%-6.0f|%+.1f', 12.25, 0.5, -2.25), ' 12.2%|0     |-2.2');
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
