import { type CurrencyCode, formatMinor, minorUnits, money } from '@finlet/contracts';
import type { LocalProblem } from './messages.js';

// What the offer editor types in (major units, percentages, lists, local date-times) and what the
// contract stores (minor units, basis points, arrays, RFC 3339). No binary floats on the way.

/** Text typed into a field turned into the content's value, or a problem shown next to the field. */
export type Conversion = { value: unknown } | { problem: LocalProblem };
export type Converter = (text: string) => Conversion;

const required: Conversion = { problem: { key: 'problem.required', args: [] } };

/** Whole numbers typed as text: empty leaves the key out (the contract says whether that is allowed). */
export const toInt: Converter = (text) => {
  const s = text.trim();
  return { value: s === '' ? undefined : Number(s) };
};

/** A percentage with at most two decimals to basis points, without binary floats: `3.65` → 365. */
export function percentToBps(text: string): Conversion {
  const s = text.trim();
  if (s === '') return { value: undefined };
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return { problem: { key: 'problem.percent', args: [] } };
  return { value: Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) };
}

/** A return that may be a loss, to basis points: `-1.5` → -150, `5.12` → 512 (no binary floats). */
export function signedPercentToBps(text: string): Conversion {
  const s = text.trim().replace(/^[−–]/, '-');
  const negative = s.startsWith('-');
  const out = percentToBps(negative ? s.slice(1) : s.replace(/^\+/, ''));
  if ('problem' in out || s === '') return s === '' ? required : out;
  return { value: negative && out.value !== 0 ? -(out.value as number) : out.value };
}

export function bpsToPercent(bps: unknown): string {
  if (typeof bps !== 'number' || !Number.isInteger(bps)) return bps === undefined ? '' : String(bps);
  if (bps < 0) return `-${bpsToPercent(-bps)}`;
  const cents = String(bps % 100)
    .padStart(2, '0')
    .replace(/0$/, '');
  return bps % 100 === 0 ? String(bps / 100) : `${Math.floor(bps / 100)}.${cents}`;
}

/** Minor units to what a person types back: `20000000` CNY → `200000`, `1250` → `12.5`. */
export function majorText(value: unknown, currency: CurrencyCode): string {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    return value === undefined ? '' : String(value);
  const text = formatMinor({ value, currency });
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

export function toMinor(text: string, currency: CurrencyCode): Conversion {
  const s = text.trim().replace(/[,\s_]/g, '');
  if (s === '') return required;
  try {
    return { value: money(s, currency).value };
  } catch (error) {
    return /decimal places/.test(String(error))
      ? { problem: { key: 'problem.decimals', args: [currency, minorUnits(currency)] } }
      : { problem: { key: 'problem.amount', args: [] } };
  }
}

export function toLocalInput(iso: unknown): string {
  if (typeof iso !== 'string') return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function toTimestamp(optional: boolean): Converter {
  return (text) => {
    const s = text.trim();
    if (s === '') return optional ? { value: undefined } : required;
    const d = new Date(s);
    return Number.isNaN(d.getTime())
      ? { problem: { key: 'problem.datetime', args: [] } }
      : { value: d.toISOString() };
  };
}

const scalar = (s: string): string | number | boolean =>
  /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s === 'true' ? true : s === 'false' ? false : s;

/** A criterion's typed value for its operator: a list for `in`/`not_in`, nothing for `exists`. */
export function criterionValue(op: string, text: string): Conversion {
  const s = text.trim();
  if (op === 'exists' || s === '') return { value: undefined };
  if (op === 'in' || op === 'not_in') {
    return {
      value: s
        .split(/[,，]/)
        .map((v) => v.trim())
        .filter(Boolean)
        .map((v) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v)),
    };
  }
  return { value: scalar(s) };
}

export const displayValue = (value: unknown) =>
  Array.isArray(value) ? value.join(', ') : String(value ?? '');
