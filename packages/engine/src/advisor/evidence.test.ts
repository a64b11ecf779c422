import * as contracts from '@finlet/contracts';
import { describe, expect, it } from 'vitest';
import { loadBankEvalInput } from '../../eval/load.js';
import { advise } from './advise.js';
import { askOf, questionConcepts, selectEvidence } from './evidence.js';
import { KnowledgeIndex } from './retrieval.js';
import { createAdvisorTools } from './tools.js';

const input = loadBankEvalInput(contracts);
const index = new KnowledgeIndex({ documents: input.documents, offers: input.offers });

function evidence(
  text: string,
  locale: contracts.Locale = 'zh-CN',
  scenario: contracts.Scenario = 'consumption',
) {
  const hits = index.search(text, { locale, scenario, limit: 8 }).filter((h) => h.coverage >= 0.3);
  const q = questionConcepts(index, index.concepts(text));
  return selectEvidence(index, hits, text, q, askOf(text), locale);
}

function ask(text: string, locale: contracts.Locale, scenario: contracts.Scenario = 'consumption') {
  const tools = createAdvisorTools({
    offers: input.offers,
    signals: {},
    scenario,
    partnerId: 'p',
    now: input.now,
  });
  return advise({ text, locale, scenario, index, tools });
}

describe('askOf', () => {
  it('tells an amount, a length of time and a rule apart in both languages, however worded', () => {
    expect(askOf('车贷最多能贷多少钱？')).toBe('amount');
    expect(askOf('What is the minimum amount for an FX forward?')).toBe('amount');
    expect(askOf('保费')).toBe('amount');
    expect(askOf('结婚贷款最长几个月')).toBe('duration');
    expect(askOf('How long do I have to file a claim?')).toBe('duration');
    expect(askOf('账单分期以后能不能提前还清？')).toBe('rule');
    expect(askOf('Is there a fee for the payroll service?')).toBe('rule');
  });
});

describe('selectEvidence', () => {
  it('quotes a figure from the document about the product named, in the clause about what was asked', () => {
    const r = evidence('买车贷款最多能贷多少钱？');
    expect(r.kind).toBe('found');
    if (r.kind !== 'found') return;
    expect(r.evidence.passage.sourceId).toBe('bank-car-loan');
    expect(r.evidence.sentences.join('')).toContain('50万元');
  });

  it('abstains when the product named is in no source, rather than quote a neighbour', () => {
    expect(evidence('摩托车分期最多能贷多少？')).toMatchObject({ kind: 'abstain', reason: 'other_product' });
    expect(evidence('How much can I borrow with a home renovation loan?', 'en')).toMatchObject({
      kind: 'abstain',
      reason: 'other_product',
    });
  });

  it('abstains when the document about the product does not state what was asked', () => {
    // The car loan states a term (1年至5年) and mentions approval, but not how long approval takes.
    expect(evidence('车贷审批一般要多少天？')).toMatchObject({ kind: 'abstain', reason: 'not_stated' });
    // The gold plan states a fee, not a yield.
    expect(evidence('积存金的年化收益率是多少？')).toMatchObject({ kind: 'abstain', reason: 'not_stated' });
  });

  it('abstains when the only figure of the asked kind is about something the question does not ask', () => {
    // The payroll document states when salary files are credited (by 15:00, the same day), not
    // how long signing the agreement at a branch takes.
    const open = 'How long does it take to open a payroll agreement at the branch?';
    expect(evidence(open, 'en', 'supply-chain')).toMatchObject({ kind: 'abstain', reason: 'not_stated' });
    const answer = ask(open, 'en', 'supply-chain');
    expect(answer.found).toBe(false);
    expect(answer.parts.some((p) => p.type === 'text' && /15:00/.test(p.delta))).toBe(false);
    expect(answer.parts).toContainEqual({ type: 'human_handoff', handoffId: null, offered: true });
    // Asked what the clause is about, the same document answers.
    const credited = evidence(
      'How long does it take for submitted salary files to be credited?',
      'en',
      'supply-chain',
    );
    expect(credited.kind).toBe('found');
    if (credited.kind === 'found') expect(credited.evidence.sentences.join(' ')).toContain('15:00');
  });

  it('answers a figure whose clause names what was asked in other words (车辆成交价 for the car price)', () => {
    const r = evidence('How much of the car price can I borrow with an auto loan?', 'en');
    expect(r.kind).toBe('found');
    if (r.kind === 'found') expect(r.evidence.sentences.join('')).toContain('80%');
  });
});

describe('advise with one-language documents', () => {
  it('answers a Chinese question from an English-only document, quoting it with a note', () => {
    const answer = advise({
      text: '代发工资每笔收多少钱？',
      locale: 'zh-CN',
      scenario: 'supply-chain',
      index,
      tools: createAdvisorTools({
        offers: input.offers,
        signals: {},
        scenario: 'supply-chain',
        partnerId: 'p',
        now: input.now,
      }),
    });
    expect(answer.found).toBe(true);
    const texts = answer.parts.flatMap((p) => (p.type === 'text' ? [p.delta] : []));
    expect(texts).toContain('（以下引自英文原文。）');
    expect(texts.join(' ')).toContain('2 CNY per salary payment');
    // The citation says its passage is English, so a page can mark it (`lang`) for screen readers.
    expect(answer.parts.find((p) => p.type === 'citation')).toMatchObject({ id: 'bank-payroll', lang: 'en' });
    const same = ask('存货融资怎么计息？', 'zh-CN', 'supply-chain');
    const cited = same.parts.filter((p) => p.type === 'citation');
    expect(cited.length).toBeGreaterThan(0);
    for (const c of cited) expect(c.lang === undefined).toBe(/\p{Script=Han}/u.test(c.passage));
  });

  it('says in the question’s language that it does not know, and offers a person', () => {
    const zh = ask('宠物保险一年保费多少钱？', 'zh-CN');
    expect(zh.found).toBe(false);
    expect(zh.parts.some((p) => p.type === 'citation')).toBe(false);
    expect(zh.parts[0]).toMatchObject({ type: 'text', delta: expect.stringContaining('没有关于您所问产品') });
    expect(zh.parts).toContainEqual({ type: 'human_handoff', handoffId: null, offered: true });
    const en = ask('How long does approval take for a car loan?', 'en');
    expect(en.found).toBe(false);
    expect(en.parts[0]).toMatchObject({
      type: 'text',
      delta: expect.stringContaining('does not state how long'),
    });
  });
});
