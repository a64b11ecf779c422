import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAmounts, findTermMonths, parseChineseNumeral } from './amounts.js';

const first = (text: string) => findAmounts(text, 'CNY')[0]?.amount;

describe('parseChineseNumeral', () => {
  it.each([
    ['二十万', 200_000n],
    ['五千', 5000n],
    ['三百五十', 350n],
    ['十', 10n],
    ['一万五', 15_000n],
    ['两百万', 2_000_000n],
    ['一亿二千万', 120_000_000n],
  ])('%s = %s', (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value);
  });
  it('refuses non-numerals', () => {
    expect(parseChineseNumeral('进货')).toBeNull();
  });
});

describe('findAmounts', () => {
  it('reads Chinese place units on Arabic digits', () => {
    expect(first('我想借20万进货')).toEqual({ value: 20_000_000, currency: 'CNY' });
    expect(first('借5千')).toEqual({ value: 500_000, currency: 'CNY' });
    expect(first('1.5万元')).toEqual({ value: 1_500_000, currency: 'CNY' });
  });
  it('reads Chinese numerals', () => {
    expect(first('想借二十万')).toEqual({ value: 20_000_000, currency: 'CNY' });
    expect(first('汇五千美元到越南')).toEqual({ value: 500_000, currency: 'USD' });
  });
  it('reads English amounts and currencies', () => {
    expect(first('send 50,000 USD to Vietnam')).toEqual({ value: 5_000_000, currency: 'USD' });
    expect(first('borrow $5k')).toEqual({ value: 500_000, currency: 'USD' });
    expect(first('a loan of 2 million yuan')).toEqual({ value: 200_000_000, currency: 'CNY' });
    expect(first('1,000,000 VND')).toEqual({ value: 1_000_000, currency: 'VND' });
  });
  it('does not read terms, ages or rates as money', () => {
    expect(findAmounts('分12个月还，我今年30岁，利率5%', 'CNY')).toEqual([]);
    expect(findAmounts('repay over 24 months', 'CNY')).toEqual([]);
    expect(findAmounts('我想了解一下', 'CNY')).toEqual([]);
  });
  it('is exact for any whole number of 万 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999 }), (n) => {
        expect(first(`${n}万`)).toEqual({ value: n * 10_000 * 100, currency: 'CNY' });
      }),
    );
  });
});

describe('findTermMonths', () => {
  it('reads months, instalments and years', () => {
    expect(findTermMonths('分12期')).toBe(12);
    expect(findTermMonths('借三年')).toBe(36);
    expect(findTermMonths('over 24 months')).toBe(24);
    expect(findTermMonths('no term here')).toBeUndefined();
  });
});

describe('findAmounts, one amount per number', () => {
  it('reads 20万 once, not also as 万', () => {
    expect(findAmounts('我想借20万进货', 'CNY').map((a) => a.amount)).toEqual([
      { value: 20_000_000, currency: 'CNY' },
    ]);
  });
});
