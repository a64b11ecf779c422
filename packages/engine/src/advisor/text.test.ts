import { describe, expect, it } from 'vitest';
import { splitParagraphs, splitSentences, stemEnglish, tokenize } from './text.js';

describe('tokenize', () => {
  it('segments Chinese and adds bigrams so split words still meet', () => {
    const tokens = tokenize('我想借20万进货');
    expect(tokens).toContain('进货');
    expect(tokens).not.toContain('20');
    expect(tokenize('跨境汇款到越南')).toEqual(expect.arrayContaining(['跨境', '汇款', '越南']));
  });
  it('stems English and drops stop words', () => {
    expect(tokenize('What are the fees for financing?')).toEqual(['fee', 'financ']);
    expect(tokenize('fee finance')).toEqual(['fee', 'financ']);
  });
  it('handles mixed-language text and full-width letters', () => {
    expect(tokenize('存货融资 的 ＡＰＲ')).toEqual(expect.arrayContaining(['存货', '融资', 'apr']));
  });
});

describe('stemEnglish', () => {
  it.each([
    ['loans', 'loan'],
    ['eligibility', 'eligibl'],
    ['eligible', 'eligibl'],
    ['repayment', 'repay'],
    ['repaying', 'repay'],
    ['transfers', 'transfer'],
  ])('%s → %s', (word, stem) => {
    expect(stemEnglish(word)).toBe(stem);
  });
});

describe('splitSentences / splitParagraphs', () => {
  it('splits on Chinese and English sentence ends but not inside numbers', () => {
    expect(splitSentences('年化利率 3.65% 起。最长 12 个月！')).toEqual([
      '年化利率 3.65% 起。',
      '最长 12 个月！',
    ]);
    expect(splitSentences('APR from 3.65 %. Up to 12 months.')).toEqual([
      'APR from 3.65 %.',
      'Up to 12 months.',
    ]);
  });
  it('splits paragraphs on blank lines and joins wrapped lines', () => {
    expect(splitParagraphs('a\nb\n\n c ')).toEqual(['a b', 'c']);
  });
});
