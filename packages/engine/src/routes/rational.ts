/**
 * Exact non-negative rationals over bigint: the route optimizer never lets an amount or a rate pass
 * through a binary float. A rational is kept as numerator and denominator, both positive, not
 * necessarily reduced (reduction costs more than it saves at the sizes quotes use).
 */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

export const ONE: Rational = { n: 1n, d: 1n };

/** Parses a decimal string such as `7.1825` exactly. */
export function parseDecimal(text: string): Rational {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new RangeError(`not a non-negative decimal: ${text}`);
  const fraction = match[2] ?? '';
  return { n: BigInt(match[1]! + fraction), d: 10n ** BigInt(fraction.length) };
}

export const mul = (a: Rational, b: Rational): Rational => reduce({ n: a.n * b.n, d: a.d * b.d });
export const div = (a: Rational, b: Rational): Rational => reduce({ n: a.n * b.d, d: a.d * b.n });
export const inverse = (a: Rational): Rational => ({ n: a.d, d: a.n });

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Lowest terms. */
export function lowest(r: Rational): Rational {
  const g = gcd(r.n, r.d);
  return g > 1n ? { n: r.n / g, d: r.d / g } : r;
}

/** Reduces only large terms, which cross rates through a pivot produce. */
function reduce(r: Rational): Rational {
  if (r.d < 1_000_000_000_000_000_000n && r.n < 1_000_000_000_000_000_000n) return r;
  const g = gcd(r.n, r.d);
  return g > 1n ? { n: r.n / g, d: r.d / g } : r;
}

export const floorDiv = (n: bigint, d: bigint): bigint => n / d;
export const ceilDiv = (n: bigint, d: bigint): bigint => (n + d - 1n) / d;

/** `a × r`, rounded down. */
export const mulFloor = (a: bigint, r: Rational): bigint => (a * r.n) / r.d;
/** `a × r`, rounded up. */
export const mulCeil = (a: bigint, r: Rational): bigint => ceilDiv(a * r.n, r.d);

export function compare(a: Rational, b: Rational): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

/**
 * Renders a rational with `places` decimals, rounded down; more places are used when the value
 * would otherwise print as zero, so a rate is never shown as 0.
 */
export function toDecimalString(r: Rational, places = 10): string {
  let p = places;
  let scaled = (r.n * 10n ** BigInt(p)) / r.d;
  while (scaled === 0n && r.n !== 0n && p < 30) {
    p += 2;
    scaled = (r.n * 10n ** BigInt(p)) / r.d;
  }
  const digits = scaled.toString().padStart(p + 1, '0');
  const whole = digits.slice(0, -p);
  const fraction = digits.slice(-p).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}
