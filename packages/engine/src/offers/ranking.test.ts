import type { Fee } from '@finlet/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbOffers } from '../test/arbitraries.js';
import { cny, label, makeOffer } from '../test/offers.js';
import {
  compareScored,
  fitScore,
  priorityScore,
  SCORE_WEIGHTS,
  scoreOffers,
  specificityScore,
  yearlyCostBps,
} from './ranking.js';

const range = { amount: { min: cny(1_000_000), max: cny(10_000_000) } };
const fee = (fields: Omit<Fee, 'id' | 'label'>): Fee => ({ id: 'fee', label, ...fields });

describe('fitScore', () => {
  it('is 1 when no amount is wished', () => {
    expect(fitScore(range, undefined)).toBe(1);
  });

  it('is 1 while the amount uses at most 75 % of the maximum, then falls to 0.5 at the maximum', () => {
    expect(fitScore(range, cny(1_000_000))).toBe(1);
    expect(fitScore(range, cny(7_500_000))).toBe(1);
    expect(fitScore(range, cny(8_750_000))).toBeCloseTo(0.75, 10);
    expect(fitScore(range, cny(10_000_000))).toBe(0.5);
  });

  it('is 0 outside the limits or in another currency', () => {
    expect(fitScore(range, cny(999_999))).toBe(0);
    expect(fitScore(range, cny(10_000_001))).toBe(0);
    expect(fitScore(range, { value: 5_000_000, currency: 'USD' })).toBe(0);
  });

  it('prefers the offer whose maximum comfortably covers the amount', () => {
    const tight = makeOffer({ id: 'tight', amount: { min: cny(0), max: cny(10_000_000) } });
    const roomy = makeOffer({ id: 'roomy', amount: { min: cny(0), max: cny(50_000_000) } });
    expect(fitScore(roomy, cny(9_500_000))).toBeGreaterThan(fitScore(tight, cny(9_500_000)));
  });

  it('stays in [0, 1] for every amount', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), (a, b, x) => {
        const r = { amount: { min: cny(Math.min(a, b)), max: cny(Math.max(a, b)) } };
        const f = fitScore(r, cny(x));
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('yearlyCostBps', () => {
  it('is null without an APR, and the APR midpoint without fees', () => {
    expect(yearlyCostBps({ pricing: { fees: [] } }, {})).toBeNull();
    expect(yearlyCostBps({ pricing: { apr: { min: 365, max: 725 }, fees: [] } }, {})).toBe(545);
  });

  it('spreads one-off fees over the term and adds yearly ones once', () => {
    const pricing = {
      apr: { min: 400, max: 400 },
      fees: [fee({ kind: 'origination', rateBps: 120 }), fee({ kind: 'annual', fixed: cny(10_000) })],
    };
    // 400 + 120·12/6 + (10000 / 1000000)·10000 = 400 + 240 + 100
    expect(yearlyCostBps({ pricing }, { amount: cny(1_000_000), termMonths: 6 })).toBe(740);
    // Without a wished term, the offer's shortest term is used; without an amount, fixed fees cannot count.
    expect(yearlyCostBps({ pricing, termMonths: { min: 24, max: 36 } }, {})).toBe(460);
    expect(yearlyCostBps({ pricing }, {})).toBe(520);
  });

  it('leaves out fees that depend on behaviour, and fixed fees in another currency', () => {
    const pricing = {
      apr: { min: 500, max: 500 },
      fees: [
        fee({ kind: 'late_payment', rateBps: 500 }),
        fee({ kind: 'early_repayment', fixed: cny(1) }),
        fee({ kind: 'transfer', rateBps: 10 }),
        fee({ kind: 'service', fixed: { value: 100, currency: 'USD' } }),
      ],
    };
    expect(yearlyCostBps({ pricing }, { amount: cny(1_000) })).toBe(500);
  });
});

describe('specificity and priority', () => {
  it('favours single-scenario offers and more met criteria', () => {
    expect(specificityScore({ scenarios: ['tourism'] }, 0)).toBe(0.5);
    expect(specificityScore({ scenarios: ['tourism', 'consumption', 'government', 'supply-chain'] }, 0)).toBe(
      0.125,
    );
    expect(specificityScore({ scenarios: ['tourism'] }, 2)).toBe(0.75);
    expect(specificityScore({ scenarios: ['tourism'] }, 3)).toBeGreaterThan(
      specificityScore({ scenarios: ['tourism'] }, 2),
    );
  });

  it('reads priority as a share of 100', () => {
    expect(priorityScore({ priority: 0 })).toBe(0);
    expect(priorityScore({ priority: 65 })).toBe(0.65);
    expect(priorityScore({ priority: 100 })).toBe(1);
  });
});

describe('scoreOffers', () => {
  it('weights sum to 1', () => {
    const total = Object.values(SCORE_WEIGHTS).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 12);
  });

  it('prices relative to the cheapest candidate and gives offers without APR a neutral 0.5', () => {
    const cheap = makeOffer({ id: 'cheap', pricing: { apr: { min: 300, max: 300 }, fees: [] } });
    const dear = makeOffer({ id: 'dear', pricing: { apr: { min: 700, max: 700 }, fees: [] } });
    const account = makeOffer({ id: 'account', pricing: { fees: [] } });
    const [a, b, c] = scoreOffers(
      [cheap, dear, account].map((offer) => ({ offer, metCriteria: 0 })),
      {},
    );
    expect(a!.scoreBreakdown.price).toBe(1);
    expect(b!.scoreBreakdown.price).toBe(0.5); // (300 + 100) / (700 + 100)
    expect(c!.scoreBreakdown.price).toBe(0.5);
  });

  it('computes the score as the weighted sum of the reported components, rounded to 4 decimals', () => {
    const offer = makeOffer({ priority: 70, scenarios: ['supply-chain', 'consumption'] });
    const [scored] = scoreOffers([{ offer, metCriteria: 1 }], { amount: cny(280_000_000) });
    const b = scored!.scoreBreakdown;
    expect(b).toEqual({ fit: 0.6333, price: 1, specificity: 0.4167, priority: 0.7 });
    expect(scored!.score).toBe(0.7283);
    const sum = 0.3 * b.fit + 0.35 * b.price + 0.2 * b.specificity + 0.15 * b.priority;
    expect(scored!.score).toBe(Math.round(sum * 10_000) / 10_000);
  });

  it('keeps every component and the score within [0, 1] with at most 4 decimals', () => {
    fc.assert(
      fc.property(arbOffers, fc.nat({ max: 4 }), (offers, met) => {
        for (const s of scoreOffers(
          offers.map((offer) => ({ offer, metCriteria: met })),
          { amount: cny(50_000_000) },
        )) {
          for (const v of [s.score, ...Object.values(s.scoreBreakdown)]) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1);
            expect(Math.round(v * 10_000) / 10_000).toBe(v);
          }
        }
      }),
    );
  });

  it('ranks a higher product-team priority above an otherwise identical offer', () => {
    const low = makeOffer({ id: 'a-low', priority: 10 });
    const high = makeOffer({ id: 'b-high', priority: 90 });
    const scored = scoreOffers(
      [low, high].map((offer) => ({ offer, metCriteria: 1 })),
      {},
    );
    expect(scored[1]!.score).toBeGreaterThan(scored[0]!.score);
  });
});

describe('compareScored', () => {
  it('orders by score, then id, then version', () => {
    const items = [
      { score: 0.5, offer: { id: 'b', version: 1 } },
      { score: 0.5, offer: { id: 'a', version: 2 } },
      { score: 0.9, offer: { id: 'z', version: 1 } },
      { score: 0.5, offer: { id: 'a', version: 1 } },
    ];
    expect(items.sort(compareScored).map((i) => `${i.offer.id}@${i.offer.version}`)).toEqual([
      'z@1',
      'a@1',
      'a@2',
      'b@1',
    ]);
  });

  it('compares ids by code unit, so the order does not depend on the locale', () => {
    const items = [
      { score: 0.5, offer: { id: 'b', version: 1 } },
      { score: 0.5, offer: { id: 'B', version: 1 } },
    ];
    expect(items.sort(compareScored).map((i) => i.offer.id)).toEqual(['B', 'b']);
  });

  it('is a total order: antisymmetric, transitive, zero only for the same score, id and version', () => {
    const item = fc.record({
      score: fc.integer({ min: 0, max: 10 }).map((n) => n / 10),
      offer: fc.record({ id: fc.constantFrom('a', 'b', 'c'), version: fc.integer({ min: 1, max: 3 }) }),
    });
    fc.assert(
      fc.property(item, item, item, (a, b, c) => {
        expect(Math.sign(compareScored(a, b)) + Math.sign(compareScored(b, a))).toBe(0);
        if (compareScored(a, b) <= 0 && compareScored(b, c) <= 0)
          expect(compareScored(a, c)).toBeLessThanOrEqual(0);
        const same = a.score === b.score && a.offer.id === b.offer.id && a.offer.version === b.offer.version;
        expect(compareScored(a, b) === 0).toBe(same);
      }),
    );
  });
});
