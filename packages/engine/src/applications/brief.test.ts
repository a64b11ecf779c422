import type { Consent, RecordedSignal, RiskBrief } from '@finlet/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbOffer, arbSignals } from '../test/arbitraries.js';
import { cny, criterion, makeOffer } from '../test/offers.js';
import { type BriefInput, riskBrief } from './brief.js';

const at = (day: number) => new Date(Date.UTC(2026, 8, 1) + day * 86_400_000).toISOString();

const turnover = (id: string, days: number, day: number): RecordedSignal => ({
  signal: { id, type: 'inventory.turnover_days', subject: 'm-1', occurredAt: at(day), data: { days } },
  receivedAt: at(day),
});

function consent(id: string, status: Consent['status'] = 'active'): Consent {
  return {
    id,
    partnerId: 'ptn_a',
    userId: 'm-1',
    scopes: ['application.submit'],
    purpose: 'loan_application',
    offerId: null,
    dataCategories: [],
    recipients: { bank: 'Bank', partner: 'ptn_a' },
    retentionDays: 365,
    status,
    grantedAt: at(60),
    expiresAt: at(90),
    withdrawnAt: status === 'withdrawn' ? at(61) : null,
  };
}

const merchant: BriefInput = {
  application: {
    id: 'app_merchant0000000000001',
    partnerId: 'ptn_a',
    amount: cny(50_000_000),
    termMonths: 6,
    purpose: 'restock',
    submittedAt: at(61),
  },
  offer: makeOffer({
    eligibility: [criterion({ id: 'trading-history', signal: 'business.age_months', op: 'gte', value: 12 })],
  }),
  session: { id: 'jti-1', issuedAt: at(60), claims: { 'business.age_months': 30 } },
  partnerSignals: [
    turnover('t-1', 46, 0),
    turnover('t-2', 63, 30),
    turnover('t-3', 92, 60),
    {
      signal: {
        id: 'gmv-9',
        type: 'orders.monthly_gmv',
        subject: 'm-1',
        occurredAt: at(59),
        data: { amount: cny(40_000_000) },
      },
      receivedAt: at(59),
    },
  ],
  consents: [consent('cns_submit0000000000000001')],
};

const citesResolve = (brief: RiskBrief) => {
  const ids = new Set(brief.facts.map((f) => f.id));
  return brief.statements.every((s) => s.cites.length > 0 && s.cites.every((c) => ids.has(c)));
};

describe('the risk brief', () => {
  it('states the turnover trend citing each reading, flags it, and shows the repayment formula', () => {
    const brief = riskBrief(merchant);
    const trend = brief.statements.find((s) => s.section === 'signals' && s.text.en.startsWith('Inventory'));
    expect(trend?.text.en).toBe('Inventory turnover: 46 → 63 → 92 days (3 readings)');
    expect(trend?.text['zh-CN']).toBe('库存周转天数：46 → 63 → 92 天（3 次记录）');
    expect(trend?.cites).toEqual(['signal:t-1', 'signal:t-2', 'signal:t-3']);
    const flag = brief.statements.find((s) => s.section === 'red_flag' && s.text.en.includes('turnover'));
    expect(flag).toMatchObject({ tone: 'warning', cites: ['signal:t-1', 'signal:t-3'] });
    expect(flag?.text.en).toContain('rose 100%');
    const capacity = brief.statements.find((s) => s.section === 'capacity');
    // 500,000.00 ÷ 6 + 500,000.00 × 7.20% ÷ 12 = 83,333.34 + 3,000.00, rounded up.
    expect(capacity?.text.en).toBe(
      'Monthly repayment at most, at the highest APR: 500000.00 CNY ÷ 6 + 500000.00 CNY × 7.20% ÷ 12 = 86333.34 CNY',
    );
    expect(brief.facts.find((f) => f.id === 'signal:t-3')).toMatchObject({
      source: 'partner_signal',
      value: 92,
      at: at(60),
    });
    expect(brief.recommendation).toBe('review');
    expect(citesResolve(brief)).toBe(true);
  });

  it('counts in English as English does: one reading, one red flag', () => {
    const brief = riskBrief(merchant);
    const gmv = brief.statements.find((s) => s.section === 'signals' && s.text.en.startsWith('Monthly GMV'));
    expect(gmv?.text.en).toBe('Monthly GMV: 400000.00 CNY (1 reading)');
    expect(gmv?.text['zh-CN']).toBe('月度交易额：400000.00 CNY（1 次记录）');
    expect(brief.statements.at(-1)?.text.en).toBe('Review: 1 red flag needs checking.');
    expect(brief.statements.at(-1)?.text['zh-CN']).toBe('建议人工审核：有 1 项风险信号需要核实。');
    // Trading for 12 months (under 24) as well: two flags.
    const young = riskBrief({
      ...merchant,
      session: { id: 'jti-1', issuedAt: at(60), claims: { 'business.age_months': 12 } },
    });
    expect(young.statements.at(-1)?.text.en).toBe('Review: 2 red flags need checking.');
    expect(young.statements.at(-1)?.text['zh-CN']).toBe('建议人工审核：有 2 项风险信号需要核实。');
  });

  it('recommends declining on a withdrawn consent, citing it', () => {
    const brief = riskBrief({ ...merchant, consents: [consent('cns_gone00000000000000001', 'withdrawn')] });
    expect(brief.recommendation).toBe('decline');
    expect(brief.statements.at(-1)?.cites).toContain('cns_gone00000000000000001');
  });

  it('says nothing, and recommends nothing, when it knows nothing', () => {
    const brief = riskBrief({ ...merchant, offer: null, session: null, partnerSignals: [], consents: [] });
    expect(brief.statements).toEqual([]);
    expect(brief.recommendation).toBeNull();
  });

  const arbRecorded = fc
    .array(
      fc.record({
        n: fc.nat({ max: 10_000 }),
        days: fc.integer({ min: 0, max: 3650 }),
        value: fc.integer({ min: 0, max: 10 ** 11 }),
        kind: fc.constantFrom('turnover', 'gmv', 'receivables'),
        day: fc.integer({ min: 0, max: 59 }),
      }),
      { maxLength: 12 },
    )
    .map((rows) =>
      rows.map(({ n, days, value, kind, day }, i): RecordedSignal => {
        const base = { id: `sig-${i}-${n}`, subject: 'm-1', occurredAt: at(day) };
        const signal =
          kind === 'turnover'
            ? { ...base, type: 'inventory.turnover_days' as const, data: { days } }
            : kind === 'gmv'
              ? { ...base, type: 'orders.monthly_gmv' as const, data: { amount: cny(value) } }
              : { ...base, type: 'receivables.outstanding' as const, data: { amount: cny(value) } };
        return { signal, receivedAt: at(day) };
      }),
    );
  const arbInput = (applicant: string): fc.Arbitrary<BriefInput> =>
    fc.record({
      application: fc.record({
        id: fc.constant(`app_${applicant}000000000000000`),
        partnerId: fc.constant('ptn_a'),
        amount: fc.integer({ min: 0, max: 10 ** 12 }).map(cny),
        termMonths: fc.option(fc.integer({ min: 1, max: 360 }), { nil: null }),
        purpose: fc.constant(null),
        submittedAt: fc.constant(at(61)),
      }),
      offer: fc.option(arbOffer, { nil: null }),
      session: fc.option(
        arbSignals.map((claims) => ({ id: `jti-${applicant}`, issuedAt: at(60), claims })),
        { nil: null },
      ),
      partnerSignals: arbRecorded.map((signals) =>
        signals.map((r) => ({ ...r, signal: { ...r.signal, id: `${applicant}-${r.signal.id}` } })),
      ),
      consents: fc
        .array(fc.constantFrom<Consent['status']>('active', 'withdrawn', 'expired'), { maxLength: 3 })
        .map((statuses) => statuses.map((s, i) => consent(`cns_${applicant}${i}00000000000000000`, s))),
    });

  it('never states anything uncited: every citation is a fact of the brief', () => {
    fc.assert(fc.property(arbInput('a'), (input) => citesResolve(riskBrief(input))));
  });

  it('never cites a fact of another applicant', () => {
    fc.assert(
      fc.property(arbInput('a'), arbInput('b'), (a, b) => {
        const brief = riskBrief(a);
        const theirs = [
          b.application.id,
          ...b.partnerSignals.map((r) => `signal:${r.signal.id}`),
          ...b.consents.map((c) => c.id),
        ];
        const cited = new Set(brief.statements.flatMap((s) => s.cites));
        const own = new Set([
          ...a.partnerSignals.map((r) => `signal:${r.signal.id}`),
          ...a.consents.map((c) => c.id),
        ]);
        for (const id of theirs) expect(cited.has(id) && !own.has(id)).toBe(false);
        for (const fact of brief.facts) {
          if (fact.kind === 'signal' || fact.kind === 'consent') expect(own.has(fact.id), fact.id).toBe(true);
        }
      }),
    );
  });

  it('gives the same brief for the same input', () => {
    fc.assert(
      fc.property(arbInput('a'), (input) => {
        expect(riskBrief(structuredClone(input))).toEqual(riskBrief(input));
      }),
    );
  });
});
