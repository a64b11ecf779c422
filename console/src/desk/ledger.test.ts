import { describe, expect, it } from 'vitest';
import type { SuggestedReply } from '../api/handoffs.js';
import { SuggestionLedger } from './ledger.js';

const reply = (id: string, text: string): SuggestedReply => ({ id, text, citations: [] });

describe('the suggested-reply ledger', () => {
  it('reports accepted, edited and discarded, one outcome per suggestion shown', () => {
    const ledger = new SuggestionLedger();
    ledger.reset([reply('s1', '可以申请 3 到 24 期。'), reply('s2', '年化利率最低 3.2%。'), reply('s3', '请稍候。')]);
    expect(ledger.insert('s1')).toBe('可以申请 3 到 24 期。');
    ledger.insert('s2');
    ledger.discard('s3');
    expect(ledger.offered).toEqual([]);
    // s1 went out as it was (whitespace aside), s2 was changed before sending.
    expect(ledger.report('可以申请 3 到  24 期。\n年化利率最低 3.5%。')).toEqual([
      { suggestionId: 's1', outcome: 'accepted' },
      { suggestionId: 's2', outcome: 'edited' },
      { suggestionId: 's3', outcome: 'discarded' },
    ]);
  });

  it('counts a suggestion never used as discarded, and forgets everything on reset', () => {
    const ledger = new SuggestionLedger();
    ledger.reset([reply('a', 'one'), reply('b', 'two')]);
    expect(ledger.offered.map((s) => s.id)).toEqual(['a', 'b']);
    expect(ledger.report('my own words')).toEqual([
      { suggestionId: 'a', outcome: 'discarded' },
      { suggestionId: 'b', outcome: 'discarded' },
    ]);
    ledger.discard('a');
    expect(ledger.insert('a')).toBeUndefined();
    expect(ledger.insert('unknown')).toBeUndefined();
    ledger.reset([]);
    expect(ledger.size).toBe(0);
    expect(ledger.report('anything')).toEqual([]);
  });
});
