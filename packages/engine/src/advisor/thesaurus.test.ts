import { describe, expect, it } from 'vitest';
import { bankEntryConflict, FINANCE_THESAURUS, parseThesaurus, Thesaurus } from './thesaurus.js';

const thesaurus = new Thesaurus(FINANCE_THESAURUS);
const ids = (text: string) => thesaurus.analyze(text).concepts.map((c) => c.id);

describe('Thesaurus', () => {
  it('holds a few hundred zh and en terms, every concept in both languages', () => {
    const terms = FINANCE_THESAURUS.flatMap((e) => [...(e.terms['zh-CN'] ?? []), ...(e.terms.en ?? [])]);
    expect(terms.length).toBeGreaterThanOrEqual(400);
    for (const e of FINANCE_THESAURUS) {
      expect(e.terms['zh-CN']?.length, e.id).toBeGreaterThan(0);
      expect(e.terms.en?.length, e.id).toBeGreaterThan(0);
      expect(['product', 'attribute', 'term']).toContain(e.kind);
    }
    expect(new Set(FINANCE_THESAURUS.map((e) => e.id)).size).toBe(FINANCE_THESAURUS.length);
  });

  it('joins everyday, product-team and other-language words for one concept', () => {
    for (const text of ['婚礼', '婚庆', '办婚宴', 'our wedding']) expect(ids(text)).toContain('wedding');
    for (const text of ['代发工资', '公司发工资', 'payroll service']) expect(ids(text)).toContain('payroll');
    for (const text of ['远期结售汇', '想锁汇', 'FX forward', 'lock in the exchange rates'])
      expect(ids(text)).toContain('fx-forward');
  });

  it('matches English by stemmed words, not inside other words, and leaves the uncovered rest', () => {
    expect(ids('paying off my car loans early')).toEqual(expect.arrayContaining(['car-loan']));
    expect(ids('scarce')).not.toContain('car');
    const { rest } = thesaurus.analyze('车贷审批要多少天');
    expect(rest.replace(/\s+/g, '')).toBe('要多少天');
  });

  it('takes a bank’s entries: a new concept, and new terms for a shipped one', () => {
    const bank = new Thesaurus([
      ...FINANCE_THESAURUS,
      ...parseThesaurus(
        'green-loan|product|绿色贷款,光伏贷|green loan,solar loan\nwedding|term|喜事|nuptials',
      ),
    ]);
    expect(bank.analyze('光伏贷利率').concepts.map((c) => c.id)).toContain('green-loan');
    expect(bank.analyze('solar loan').concepts.map((c) => c.id)).toContain('green-loan');
    expect(bank.analyze('办喜事').concepts.map((c) => c.id)).toContain('wedding');
    expect(bank.kindOf('green-loan')).toBe('product');
  });

  it('refuses a bank entry that would change a built-in concept’s kind, and takes any other', () => {
    expect(bankEntryConflict({ id: 'car-loan', kind: 'term' })).toMatch(/built-in product concept/);
    expect(bankEntryConflict({ id: 'car-loan', kind: 'product' })).toBeUndefined();
    expect(bankEntryConflict({ id: 'harvest-loan', kind: 'attribute' })).toBeUndefined();
    // The built-in words stay with the concept whatever a bank adds.
    const bank = new Thesaurus([
      ...FINANCE_THESAURUS,
      { id: 'car-loan', kind: 'product', terms: { 'zh-CN': ['座驾贷'] } },
    ]);
    expect(bank.analyze('车贷').concepts.map((c) => c.id)).toContain('car-loan');
    expect(bank.analyze('座驾贷').concepts.map((c) => c.id)).toContain('car-loan');
  });
});
