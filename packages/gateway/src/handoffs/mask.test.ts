import { describe, expect, it } from 'vitest';
import { maskPersonalData } from '../chat/mask.js';
import { maskForRole } from './mask.js';

describe('transcript masking per role', () => {
  const stored = maskPersonalData(
    '我的手机 13812345678，身份证 110101199003074518，卡号 6222 0212 3456 7890 123，邮箱 li.na@example.com',
  );

  it('hides what the agent may not see at all', () => {
    const text = maskForRole(stored, 'agent');
    expect(text).toContain('[phone]');
    expect(text).toContain('[ID]');
    expect(text).toContain('[card]');
    expect(text).toContain('[email]');
    expect(text).not.toMatch(/\d{4}/);
  });

  it('hides landlines and account numbers from the agent too', () => {
    const text = maskForRole(
      maskPersonalData('座机 020-12345678，分机电话 +86 20 1234567，账号 1234567890'),
      'agent',
    );
    expect(text).toBe('座机 [phone]，分机电话 [number]，账号 [number]');
  });

  it('leaves the approver the masked forms and the e-mail', () => {
    const text = maskForRole(stored, 'approver');
    expect(text).toContain('138****5678');
    expect(text).toContain('li.na@example.com');
    expect(maskForRole(stored, 'reviewer')).toContain('l***@example.com');
  });
});
