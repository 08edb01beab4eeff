// C's "%g" conversion (precision 6), used by sysdig for relative times: "%lgs".
import { toExponentialC, toFixedC } from './round-half-even.js';

function stripFraction(s: string): string {
  if (s.indexOf('.') < 0) return s;
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (s.charCodeAt(end - 1) === 46 /* . */) end--;
  return s.slice(0, end);
}

/** printf("%g", x): 6 significant digits, trailing zeros removed, exponent form below 1e-4 and from 1e6. */
export function formatG(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  // the exponent after rounding to 6 significant digits decides the style
  const e = toExponentialC(x, 5);
  const epos = e.indexOf('e');
  const exp = Number(e.slice(epos + 1));
  if (exp < -4 || exp >= 6) {
    const mant = stripFraction(e.slice(0, epos));
    const sign = exp < 0 ? '-' : '+';
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return mant + 'e' + sign + digits;
  }
  return stripFraction(toFixedC(x, 5 - exp));
}
