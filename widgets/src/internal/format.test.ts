import { formatMinor } from '@finlet/contracts';
import { CURRENCY_MINOR_UNITS, type CurrencyCode } from '@finlet/contracts/currency';
import { launchChromium } from '@finlet/testing/browser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBps, formatDateTime, formatFee, formatMoney, formatNumber, parseAmount } from './format.js';
import { repaymentExample } from './repayment.js';

describe('money formatting', () => {
  it('formats minor units per currency in both locales', () => {
    expect(formatMoney({ value: 20_000_000, currency: 'CNY' }, 'en')).toBe('CN¥200,000.00');
    expect(formatMoney({ value: 20_000_000, currency: 'CNY' }, 'zh-CN')).toBe('¥200,000.00');
    expect(formatMoney({ value: 1_000_000, currency: 'VND' }, 'en')).toBe('₫1,000,000');
    expect(formatMoney({ value: 5, currency: 'USD' }, 'en')).toBe('$0.05');
  });

  it('parses what people type without floating point', () => {
    expect(parseAmount('8,000', 'CNY')).toEqual({ value: 800_000, currency: 'CNY' });
    expect(parseAmount('８０００.5', 'CNY')).toEqual({ value: 800_050, currency: 'CNY' });
    expect(parseAmount('1000000', 'VND')).toEqual({ value: 1_000_000, currency: 'VND' });
    expect(parseAmount('12.345', 'CNY')).toBeUndefined();
    expect(parseAmount('-5', 'CNY')).toBeUndefined();
    expect(parseAmount('abc', 'CNY')).toBeUndefined();
  });

  it('formats basis points as a percentage', () => {
    expect(formatBps(365, 'en')).toBe('3.65%');
    expect(formatBps(1800, 'zh-CN')).toBe('18.00%');
  });
});

/** What Intl writes, the reference the formatters without Intl must match character for character. */
const reference = {
  money: (value: number, currency: string, locale: string) => {
    const digits = CURRENCY_MINOR_UNITS[currency as CurrencyCode];
    const text = formatMinor({ value: Math.abs(value), currency: currency as CurrencyCode });
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(`${value < 0 ? '-' : ''}${text}` as `${number}`);
  },
  bps: (bps: number, locale: string) =>
    new Intl.NumberFormat(locale, {
      style: 'percent',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }).format(bps / 10_000),
  number: (value: number, locale: string) => new Intl.NumberFormat(locale).format(value),
};
const LOCALES = ['en', 'zh-CN'] as const;
const CURRENCIES = Object.keys(CURRENCY_MINOR_UNITS) as CurrencyCode[];
/**
 * Amounts at the edges: digit-group boundaries, fewer digits than the minor unit, 15 digits (the
 * most Intl itself writes exactly: it reads the figure as a double).
 */
const LARGEST = 999_999_999_999_999;
const EDGES = [0, 1, 5, 99, 100, 999, 1_000, 12_345, 999_999, 1_000_000, 123_456_789, LARGEST];

describe('figures without Intl (the first Intl formatter costs ~40 ms of main thread)', () => {
  it('writes every currency in both locales exactly as Intl does', () => {
    for (const locale of LOCALES) {
      for (const currency of CURRENCIES) {
        for (const value of [...EDGES, ...EDGES.map((v) => -v)]) {
          expect(formatMoney({ value, currency }, locale), `${locale} ${currency} ${value}`).toBe(
            reference.money(value, currency, locale),
          );
        }
      }
    }
    // A code the table does not know is written as Intl writes an unknown code: the code, a no-break space.
    expect(formatMoney({ value: 500, currency: 'XTS' as CurrencyCode }, 'en')).toBe(
      new Intl.NumberFormat('en', { style: 'currency', currency: 'XTS', minimumFractionDigits: 2 }).format(5),
    );
  });

  it('writes amounts, rates and counts as Intl does, for any whole number', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -LARGEST, max: LARGEST }),
        fc.constantFrom(...CURRENCIES),
        fc.constantFrom(...LOCALES),
        (value, currency, locale) => {
          expect(formatMoney({ value, currency }, locale)).toBe(reference.money(value, currency, locale));
          expect(formatBps(value, locale)).toBe(reference.bps(value, locale));
          expect(formatNumber(value, locale)).toBe(reference.number(value, locale));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('leaves what is not a whole number to Intl', () => {
    expect(formatNumber(1234.5678, 'en')).toBe('1,234.568');
    expect(formatNumber(-0, 'zh-CN')).toBe('-0');
    expect(formatBps(12.5, 'en')).toBe('0.13%');
  });

  it('builds no Intl number formatter for a list of offers, and each date formatter once', () => {
    const built = { NumberFormat: 0, DateTimeFormat: 0 };
    const originals = { NumberFormat: Intl.NumberFormat, DateTimeFormat: Intl.DateTimeFormat };
    for (const name of ['NumberFormat', 'DateTimeFormat'] as const) {
      Object.assign(Intl, {
        [name]: new Proxy(originals[name], {
          construct(target, args: unknown[]) {
            built[name]++;
            return Reflect.construct(target, args);
          },
        }),
      });
    }
    try {
      const list = () => {
        for (const bps of [365, 1800, 2400]) formatBps(bps, 'zh-CN');
        for (const value of [1, 2, 3]) formatMoney({ value, currency: 'EUR' }, 'zh-CN');
        formatMoney({ value: 100, currency: 'JPY' }, 'en');
        formatNumber(12_000, 'en');
        for (const day of ['2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z']) formatDateTime(day, 'en');
      };
      list();
      expect(built).toEqual({ NumberFormat: 0, DateTimeFormat: 1 });
      list();
      list();
      expect(built).toEqual({ NumberFormat: 0, DateTimeFormat: 1 });
    } finally {
      Object.assign(Intl, originals);
    }
  });

  // Chromium carries its own ICU and CLDR: the page's Intl is the reference that counts.
  it("matches Chromium's Intl for every currency in both locales", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const cases = LOCALES.flatMap((locale) =>
        CURRENCIES.flatMap((currency) =>
          [0, 5, 123_456_789, -1_000].map((value) => ({
            locale,
            currency,
            value,
            digits: CURRENCY_MINOR_UNITS[currency],
            text: formatMinor({ value: Math.abs(value), currency }),
            ours: formatMoney({ value, currency }, locale),
          })),
        ),
      );
      const rates = LOCALES.flatMap((locale) =>
        [0, 5, 365, -1_250, 1_234_567].map((bps) => ({ locale, bps, ours: formatBps(bps, locale) })),
      );
      const theirs = await page.evaluate(
        ({ cases, rates }) => ({
          money: cases.map((c) =>
            new Intl.NumberFormat(c.locale, {
              style: 'currency',
              currency: c.currency,
              minimumFractionDigits: c.digits,
              maximumFractionDigits: c.digits,
            }).format(`${c.value < 0 ? '-' : ''}${c.text}` as `${number}`),
          ),
          rates: rates.map((r) =>
            new Intl.NumberFormat(r.locale, {
              style: 'percent',
              minimumFractionDigits: 2,
              maximumFractionDigits: 2,
            }).format(r.bps / 10_000),
          ),
        }),
        { cases, rates },
      );
      expect(cases.map((c) => c.ours)).toEqual(theirs.money);
      expect(rates.map((r) => r.ours)).toEqual(theirs.rates);
    } finally {
      await browser.close();
    }
  });
});

describe('fee wording', () => {
  type FeeText = Parameters<typeof formatFee>[0];
  const late: FeeText = {
    rateBps: 5,
    label: { 'zh-CN': '逾期每日按未还本金的 0.05% 收取罚息', en: '0.05 % a day on the overdue principal' },
  };

  it('shows the label alone when it already states the figure, in both locales', () => {
    expect(formatFee(late, 'zh-CN')).toBe('逾期每日按未还本金的 0.05% 收取罚息');
    expect(formatFee(late, 'en')).toBe('0.05 % a day on the overdue principal');
    const fixed: FeeText = {
      fixed: { value: 5_000, currency: 'CNY' },
      label: { 'zh-CN': '逾期费 50 元', en: 'CNY 50.00 late fee' },
    };
    expect(formatFee(fixed, 'zh-CN')).toBe('逾期费 50 元');
    expect(formatFee(fixed, 'en')).toBe('CNY 50.00 late fee');
  });

  it('adds the figures a label does not state, each once', () => {
    const annual: FeeText = {
      fixed: { value: 20_000, currency: 'CNY' },
      label: { 'zh-CN': '年费', en: 'Annual fee' },
    };
    expect(formatFee(annual, 'zh-CN')).toBe('年费 ¥200.00');
    expect(formatFee(annual, 'en')).toBe('Annual fee CN¥200.00');
    // Only what the label leaves out is added: here the rate, not the fixed part it names.
    const both: FeeText = {
      fixed: { value: 1_000, currency: 'CNY' },
      rateBps: 50,
      label: { 'zh-CN': '手续费（最低 10 元）', en: 'Fee (at least 10 CNY)' },
    };
    expect(formatFee(both, 'zh-CN')).toBe('手续费（最低 10 元） 0.50%');
    expect(formatFee({ ...late, rateBps: 50 }, 'en')).toBe('0.05 % a day on the overdue principal 0.50%');
  });
});

describe('property: what is shown parses back', () => {
  it('parseAmount(formatMinor(m)) === m', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 49 }),
        fc.constantFrom('CNY', 'JPY', 'USD', 'VND'),
        (value, currency) => {
          const amount = { value, currency } as const;
          expect(parseAmount(formatMinor(amount), currency)).toEqual(amount);
        },
      ),
    );
  });
});

describe('repayment example', () => {
  it('matches the annuity formula for a known case', () => {
    // 10,000.00 CNY over 12 months at 12% APR: 888.49 a month (rounded up to the fen).
    const example = repaymentExample({ value: 1_000_000, currency: 'CNY' }, 12, 1200);
    expect(example.monthly.value).toBe(88_849);
    // 888.4878… × 12 = 10,661.85 repaid in all (the last instalment absorbs the rounding).
    expect(example.total.value).toBe(1_066_185);
    expect(example.cost.value).toBe(66_185);
  });

  it('adds the fees every borrower pays, not behaviour-dependent ones', () => {
    const example = repaymentExample({ value: 1_000_000, currency: 'CNY' }, 12, 0, [
      { kind: 'origination', rateBps: 100 },
      { kind: 'late_payment', fixed: { value: 5_000, currency: 'CNY' } },
    ]);
    expect(example.monthly.value).toBe(83_334);
    // At 0 % the borrower repays exactly what was borrowed, plus the 1 % fee.
    expect(example.total.value).toBe(1_000_000 + 10_000);
    expect(example.cost.value).toBe(10_000);
  });

  it('never lets the borrower repay less than borrowed, in whole minor units', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 10 ** 10 }),
        fc.integer({ min: 1, max: 360 }),
        fc.integer({ min: 0, max: 5_000 }),
        (value, months, apr) => {
          const example = repaymentExample({ value, currency: 'CNY' }, months, apr);
          expect(Number.isSafeInteger(example.monthly.value)).toBe(true);
          expect(example.total.value).toBeGreaterThanOrEqual(value);
          expect(example.cost.value).toBe(example.total.value - value);
        },
      ),
    );
  });
});
