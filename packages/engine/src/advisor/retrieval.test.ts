import * as contracts from '@finlet/contracts';
import { describe, expect, it } from 'vitest';
import { loadEvalInput } from '../../eval/load.js';
import { documentPassages, KnowledgeIndex } from './retrieval.js';

const input = loadEvalInput(contracts);
const index = new KnowledgeIndex({ documents: input.documents, offers: input.offers });
const top = (query: string, locale: contracts.Locale, scenario?: contracts.Scenario) =>
  index.search(query, { locale, ...(scenario ? { scenario } : {}), limit: 3 }).map((h) => h.passage.sourceId);

describe('KnowledgeIndex', () => {
  it('answers mixed-language questions and quotes the user’s locale', () => {
    expect(top('inventory financing 的利率是多少', 'zh-CN')).toContain('faq-inventory-financing');
    expect(top('存货融资 interest rate', 'en')).toContain('faq-inventory-financing');
    const hit = index.search('inventory financing 的利率是多少', { locale: 'zh-CN', limit: 1 })[0]!;
    expect(hit.passage.locale).toBe('zh-CN');
  });

  it('finds a document by words ICU splits (进货 → 进|货) and by English stems', () => {
    expect(top('进货', 'zh-CN', 'supply-chain')).toContain('faq-inventory-financing');
    expect(top('repaying early penalties', 'en')).toEqual(expect.arrayContaining(['fees-consumer-credit']));
  });

  it('finds nothing for words that are in no source', () => {
    expect(top('今天天气怎么样', 'zh-CN')).toEqual([]);
    expect(top('quantum chromodynamics', 'en')).toEqual([]);
  });

  it('ranks the session scenario first', () => {
    const tourism = top('分期的利率', 'zh-CN', 'tourism');
    expect(tourism[0]).toMatch(/travel|tourism/);
    const consumption = top('分期的利率', 'zh-CN', 'consumption');
    expect(consumption[0]).toMatch(/shopping|consumer/);
  });

  it('finds a document written in one language for a question in the other, through the thesaurus', () => {
    const payroll = {
      id: 'bank-payroll',
      version: 1,
      kind: 'guide' as const,
      scenarios: ['supply-chain' as const],
      productTypes: [],
      tags: [],
      texts: { en: { title: 'Payroll Service', body: 'The fee is 2 CNY per salary payment.' } },
    };
    const forward = {
      ...payroll,
      id: 'bank-fx-forward',
      texts: { 'zh-CN': { title: '远期结售汇', body: '期限为7天至1年，起点金额为等值5万美元。' } },
    };
    const both = new KnowledgeIndex({
      documents: [...input.documents, payroll, forward],
      offers: input.offers,
    });
    const first = (q: string, locale: contracts.Locale) =>
      both.search(q, { locale, scenario: 'supply-chain', limit: 3 }).map((h) => h.passage.sourceId);
    expect(first('代发工资每笔收多少钱？', 'zh-CN')).toContain('bank-payroll');
    expect(first('What is the minimum amount for an FX forward?', 'en')).toContain('bank-fx-forward');
    const hit = both
      .search('代发工资每笔收多少钱？', { locale: 'zh-CN', scenario: 'supply-chain', limit: 3 })
      .find((h) => h.passage.sourceId === 'bank-payroll')!;
    expect(hit.passage.locale).toBe('en');
    expect(hit.coverage).toBeGreaterThanOrEqual(0.3);
    // Without the thesaurus the Chinese question shares no word with the English document.
    expect(both.passagesOf(hit.passage).every((p) => p.locale === 'en')).toBe(true);
  });

  it('indexes a document whose two locales hold the same text once, in the language of its script', () => {
    const copied = {
      id: 'copied',
      version: 1,
      kind: 'faq' as const,
      scenarios: ['consumption' as const],
      productTypes: [],
      tags: [],
      texts: {
        'zh-CN': { title: 'Gold plan', body: 'From 1 gram.' },
        en: { title: 'Gold plan', body: 'From 1 gram.' },
      },
    };
    expect(documentPassages(copied).map((p) => p.locale)).toEqual(['en']);
  });
});
