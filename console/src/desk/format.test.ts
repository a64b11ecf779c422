import { describe, expect, it } from 'vitest';
import { formatDuration, formatMoney, formatPercent, secondsSince } from './format.js';

describe('desk formatting', () => {
  it('writes durations in both locales', () => {
    expect(formatDuration(42, 'en')).toBe('42 s');
    expect(formatDuration(185, 'en')).toBe('3 min 05 s');
    expect(formatDuration(3720, 'en')).toBe('1 h 02 min');
    expect(formatDuration(185, 'zh-CN')).toBe('3 分 05 秒');
    expect(formatDuration(-5, 'zh-CN')).toBe('0 秒');
  });

  it('formats money from minor units exactly, percentages and elapsed seconds', () => {
    expect(formatMoney({ value: 20_000_000, currency: 'CNY' }, 'en')).toBe('CN¥200,000');
    expect(formatMoney({ value: 123_456_789_012_345, currency: 'CNY' }, 'en')).toBe(
      'CN¥1,234,567,890,123.45',
    );
    expect(formatMoney({ value: 1_000_000, currency: 'VND' }, 'en')).toBe('₫1,000,000');
    expect(formatPercent(0.25, 'en')).toBe('25%');
    expect(secondsSince('2026-01-01T00:00:00Z', new Date('2026-01-01T00:01:30Z'))).toBe(90);
    expect(secondsSince('2026-01-01T00:01:00Z', new Date('2026-01-01T00:00:00Z'))).toBe(0);
  });
});
