import type { Fee, Locale, Money } from '@finlet/contracts';
import { CURRENCY_MINOR_UNITS, type CurrencyCode, formatMinor, money } from '@finlet/contracts/currency';

/**
 * Intl formatters, one per locale and options: building one costs far more than using it (the
 * first in a locale loads its data, tens of ms; each further one several ms), and a list of offers
 * formats dozens of figures in one render.
 */
const formats = new Map<string, unknown>();

function intl<T, O>(Format: new (locale: Locale, options: O) => T, locale: Locale, options: O): T {
  const key = `${Format.name}|${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key) as T | undefined;
  if (!format) {
    format = new Format(locale, options);
    formats.set(key, format);
  }
  return format;
}

export function minorDigits(currency: string): number {
  return CURRENCY_MINOR_UNITS[currency as CurrencyCode] ?? 2;
}

/*
 * Figures without Intl. The first Intl number or date formatter a page builds loads ICU's data:
 * about 40 ms of main thread in Chromium on a modest machine, paid between the gateway's answer
 * and the offers on screen. Both locales the kit speaks write numbers the same way (a comma
 * every three digits, a full stop before the fraction, a hyphen-minus), so amounts, rates and
 * counts are written here, exactly as Intl writes them (format.test.ts compares every currency
 * in both locales with Node's and Chromium's Intl). Anything else still goes to Intl.
 */

/**
 * CLDR's currency signs in `en` and `zh-CN` (one string when both agree). A currency not listed
 * is shown by its code and a no-break space: "SGD 5.00".
 */
const SIGNS: Readonly<Record<string, string | readonly [en: string, zh: string]>> = {
  CNY: ['CN¥', '¥'],
  USD: ['$', 'US$'],
  JPY: ['¥', 'JP¥'],
  AUD: ['A$', 'AU$'],
  HKD: 'HK$',
  EUR: '€',
  GBP: '£',
  VND: '₫',
  KRW: '₩',
  CAD: 'CA$',
  NZD: 'NZ$',
  TWD: 'NT$',
  INR: '₹',
  BRL: 'R$',
  MXN: 'MX$',
  ILS: '₪',
  XOF: 'F\u202fCFA\u00a0',
};

function currencySign(currency: string, locale: Locale): string {
  const sign = SIGNS[currency] ?? `${currency}\u00a0`;
  return typeof sign === 'string' ? sign : sign[locale === 'en' ? 0 : 1];
}

/**
 * A whole number as Intl writes it in both locales, with `fraction` digits after the point and
 * `unit` (a currency sign) before the digits: "-¥1,234.50".
 */
function decimal(value: number, fraction: number, unit = ''): string {
  const text = String(Math.abs(value)).padStart(fraction + 1, '0');
  const whole = fraction ? text.slice(0, -fraction) : text;
  return `${value < 0 ? '-' : ''}${unit}${whole.replace(/\B(?=(\d{3})+$)/g, ',')}${fraction ? `.${text.slice(-fraction)}` : ''}`;
}

/** Whether `decimal` writes `value` as Intl would: a safe integer (Intl writes -0 as "-0"). */
const whole = (value: number) => Number.isSafeInteger(value) && !Object.is(value, -0);

/**
 * Integer minor units in the locale's currency sign, exactly: "¥8,000.00", "CN¥8,000.00". No
 * binary rounding touches the amount (Money is a safe integer of minor units).
 */
export function formatMoney(amount: Money, locale: Locale): string {
  return decimal(amount.value, minorDigits(amount.currency), currencySign(amount.currency, locale));
}

/**
 * Parses what a person typed ("8,000", "8000.5", "８０００") into minor units; undefined when it is
 * not an amount. No floating point: digits are joined as text.
 */
export function parseAmount(text: string, currency: string): Money | undefined {
  const normalized = text.normalize('NFKC').replace(/[,\s_，]/g, '');
  if (!(currency in CURRENCY_MINOR_UNITS) || !/^\d{1,15}(\.\d*)?$/.test(normalized)) return undefined;
  try {
    return money(normalized.replace(/\.$/, ''), currency as CurrencyCode);
  } catch {
    return undefined;
  }
}

/** A plain number in the locale's digits grouping ("12,000"). */
export function formatNumber(value: number, locale: Locale): string {
  return whole(value) ? decimal(value, 0) : intl(Intl.NumberFormat, locale, {}).format(value);
}

/** 365 basis points → "3.65%" (or "3.65%" in zh-CN). */
export function formatBps(bps: number, locale: Locale): string {
  if (whole(bps)) return `${decimal(bps, 2)}%`;
  return intl(Intl.NumberFormat, locale, {
    style: 'percent',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(bps / 10_000);
}

/** A decimal without trailing zeros ("0.050" → "0.05", "50.00" → "50"), for comparing figures as text. */
function plainDecimal(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** The figures a label states, as plain decimals: "0.05 %" → ["0.05"], "¥1,000" → ["1000"]. */
function statedFigures(label: string): Set<string> {
  const found = label.normalize('NFKC').match(/\d[\d,]*(?:\.\d+)?/g) ?? [];
  return new Set(found.map((n) => plainDecimal(n.replaceAll(',', ''))));
}

/**
 * A fee as one phrase: its label, followed by those of its figures the label does not state.
 * Product teams often write the rate into the label ("0.05% a day on the overdue principal");
 * repeating it after the label read as a mistake to users.
 */
export function formatFee(fee: Pick<Fee, 'label' | 'fixed' | 'rateBps'>, locale: Locale): string {
  const label = fee.label[locale];
  const figures: { plain: string; shown: string }[] = [];
  if (fee.fixed)
    figures.push({ plain: plainDecimal(formatMinor(fee.fixed)), shown: formatMoney(fee.fixed, locale) });
  if (fee.rateBps !== undefined) {
    const plain = `${Math.trunc(fee.rateBps / 100)}.${String(fee.rateBps % 100).padStart(2, '0')}`;
    figures.push({ plain: plainDecimal(plain), shown: formatBps(fee.rateBps, locale) });
  }
  const stated = statedFigures(label);
  const missing = figures.filter((f) => !stated.has(f.plain));
  return missing.length === 0 ? label : `${label} ${missing.map((f) => f.shown).join(' + ')}`;
}

export function formatDate(iso: string, locale: Locale): string {
  return intl(Intl.DateTimeFormat, locale, { dateStyle: 'medium' }).format(new Date(iso));
}

export function formatDateTime(iso: string, locale: Locale): string {
  return intl(Intl.DateTimeFormat, locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatTime(iso: string, locale: Locale): string {
  return intl(Intl.DateTimeFormat, locale, { timeStyle: 'short' }).format(new Date(iso));
}

/** "3 hours", "2 days": rounded to what a person plans with. */
export function formatDuration(ms: number, locale: Locale): string {
  const hours = ms / 3_600_000;
  const [value, unit] =
    hours < 1
      ? [Math.max(1, Math.round(ms / 60_000)), 'minute']
      : hours < 48
        ? [Math.round(hours), 'hour']
        : [Math.round(hours / 24), 'day'];
  return intl(Intl.NumberFormat, locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
