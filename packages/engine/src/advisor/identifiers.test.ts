import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAmounts } from './amounts.js';
import { findIdentifiers, maskIdentifiers, withoutIdentifiers } from './identifiers.js';
import { understand } from './intent.js';

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''));
const sep = fc.constantFrom(' ', '-');
const fullWidth = (s: string) =>
  s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + d.charCodeAt(0) - 48));
/** A Chinese keyboard may type full-width digits; both must be recognised. */
const maybeFullWidth = (a: fc.Arbitrary<string>) =>
  fc.tuple(a, fc.boolean()).map(([s, wide]) => (wide ? fullWidth(s) : s));

/** Mainland mobile numbers as people type them: 13812345678, 138 1234 5678, +86-138-1234-5678… */
export const mobile = maybeFullWidth(
  fc
    .tuple(
      fc.integer({ min: 3, max: 9 }),
      digits(9),
      sep,
      fc.constantFrom('', '+86 ', '+86-', '86', '(+86) '),
    )
    .chain(([second, rest, s, country]) => {
      const n = `1${second}${rest}`;
      return fc.constantFrom(
        `${country}${n}`,
        `${country}${n.slice(0, 3)}${s}${n.slice(3, 7)}${s}${n.slice(7)}`,
      );
    }),
);

/** Landlines with their area code: 020-12345678, (0755) 1234567, +86 21 1234 5678… */
export const landline = maybeFullWidth(
  fc
    .tuple(
      fc.constantFrom('010', '020', '021', '022', '023', '025', '027', '028', '029', '0571', '0755', '0731'),
      fc.integer({ min: 2, max: 8 }),
      digits(7),
      sep,
    )
    .chain(([area, first, rest, s]) => {
      const local = area.length === 3 ? `${first}${rest}` : `${first}${rest.slice(1)}`;
      return fc.constantFrom(
        `${area}${s}${local}`,
        `${area}${local}`,
        `(${area})${local}`,
        `（${area}）${local}`,
        `+86 ${area.slice(1)} ${local}`,
        `${area}${s}${local.slice(0, -4)}${s}${local.slice(-4)}`,
      );
    }),
);

/** 18-character resident ID numbers (region, birth date, sequence, check digit or X). */
export const idNumber = maybeFullWidth(
  fc
    .tuple(
      fc.integer({ min: 1, max: 9 }),
      digits(5),
      fc.date({ min: new Date('1930-01-01'), max: new Date('2012-12-31'), noInvalidDate: true }),
      digits(3),
      fc.constantFrom('0', '1', '5', '9', 'X', 'x'),
    )
    .map(
      ([a, region, born, seq, check]) =>
        `${a}${region}${born.toISOString().slice(0, 10).replace(/-/g, '')}${seq}${check}`,
    ),
);

/** Bank card numbers: 16–19 digits, written whole or in groups of four. */
export const cardNumber = maybeFullWidth(
  fc
    .tuple(fc.constantFrom('62', '4', '5', '35'), fc.integer({ min: 16, max: 19 }), digits(19), sep)
    .chain(([bin, length, rest, s]) => {
      const n = `${bin}${rest}`.slice(0, length);
      return fc.constantFrom(n, n.replace(/(\d{4})(?=\d)/g, `$1${s}`));
    }),
);

/** Account numbers after a label (`账号`, `account number`): 10–20 digits. */
export const accountNumber = fc.integer({ min: 10, max: 20 }).chain((n) => digits(n));

type Kind = 'phone' | 'id' | 'card' | 'account';
const identifier: fc.Arbitrary<{ kind: Kind; value: string }> = fc.oneof(
  mobile.map((value) => ({ kind: 'phone' as const, value })),
  landline.map((value) => ({ kind: 'phone' as const, value })),
  idNumber.map((value) => ({ kind: 'id' as const, value })),
  cardNumber.map((value) => ({ kind: 'card' as const, value })),
  accountNumber.map((value) => ({ kind: 'account' as const, value })),
);

const TEMPLATES: Record<Kind, ((v: string) => string)[]> = {
  phone: [
    (v) => `我的手机是${v}`,
    (v) => `电话：${v}，请联系我`,
    (v) => `联系方式 ${v}`,
    (v) => `请打 ${v} 找我`,
    (v) => `my phone is ${v}`,
    (v) => `call me on ${v}`,
    (v) => `You can reach me at ${v} tomorrow.`,
    (v) => `${v}`,
  ],
  id: [(v) => `身份证号${v}`, (v) => `我的身份证是 ${v}`, (v) => `my ID number is ${v}`, (v) => `ID: ${v}`],
  card: [(v) => `卡号 ${v}`, (v) => `银行卡：${v}`, (v) => `my card number is ${v}`, (v) => `card ${v}`],
  account: [
    (v) => `账号${v}`,
    (v) => `我的账户号是 ${v}`,
    (v) => `account number: ${v}`,
    (v) => `account no. ${v}`,
  ],
};
/** Sentences with one real amount beside the identifier, and that amount. */
const WITH_AMOUNT: [(v: string) => string, number][] = [
  [(v) => `我想借20万进货，电话${v}`, 20_000_000],
  [(v) => `手机号 ${v}，想借五万元`, 5_000_000],
  [(v) => `I need 50,000 yuan, call me on ${v}`, 5_000_000],
  [(v) => `my number is ${v} and I want to borrow 3k`, 300_000],
];

const sentence = identifier.chain(({ kind, value }) =>
  fc.constantFrom(...TEMPLATES[kind]).map((t) => ({ kind, value, text: t(value) })),
);

/** Runs of five or more digits (ASCII or full-width). */
const LONG_RUN = /[0-9\uFF10-\uFF19]{5,}/;

describe('personal identifiers in chat text (property)', () => {
  it('are never read as an amount', () => {
    fc.assert(
      fc.property(sentence, ({ text }) => {
        expect(findAmounts(text, 'CNY')).toEqual([]);
        expect(understand(text).slots.amount).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('leave the real amount beside them alone', () => {
    fc.assert(
      fc.property(identifier, fc.constantFrom(...WITH_AMOUNT), ({ value }, [template, expected]) => {
        const text = template(value);
        expect(findAmounts(text, 'CNY').map((a) => a.amount)).toEqual([{ value: expected, currency: 'CNY' }]);
        expect(understand(text).slots.amount).toEqual({ value: expected, currency: 'CNY' });
      }),
      { numRuns: 300 },
    );
  });

  it('are masked to a few digits, and the masked text holds no amount either', () => {
    fc.assert(
      fc.property(sentence, ({ text, value }) => {
        const masked = maskIdentifiers(text);
        expect(masked).not.toMatch(LONG_RUN);
        expect(masked).not.toContain(value);
        expect(findAmounts(masked, 'CNY')).toEqual([]);
        expect(maskIdentifiers(masked)).toBe(masked);
      }),
      { numRuns: 500 },
    );
  });

  it('are found as the kind they are', () => {
    fc.assert(
      fc.property(fc.oneof(mobile, landline), (v) => {
        expect(findIdentifiers(`tel ${v}`).map((s) => s.kind)).toEqual(['phone']);
      }),
    );
    fc.assert(
      fc.property(idNumber, (v) => {
        expect(findIdentifiers(`ID ${v}`).map((s) => s.kind)).toEqual(['id_number']);
      }),
    );
    fc.assert(
      fc.property(cardNumber, (v) => {
        // An 18-digit card whose middle reads as a birth date cannot be told from an ID number.
        // Full-width digits count as digits (the detector reads them so too).
        const ascii = v.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
        const kinds = /^\d{18}$/.test(ascii) ? ['card', 'id_number'] : ['card'];
        const found = findIdentifiers(`卡 ${v}`);
        expect(found).toHaveLength(1);
        expect(kinds).toContain(found[0]!.kind);
      }),
    );
  });

  it('do not make a purpose of their label', () => {
    fc.assert(
      fc.property(mobile, (v) => {
        expect(understand(`my phone is ${v}`, 'en').slots.purpose).toBeUndefined();
        expect(understand(`我的手机号是${v}`, 'zh-CN').slots.purpose).toBeUndefined();
      }),
    );
    expect(understand('我想分期买手机，电话13812345678').slots.purpose).toBe('购物消费');
  });
});

describe('identifiers, by example', () => {
  it('masks the three shapes the issue names', () => {
    expect(maskIdentifiers('my phone is 13812345678')).toBe('my phone is 138****5678');
    expect(maskIdentifiers('+86 138 1234 5678')).toBe('138****5678');
    expect(maskIdentifiers('call me on 020-12345678')).toBe('call me on 020****5678');
    expect(maskIdentifiers('身份证 11010519491231002X')).toBe('身份证 11************002X');
    expect(maskIdentifiers('卡号 6222 0212 3456 7890 123')).toBe('卡号 **** **** **** 0123');
    expect(maskIdentifiers('账号 1234567890')).toBe('账号 ****7890');
  });

  it('leaves amounts, terms and dates as they are', () => {
    for (const text of [
      '我想借200000元，分12期',
      '借5千，3年还清',
      'I need 50,000 yuan over 24 months',
      '2024-05-01 我想借20万',
      '买手机 8000 元',
      '一共 100000000 元',
    ]) {
      expect(findIdentifiers(text)).toEqual([]);
      expect(maskIdentifiers(text)).toBe(text);
    }
    expect(withoutIdentifiers('电话13812345678')).toBe(' '.repeat('电话13812345678'.length));
  });
});
