import * as contracts from '@finlet/contracts';
import { describe, expect, it } from 'vitest';
import { loadEvalInput } from '../../eval/load.js';
import { KnowledgeIndex } from './retrieval.js';

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
});
