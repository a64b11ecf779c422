import { describe, expect, it } from 'vitest';
import en from './common.messages.en.js';
import { type CommonMessages, commonMessages } from './common.messages.js';
import { DEFAULT_LOCALE, defineMessages, format, lookup, messagesReady } from './messages.js';

describe('error messages a user on a partner page can meet', () => {
  // Codes the gateway answers a widget's own requests with: each deserves words of its own rather
  // than the generic "something went wrong" (a paused partner, a crowded or slow connection).
  const codes = [
    'partner_disabled',
    'too_many_connections',
    'request_timeout',
    'rate_limited',
    'session_expired',
    'handoff_closed',
    'handoff_abandoned',
  ];
  const dictionaries: Record<string, CommonMessages> = {
    'zh-CN': commonMessages.get(DEFAULT_LOCALE) as CommonMessages,
    en,
  };

  it.each(['zh-CN', 'en'])('has its own text for each in %s', (locale) => {
    const texts = dictionaries[locale] as CommonMessages;
    for (const code of codes) {
      const text = texts[`error.${code}` as keyof CommonMessages];
      expect(typeof text, code).toBe('string');
      expect(text, code).not.toBe(texts['error.generic']);
    }
  });
});

describe('message bundles', () => {
  it('has zh-CN at once and loads another locale once, on first use', async () => {
    let loads = 0;
    const bundle = defineMessages(
      { 'x.hello': '你好', 'x.count': (n: number) => `${n} 个` },
      {
        en: async () => {
          loads++;
          return { default: { 'x.hello': 'Hello', 'x.count': (n: number) => `${n} items` } };
        },
      },
    );
    expect(messagesReady([bundle], 'zh-CN')).toBeUndefined();
    expect(format(lookup([bundle], 'zh-CN', 'x.count'), 'x.count', [3])).toBe('3 个');
    // Until English arrives an element would show Chinese, never a blank or a key.
    expect(format(lookup([bundle], 'en', 'x.hello'), 'x.hello', [])).toBe('你好');
    await Promise.all([messagesReady([bundle], 'en'), messagesReady([bundle], 'en')]);
    expect(loads).toBe(1);
    expect(messagesReady([bundle], 'en')).toBeUndefined();
    expect(format(lookup([bundle], 'en', 'x.count'), 'x.count', [3])).toBe('3 items');
  });

  it('tries a failed load again and stays in zh-CN meanwhile', async () => {
    let fail = true;
    const bundle = defineMessages(
      { 'x.hello': '你好' },
      {
        en: async () => {
          if (fail) throw new Error('offline');
          return { default: { 'x.hello': 'Hello' } };
        },
      },
    );
    await messagesReady([bundle], 'en');
    expect(format(lookup([bundle], 'en', 'x.hello'), 'x.hello', [])).toBe('你好');
    fail = false;
    await messagesReady([bundle], 'en');
    expect(format(lookup([bundle], 'en', 'x.hello'), 'x.hello', [])).toBe('Hello');
  });

  it('takes a key from the first bundle holding it and shows an unknown key as itself', () => {
    const own = defineMessages({ 'a.x': 'own' }, { en: async () => ({ default: { 'a.x': 'own' } }) });
    expect(format(lookup([commonMessages, own], 'zh-CN', 'a.x'), 'a.x', [])).toBe('own');
    expect(format(lookup([commonMessages, own], 'zh-CN', 'a.missing'), 'a.missing', [])).toBe('a.missing');
  });
});
