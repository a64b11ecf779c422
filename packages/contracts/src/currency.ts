// No zod here: browser bundles import currency arithmetic without the schema library.

/**
 * ISO 4217 minor units of every currency Finlet moves. A currency that is not listed is rejected:
 * without its minor units an integer amount cannot be read.
 */
export const CURRENCY_MINOR_UNITS = {
  CNY: 2,
  HKD: 2,
  USD: 2,
  EUR: 2,
  GBP: 2,
  JPY: 0,
  SGD: 2,
  THB: 2,
  VND: 0,
  AUD: 2,
  KRW: 0,
  MYR: 2,
  CAD: 2,
  CHF: 2,
  NZD: 2,
  MOP: 2,
  TWD: 2,
  // Routing corridors beyond Asia (codes that are also English words, such as TRY, are left out
  // because the advisor reads currency codes from free text).
  INR: 2,
  IDR: 2,
  BRL: 2,
  MXN: 2,
  ZAR: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  PLN: 2,
  CZK: 2,
  HUF: 2,
  AED: 2,
  SAR: 2,
  QAR: 2,
  KWD: 3,
  BHD: 3,
  OMR: 3,
  JOD: 3,
  ILS: 2,
  EGP: 2,
  NGN: 2,
  KES: 2,
  PKR: 2,
  BDT: 2,
  LKR: 2,
  NPR: 2,
  KHR: 2,
  MMK: 2,
  MNT: 2,
  KZT: 2,
  CLP: 0,
  COP: 2,
  ARS: 2,
  ISK: 0,
  UGX: 0,
  PYG: 0,
  TND: 3,
  XOF: 0,
  BND: 2,
  RON: 2,
  UAH: 2,
  UYU: 2,
  GHS: 2,
} as const;

export type CurrencyCode = keyof typeof CURRENCY_MINOR_UNITS;

/** Money's shape, for code that must not import zod. */
export interface MoneyValue {
  value: number;
  currency: CurrencyCode;
}

export function minorUnits(currency: CurrencyCode): number {
  return CURRENCY_MINOR_UNITS[currency];
}

/**
 * Builds Money from a decimal string in major units without going through a binary float.
 * @example money('200000.00', 'CNY') // { value: 20000000, currency: 'CNY' }
 */
export function money(major: string | number, currency: CurrencyCode): MoneyValue {
  const text = typeof major === 'number' ? major.toString() : major.trim();
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new RangeError(`not a non-negative decimal amount: ${text}`);
  const digits = minorUnits(currency);
  const fraction = match[2] ?? '';
  if (fraction.replace(/0+$/, '').length > digits) {
    throw new RangeError(`${currency} has ${digits} decimal places; got ${text}`);
  }
  const value = Number(
    BigInt(match[1]!) * 10n ** BigInt(digits) +
      BigInt((fraction + '0'.repeat(digits)).slice(0, digits) || '0'),
  );
  if (!Number.isSafeInteger(value)) throw new RangeError(`amount too large: ${text}`);
  return { value, currency };
}

/** Renders Money as a decimal string in major units (no grouping, no symbol): for logs and CLIs. */
export function formatMinor(amount: MoneyValue): string {
  const digits = minorUnits(amount.currency);
  if (digits === 0) return String(amount.value);
  const s = String(amount.value).padStart(digits + 1, '0');
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`;
}
