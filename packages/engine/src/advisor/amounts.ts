import { CURRENCY_MINOR_UNITS, type CurrencyCode, type Money, money } from '@finlet/contracts';
import { findIdentifiers } from './identifiers.js';

const ZH_DIGITS: Record<string, bigint> = {
  零: 0n,
  〇: 0n,
  一: 1n,
  二: 2n,
  两: 2n,
  三: 3n,
  四: 4n,
  五: 5n,
  六: 6n,
  七: 7n,
  八: 8n,
  九: 9n,
};
const ZH_SMALL: Record<string, bigint> = { 十: 10n, 百: 100n, 千: 1000n };
const ZH_BIG: Record<string, bigint> = { 万: 10_000n, 亿: 100_000_000n };

/**
 * Reads a Chinese numeral (二十万, 三百五十, 一万五) as an integer; null when it is not one.
 * A trailing digit after a big unit is the colloquial next-lower place: 一万五 is 15,000.
 */
export function parseChineseNumeral(text: string): bigint | null {
  if (!/^[零〇一二两三四五六七八九十百千万亿]+$/.test(text)) return null;
  let yi = 0n;
  let wan = 0n;
  let section = 0n;
  let digit: bigint | null = null;
  let lastUnit = 1n;
  for (const ch of text) {
    if (ch in ZH_DIGITS) {
      digit = ZH_DIGITS[ch]!;
    } else if (ch in ZH_SMALL) {
      const unit = ZH_SMALL[ch]!;
      section += (digit ?? 1n) * unit;
      digit = null;
      lastUnit = unit;
    } else {
      const unit = ZH_BIG[ch]!;
      const here = section + (digit ?? 0n);
      if (unit === 10_000n) wan = (here === 0n ? 1n : here) * unit;
      else yi = (yi + wan + (here === 0n && wan === 0n ? 1n : here)) * unit;
      if (unit !== 10_000n) wan = 0n;
      section = 0n;
      digit = null;
      lastUnit = unit;
    }
  }
  if (digit !== null) section += lastUnit >= 10n ? (digit * lastUnit) / 10n : digit;
  return yi + wan + section;
}

const CURRENCY_WORDS: Array<[RegExp, CurrencyCode]> = [
  [/^(元|块|块钱|人民币|rmb|cny|yuan|¥|￥)$/i, 'CNY'],
  [/^(美元|美金|usd|us\$|\$|dollars?)$/i, 'USD'],
  [/^(越南盾|盾|vnd|dong)$/i, 'VND'],
  [/^(港币|港元|hkd|hk\$)$/i, 'HKD'],
  [/^(欧元|eur|euros?|€)$/i, 'EUR'],
  [/^(日元|日币|jpy|yen)$/i, 'JPY'],
  [/^(泰铢|thb|baht)$/i, 'THB'],
  [/^(新加坡元|新币|sgd)$/i, 'SGD'],
  [/^(英镑|gbp|pounds?|£)$/i, 'GBP'],
  [/^(韩元|krw|won)$/i, 'KRW'],
  [/^(林吉特|myr|ringgit)$/i, 'MYR'],
  [/^(澳元|aud)$/i, 'AUD'],
  [/^(加元|cad)$/i, 'CAD'],
];

/** The ISO code of a currency word (元, 美元, USD, dong…), or undefined. */
export function currencyOf(word: string): CurrencyCode | undefined {
  const w = word.trim();
  for (const [re, code] of CURRENCY_WORDS) if (re.test(w)) return code;
  if (w.toUpperCase() in CURRENCY_MINOR_UNITS) return w.toUpperCase() as CurrencyCode;
  return undefined;
}

const CURRENCY_ALT =
  '人民币|美元|美金|越南盾|港币|港元|欧元|日元|日币|泰铢|新加坡元|新币|英镑|韩元|林吉特|澳元|加元|块钱|元|块|rmb|cny|usd|vnd|hkd|eur|jpy|thb|sgd|gbp|krw|myr|aud|cad|yuan|dollars?|dong|euros?|yen|baht|pounds?|¥|￥|\\$|€|£';
const MULT_ALT = '万亿|亿|万|千|百|k|m|million|thousand|mn';
const MULTIPLIERS: Record<string, bigint> = {
  万亿: 1_000_000_000_000n,
  亿: 100_000_000n,
  万: 10_000n,
  千: 1000n,
  百: 100n,
  k: 1000n,
  thousand: 1000n,
  m: 1_000_000n,
  mn: 1_000_000n,
  million: 1_000_000n,
};

const ARABIC = new RegExp(
  `(${CURRENCY_ALT})?\\s*(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?\\s*(${MULT_ALT})?(?![a-z])\\s*(${CURRENCY_ALT})?`,
  'giud',
);
const CHINESE = new RegExp(`([零〇一二两三四五六七八九十百千万亿]+)\\s*(${CURRENCY_ALT})?`, 'gu');
/** Numbers that are not money: terms, ages, percentages, counts of days. */
const NOT_MONEY =
  /^\s*(个月|个|月|期|年|天|日|岁|周|%|％|percent|months?|years?|days?|weeks?|hours?|小时|分钟|号|次|人)/i;

export interface AmountMention {
  readonly amount: Money;
  /** True when the text named the currency; otherwise the default was used. */
  readonly explicitCurrency: boolean;
  readonly index: number;
}

function toMoney(
  integer: bigint,
  fraction: string,
  multiplier: bigint,
  currency: CurrencyCode,
): Money | null {
  // Exact decimal arithmetic: (integer.fraction) × multiplier without a binary float.
  const scale = 10n ** BigInt(fraction.length);
  const scaled = (integer * scale + BigInt(fraction || '0')) * multiplier;
  const whole = scaled / scale;
  const rest = (scaled % scale).toString().padStart(fraction.length, '0').replace(/0+$/, '');
  try {
    return money(rest ? `${whole}.${rest}` : `${whole}`, currency);
  } catch {
    return null;
  }
}

/**
 * Every amount of money in a text: `20万`, `5千`, `二十万元`, `1.5万`, `50,000 USD`, `$5k`, `2 million yuan`.
 * Terms, ages and percentages (`12个月`, `3年`, `5%`) are not amounts, and neither is any digit
 * of a phone, ID, card or account number (`13812345678`, `020-12345678`, `138****5678`).
 */
export function findAmounts(text: string, defaultCurrency: CurrencyCode): AmountMention[] {
  const out: AmountMention[] = [];
  const norm = text.normalize('NFKC');
  const identifiers = findIdentifiers(norm);
  const personal = (start: number, end: number) => identifiers.some((s) => start < s.end && end > s.start);
  for (const m of norm.matchAll(ARABIC)) {
    const [start, end] = m.indices?.[2] ?? [0, 0];
    if (personal(start, end)) continue;
    const after = norm.slice((m.index ?? 0) + m[0].length);
    if (!m[4] && !m[1] && !m[5] && NOT_MONEY.test(after)) continue;
    const word = m[1] ?? m[5];
    const currency = (word ? currencyOf(word) : undefined) ?? defaultCurrency;
    const multiplier = m[4] ? MULTIPLIERS[m[4].toLowerCase()]! : 1n;
    const amount = toMoney(BigInt(m[2]!.replace(/,/g, '')), m[3] ?? '', multiplier, currency);
    if (amount) out.push({ amount, explicitCurrency: word !== undefined, index: m.index ?? 0 });
  }
  for (const m of norm.matchAll(CHINESE)) {
    const numeral = m[1]!;
    // The 万 of `20万` belongs to the Arabic number before it, already read.
    if (/[\d.]\s*$/.test(norm.slice(Math.max(0, (m.index ?? 0) - 2), m.index ?? 0))) continue;
    // 一下, 一个, 两期: a numeral without a place unit or currency is not an amount.
    if (!/[十百千万亿]/.test(numeral) && !m[2]) continue;
    const after = norm.slice((m.index ?? 0) + m[0].length);
    if (!m[2] && NOT_MONEY.test(after)) continue;
    const value = parseChineseNumeral(numeral);
    if (value === null || value === 0n) continue;
    const currency = (m[2] ? currencyOf(m[2]) : undefined) ?? defaultCurrency;
    const amount = toMoney(value, '', 1n, currency);
    if (amount) out.push({ amount, explicitCurrency: m[2] !== undefined, index: m.index ?? 0 });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** A loan term in the text (`12个月`, `6期`, `3年`, `24 months`, `2 years`), in months. */
export function findTermMonths(text: string): number | undefined {
  const norm = text.normalize('NFKC').toLowerCase();
  const m = /(\d+|[一二两三四五六七八九十]+)\s*(个月|期|months?|年|years?)/u.exec(norm) ?? undefined;
  if (!m) return undefined;
  const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : Number(parseChineseNumeral(m[1]!) ?? 0n);
  const months = /年|year/.test(m[2]!) ? n * 12 : n;
  return months >= 1 && months <= 360 ? months : undefined;
}
