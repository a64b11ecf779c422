import {
  HealthCheckReport,
  type Holding,
  INVESTOR_RISK_LEVEL_SIGNAL,
  ProductRiskLevel,
  riskRank,
} from '@finlet/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbInvestorLevel, arbOffers } from '../test/arbitraries.js';
import { checkPortfolio, type SourcedHolding } from './health-check.js';

const EXPOSURES = ['Moutai', 'CATL', 'Tencent', 'China Gov 10Y'];
const CATEGORIES = ['equity', 'bond', 'money_market'];
const bps = fc.integer({ min: 0, max: 400 });

const arbHolding = (id: string): fc.Arbitrary<Holding> =>
  fc.record(
    {
      id: fc.constant(id),
      name: fc.constantFrom('Alpha', 'Beta', '稳健债券', 'Gamma'),
      riskLevel: fc.constantFrom(...ProductRiskLevel.options),
      marketValue: fc.record({
        value: fc.integer({ min: 0, max: 5_000_000_000_000 }),
        currency: fc.constant('CNY' as const),
      }),
      fees: fc.record({ managementBps: bps, custodyBps: bps, salesServiceBps: bps }, { requiredKeys: [] }),
      category: fc.constantFrom(...CATEGORIES),
      topExposures: fc.uniqueArray(
        fc.record({ name: fc.constantFrom(...EXPOSURES), weightBps: fc.integer({ min: 1, max: 2_500 }) }),
        { selector: (e) => e.name, maxLength: 4 },
      ),
    },
    { requiredKeys: ['id', 'name', 'marketValue'] },
  );

const arbHoldings: fc.Arbitrary<SourcedHolding[]> = fc
  .integer({ min: 1, max: 8 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbHolding(`h${i}`))))
  .chain((hs) =>
    fc.tuple(
      ...hs.map((holding) =>
        fc.oneof(
          fc.constant({ holding, source: { kind: 'user' as const } }),
          fc.constant({
            holding,
            source: { kind: 'signal' as const, signalId: 'sig-1', occurredAt: '2026-03-01T08:00:00Z' },
          }),
        ),
      ),
    ),
  );

const arbInput = fc.record({
  holdings: arbHoldings,
  investorLevel: arbInvestorLevel,
  catalogue: arbOffers,
  locale: fc.constantFrom('zh-CN' as const, 'en' as const),
});

describe('checkPortfolio properties', () => {
  it('gives a report the contract accepts, every finding and suggestion cited by what it rests on', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const report = HealthCheckReport.parse(checkPortfolio(input));
        const ids = new Set(input.holdings.map((h) => h.holding.id));
        for (const f of report.findings) {
          expect(f.citations.length).toBeGreaterThan(0);
          expect(f.figures.length).toBeGreaterThan(0);
          // Every finding rests on at least one holding, and cites only holdings that exist.
          const holdings = f.citations.flatMap((c) => (c.kind === 'holding' ? [c.holdingId] : []));
          expect(holdings.length).toBeGreaterThan(0);
          for (const h of holdings) expect(ids.has(h)).toBe(true);
          if (f.kind === 'risk_above_level' || f.kind === 'no_assessment') {
            expect(f.citations).toContainEqual({
              kind: 'investor_level',
              level: input.investorLevel ?? null,
              source: { kind: 'session_signal', signal: INVESTOR_RISK_LEVEL_SIGNAL },
            });
          }
        }
        const findingIds = new Set(report.findings.map((f) => f.id));
        for (const s of report.suggestions) {
          for (const a of s.addresses) expect(findingIds.has(a)).toBe(true);
          for (const o of s.offers) {
            expect(s.citations).toContainEqual({ kind: 'offer', offerId: o.offerId, version: o.version });
            expect(input.catalogue.some((c) => c.id === o.offerId && c.version === o.version)).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never suggests a product above the investor’s level, and none without a level', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const offers = checkPortfolio(input).suggestions.flatMap((s) => s.offers);
        if (input.investorLevel === undefined) {
          expect(offers).toEqual([]);
          return;
        }
        for (const o of offers) {
          const source = input.catalogue.find((c) => c.id === o.offerId && c.version === o.version);
          expect(source?.riskLevel).toBe(o.riskLevel);
          expect(riskRank(o.riskLevel)).toBeLessThanOrEqual(riskRank(input.investorLevel));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic and the order of the holdings does not change the report', () => {
    fc.assert(
      fc.property(
        arbInput.chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray(input.holdings, { minLength: input.holdings.length }),
          ),
        ),
        ([input, shuffled]) => {
          const once = checkPortfolio(input);
          expect(checkPortfolio(input)).toEqual(once);
          expect(checkPortfolio({ ...input, holdings: shuffled })).toEqual(once);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gives shares that add up to exactly 100 % and a total that is the sum of the values', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const report = checkPortfolio(input);
        const total = input.holdings.reduce((s, h) => s + h.holding.marketValue.value, 0);
        expect(report.total.value).toBe(total);
        const sum = report.holdings.reduce((s, h) => s + h.shareBps, 0);
        expect(sum).toBe(total === 0 ? 0 : 10_000);
        // A share rounded by the largest remainder is within one basis point of the exact share.
        for (const h of report.holdings) {
          if (total > 0)
            expect(Math.abs(h.shareBps - (h.marketValue.value * 10_000) / total)).toBeLessThan(1);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('raises a concentration finding exactly when the largest holding is above 40 %', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const values = input.holdings.map((h) => BigInt(h.holding.marketValue.value));
        const total = values.reduce((s, v) => s + v, 0n);
        const max = [...values].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))[0] ?? 0n;
        const expected = total > 0n && max * 10_000n > 4_000n * total;
        const has = checkPortfolio(input).findings.some((f) => f.kind === 'concentration');
        expect(has).toBe(expected);
      }),
      { numRuns: 150 },
    );
  });
});
