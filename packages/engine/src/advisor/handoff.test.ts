import type { ChatMessage, HandoffSummary } from '@finlet/contracts';
import { describe, expect, it } from 'vitest';
import { draftWrapUp, type HandoffTurn } from './handoff.js';

const card = (title: string) => ({
  type: 'application_card' as const,
  cardId: `card-${title}`,
  offerId: 'inv-fin',
  offerVersion: 1,
  title,
  prefill: {},
});
const turn = (role: 'agent' | 'user', text: string, parts: unknown[] = []): HandoffTurn => ({
  role,
  text,
  parts: parts as ChatMessage['parts'],
  intent: null,
});
const summary = (wants: string, amounts: HandoffSummary['amounts']): HandoffSummary => ({
  text: '',
  wants,
  intents: [],
  slots: {},
  amounts,
  answered: [],
});

// The wrap-up's wording, byte for byte, in both languages and both plural forms.
describe('draftWrapUp', () => {
  const full = summary('进货资金', [{ value: 123456, currency: 'CNY' }]);

  it('says what the agent sent and the outcome, in Chinese', () => {
    const sent = [
      turn('user', '你好'),
      turn('agent', '第一条', [card('甲')]),
      turn('agent', '第二条', [card('乙')]),
    ];
    expect(
      draftWrapUp({ summary: full, agentMessages: sent, locale: 'zh-CN', disposition: 'follow_up_needed' }),
    ).toBe(
      [
        '用户诉求: 进货资金',
        '金额: 1,234.56 CNY',
        '坐席发送了 2 条消息和 2 张申请卡片（甲、乙）。',
        '最后答复: 第二条',
        '结果: 需跟进',
      ].join('\n'),
    );
    expect(draftWrapUp({ summary: summary('', []), agentMessages: [], locale: 'zh-CN' })).toBe(
      '坐席发送了 0 条消息。',
    );
  });

  it('says it in English with singular and plural forms', () => {
    const one = [turn('agent', 'Only reply', [card('Stock loan')])];
    expect(draftWrapUp({ summary: full, agentMessages: one, locale: 'en', disposition: 'resolved' })).toBe(
      [
        'User wanted: 进货资金',
        'Amounts: 1,234.56 CNY',
        'The agent sent 1 message and 1 application card (Stock loan).',
        'Last reply: Only reply',
        'Outcome: resolved',
      ].join('\n'),
    );
    const two = [turn('agent', 'a', [card('X')]), turn('agent', '', [card('Y')]), turn('agent', 'b')];
    expect(draftWrapUp({ summary: summary('', []), agentMessages: two, locale: 'en' })).toBe(
      'The agent sent 2 messages and 2 application cards (X, Y).\nLast reply: b',
    );
    expect(draftWrapUp({ summary: summary('', []), agentMessages: [], locale: 'en' })).toBe(
      'The agent sent 0 messages.',
    );
  });
});
