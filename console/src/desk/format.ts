import { formatMinor, type Locale, type Money, minorUnits } from '@finlet/contracts';

/** A duration in whole seconds as a person reads it: "45 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(seconds: number, locale: Locale): string {
  const s = Math.max(0, Math.round(seconds));
  const zh = locale === 'zh-CN';
  const two = (n: number) => String(n).padStart(2, '0');
  if (s < 60) return zh ? `${s} 秒` : `${s} s`;
  if (s < 3600) {
    const m = Math.floor(s / 60);
    return zh ? `${m} 分 ${two(s % 60)} 秒` : `${m} min ${two(s % 60)} s`;
  }
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return zh ? `${h} 小时 ${two(m)} 分` : `${h} h ${two(m)} min`;
}

export function formatPercent(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

/** Money from its minor units, through Intl with the currency's own digits. */
export function formatMoney(amount: Money, locale: Locale): string {
  const digits = minorUnits(amount.currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: amount.currency,
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
    // A decimal string keeps the exact amount (Intl formats numeric strings without a float).
  }).format(formatMinor(amount) as `${number}`);
}

/** Seconds since `iso` by `now`, never negative (the gateway's and the browser's clocks differ). */
export function secondsSince(iso: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 1000));
}
