import { ChatPart, type Holding } from '@finlet/contracts';
import { describe, expect, it } from 'vitest';
import { advise } from '../advisor/advise.js';
import { understand } from '../advisor/intent.js';
import { KnowledgeIndex } from '../advisor/retrieval.js';
import { createAdvisorTools } from '../advisor/tools.js';
import { cny, makeOffer, NOW } from '../test/offers.js';

const steady = makeOffer({
  id: 'steady-bond',
  productType: 'fund',
  scenarios: ['consumption'],
  riskLevel: 'R2',
  amount: undefined,
  eligibility: [],
});
const index = new KnowledgeIndex({ documents: [], offers: [steady] });
const holdings: Holding[] = [
  { id: 'tech', name: '科技成长', riskLevel: 'R4', marketValue: cny(8_000_000), category: 'equity' },
  { id: 'mm', name: '货币基金', riskLevel: 'R1', marketValue: cny(2_000_000), category: 'money_market' },
];
const tools = (withHoldings: boolean) =>
  createAdvisorTools({
    offers: [steady],
    signals: { 'investor.risk_level': 'C2' },
    scenario: 'consumption',
    partnerId: 'prt_test',
    now: NOW,
    ...(withHoldings
      ? { holdings: holdings.map((holding) => ({ holding, source: { kind: 'user' as const } })) }
      : {}),
  });

describe('the advisor and the portfolio health check', () => {
  it('understands a request to look over one’s own funds, in both languages, and not a product question', () => {
    for (const text of [
      '帮我看看我的基金',
      '我的持仓怎么样？',
      '给我的基金做个健诊',
      'Can you check my funds?',
      'portfolio health check please',
    ])
      expect(understand(text).intent, text).toBe('portfolio_check');
    for (const text of ['基金的申购费是多少？', 'What does the bond fund charge?'])
      expect(understand(text).intent, text).not.toBe('portfolio_check');
  });

  it('answers with the report as one health_check part, from the session’s holdings and level', () => {
    const answer = advise({ text: '帮我看看我的基金', scenario: 'consumption', index, tools: tools(true) });
    expect(answer.intent).toBe('portfolio_check');
    const part = answer.parts.find((p) => p.type === 'health_check');
    expect(ChatPart.safeParse(part).success).toBe(true);
    if (part?.type !== 'health_check') throw new Error('no report');
    expect(part.report.locale).toBe('zh-CN');
    expect(part.report.findings.map((f) => f.id)).toContain('risk_above_level:tech');
    expect(part.report.suggestions.flatMap((s) => s.offers.map((o) => o.offerId))).toEqual(['steady-bond']);
  });

  it('says in words that it has no holdings when none were loaded', () => {
    const answer = advise({
      text: 'check my funds',
      locale: 'en',
      scenario: 'consumption',
      index,
      tools: tools(false),
    });
    expect(answer.parts.some((p) => p.type === 'health_check')).toBe(false);
    expect(answer.parts).toContainEqual({
      type: 'text',
      delta: expect.stringContaining('I do not have your holdings yet'),
    });
  });
});
