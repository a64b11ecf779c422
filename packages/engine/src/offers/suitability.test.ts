import {
  INVESTOR_RISK_LEVEL_SIGNAL,
  type InvestorRiskLevel,
  OfferMatchRequest,
  OfferMatchResult,
  riskRank,
} from '@finlet/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbContext, arbInvestorLevel, arbOffers, arbRequest } from '../test/arbitraries.js';
import { cny, makeOffer, NOW } from '../test/offers.js';
import { matchOffers } from './match.js';
import { checkRiskLevel, investorLevelFrom } from './suitability.js';

const wealth = (id: string, riskLevel: 'R1' | 'R2' | 'R3' | 'R4' | 'R5') =>
  makeOffer({
    id,
    productType: 'wealth_management',
    scenarios: ['consumption'],
    eligibility: [],
    pricing: { fees: [] },
    riskLevel,
    liquidity: 'daily',
  });
const { amount: _amount, ...loanFields } = makeOffer({ scenarios: ['consumption'], eligibility: [] });
const debitCard = {
  ...loanFields,
  id: 'elder-debit-card',
  productType: 'debit_card' as const,
  pricing: { fees: [] },
};

const run = (investorLevel: InvestorRiskLevel | undefined, request: OfferMatchRequest = {}) =>
  matchOffers({
    offers: [wealth('cash-plus', 'R1'), wealth('balanced', 'R3'), wealth('equity-fund', 'R4'), debitCard],
    signals: {},
    scenario: 'consumption',
    partnerId: 'ptn_a',
    now: NOW,
    request: OfferMatchRequest.parse({ includeIneligible: true, ...request }),
    investorLevel,
  });
const verdicts = (result: OfferMatchResult) =>
  Object.fromEntries(
    result.matches.map((m) => [m.offer.id, m.eligible ? 'ok' : m.checks.find((c) => !c.met)?.code]),
  );

describe('suitability in matchOffers', () => {
  it('recommends products at or below the investor level and refuses the rest with above_risk_level', () => {
    const result = run('C3');
    expect(verdicts(result)).toEqual({
      'cash-plus': 'ok',
      balanced: 'ok',
      'equity-fund': 'above_risk_level',
      'elder-debit-card': 'ok',
    });
    const refused = result.matches.find((m) => m.offer.id === 'equity-fund')!;
    expect(refused.rank).toBeNull();
    expect(refused.checks.at(-1)).toEqual({
      check: 'risk_level',
      met: false,
      expected: 'R4 or below',
      observed: 'C3',
      code: 'above_risk_level',
      reason: {
        'zh-CN': '该产品风险等级 R4 高于您的风险承受能力等级 C3，不向您推荐。',
        en: "This product's risk level R4 is above your assessed risk tolerance C3, so it is not recommended to you.",
      },
    });
    expect(OfferMatchResult.parse(result)).toEqual(result);
  });

  it('asks for the assessment before recommending any rated product when no valid level is known', () => {
    expect(verdicts(run(undefined))).toEqual({
      'cash-plus': 'needs_risk_assessment',
      balanced: 'needs_risk_assessment',
      'equity-fund': 'needs_risk_assessment',
      'elder-debit-card': 'ok',
    });
    // A level that is not C1–C5 (from an untyped caller) counts as none.
    expect(verdicts(run('C9' as InvestorRiskLevel))['cash-plus']).toBe('needs_risk_assessment');
    const cashPlus = run(undefined).matches.find((m) => m.offer.id === 'cash-plus')!;
    const check = cashPlus.checks.find((c) => c.check === 'risk_level');
    expect(check?.reason?.en).toContain('risk assessment');
    expect(check?.reason?.['zh-CN']).toContain('风险承受能力评估');
  });

  it('gives every match the same reason texts, which no caller can alter for the next one', () => {
    const first = checkRiskLevel(wealth('a', 'R4'), 'C2')!;
    const second = checkRiskLevel(wealth('b', 'R4'), 'C2')!;
    expect(second.reason).toEqual(first.reason);
    expect(() => {
      (first.reason as { en: string }).en = 'tampered';
    }).toThrow(TypeError);
    expect(checkRiskLevel(wealth('c', 'R4'), 'C2')!.reason?.en).toContain(
      'above your assessed risk tolerance C2',
    );
    // Another level pair gets its own text.
    expect(checkRiskLevel(wealth('d', 'R5'), 'C2')!.reason?.en).toContain('risk level R5');
  });

  it('adds no risk check to a product without a risk level, so existing offers explain as before', () => {
    expect(checkRiskLevel(makeOffer(), 'C1')).toBeUndefined();
    expect(checkRiskLevel(makeOffer(), undefined)).toBeUndefined();
  });

  it('does not let a wished amount exclude a product without an amount range', () => {
    const result = run('C5', { amount: cny(1_000) });
    const card = result.matches.find((m) => m.offer.id === 'elder-debit-card')!;
    expect(card.eligible).toBe(true);
    expect(card.offer.amount).toBeUndefined();
    expect(card.checks.find((c) => c.check === 'amount')).toMatchObject({
      met: true,
      expected: 'no amount range',
    });
    expect(card.scoreBreakdown.fit).toBe(0.5);
    expect(Number.isFinite(card.score)).toBe(true);
  });

  it('reads the investor level from the trusted signal, ignoring values that are not C1–C5', () => {
    expect(investorLevelFrom({ [INVESTOR_RISK_LEVEL_SIGNAL]: 'C2' })).toBe('C2');
    expect(investorLevelFrom({ [INVESTOR_RISK_LEVEL_SIGNAL]: 'c2' })).toBeUndefined();
    expect(investorLevelFrom({ [INVESTOR_RISK_LEVEL_SIGNAL]: 2 })).toBeUndefined();
    expect(investorLevelFrom({ [INVESTOR_RISK_LEVEL_SIGNAL]: 'C6' })).toBeUndefined();
    expect(investorLevelFrom({ [INVESTOR_RISK_LEVEL_SIGNAL]: 'C5' })).toBe('C5');
    expect(investorLevelFrom({ [INVESTOR_RISK_LEVEL_SIGNAL]: 'toString' })).toBeUndefined();
    expect(investorLevelFrom({})).toBeUndefined();
    expect(investorLevelFrom(undefined)).toBeUndefined();
  });

  it('never recommends a product above the investor level, for any catalogue and any level or none', () => {
    fc.assert(
      fc.property(arbOffers, arbRequest, arbContext, arbInvestorLevel, (offers, request, context, level) => {
        const result = matchOffers({ ...context, offers, request, investorLevel: level });
        expect(OfferMatchResult.parse(result)).toEqual(result);
        for (const m of result.matches) {
          const rated = m.offer.riskLevel;
          if (m.eligible && rated !== undefined) {
            expect(level).toBeDefined();
            expect(riskRank(rated)).toBeLessThanOrEqual(riskRank(level!));
          }
          const risk = m.checks.find((c) => c.check === 'risk_level');
          expect(risk === undefined).toBe(rated === undefined);
          if (risk && !risk.met) {
            expect(risk.code).toBe(level === undefined ? 'needs_risk_assessment' : 'above_risk_level');
            expect(risk.reason?.['zh-CN']).toBeTruthy();
            expect(risk.reason?.en).toBeTruthy();
          }
          expect(Number.isFinite(m.score)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
