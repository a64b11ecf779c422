import type { ChatSlots } from '@finlet/contracts';
import { describe, expect, it } from 'vitest';
import { type SummaryTurn, summarizeConversation } from './summary.js';

// The hand-off summary's wording, byte for byte, in both languages.
describe('summarizeConversation', () => {
  const turns: SummaryTurn[] = [
    { role: 'user', text: '想借钱进货', intent: 'apply' },
    { role: 'assistant', text: '好的' },
    { role: 'user', text: '一年期', intent: 'apply' },
  ];
  const slots: ChatSlots = {
    amount: { value: 5000000, currency: 'CNY' },
    purpose: 'inventory',
    termMonths: 12,
    productTypes: ['business_loan'],
    fromCurrency: 'CNY',
    toCurrency: 'USD',
  };

  it('lists the facts with Chinese labels', () => {
    expect(summarizeConversation(turns, slots, 'zh-CN')).toBe(
      [
        '意图: apply',
        '金额: 50,000.00 CNY',
        '用途: inventory',
        '期限: 12 个月',
        '产品类型: business_loan',
        '汇款: CNY → USD (normal)',
        '最近的问题: “想借钱进货” “一年期”',
      ].join('\n'),
    );
  });

  it('lists the facts with English labels, "months" also for one', () => {
    expect(summarizeConversation(turns, { termMonths: 1, toCurrency: 'EUR' }, 'en')).toBe(
      [
        'Intents: apply',
        'Term: 1 months',
        'Transfer: ? → EUR (normal)',
        'Last questions: “想借钱进货” “一年期”',
      ].join('\n'),
    );
    expect(summarizeConversation([], {}, 'en')).toBe('');
  });
});
