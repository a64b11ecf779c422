import { CURRENCY_MINOR_UNITS, type CurrencyCode, type Money, type RailLeg } from '@finlet/contracts';
import type { FxBook } from './fx.js';
import { ceilDiv, lowest, type Rational } from './rational.js';

/**
 * Money arithmetic of one leg, in integer minor units (bigint), with exact rational rates.
 *
 * Rounding policy (each rule rounds in the bank's favour by less than one minor unit, and every
 * leg reconciles exactly: `sent = fee + converted`):
 * - The percentage fee is `ceil(sent × bps / 10 000)` in the leg's source minor units.
 * - A fixed fee in another currency is converted at the mid rate and rounded up.
 * - Sending ("send exactly X"): `received = floor(converted × rate)` in destination minor units,
 *   where rate = mid × (10 000 − spread bps) / 10 000, adjusted for both currencies' minor units.
 * - Receiving ("recipient gets exactly Y"): the leg is solved backwards; `converted` is the least
 *   amount with `converted × rate ≥ Y` and `sent` the least with `sent − fee(sent) = converted`.
 *   The recipient is credited exactly Y; the excess of `converted × rate` over Y is below one
 *   source minor unit's worth.
 * - Costs in the sender's currency (fees, spread) are converted at the mid rate and rounded half
 *   up; the total cost is `senderPays − floor(recipientGets at mid)`, and the difference between
 *   the total and its parts is reported as `roundingMinor`, so the breakdown always adds up.
 */

const BPS = 10_000n;

/** Per-quote constants of one leg: its rate and fixed fee in minor units. */
export interface LegTerms {
  /** Destination minor units per source minor unit, after the spread. */
  readonly rate: Rational;
  /** Destination minor units per source minor unit at the mid rate. */
  readonly midRate: Rational;
  /** Mid rate in major units (destination per source). */
  readonly midMajor: Rational;
  readonly fixedFee: bigint;
  readonly percentBps: bigint;
  readonly spreadBps: bigint;
  readonly min: bigint;
  readonly max: bigint;
}

export const pow10 = (currency: CurrencyCode): bigint => 10n ** BigInt(CURRENCY_MINOR_UNITS[currency]);

/** Minor units of `to` per minor unit of `from` at the mid rate, or undefined without a rate. */
export function minorRate(fx: FxBook, from: CurrencyCode, to: CurrencyCode): Rational | undefined {
  const mid = fx.mid(from, to);
  if (!mid) return undefined;
  return lowest({ n: mid.n * pow10(to), d: mid.d * pow10(from) });
}

const termsCache = new WeakMap<FxBook, WeakMap<RailLeg, LegTerms | { missing: string }>>();

/**
 * The leg's terms for this FX table, or the currency pair whose rate is missing. Remembered per
 * FX book and leg: a gateway that keeps both between quotes computes each leg's terms once.
 */
export function legTerms(leg: RailLeg, fx: FxBook): LegTerms | { missing: string } {
  let byLeg = termsCache.get(fx);
  if (!byLeg) {
    byLeg = new WeakMap();
    termsCache.set(fx, byLeg);
  }
  let terms = byLeg.get(leg);
  if (!terms) {
    terms = computeLegTerms(leg, fx);
    byLeg.set(leg, terms);
  }
  return terms;
}

function computeLegTerms(leg: RailLeg, fx: FxBook): LegTerms | { missing: string } {
  const midMajor = fx.mid(leg.from.currency, leg.to.currency);
  const midRate = minorRate(fx, leg.from.currency, leg.to.currency);
  if (!midRate || !midMajor) return { missing: `${leg.from.currency}/${leg.to.currency}` };
  let fixedFee = 0n;
  const fixed = leg.fees.fixed;
  if (fixed && fixed.value > 0) {
    if (fixed.currency === leg.from.currency) fixedFee = BigInt(fixed.value);
    else {
      const r = minorRate(fx, fixed.currency, leg.from.currency);
      if (!r) return { missing: `${fixed.currency}/${leg.from.currency}` };
      fixedFee = ceilDiv(BigInt(fixed.value) * r.n, r.d);
    }
  }
  const spreadBps = BigInt(leg.fxSpreadBps);
  // Lowest terms once here keep every later multiplication small.
  return {
    rate: lowest({ n: midRate.n * (BPS - spreadBps), d: midRate.d * BPS }),
    midRate: lowest(midRate),
    midMajor: lowest(midMajor),
    fixedFee,
    percentBps: BigInt(leg.fees.percentBps),
    spreadBps,
    min: BigInt(leg.limits.min.value),
    max: BigInt(leg.limits.max.value),
  };
}

export interface LegAmounts {
  readonly sent: bigint;
  readonly fee: bigint;
  readonly converted: bigint;
  readonly received: bigint;
}

/** Why a leg cannot carry an amount. `fees` means the fees would eat the whole amount. */
export type LegRefusal = 'min' | 'max' | 'fees';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function percentFee(sent: bigint, bps: bigint): bigint {
  return ceilDiv(sent * bps, BPS);
}

/** Sends `sent` over the leg. */
export function forward(t: LegTerms, sent: bigint): LegAmounts | LegRefusal {
  if (sent < t.min) return 'min';
  if (sent > t.max) return 'max';
  const fee = t.fixedFee + percentFee(sent, t.percentBps);
  if (fee >= sent) return 'fees';
  const converted = sent - fee;
  const received = (converted * t.rate.n) / t.rate.d;
  if (received <= 0n) return 'min';
  if (received > MAX_SAFE) return 'max';
  return { sent, fee, converted, received };
}

/** The least amount to send over the leg so that exactly `received` arrives. */
export function backward(t: LegTerms, received: bigint): LegAmounts | LegRefusal {
  if (t.rate.n === 0n || t.percentBps >= BPS) return 'fees';
  const converted = ceilDiv(received * t.rate.d, t.rate.n);
  // sent − ceil(sent × b / 10 000) grows by 0 or 1 per unit of sent, so the least sent with
  // floor(sent × (10 000 − b) / 10 000) ≥ converted + fixed meets it exactly.
  const sent = ceilDiv((converted + t.fixedFee) * BPS, BPS - t.percentBps);
  if (sent > MAX_SAFE) return 'max';
  if (sent < t.min) return 'min';
  if (sent > t.max) return 'max';
  return { sent, fee: sent - converted, converted, received };
}

/** `a × r` rounded half up. */
export function mulHalfUp(a: bigint, r: Rational): bigint {
  return (2n * a * r.n + r.d) / (2n * r.d);
}

export function formatMoney(m: Money): string {
  return `${formatMinorValue(BigInt(m.value), m.currency)} ${m.currency}`;
}

export function formatMinorValue(value: bigint, currency: CurrencyCode): string {
  const digits = CURRENCY_MINOR_UNITS[currency];
  const negative = value < 0n;
  const s = (negative ? -value : value).toString();
  if (digits === 0) return (negative ? '-' : '') + s;
  const padded = s.padStart(digits + 1, '0');
  return `${negative ? '-' : ''}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}
