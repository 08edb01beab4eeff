// C's printf rounds a number to the digits asked for from its exact binary value, and an
// exact tie (2.25 to one decimal, 0.5 to none) goes to the even neighbour, as glibc does
// in the default rounding mode: "%.1f" of 2.25 is 2.2, "%.0f" of 2.5 is 2. JavaScript's
// toFixed and toExponential take the larger one (2.3, 3). Ties need a value with a short
// exact binary fraction; they are found here, and settled the way C does.

const TWO52 = 2 ** 52;
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** finite x >= 0 as m * 2^e exactly, m an integer */
function decompose(x: number): [bigint, number] {
  f64[0] = x;
  const lo = u32[0]!;
  const hi = u32[1]!;
  const expBits = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (expBits === 0) return [frac, -1074];
  return [frac | (1n << 52n), expBits - 1075];
}

/** whether x * 10^t may be exactly halfway between two integers (cheap, never misses one) */
function mayBeTie(x: number, t: number): boolean {
  if (t > 22 || t < -22) return true;
  const y = t >= 0 ? x * 10 ** t : x / 10 ** -t;
  if (y >= TWO52) return true;
  return y - Math.floor(y) === 0.5;
}

/**
 * When x * 10^t (x finite, >= 0) lies exactly halfway between two integers: the lower
 * of them. Undefined otherwise (then toFixed/toExponential round exactly as C does).
 */
export function tieFloor(x: number, t: number): bigint | undefined {
  if (x === 0 || !mayBeTie(x, t)) return undefined;
  const [m, e] = decompose(x);
  // 2 * x * 10^t = m * 2^(e+1) * 10^t as a fraction num / den
  const k = e + 1;
  let num = m;
  let den = 1n;
  if (k >= 0) num <<= BigInt(k);
  else den <<= BigInt(-k);
  if (t >= 0) num *= 10n ** BigInt(t);
  else den *= 10n ** BigInt(-t);
  if (num % den !== 0n) return undefined;
  const q = num / den;
  if ((q & 1n) === 0n) return undefined; // 2 * x * 10^t even: x * 10^t is an integer
  return q >> 1n;
}

/** where C rounds a tie whose lower neighbour is `floor`: to the even one */
export function evenOf(floor: bigint): bigint {
  return (floor & 1n) === 0n ? floor : floor + 1n;
}

/** n / 10^decimals written out with that many decimals */
export function withDecimals(n: bigint, decimals: number): string {
  let s = n.toString();
  if (decimals === 0) return s;
  if (s.length <= decimals) s = '0'.repeat(decimals - s.length + 1) + s;
  return s.slice(0, s.length - decimals) + '.' + s.slice(s.length - decimals);
}

/** x.toFixed(p) (x finite, below 1e21; p up to 100), exact ties to even */
export function toFixedC(x: number, p: number): string {
  const floor = tieFloor(Math.abs(x), p);
  if (floor === undefined) return x.toFixed(p);
  return (x < 0 ? '-' : '') + withDecimals(evenOf(floor), p);
}

/** x.toExponential(p) (x finite; p up to 100), exact ties to even */
export function toExponentialC(x: number, p: number): string {
  const s = x.toExponential(p);
  if (x === 0) return s;
  const ax = Math.abs(x);
  const exp = parseInt(s.slice(s.indexOf('e') + 1), 10);
  // a tie sits at x's own exponent, which is one less than exp when rounding carried
  for (const c of [exp - 1, exp]) {
    const floor = tieFloor(ax, p - c);
    if (floor === undefined || floor.toString().length !== p + 1) continue;
    let n = evenOf(floor);
    let e = c;
    if (n.toString().length === p + 2) {
      n /= 10n;
      e++;
    }
    return (x < 0 ? '-' : '') + withDecimals(n, p) + 'e' + (e < 0 ? '-' : '+') + Math.abs(e);
  }
  return s;
}
