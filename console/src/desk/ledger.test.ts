import type { HandoffSuggestion } from '@finlet/contracts';
import { describe, expect, it } from 'vitest';
import { SuggestionLedger } from './ledger.js';

const reply = (
  id: string,
  text: string,
  outcome: HandoffSuggestion['outcome'] = 'pending',
): HandoffSuggestion => ({
  id,
  handoffId: 'hof_1',
  text,
  locale: 'zh-CN',
  sources: [{ sourceKind: 'document', id: 'faq', version: 1, title: 'FAQ', passage: '…' }],
  outcome,
  createdAt: '2026-01-01T00:00:00.000Z',
  decidedAt: null,
});

describe('the suggested-reply ledger', () => {
  it('offers pending suggestions only, and names the one a message started from', () => {
    const ledger = new SuggestionLedger();
    ledger.reset([
      reply('s1', '可以申请 3 到 24 期。'),
      reply('s2', '年化利率最低 3.2%。'),
      reply('s0', 'old', 'accepted'),
    ]);
    expect(ledger.offered.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(ledger.origin('anything')).toBeUndefined();
    const text = ledger.insert('s1', '')!;
    expect(text).toBe('可以申请 3 到 24 期。');
    expect(ledger.offered.map((s) => s.id)).toEqual(['s2']);
    // Sent as drafted (whitespace aside): accepted; changed: edited.
    expect(ledger.origin('可以申请 3 到  24 期。\n')).toEqual({ suggestionId: 's1', outcome: 'accepted' });
    expect(ledger.origin(`${text} 还有问题吗？`)).toEqual({ suggestionId: 's1', outcome: 'edited' });
    ledger.sent();
    expect(ledger.origin('x')).toBeUndefined();
    expect(ledger.offered.map((s) => s.id)).toEqual(['s2']);
  });

  it('replaces an untouched suggestion, keeps what the agent wrote, and forgets discarded ones', () => {
    const ledger = new SuggestionLedger();
    ledger.reset([reply('a', 'one'), reply('b', 'two'), reply('c', 'three')]);
    expect(ledger.insert('a', '')).toBe('one');
    // Inserting another over the untouched first one swaps it; the first is on offer again.
    expect(ledger.insert('b', 'one')).toBe('two');
    expect(ledger.offered.map((s) => s.id)).toEqual(['a', 'c']);
    expect(ledger.insert('c', 'Hello,')).toBe('Hello,\nthree');
    expect(ledger.origin('Hello,\nthree')?.suggestionId).toBe('c');
    // Emptying the composer lets go of it.
    ledger.edited('  ');
    expect(ledger.origin('my own words')).toBeUndefined();
    ledger.discard('a');
    expect(ledger.insert('a', '')).toBeUndefined();
    expect(ledger.insert('unknown', '')).toBeUndefined();
    expect(ledger.offered.map((s) => s.id)).toEqual(['b', 'c']);
  });
});
