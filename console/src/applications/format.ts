import { type CurrencyCode, type Locale, type Money, minorUnits } from '@finlet/contracts';

/** An amount in the locale's currency format (display only: arithmetic stays in minor units). */
export function formatMoney(amount: Money, locale: Locale): string {
  const digits = minorUnits(amount.currency as CurrencyCode);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: amount.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount.value / 10 ** digits);
}

/** "3 days", "5 hours": how long an application has waited since `since`, as of `now`. */
export function formatAge(since: string, now: Date, locale: Locale): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / 60_000));
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
    minutes >= 2 * 1440
      ? [Math.floor(minutes / 1440), 'day']
      : minutes >= 60
        ? [Math.floor(minutes / 60), 'hour']
        : [minutes, 'minute'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
