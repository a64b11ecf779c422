import { describe, expect, it } from 'vitest';
import { maskPersonalData } from './mask.js';

describe('maskPersonalData', () => {
  it('masks resident ID, bank card and phone numbers', () => {
    expect(maskPersonalData('身份证 11010519491231002X')).toBe('身份证 11************002X');
    expect(maskPersonalData('卡号 6222 0212 3456 7890')).toBe('卡号 **** **** **** 7890');
    expect(maskPersonalData('card 6222021234567890123')).toBe('card **** **** **** 0123');
    expect(maskPersonalData('电话13812345678')).toBe('电话138****5678');
    expect(maskPersonalData('call +86 138 1234 5678')).toBe('call 138****5678');
  });
  it('masks landlines and labelled account numbers', () => {
    expect(maskPersonalData('call me on 020-12345678')).toBe('call me on 020****5678');
    expect(maskPersonalData('账号 1234567890')).toBe('账号 ****7890');
  });
  it('leaves amounts and short numbers alone', () => {
    expect(maskPersonalData('我想借200000元，分12期')).toBe('我想借200000元，分12期');
  });
});
