import {
  DEFAULT_SUITABILITY_OVERRIDE_POLICY,
  INVESTOR_RISK_LEVEL_SIGNAL,
  InvestorRiskLevel,
  type Offer,
  OfferMatchRequest,
  OfferTrigger,
  overrideAllowed,
  ProductRiskLevel,
  type Signal,
  type SuitabilityOverridePolicy,
  suits,
} from '@finlet/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advise } from '../advisor/advise.js';
import { KnowledgeIndex } from '../advisor/retrieval.js';
import { createAdvisorTools } from '../advisor/tools.js';
import { evaluateNudges } from '../nudges/evaluate.js';
import { arbContext, arbInvestorLevel, arbOffers, arbRequest } from '../test/arbitraries.js';
import { makeOffer, NOW } from '../test/offers.js';
import { matchOffers } from './match.js';
import { checkRiskLevel, type RecordedOverride, withheldFor } from './suitability.js';

const arbPolicy: fc.Arbitrary<SuitabilityOverridePolicy> = fc.oneof(
  fc.constant(DEFAULT_SUITABILITY_OVERRIDE_POLICY),
  fc.record({
    allowed: fc.boolean(),
    maxLevelsAbove: fc.integer({ min: 0, max: 4 }),
    neverForInvestor: fc.subarray([...InvestorRiskLevel.options]),
    neverForProduct: fc.subarray([...ProductRiskLevel.options]),
  }),
);

/** Acknowledgements for some of the catalogue's offer versions, at some level (maybe not the user's). */
const arbOverrides = (offers: readonly Offer[]): fc.Arbitrary<RecordedOverride[]> =>
  fc.subarray(offers as Offer[]).chain((picked) =>
    fc.tuple(
      ...picked.map((o) =>
        fc.record({
          offerId: fc.constant(o.id),
          offerVersion: fc.constantFrom(o.version, o.version + 1),
          investorLevel: fc.constantFrom(...InvestorRiskLevel.options),
        }),
      ),
    ),
  );

/** A product above (or without) the level is let through only by an allowed, matching acknowledgement. */
function mayPresentAsChoice(
  offer: Pick<Offer, 'id' | 'version' | 'riskLevel'>,
  level: InvestorRiskLevel | undefined,
  policy: SuitabilityOverridePolicy | undefined,
  overrides: readonly RecordedOverride[],
): boolean {
  const product = offer.riskLevel;
  if (product === undefined) return true;
  if (level !== undefined && suits(level, product)) return true;
  return (
    policy !== undefined &&
    overrideAllowed(policy, level, product) &&
    overrides.some(
      (o) => o.offerId === offer.id && o.offerVersion === offer.version && o.investorLevel === level,
    )
  );
}

describe('suitability in every path (property tests)', () => {
  it('match: no eligible product above the level without a recorded, allowed acknowledgement', () => {
    fc.assert(
      fc.property(
        arbOffers.chain((offers) => fc.tuple(fc.constant(offers), arbOverrides(offers))),
        arbRequest,
        arbContext,
        arbInvestorLevel,
        fc.option(arbPolicy, { nil: undefined }),
        ([offers, overrides], request, context, level, policy) => {
          const override = policy ? { policy, overrides } : undefined;
          const result = matchOffers({ ...context, offers, request, investorLevel: level, override });
          for (const m of result.matches) {
            const full = offers.find((o) => o.id === m.offer.id && o.version === m.offer.version)!;
            if (m.eligible) expect(mayPresentAsChoice(full, level, policy, overrides)).toBe(true);
            const withheld = withheldFor(m);
            if (withheld) {
              expect(m.eligible).toBe(false);
              expect(withheld.reason?.['zh-CN']).toBeTruthy();
              expect(withheld.reason?.en).toBeTruthy();
              // Offered as a choice only where the policy allows it for this level and product.
              if (withheld.overridable) expect(overrideAllowed(policy!, level, full.riskLevel!)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('direct checks (an agent’s draft, accepting a nudge): met above the level only with a recorded, allowed acknowledgement', () => {
    fc.assert(
      fc.property(
        arbOffers.chain((offers) => fc.tuple(fc.constant(offers), arbOverrides(offers))),
        arbInvestorLevel,
        fc.option(arbPolicy, { nil: undefined }),
        ([offers, overrides], level, policy) => {
          const override = policy ? { policy, overrides } : undefined;
          for (const offer of offers) {
            const check = checkRiskLevel(offer, level, override);
            if (offer.riskLevel === undefined) {
              expect(check).toBeUndefined();
              continue;
            }
            expect(check?.met).toBe(mayPresentAsChoice(offer, level, policy, overrides));
            if (check?.met === false) {
              expect(check.code).toBe(level === undefined ? 'needs_risk_assessment' : 'above_risk_level');
              expect(check.reason?.['zh-CN'] && check.reason.en).toBeTruthy();
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('nudge selection: never a rated product above the level, nor any rated product without a level', () => {
    const trigger = OfferTrigger.parse({
      id: 'paid',
      when: [{ kind: 'count', signal: 'receivables.outstanding', min: 1, windowDays: 30 }],
    });
    const signal: Signal = {
      id: 's1',
      type: 'receivables.outstanding',
      subject: 'u1',
      occurredAt: '2026-02-28T08:00:00Z',
      data: { amount: { value: 100, currency: 'CNY' } },
    };
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            id: fc.constantFrom('a-fund', 'b-fund', 'c-deposit', 'd-loan', 'e-wmp'),
            riskLevel: fc.option(fc.constantFrom(...ProductRiskLevel.options), { nil: undefined }),
            priority: fc.integer({ min: 0, max: 100 }),
          }),
          { selector: (o) => o.id, maxLength: 5 },
        ),
        arbInvestorLevel,
        (specs, level) => {
          const offers = specs.map((s) =>
            makeOffer({
              id: s.id,
              priority: s.priority,
              triggers: [{ ...trigger, weeklyCap: 10 }],
              ...(s.riskLevel ? { riskLevel: s.riskLevel } : {}),
            }),
          );
          const { nudges, suppressed } = evaluateNudges({
            offers,
            signals: [signal],
            history: [],
            partnerId: 'ptn_a',
            now: NOW,
            investorLevel: level,
          });
          for (const n of nudges) {
            const rated = n.offer.riskLevel;
            if (rated !== undefined) expect(level !== undefined && suits(level, rated)).toBe(true);
          }
          for (const o of offers) {
            const bar =
              o.riskLevel === undefined || (level && suits(level, o.riskLevel))
                ? undefined
                : level
                  ? 'above_risk_level'
                  : 'needs_risk_assessment';
            if (bar) expect(suppressed).toContainEqual({ offerId: o.id, triggerId: 'paid', reason: bar });
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('chat: the advisor hands into an application only products that suit the level, and says why others are withheld', () => {
    const questions = [
      '我想申请贷款',
      '这个贷款我能申请吗？',
      'I want to apply for a loan',
      'Am I eligible for the loan?',
    ];
    fc.assert(
      fc.property(
        // A published catalogue holds one version of each offer.
        arbOffers
          .map((offers) => offers.filter((o, i) => offers.findIndex((x) => x.id === o.id) === i))
          .chain((offers) => fc.tuple(fc.constant(offers), arbOverrides(offers))),
        arbContext,
        arbInvestorLevel,
        fc.constantFrom(...questions),
        ([offers, overrides], context, level, text) => {
          const signals = { ...context.signals, ...(level ? { [INVESTOR_RISK_LEVEL_SIGNAL]: level } : {}) };
          const policy = DEFAULT_SUITABILITY_OVERRIDE_POLICY;
          const tools = createAdvisorTools({ ...context, offers, signals, override: { policy, overrides } });
          const index = new KnowledgeIndex({ documents: [], offers });
          const answer = advise({ text, scenario: context.scenario, index, tools });
          for (const part of answer.parts) {
            if (part.type === 'handoff') {
              const offer = offers.find((o) => o.id === part.offerId && o.version === part.offerVersion)!;
              expect(mayPresentAsChoice(offer, level, policy, overrides)).toBe(true);
            }
            if (part.type === 'offer_card') {
              const offer = offers.find((o) => o.id === part.offer.id && o.version === part.offer.version)!;
              if (!mayPresentAsChoice(offer, level, policy, overrides)) {
                expect(part.eligible).toBe(false);
                expect(part.withheld?.reason.en).toBeTruthy();
              }
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('the override policy', () => {
  const fund = (riskLevel: ProductRiskLevel) => ({ id: 'fund', version: 2, riskLevel });
  const override = (overrides: RecordedOverride[]) => ({
    policy: DEFAULT_SUITABILITY_OVERRIDE_POLICY,
    overrides,
  });

  it('by default allows one level above, never for C1, never an R5 product, never without a level', () => {
    const allowed = (i: InvestorRiskLevel | undefined, p: ProductRiskLevel) =>
      overrideAllowed(DEFAULT_SUITABILITY_OVERRIDE_POLICY, i, p);
    expect(allowed('C2', 'R3')).toBe(true);
    expect(allowed('C2', 'R4')).toBe(false);
    expect(allowed('C1', 'R2')).toBe(false);
    expect(allowed('C4', 'R5')).toBe(false);
    expect(allowed(undefined, 'R1')).toBe(false);
    expect(allowed('C3', 'R3')).toBe(false); // nothing to override
    expect(overrideAllowed({ ...DEFAULT_SUITABILITY_OVERRIDE_POLICY, allowed: false }, 'C2', 'R3')).toBe(
      false,
    );
    expect(overrideAllowed({ ...DEFAULT_SUITABILITY_OVERRIDE_POLICY, maxLevelsAbove: 2 }, 'C2', 'R4')).toBe(
      true,
    );
  });

  it('marks an allowed above-level product overridable, and meets it only with the acknowledgement of that version and level', () => {
    expect(checkRiskLevel(fund('R3'), 'C2', override([]))).toMatchObject({
      met: false,
      code: 'above_risk_level',
      overridable: true,
    });
    expect(checkRiskLevel(fund('R4'), 'C2', override([]))).toMatchObject({ met: false, overridable: false });
    expect(
      checkRiskLevel(fund('R3'), 'C2', override([{ offerId: 'fund', offerVersion: 2, investorLevel: 'C2' }])),
    ).toEqual({
      check: 'risk_level',
      met: true,
      expected: 'R3 or below',
      observed: 'C2',
      acknowledged: true,
    });
    // Another version, or an acknowledgement made at another level, does not count.
    expect(
      checkRiskLevel(fund('R3'), 'C2', override([{ offerId: 'fund', offerVersion: 1, investorLevel: 'C2' }]))
        ?.met,
    ).toBe(false);
    expect(
      checkRiskLevel(fund('R3'), 'C2', override([{ offerId: 'fund', offerVersion: 2, investorLevel: 'C1' }]))
        ?.met,
    ).toBe(false);
    // Not allowed by policy: an acknowledgement does not help.
    expect(
      checkRiskLevel(fund('R4'), 'C2', override([{ offerId: 'fund', offerVersion: 2, investorLevel: 'C2' }]))
        ?.met,
    ).toBe(false);
  });

  it('match with an acknowledgement ranks the product as eligible', () => {
    const offer = makeOffer({
      id: 'fund',
      version: 2,
      productType: 'fund',
      scenarios: ['consumption'],
      eligibility: [],
      pricing: { fees: [] },
      riskLevel: 'R3',
      liquidity: 'daily',
    });
    const run = (overrides: RecordedOverride[]) =>
      matchOffers({
        offers: [offer],
        signals: {},
        scenario: 'consumption',
        partnerId: 'ptn_a',
        now: NOW,
        request: OfferMatchRequest.parse({ includeIneligible: true }),
        investorLevel: 'C2',
        override: override(overrides),
      }).matches[0]!;
    expect(run([]).eligible).toBe(false);
    expect(run([{ offerId: 'fund', offerVersion: 2, investorLevel: 'C2' }]).eligible).toBe(true);
  });
});
