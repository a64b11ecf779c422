import {
  HealthCheckReport,
  type Holding,
  type InvestorRiskLevel,
  type ProductRiskLevel,
} from '@finlet/contracts';
import { describe, expect, it } from 'vitest';
import { cny, makeOffer } from '../test/offers.js';
import {
  checkPortfolio,
  formatBps,
  HEALTH_CHECK_THRESHOLDS,
  holdingShares,
  type SourcedHolding,
} from './health-check.js';

const user = { kind: 'user' } as const;
const holding = (id: string, value: number, extra: Partial<Holding> = {}): SourcedHolding => ({
  holding: { id, name: `Fund ${id}`, marketValue: cny(value), ...extra },
  source: user,
});
const fund = (
  id: string,
  riskLevel: ProductRiskLevel,
  fees: { kind: 'management' | 'custody'; rateBps: number }[] = [],
) =>
  makeOffer({
    id,
    productType: 'fund',
    scenarios: ['consumption'],
    riskLevel,
    amount: undefined,
    eligibility: [],
    pricing: { fees: fees.map((f, i) => ({ id: `fee-${i}`, label: { 'zh-CN': '费', en: 'fee' }, ...f })) },
    texts: {
      'zh-CN': { name: `基金${id}`, tagline: '稳健', highlights: [] },
      en: { name: `Fund ${id}`, tagline: 'Steady', highlights: [] },
    },
  });

/** `none`: the session carries no assessed level. */
const check = (
  holdings: SourcedHolding[],
  level: InvestorRiskLevel | 'none' = 'C3',
  catalogue = [fund('bond-plus', 'R2')],
) =>
  HealthCheckReport.parse(
    checkPortfolio({
      holdings,
      investorLevel: level === 'none' ? undefined : level,
      catalogue,
      locale: 'en',
    }),
  );

const kinds = (r: HealthCheckReport) => r.findings.map((f) => f.id);

describe('checkPortfolio: concentration', () => {
  it('flags a holding above 40 % of the portfolio, with the share, the HHI and the rule it rests on', () => {
    const r = check([holding('a', 4_001), holding('b', 5_999)]);
    const f = r.findings.find((x) => x.kind === 'concentration');
    expect(f?.id).toBe('concentration:b');
    expect(f?.figures).toContainEqual({ name: 'largest_share', unit: 'bps', value: 5_999 });
    // HHI = 0.4001² + 0.5999² in basis points of 10 000: 1 601 + 3 599 = 5 200.
    expect(f?.figures).toContainEqual({ name: 'hhi', unit: 'bps', value: 5_200 });
    expect(f?.explanation.text.en).toContain('59.99%');
    expect(f?.citations).toContainEqual({ kind: 'rule', rule: 'concentration.holding', thresholdBps: 4_000 });
    expect(f?.citations).toContainEqual({ kind: 'holding', holdingId: 'b', source: user });
  });

  it('does not flag a largest holding at exactly 40 %', () => {
    const r = check([holding('a', 4_000), holding('b', 3_000), holding('c', 3_000)]);
    expect(r.findings.filter((f) => f.kind === 'concentration')).toEqual([]);
  });

  it('flags a category above 60 % and not one at 60 %', () => {
    const over = check([
      holding('a', 3_001, { category: 'equity' }),
      holding('b', 3_000, { category: 'equity' }),
      holding('c', 3_999, { category: 'bond' }),
    ]);
    expect(kinds(over)).toContain('category_concentration:equity');
    const at = check([
      holding('a', 3_000, { category: 'equity' }),
      holding('b', 3_000, { category: 'equity' }),
      holding('c', 4_000, { category: 'bond' }),
    ]);
    expect(kinds(at)).not.toContain('category_concentration:equity');
  });
});

describe('checkPortfolio: risk level against the assessed level', () => {
  it('flags a holding above the level, citing the holding and the level’s source', () => {
    const r = check(
      [holding('eq', 8_000, { riskLevel: 'R4' }), holding('dep', 2_000, { riskLevel: 'R1' })],
      'C2',
    );
    const f = r.findings.filter((x) => x.kind === 'risk_above_level');
    expect(f.map((x) => x.id)).toEqual(['risk_above_level:eq']);
    expect(f[0]?.severity).toBe('high');
    expect(f[0]?.explanation.text.en).toBe(
      '“Fund eq” is rated R4, above your assessed risk tolerance C2; it is 80.00% of your holdings.',
    );
    expect(f[0]?.citations).toContainEqual({
      kind: 'investor_level',
      level: 'C2',
      source: { kind: 'session_signal', signal: 'investor.risk_level' },
    });
  });

  it('cites the catalogue product a holding is, when it is one', () => {
    const r = check([holding('eq', 8_000, { riskLevel: 'R4', productId: 'equity-growth-fund' })], 'C2');
    expect(r.findings.find((f) => f.kind === 'risk_above_level')?.citations).toContainEqual({
      kind: 'holding',
      holdingId: 'eq',
      productId: 'equity-growth-fund',
      source: user,
    });
  });

  it('does not flag a holding at the level', () => {
    const r = check([holding('eq', 8_000, { riskLevel: 'R2' })], 'C2');
    expect(r.findings.filter((x) => x.kind === 'risk_above_level')).toEqual([]);
  });

  it('without an assessment says so, suggests taking it, and suggests no product', () => {
    const r = check([holding('eq', 8_000, { riskLevel: 'R4' })], 'none');
    expect(kinds(r)).toContain('no_assessment');
    expect(r.suggestions.map((s) => s.kind)).toEqual(['take_assessment']);
    expect(r.suggestions.flatMap((s) => s.offers)).toEqual([]);
  });

  it('without an assessment and with no rated holding, states nothing about risk', () => {
    const r = check([holding('a', 1_000), holding('b', 1_000), holding('c', 1_000)], 'none');
    expect(r.findings).toEqual([]);
  });
});

describe('checkPortfolio: fee drag', () => {
  it('flags weighted fees above 1.00 % a year with the yearly cost and the formula', () => {
    // 1 000 000.00 at 1.50 % and 1 000 000.00 at 0.60 %: weighted 1.05 %, 21 000.00 a year.
    const r = check([
      holding('a', 100_000_000, { fees: { managementBps: 120, custodyBps: 20, salesServiceBps: 10 } }),
      holding('b', 100_000_000, { fees: { managementBps: 50, custodyBps: 10 } }),
    ]);
    const f = r.findings.find((x) => x.kind === 'fee_drag');
    expect(f?.figures).toContainEqual({ name: 'weighted_annual_fee', unit: 'bps', value: 105 });
    expect(f?.figures).toContainEqual({ name: 'yearly_cost', unit: 'money', money: cny(2_100_000) });
    expect(f?.figures.some((x) => x.name === 'formula')).toBe(true);
    expect(f?.explanation.text.en).toContain('CN¥21,000.00');
  });

  it('does not flag weighted fees of exactly 1.00 %', () => {
    const r = check([
      holding('a', 100_000, { fees: { managementBps: 150 } }),
      holding('b', 100_000, { fees: { managementBps: 50 } }),
    ]);
    expect(r.findings.filter((x) => x.kind === 'fee_drag')).toEqual([]);
  });

  it('suggests only suitable products with lower fees', () => {
    const r = check(
      [
        holding('a', 100_000, { fees: { managementBps: 150 } }),
        holding('b', 100_000, { fees: { managementBps: 150 } }),
      ],
      'C2',
      [
        fund('cheap-bond', 'R2', [{ kind: 'management', rateBps: 30 }]),
        fund('cheap-equity', 'R4', [{ kind: 'management', rateBps: 10 }]),
        fund('dear-bond', 'R2', [{ kind: 'management', rateBps: 200 }]),
      ],
    );
    const lower = r.suggestions.find((s) => s.kind === 'lower_fees');
    expect(lower?.offers.map((o) => o.offerId)).toEqual(['cheap-bond']);
    expect(lower?.citations).toContainEqual({ kind: 'offer', offerId: 'cheap-bond', version: 1 });
  });
});

describe('checkPortfolio: overlap', () => {
  it('flags an exposure two holdings share above 5 % looked through, and not one held by a single fund', () => {
    const r = check([
      holding('a', 5_000, { topExposures: [{ name: 'Kweichow Moutai', weightBps: 1_000 }] }),
      holding('b', 5_000, {
        topExposures: [
          { name: 'kweichow moutai ', weightBps: 1_000 },
          { name: 'CATL', weightBps: 9_000 },
        ],
      }),
    ]);
    const f = r.findings.find((x) => x.id === 'overlap:exposure:kweichow moutai');
    // 5 000 × 10 % + 5 000 × 10 % = 1 000 of 10 000: 10 %.
    expect(f?.figures).toContainEqual({ name: 'look_through_share', unit: 'bps', value: 1_000 });
    expect(f?.citations.filter((c) => c.kind === 'holding')).toHaveLength(2);
    expect(kinds(r).some((k) => k.includes('catl'))).toBe(false);
  });

  it('does not flag a shared exposure at exactly 5 %', () => {
    const r = check([
      holding('a', 5_000, { topExposures: [{ name: 'X', weightBps: 500 }] }),
      holding('b', 5_000, { topExposures: [{ name: 'X', weightBps: 500 }] }),
    ]);
    expect(kinds(r).filter((k) => k.startsWith('overlap:exposure'))).toEqual([]);
  });

  it('notes holdings in the same category', () => {
    const r = check([
      holding('a', 2_000, { category: 'equity' }),
      holding('b', 2_000, { category: 'equity' }),
      holding('c', 6_000, { category: 'bond' }),
    ]);
    expect(kinds(r)).toContain('overlap:category:equity');
    expect(kinds(r)).not.toContain('overlap:category:bond');
  });
});

describe('checkPortfolio: the concentrated C2 investor', () => {
  it('explains concentration and risk in words and suggests only R1–R2 products', () => {
    const r = HealthCheckReport.parse(
      checkPortfolio({
        holdings: [
          holding('tech', 8_000_000, {
            riskLevel: 'R4',
            category: 'equity',
            name: 'Tech Growth Equity Fund',
          }),
          holding('mm', 2_000_000, { riskLevel: 'R1', category: 'money_market' }),
        ],
        investorLevel: 'C2',
        catalogue: [fund('steady', 'R2'), fund('bold', 'R4'), fund('cash', 'R1')],
        locale: 'zh-CN',
      }),
    );
    expect(r.summary).toBe('发现 3 项需要关注的问题。');
    const text = r.findings.map((f) => f.explanation.text['zh-CN']).join('\n');
    expect(text).toContain('“Tech Growth Equity Fund”的风险等级为 R4，高于您的风险承受能力等级 C2');
    expect(text).toContain('占您持仓的 80.00%');
    const diversify = r.suggestions.find((s) => s.kind === 'diversify');
    expect(diversify?.offers.map((o) => o.offerId)).toEqual(['cash', 'steady']);
  });
});

describe('checkPortfolio: suggestions', () => {
  it('does not suggest a product the user already holds, nor one in another currency', () => {
    const usd = { ...fund('usd-bond', 'R1'), currency: 'USD' as const };
    const r = check(
      [holding('mm', 9_000, { riskLevel: 'R1', productId: 'cash' }), holding('b', 1_000)],
      'C2',
      [fund('cash', 'R1'), fund('steady', 'R2'), usd],
    );
    expect(r.suggestions.find((s) => s.kind === 'diversify')?.offers.map((o) => o.offerId)).toEqual([
      'steady',
    ]);
  });
});

describe('holdingShares and formatBps', () => {
  it('gives shares that add up to 10 000 by the largest remainder', () => {
    const shares = holdingShares([1, 1, 1].map((v, i) => ({ id: `h${i}`, name: 'x', marketValue: cny(v) })));
    expect([...shares.values()]).toEqual([3_334, 3_333, 3_333]);
  });

  it('formats basis points without floats', () => {
    expect(formatBps(5)).toBe('0.05%');
    expect(formatBps(HEALTH_CHECK_THRESHOLDS['concentration.holding'])).toBe('40.00%');
  });
});
