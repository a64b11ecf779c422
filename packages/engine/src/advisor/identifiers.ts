/**
 * Personal identifiers typed into a chat: phone numbers, resident ID numbers, bank card and account
 * numbers. They are found once, here, so that the same spans are masked before anything is stored
 * and skipped when amounts are read (13812345678 is a phone number, never ¥13,812,345,678).
 */

export type IdentifierKind = 'phone' | 'id_number' | 'card' | 'account' | 'masked';

export interface IdentifierSpan {
  readonly kind: IdentifierKind;
  /** Where the identifier starts and ends (exclusive) in the text searched. */
  readonly start: number;
  readonly end: number;
  /** Where a label that introduces it starts (`手机号：`, `call me on`), else `start`. */
  readonly labelStart: number;
  /** Its digits (ASCII; an ID number's check character X kept). */
  readonly digits: string;
}

/** Patterns read a copy with full-width digits and signs made ASCII (same length, so spans match). */
const D = '[0-9]';
/** One separator inside a number: a space, a dash of any kind. */
const S = '[ \\u00A0\\u3000\\-\\u2010-\\u2014]';
const NOT_BEFORE = '(?<![0-9*])';
const NOT_AFTER = '(?![0-9*])';
const COUNTRY = `(?:\\+?86${S}?|\\(\\+?86\\)${S}?)`;

/** Each shape, most specific first; a span found by an earlier one is not searched again. */
const SHAPES: ReadonlyArray<{ kind: IdentifierKind; re: RegExp }> = [
  // What a masker already left: 138****5678, 11************002X, **** **** **** 7890, ****1234.
  {
    kind: 'masked',
    re: new RegExp(`${D}{0,4}\\*{3,}(?:${S}?\\*{3,})*${S}?${D}{0,4}[0-9Xx]?`, 'gu'),
  },
  // Resident ID: 6-digit region, birth date, sequence, check digit or X (also spaced 6-8-4).
  {
    kind: 'id_number',
    re: new RegExp(
      `${NOT_BEFORE}[1-9]${D}{5}${S}?(?:1[89]|20)${D}{2}${D}{4}${S}?${D}{3}[0-9Xx]${NOT_AFTER}`,
      'gu',
    ),
  },
  // Bank cards and accounts grouped by four: 16–19 digits.
  {
    kind: 'card',
    re: new RegExp(`${NOT_BEFORE}${D}{4}(?:${S}${D}{4}){3}(?:${S}?${D}{1,3})?${NOT_AFTER}`, 'gu'),
  },
  // Mainland mobile numbers, with or without the country code, grouped 3-4-4 or not.
  {
    kind: 'phone',
    re: new RegExp(`${NOT_BEFORE}${COUNTRY}?1[3-9]${D}(?:${S}?${D}{4}){2}${NOT_AFTER}`, 'gu'),
  },
  // Landlines: area code with its 0 (or after +86 without it, or in brackets), 7–8 local digits.
  {
    kind: 'phone',
    re: new RegExp(
      `${NOT_BEFORE}(?:${COUNTRY}\\(?0?[1-9]${D}{1,2}\\)?|\\(0${D}{2,3}\\)|0[1-9]${D}{1,2})${S}?${D}{3,4}${S}?${D}{4}${NOT_AFTER}`,
      'gu',
    ),
  },
  // 400 and 800 service numbers.
  { kind: 'phone', re: new RegExp(`${NOT_BEFORE}[48]00${S}?${D}{3}${S}?${D}{4}${NOT_AFTER}`, 'gu') },
  // Any other run of twelve or more digits is an account, a card or an ID, never money.
  { kind: 'account', re: new RegExp(`${NOT_BEFORE}${D}{12,}[Xx]?${NOT_AFTER}`, 'gu') },
];

/** Words that say a number is a person's identifier; the number that follows is one whatever its shape. */
const LABEL =
  '(?:手机号码|手机号|手机|电话号码|电话|联系电话|联系方式|座机|号码|账号|帐号|账户号码|账户号|帐户号|卡号|银行卡号|银行卡|身份证号码|身份证号|身份证|证件号码|证件号|微信号|微信|qq号?|分机|' +
  'phone(?: number| no\\.?|#)?|mobile(?: number| no\\.?)?|cell(?: ?phone)?(?: number)?|tel(?:ephone)?(?: number| no\\.?)?|' +
  'call me(?: on| at)?|text me(?: on| at)?|reach me(?: on| at)?|contact(?: me)?(?: on| at)?|whatsapp|wechat|' +
  'account(?: number| no\\.?|#)?|card(?: number| no\\.?|#)?|id(?: card)?(?: number| no\\.?|#)?|passport(?: number| no\\.?)?|my number)';
const CONNECTOR = '\\s*(?:是|为|:|：|is|=|#|no\\.?)?\\s*';
/** A labelled number: at least seven digits, not followed by a currency or a unit of amount. */
const LABELLED = new RegExp(
  `(?<![a-z])${LABEL}${CONNECTOR}((?:\\+|\\()?${D}(?:${S}?[()]?${D}){6,})(?![0-9]|\\s*(?:万|千|百|亿|元|块|k\\b|m\\b|million|thousand|yuan|rmb|cny|usd|dollars?|美元|人民币))`,
  'giu',
);
/** A label right before a span found by its shape (`my phone is 138…`). */
const LABEL_BEFORE = new RegExp(`(?<![a-z])${LABEL}${CONNECTOR}$`, 'iu');

/** Full-width digits, signs, brackets and letters (a Chinese keyboard types them) as ASCII: same length. */
const toAscii = (s: string) =>
  s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

const digitsOf = (text: string): string => text.replace(/[^0-9Xx]/g, '');

/** What a run of digits found by a label or by its length is. */
function classify(kind: IdentifierKind, digits: string): IdentifierKind {
  if (kind !== 'account') return kind;
  if (/^[1-9]\d{16}[\dXx]$/.test(digits) && /^(18|19|20)\d{2}(0[1-9]|1[0-2])/.test(digits.slice(6, 12)))
    return 'id_number';
  if (/^[1-9]\d{14}$/.test(digits)) return 'id_number';
  if (/^\d{16,19}$/.test(digits)) return 'card';
  if (/^(?:86)?1[3-9]\d{9}$/.test(digits) || /^(?:86)?0[1-9]\d{8,10}$/.test(digits)) return 'phone';
  return 'account';
}

/**
 * Every personal identifier in a text, in order, without overlaps.
 *
 * @example
 * findIdentifiers('call me on 020-12345678')[0] // { kind: 'phone', digits: '02012345678', … }
 */
export function findIdentifiers(said: string): IdentifierSpan[] {
  const text = toAscii(said);
  const spans: IdentifierSpan[] = [];
  const free = (start: number, end: number) => spans.every((s) => end <= s.start || start >= s.end);
  const add = (kind: IdentifierKind, start: number, end: number) => {
    // Trailing separators and brackets belong to the sentence, not the number.
    let e = end;
    while (e > start && !/[0-9Xx*]/.test(text[e - 1]!)) e--;
    if (e <= start || !free(start, e)) return;
    const label = LABEL_BEFORE.exec(text.slice(Math.max(0, start - 40), start));
    const labelStart = label ? start - label[0].length : start;
    const digits = digitsOf(text.slice(start, e));
    spans.push({
      kind: kind === 'masked' ? kind : classify(kind, digits),
      start,
      end: e,
      labelStart,
      digits,
    });
  };
  for (const { kind, re } of SHAPES) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      add(kind, m.index, m.index + m[0].length);
    }
  }
  for (const m of text.matchAll(LABELLED)) {
    const number = m[1]!;
    const start = m.index + m[0].length - number.length;
    add('account', start, start + number.length);
  }
  return spans.sort((a, b) => a.start - b.start);
}

function maskedForm(span: IdentifierSpan, original: string): string {
  const d = span.digits;
  switch (span.kind) {
    case 'masked':
      return original;
    case 'id_number':
      return `${d.slice(0, 2)}${'*'.repeat(d.length - 6)}${d.slice(-4)}`;
    case 'card':
      return `**** **** **** ${d.slice(-4)}`;
    case 'phone': {
      const local = d.length >= 11 && d.startsWith('86') ? d.slice(2) : d;
      // Three leading digits say which operator or city; fewer than 11 digits would leave too few hidden.
      return local.length >= 11 ? `${local.slice(-11, -8)}****${local.slice(-4)}` : `****${local.slice(-4)}`;
    }
    case 'account':
      return `****${d.slice(-4)}`;
  }
}

/**
 * The text with every personal identifier masked to what a person needs to tell which one was
 * meant: a phone number keeps its first three and last four digits (`138****5678`), an ID number
 * its first two and last four, a card or an account its last four.
 */
export function maskIdentifiers(text: string): string {
  let out = '';
  let at = 0;
  for (const span of findIdentifiers(text)) {
    out += text.slice(at, span.start) + maskedForm(span, text.slice(span.start, span.end));
    at = span.end;
  }
  return out + text.slice(at);
}

/**
 * The text with each identifier and the label that introduced it blanked out (same length, so
 * positions still match), for reading what the user wants without reading who they are.
 */
export function withoutIdentifiers(text: string): string {
  let out = text;
  for (const span of findIdentifiers(text)) {
    out = out.slice(0, span.labelStart) + ' '.repeat(span.end - span.labelStart) + out.slice(span.end);
  }
  return out;
}
