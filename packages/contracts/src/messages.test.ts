import { describe, expect, it } from 'vitest';
import type { LocalizedText } from './common.js';
import {
  formatMessage,
  localizer,
  lookupMessage,
  messagesFor,
  plural,
  translate,
  translator,
} from './messages.js';

const zh = {
  title: '金融产品',
  count: (n: number) => `共 ${n} 项`,
  only: '只有中文',
};
const en = {
  title: 'Products',
  count: (n: number) => plural('en', n, { one: `${n} item`, other: `${n} items` }),
};

describe('the translation helper shared by widgets, console and engine', () => {
  it('interpolates already-formatted values through the message function', () => {
    expect(translate({ 'zh-CN': zh, en }, 'zh-CN', 'count', 3)).toBe('共 3 项');
    expect(translate({ 'zh-CN': zh, en }, 'en', 'count', 1)).toBe('1 item');
    expect(translate({ 'zh-CN': zh, en }, 'en', 'count', 2)).toBe('2 items');
    expect(formatMessage('fixed', 'key', ['ignored'])).toBe('fixed');
  });

  it('falls back to zh-CN, then to English, for a message or a locale not written', () => {
    expect(translate({ 'zh-CN': zh, en }, 'en', 'only')).toBe('只有中文');
    expect(translate({ en }, 'zh-CN', 'title')).toBe('Products');
    expect(messagesFor({ 'zh-CN': zh }, 'en')).toBe(zh);
    expect(messagesFor({ en }, 'zh-CN')).toBe(en);
    expect(messagesFor({ 'zh-CN': zh, en }, 'en')).toBe(en);
  });

  it('shows the key of a missing message rather than nothing', () => {
    expect(translate({ 'zh-CN': zh, en }, 'en', 'nowhere')).toBe('nowhere');
    expect(formatMessage(undefined, 'nowhere', [])).toBe('nowhere');
    expect(lookupMessage([undefined, { a: 'x' }, { a: 'y' }], 'a')).toBe('x');
    expect(lookupMessage([undefined], 'a')).toBeUndefined();
    expect(() => messagesFor({}, 'en')).toThrow();
  });

  it('types a translator by the Chinese dictionary', () => {
    const t = translator<typeof zh>({ 'zh-CN': zh, en: { ...en, only: 'English only' } });
    expect(t('en', 'count', 5)).toBe('5 items');
    expect(t('zh-CN', 'title')).toBe('金融产品');
    // @ts-expect-error: count takes a number
    t('en', 'count');
  });

  it('says a message in both locales at once, each picking its own words from the arguments', () => {
    const both = localizer<{ fee: (name: LocalizedText, n: number) => string; none: string }>({
      'zh-CN': { fee: (name: LocalizedText, n: number) => `${name['zh-CN']} 手续费 ${n} 元`, none: '无' },
      en: { fee: (name: LocalizedText, n: number) => `${name.en} fee: ${n} yuan`, none: 'None' },
    });
    expect(both('fee', { 'zh-CN': '银联', en: 'UnionPay' }, 3)).toEqual({
      'zh-CN': '银联 手续费 3 元',
      en: 'UnionPay fee: 3 yuan',
    });
    expect(both('none')).toEqual({ 'zh-CN': '无', en: 'None' });
    // @ts-expect-error: fee takes a name and a number
    both('fee', 3);
  });

  it('picks plural forms by the locale: Chinese has one', () => {
    expect(plural('zh-CN', 1, { other: '个月' })).toBe('个月');
    expect(plural('en', 1, { one: 'month', other: 'months' })).toBe('month');
    expect(plural('en', 0, { one: 'month', other: 'months' })).toBe('months');
  });
});
