import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURRENCY_MINOR_UNITS, type CurrencyCode, formatMinor, Money, money } from './money.js';

const currencies = Object.keys(CURRENCY_MINOR_UNITS) as CurrencyCode[];

describe('Money', () => {
  it('reads major-unit decimals into integer minor units per ISO 4217', () => {
    expect(money('200000.00', 'CNY')).toEqual({ value: 20000000, currency: 'CNY' });
    expect(money('1000000', 'VND')).toEqual({ value: 1000000, currency: 'VND' });
    expect(money('0.1', 'USD')).toEqual({ value: 10, currency: 'USD' });
    expect(() => money('1.5', 'JPY')).toThrow(/0 decimal places/);
    expect(() => money('-1', 'CNY')).toThrow(RangeError);
  });

  it('round-trips every amount through formatMinor and money without loss', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...currencies),
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        (currency, value) => {
          expect(money(formatMinor({ value, currency }), currency)).toEqual({ value, currency });
        },
      ),
    );
  });

  it('rejects fractions, negatives, unknown currencies and extra fields', () => {
    expect(Money.safeParse({ value: 1.5, currency: 'CNY' }).success).toBe(false);
    expect(Money.safeParse({ value: -1, currency: 'CNY' }).success).toBe(false);
    expect(Money.safeParse({ value: 1, currency: 'XYZ' }).success).toBe(false);
    expect(Money.safeParse({ value: 1, currency: 'CNY', major: 0.01 }).success).toBe(false);
  });
});
