import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bpsToPercent,
  criterionValue,
  majorText,
  percentToBps,
  signedPercentToBps,
  toMinor,
} from './convert.js';
import { type Issue, issueText } from './messages.js';
import { getAt, setAt } from './paths.js';

describe('editor conversions', () => {
  it('reads amounts in major units into minor units per currency, and shows them back', () => {
    expect(toMinor('3,500,000.50', 'CNY')).toEqual({ value: 350_000_050 });
    expect(toMinor('168000', 'JPY')).toEqual({ value: 168_000 });
    expect(toMinor('1.5', 'JPY')).toEqual({ problem: { key: 'problem.decimals', args: ['JPY', 0] } });
    expect(toMinor('1.2345', 'KWD')).toEqual({ problem: { key: 'problem.decimals', args: ['KWD', 3] } });
    expect(toMinor('ten', 'CNY')).toEqual({ problem: { key: 'problem.amount', args: [] } });
    expect(toMinor(' ', 'CNY')).toEqual({ problem: { key: 'problem.required', args: [] } });
    expect(majorText(20_000_000, 'CNY')).toBe('200000');
    expect(majorText(1250, 'CNY')).toBe('12.5');
    expect(majorText(100, 'JPY')).toBe('100');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.constantFrom('CNY', 'JPY', 'KWD', 'USD'),
        (v, c) => {
          expect(toMinor(majorText(v, c as 'CNY'), c as 'CNY')).toEqual({ value: v });
        },
      ),
    );
  });

  it('reads percentages into basis points without floats', () => {
    expect(percentToBps('3.65')).toEqual({ value: 365 });
    expect(percentToBps('7.2')).toEqual({ value: 720 });
    expect(percentToBps('')).toEqual({ value: undefined });
    expect(percentToBps('3.655')).toEqual({ problem: { key: 'problem.percent', args: [] } });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (bps) => {
        expect(percentToBps(bpsToPercent(bps))).toEqual({ value: bps });
      }),
    );
  });

  it('reads a past return, which may be a loss, into basis points and shows it back', () => {
    expect(signedPercentToBps('5.12')).toEqual({ value: 512 });
    expect(signedPercentToBps('-1.5')).toEqual({ value: -150 });
    expect(signedPercentToBps('−0.25')).toEqual({ value: -25 });
    expect(signedPercentToBps('+2')).toEqual({ value: 200 });
    expect(signedPercentToBps('-0')).toEqual({ value: 0 });
    expect(signedPercentToBps(' ')).toEqual({ problem: { key: 'problem.required', args: [] } });
    expect(signedPercentToBps('--1')).toEqual({ problem: { key: 'problem.percent', args: [] } });
    expect(bpsToPercent(-150)).toBe('-1.5');
    expect(bpsToPercent(-5)).toBe('-0.05');
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (bps) => {
        expect(signedPercentToBps(bpsToPercent(bps))).toEqual({ value: bps });
      }),
    );
  });

  it('reads a criterion value for its operator', () => {
    expect(criterionValue('gte', '12')).toEqual({ value: 12 });
    expect(criterionValue('eq', 'true')).toEqual({ value: true });
    expect(criterionValue('eq', 'CN')).toEqual({ value: 'CN' });
    expect(criterionValue('in', 'CN, HK，3')).toEqual({ value: ['CN', 'HK', 3] });
    expect(criterionValue('exists', 'anything')).toEqual({ value: undefined });
    expect(criterionValue('gt', '')).toEqual({ value: undefined });
  });

  it('sets and removes values by path without touching the original', () => {
    const before = { a: { b: [1, 2] } };
    const after = setAt(before, ['a', 'b', 1], 3);
    expect(after).toEqual({ a: { b: [1, 3] } });
    expect(before).toEqual({ a: { b: [1, 2] } });
    expect(setAt({ a: 1, b: 2 }, ['b'], undefined)).toEqual({ a: 1 });
    expect(setAt({}, ['x', 0, 'y'], 'z')).toEqual({ x: [{ y: 'z' }] });
    expect(getAt(after, ['a', 'b', 1])).toBe(3);
  });

  it('puts zod issues into words in both locales', () => {
    const issue = (i: Partial<Issue>): Issue => ({ code: 'custom', path: [], message: '', ...i });
    expect(issueText('en', issue({ message: '`gt` needs a number' }))).toBe('“greater than” needs a number.');
    expect(issueText('zh-CN', issue({ message: '`gt` needs a number' }))).toBe('“大于” 需要数字。');
    expect(issueText('en', issue({ code: 'too_small', origin: 'string', minimum: 1 }))).toBe('Required.');
    expect(issueText('zh-CN', issue({ code: 'too_big', origin: 'number', maximum: 100 }))).toBe(
      '不能大于 100。',
    );
    expect(issueText('en', issue({ message: 'must be the offer currency CNY' }))).toBe(
      'Must be in the offer currency CNY.',
    );
    // The wealth product rules, in words for either language.
    expect(issueText('zh-CN', issue({ message: 'a installment needs an amount range' }))).toBe(
      '此类产品须填写金额范围。',
    );
    expect(issueText('en', issue({ message: 'a debit_card has no amount range' }))).toContain(
      'leave both empty',
    );
    expect(issueText('zh-CN', issue({ message: 'a fund needs a risk level' }))).toContain('R1–R5');
    expect(issueText('zh-CN', issue({ message: 'must contain “过往业绩不代表未来表现”' }))).toBe(
      '须包含“过往业绩不代表未来表现”字样。',
    );
    // A message the contracts add later is still shown, in its own words.
    expect(issueText('zh-CN', issue({ message: 'something new' }))).toBe('something new');
  });
});
