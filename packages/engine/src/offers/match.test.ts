import { OfferMatchRequest, OfferMatchResult } from '@finlet/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbContext, arbOffers, arbRequest } from '../test/arbitraries.js';
import { cny, criterion, makeOffer, NOW } from '../test/offers.js';
import { type MatchOffersInput, matchOffers } from './match.js';

const base = {
  signals: { 'business.age_months': 12 },
  scenario: 'supply-chain' as const,
  partnerId: 'ptn_a',
  now: NOW,
};
const run = (
  offers: MatchOffersInput['offers'],
  request: OfferMatchRequest = {},
  over: Partial<MatchOffersInput> = {},
) => matchOffers({ ...base, offers, request: OfferMatchRequest.parse(request), ...over });
const ids = (result: OfferMatchResult) => result.matches.map((m) => `${m.offer.id}:${m.rank ?? '-'}`);

const loan = makeOffer({ id: 'loan', pricing: { apr: { min: 400, max: 400 }, fees: [] } });
const cheaper = makeOffer({ id: 'cheaper', pricing: { apr: { min: 300, max: 300 }, fees: [] } });
const strict = makeOffer({
  id: 'strict',
  eligibility: [criterion({ signal: 'business.age_months', op: 'gte', value: 24 })],
});

describe('matchOffers', () => {
  it('ranks eligible offers from 1 and explains each with criteria, checks and a score', () => {
    const result = run([loan, cheaper], { amount: cny(10_000_000) });
    expect(ids(result)).toEqual(['cheaper:1', 'loan:2']);
    const [first] = result.matches;
    expect(first).toMatchObject({
      eligible: true,
      criteria: [{ id: 'trading-history', met: true, observed: 12 }],
    });
    expect(first!.checks.every((c) => c.met)).toBe(true);
    expect(result).toMatchObject({
      scenario: 'supply-chain',
      evaluatedAt: '2026-03-01T08:00:00.000Z',
      considered: 2,
    });
    expect(OfferMatchResult.parse(result)).toEqual(result);
  });

  it('leaves ineligible offers out unless asked, then lists them after the eligible ones without a rank', () => {
    expect(ids(run([strict, loan]))).toEqual(['loan:1']);
    const result = run([strict, loan], { includeIneligible: true });
    expect(ids(result)).toEqual(['loan:1', 'strict:-']);
    expect(result.matches[1]).toMatchObject({ eligible: false, rank: null });
    expect(result.matches[1]!.criteria[0]).toMatchObject({ met: false, expected: 24, observed: 12 });
  });

  it('makes an offer ineligible, not hidden, when the wished amount, currency or term does not fit', () => {
    const request = { amount: cny(100), includeIneligible: true };
    expect(ids(run([loan], { amount: cny(100) }))).toEqual([]);
    const [match] = run([loan], request).matches;
    expect(match).toMatchObject({ eligible: false, rank: null });
    expect(match!.checks.find((c) => c.check === 'amount')).toMatchObject({
      met: false,
      observed: '1.00 CNY',
    });
    expect(
      run([loan], { amount: { value: 10_000_000, currency: 'USD' }, includeIneligible: true }).matches[0]!
        .eligible,
    ).toBe(false);
    expect(run([loan], { termMonths: 36, includeIneligible: true }).matches[0]!.eligible).toBe(false);
  });

  it('never shows an offer for another scenario, partner, period or product type, even with includeIneligible', () => {
    const hidden = [
      makeOffer({ id: 'tourism-only', scenarios: ['tourism'] }),
      makeOffer({ id: 'other-partner', partners: ['ptn_b'] }),
      makeOffer({ id: 'not-yet', effective: { from: '2026-06-01T00:00:00Z' } }),
      makeOffer({ id: 'ended', effective: { from: '2025-01-01T00:00:00Z', until: NOW.toISOString() } }),
    ];
    const result = run([...hidden, loan], { includeIneligible: true });
    expect(ids(result)).toEqual(['loan:1']);
    expect(result.considered).toBe(5);
    expect(ids(run([loan], { productTypes: ['credit_card'], includeIneligible: true }))).toEqual([]);
  });

  it('keeps at most `limit` eligible offers, the best ones, and at most `limit` ineligible ones', () => {
    const offers = ['a', 'b', 'c', 'd'].map((id, i) =>
      makeOffer({ id: `offer-${id}`, priority: 10 + i * 10 }),
    );
    const ineligible = ['x', 'y', 'z'].map((id) => makeOffer({ ...strict, id: `strict-${id}` }));
    const result = run([...offers, ...ineligible], { limit: 2, includeIneligible: true });
    expect(ids(result)).toEqual(['offer-d:1', 'offer-c:2', 'strict-x:-', 'strict-y:-']);
  });

  it('reports which offers were considered, including hidden ones', () => {
    expect(run([], {}).considered).toBe(0);
    expect(run([makeOffer({ scenarios: ['tourism'] })]).considered).toBe(1);
  });

  it('never leaks workflow fields or targeting into the public offer', () => {
    const [match] = run([makeOffer({ partners: ['ptn_a'] })]).matches;
    expect(match!.offer).not.toHaveProperty('createdBy');
    expect(match!.offer).not.toHaveProperty('approvedBy');
    expect(match!.offer).not.toHaveProperty('partners');
    expect(match!.offer).not.toHaveProperty('eligibility');
  });

  it('scores an eligible offer the same whether or not ineligible offers are shown', () => {
    const pricey = makeOffer({ ...strict, pricing: { apr: { min: 900, max: 900 }, fees: [] } });
    const without = run([loan, pricey]).matches[0]!;
    const withThem = run([loan, pricey], { includeIneligible: true }).matches[0]!;
    expect(withThem.score).toBe(without.score);
  });

  it('breaks equal scores by id then version, so the order is total', () => {
    const v1 = makeOffer({ id: 'same', version: 1 });
    const v2 = makeOffer({ id: 'same', version: 2 });
    const other = makeOffer({ id: 'alpha' });
    expect(run([v2, other, v1]).matches.map((m) => `${m.offer.id}@${m.offer.version}`)).toEqual([
      'alpha@1',
      'same@1',
      'same@2',
    ]);
  });

  it('gives the same result for any order of the offers, ties included', () => {
    // Twins (same content, another id or version) always tie on score, so only the tie-break orders them.
    const withTwins = arbOffers.map((offers) =>
      offers.flatMap((o) => [o, { ...o, version: o.version + 10 }, { ...o, id: `${o.id}-twin` }]),
    );
    fc.assert(
      fc.property(
        withTwins.chain((offers) =>
          fc.tuple(fc.constant(offers), fc.shuffledSubarray(offers, { minLength: offers.length })),
        ),
        arbRequest,
        arbContext,
        ([offers, shuffled], request, context) => {
          const a = matchOffers({ ...context, offers, request });
          const b = matchOffers({ ...context, offers: shuffled, request });
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('always returns a result the contract schema accepts, ranked 1..n, eligible first', () => {
    fc.assert(
      fc.property(arbOffers, arbRequest, arbContext, (offers, request, context) => {
        const result = matchOffers({ ...context, offers, request });
        expect(OfferMatchResult.parse(result)).toEqual(result);
        const eligible = result.matches.filter((m) => m.eligible);
        expect(result.matches.slice(0, eligible.length)).toEqual(eligible);
        expect(eligible.map((m) => m.rank)).toEqual(eligible.map((_, i) => i + 1));
        expect(eligible.length).toBeLessThanOrEqual(request.limit);
        for (let i = 1; i < eligible.length; i++) {
          expect(eligible[i]!.score).toBeLessThanOrEqual(eligible[i - 1]!.score);
        }
        for (const m of result.matches) {
          expect(m.eligible).toBe(m.criteria.every((c) => c.met) && m.checks.every((c) => c.met));
          if (!m.eligible) expect(m.rank).toBeNull();
          for (const kind of ['scenario', 'partner', 'effective', 'product_type']) {
            expect(m.checks.find((c) => c.check === kind)?.met).toBe(true);
          }
        }
        if (!request.includeIneligible) expect(result.matches.every((m) => m.eligible)).toBe(true);
        expect(result.considered).toBe(offers.length);
      }),
      { numRuns: 300 },
    );
  });
});
