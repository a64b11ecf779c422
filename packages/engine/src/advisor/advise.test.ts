import * as contracts from '@finlet/contracts';
import { describe, expect, it } from 'vitest';
import { loadEvalInput } from '../../eval/load.js';
import * as engine from '../index.js';
import { advise } from './advise.js';
import { KnowledgeIndex } from './retrieval.js';
import { createAdvisorTools } from './tools.js';

const input = loadEvalInput(contracts);
const index = new KnowledgeIndex({ documents: input.documents, offers: input.offers });
const tools = (scenario: contracts.Scenario, signals = input.signals[scenario] ?? {}) =>
  createAdvisorTools({ offers: input.offers, signals, scenario, partnerId: 'prt_test', now: input.now });

describe('advise', () => {
  it('我想借20万进货 in a supply-chain session: retrieves, matches and hands off pre-filled', () => {
    const answer = advise({
      text: '我想借20万进货',
      scenario: 'supply-chain',
      index,
      tools: tools('supply-chain'),
    });
    expect(answer.intent).toBe('apply');
    const handoff = answer.parts.find((p) => p.type === 'handoff');
    expect(handoff).toMatchObject({
      offerId: 'scf-inventory-financing',
      prefill: { amount: { value: 20_000_000, currency: 'CNY' }, purpose: '进货' },
    });
    expect(answer.parts.some((p) => p.type === 'offer_card')).toBe(true);
    expect(answer.parts.filter((p) => p.type === 'citation').map((p) => p.id)).toContain(
      'faq-inventory-financing',
    );
    expect(answer.parts.some((p) => p.type === 'text' && p.disclaimer)).toBe(true);
  });

  it('cites every factual sentence with a citation that exists', () => {
    const answer = advise({
      text: '存货融资的年化利率是多少？',
      scenario: 'supply-chain',
      index,
      tools: tools('supply-chain'),
    });
    const refs = new Set(answer.parts.flatMap((p) => (p.type === 'citation' ? [p.ref] : [])));
    const facts = answer.parts.filter((p) => p.type === 'text' && p.cites);
    expect(facts.length).toBeGreaterThan(0);
    for (const f of facts)
      if (f.type === 'text') for (const r of f.cites ?? []) expect(refs.has(r)).toBe(true);
  });

  it('does not hand off when the trusted signals miss a criterion, and says which', () => {
    const answer = advise({
      text: '我想借20万进货',
      scenario: 'supply-chain',
      index,
      tools: tools('supply-chain', {}),
    });
    expect(answer.parts.some((p) => p.type === 'handoff')).toBe(false);
    expect(answer.parts.some((p) => p.type === 'human_handoff' && p.offered)).toBe(true);
  });

  it('says it found nothing and offers a human; the second miss hands over', () => {
    const first = advise({
      text: '你们有房贷吗？',
      scenario: 'consumption',
      index,
      tools: tools('consumption'),
    });
    expect(first.found).toBe(false);
    expect(first.parts.some((p) => p.type === 'citation')).toBe(false);
    expect(first.parts.at(-1)).toEqual({ type: 'human_handoff', handoffId: null, offered: true });
    const second = advise({
      text: '你们有房贷吗？',
      scenario: 'consumption',
      index,
      tools: tools('consumption'),
      priorFailures: 1,
    });
    expect(second.humanHandoff).toBe('repeated_failure');
  });

  it('refuses guaranteed returns without quoting any source', () => {
    const answer = advise({
      text: '有没有保本保收益的理财？',
      scenario: 'consumption',
      index,
      tools: tools('consumption'),
    });
    expect(answer.intent).toBe('unsafe');
    expect(answer.parts.every((p) => p.type === 'text' && !p.cites)).toBe(true);
  });

  it('puts a quoted route table in a cross-border answer when a route tool is injected', () => {
    const answer = advise({
      text: '急！汇5000美元到泰国',
      scenario: 'tourism',
      index,
      tools: {
        ...tools('tourism'),
        quoteRoute: (r) => ({
          quoteId: 'rq_test',
          request: { amount: r.amount, urgency: r.urgency },
          rows: [{ routeId: 'partner-net', label: 'Partner network', tags: ['fastest'] }],
        }),
      },
    });
    expect(answer.parts.find((p) => p.type === 'route_table')).toMatchObject({
      quoteId: 'rq_test',
      request: { urgency: 'urgent' },
    });
  });
});

describe('promisesReturns', () => {
  it('flags promises and lets denials through', () => {
    expect(engine.promisesReturns('本产品保本保收益')).toBe(true);
    expect(engine.promisesReturns('Guaranteed 8% returns every year')).toBe(true);
    expect(engine.promisesReturns('理财产品不保本、不保证收益')).toBe(false);
  });
});
