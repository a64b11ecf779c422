import { CheckResult, type CurrencyCode } from '@finlet/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cny, makeOffer, NOW } from '../test/offers.js';
import {
  amountWithin,
  checkAmount,
  checkApplicationAmount,
  checkCurrency,
  checkEffective,
  checkPartner,
  checkProductType,
  checkScenario,
  checkTerm,
  evaluateChecks,
  isVisible,
} from './checks.js';

const offer = makeOffer({ amount: { min: cny(5_000_000), max: cny(300_000_000) } });

describe('amount, currency and term checks', () => {
  it('explains limits in major units with the currency', () => {
    expect(checkAmount(offer, cny(10_000_000))).toEqual({
      check: 'amount',
      met: true,
      expected: '50000.00–3000000.00 CNY',
      observed: '100000.00 CNY',
    });
  });

  it('includes both bounds and refuses one minor unit beyond either', () => {
    expect(checkAmount(offer, cny(5_000_000)).met).toBe(true);
    expect(checkAmount(offer, cny(300_000_000)).met).toBe(true);
    expect(checkAmount(offer, cny(4_999_999)).met).toBe(false);
    expect(checkAmount(offer, cny(300_000_001)).met).toBe(false);
  });

  it('treats an amount in another currency as a currency mismatch and never converts it', () => {
    const usd = { value: 10_000_000, currency: 'USD' as const };
    expect(checkCurrency(offer, usd)).toEqual({
      check: 'currency',
      met: false,
      expected: 'CNY',
      observed: 'USD',
    });
    expect(checkAmount(offer, usd)).toMatchObject({ met: false, observed: '100000.00 USD' });
  });

  it('formats zero-decimal currencies without a fraction', () => {
    const vnd = makeOffer({
      currency: 'VND',
      amount: { min: { value: 1_000_000, currency: 'VND' }, max: { value: 50_000_000, currency: 'VND' } },
    });
    expect(checkAmount(vnd, { value: 2_000_000, currency: 'VND' })).toMatchObject({
      expected: '1000000–50000000 VND',
      observed: '2000000 VND',
    });
  });

  it('meets amount, currency and term with observed null when the request names none', () => {
    expect(checkAmount(offer, undefined)).toMatchObject({ met: true, observed: null });
    expect(checkCurrency(offer, undefined)).toMatchObject({ met: true, observed: null });
    expect(checkTerm(offer, undefined)).toMatchObject({ met: true, observed: null });
  });

  it('checks the term in months against the offer range, bounds included', () => {
    expect(checkTerm(offer, 3)).toEqual({
      check: 'term',
      met: true,
      expected: '3–12 months',
      observed: '3 months',
    });
    expect(checkTerm(offer, 12).met).toBe(true);
    expect(checkTerm(offer, 2).met).toBe(false);
    expect(checkTerm(offer, 13).met).toBe(false);
    expect(checkTerm(offer, 6.5).met).toBe(false);
  });

  it('accepts any term for an offer without one (accounts, cards)', () => {
    expect(checkTerm({}, 24)).toEqual({
      check: 'term',
      met: true,
      expected: 'no fixed term',
      observed: '24 months',
    });
  });

  it('agrees with plain integer comparison for every amount and currency', () => {
    const currency = fc.constantFrom<CurrencyCode>('CNY', 'USD', 'JPY');
    fc.assert(
      fc.property(
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        currency,
        currency,
        (a, b, value, offerCurrency, wishCurrency) => {
          const [min, max] = a <= b ? [a, b] : [b, a];
          const range = {
            min: { value: min, currency: offerCurrency },
            max: { value: max, currency: offerCurrency },
          };
          const wish = { value, currency: wishCurrency };
          const expected = offerCurrency === wishCurrency && min <= value && value <= max;
          expect(amountWithin(range, wish)).toBe(expected);
          expect(checkAmount({ amount: range }, wish).met).toBe(expected);
          expect(checkApplicationAmount({ currency: offerCurrency, amount: range }, wish).ok).toBe(expected);
        },
      ),
    );
  });
});

describe('visibility checks', () => {
  it('requires the session scenario among the offer scenarios', () => {
    const both = makeOffer({ scenarios: ['supply-chain', 'consumption'] });
    expect(checkScenario(both, 'consumption')).toEqual({
      check: 'scenario',
      met: true,
      expected: 'supply-chain, consumption',
      observed: 'consumption',
    });
    expect(checkScenario(both, 'tourism').met).toBe(false);
  });

  it('opens an offer without a partner list to every partner, and a listed one only to those', () => {
    expect(checkPartner(makeOffer(), 'ptn_a')).toMatchObject({ met: true, expected: 'any partner' });
    const listed = makeOffer({ partners: ['ptn_a', 'ptn_b'] });
    expect(checkPartner(listed, 'ptn_b')).toMatchObject({
      met: true,
      expected: 'ptn_a, ptn_b',
      observed: 'ptn_b',
    });
    expect(checkPartner(listed, 'ptn_c').met).toBe(false);
    expect(checkPartner(makeOffer({ partners: [] }), 'ptn_a').met).toBe(false);
  });

  it('treats the effective window as [from, until)', () => {
    const windowed = makeOffer({
      effective: { from: '2026-01-01T00:00:00Z', until: '2026-04-01T00:00:00+08:00' },
    });
    const at = (iso: string) => checkEffective(windowed, new Date(iso)).met;
    expect(at('2025-12-31T23:59:59.999Z')).toBe(false);
    expect(at('2026-01-01T00:00:00Z')).toBe(true);
    expect(at('2026-03-31T15:59:59.999Z')).toBe(true);
    expect(at('2026-03-31T16:00:00Z')).toBe(false);
    expect(checkEffective(windowed, NOW)).toEqual({
      check: 'effective',
      met: true,
      expected: 'from 2026-01-01T00:00:00Z until 2026-04-01T00:00:00+08:00',
      observed: '2026-03-01T08:00:00.000Z',
    });
    expect(checkEffective(makeOffer(), new Date('2099-01-01T00:00:00Z'))).toMatchObject({
      met: true,
      expected: 'from 2026-01-01T00:00:00Z',
    });
  });

  it('never opens a window whose timestamp does not parse', () => {
    expect(checkEffective(makeOffer({ effective: { from: 'soon' } }), NOW).met).toBe(false);
  });

  it('filters by product type only when the request asks to', () => {
    expect(checkProductType(offer, undefined)).toEqual({
      check: 'product_type',
      met: true,
      expected: 'inventory_financing',
      observed: null,
    });
    expect(checkProductType(offer, ['business_loan', 'inventory_financing']).met).toBe(true);
    expect(checkProductType(offer, ['business_loan'])).toMatchObject({
      met: false,
      observed: 'business_loan',
    });
  });
});

describe('evaluateChecks', () => {
  const context = { scenario: 'supply-chain' as const, partnerId: 'ptn_a', now: NOW };

  it('returns every check kind once, in a fixed order, each a valid CheckResult', () => {
    const checks = evaluateChecks(offer, { ...context, amount: cny(10_000_000), termMonths: 6 });
    expect(checks.map((c) => c.check)).toEqual([
      'scenario',
      'partner',
      'effective',
      'product_type',
      'currency',
      'amount',
      'term',
    ]);
    for (const c of checks) expect(CheckResult.parse(c)).toEqual(c);
    expect(checks.every((c) => c.met)).toBe(true);
  });

  it('hides an offer only for visibility failures, not for limit failures', () => {
    expect(isVisible(evaluateChecks(offer, { ...context, amount: cny(1) }))).toBe(true);
    expect(isVisible(evaluateChecks(offer, { ...context, scenario: 'tourism' }))).toBe(false);
    expect(isVisible(evaluateChecks(offer, { ...context, productTypes: ['credit_card'] }))).toBe(false);
    expect(isVisible(evaluateChecks(makeOffer({ partners: ['ptn_b'] }), context))).toBe(false);
    expect(isVisible(evaluateChecks(offer, { ...context, now: new Date('2025-01-01T00:00:00Z') }))).toBe(
      false,
    );
  });
});

describe('checkApplicationAmount', () => {
  it('accepts an amount and term inside the limits', () => {
    const decision = checkApplicationAmount(offer, cny(10_000_000), 6);
    expect(decision.ok).toBe(true);
    expect(decision.checks.map((c) => c.check)).toEqual(['currency', 'amount', 'term']);
  });

  it('refuses with amount_out_of_range and one reason per failed check', () => {
    const decision = checkApplicationAmount(offer, cny(500), 24);
    expect(decision).toMatchObject({
      ok: false,
      code: 'amount_out_of_range',
      reason: 'amount: needs 50000.00–3000000.00 CNY, got 5.00 CNY; term: needs 3–12 months, got 24 months',
    });
  });

  it('refuses an amount in another currency', () => {
    const decision = checkApplicationAmount(offer, { value: 10_000_000, currency: 'HKD' });
    expect(decision.ok).toBe(false);
    expect(decision.checks.filter((c) => !c.met).map((c) => c.check)).toEqual(['currency', 'amount']);
  });
});
