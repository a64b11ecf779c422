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

function currencyFormat(locale: Locale, currency: string): Intl.NumberFormat {
  const digits = minorDigits(currency);
  return intl(Intl.NumberFormat, locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

export function minorDigits(currency: string): number {
  return CURRENCY_MINOR_UNITS[currency as CurrencyCode] ?? 2;
}

/**
 * Formats integer minor units exactly: the amount goes to Intl as a decimal string (Intl reads
 * strings as exact decimals), so no binary rounding touches it.
 */
export function formatMoney(amount: Money, locale: Locale): string {
  return currencyFormat(locale, amount.currency).format(formatMinor(amount) as `${number}`);
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
  return intl(Intl.NumberFormat, locale, {}).format(value);
}

/** 365 basis points → "3.65%" (or "3.65%" in zh-CN). */
export function formatBps(bps: number, locale: Locale): string {
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
