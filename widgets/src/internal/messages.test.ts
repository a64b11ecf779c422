import { describe, expect, it } from 'vitest';
import { errorMessage, MESSAGES } from './messages.js';

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

  it.each(['zh-CN', 'en'] as const)('has its own text for each in %s', (locale) => {
    const generic = MESSAGES[locale]['error.generic'];
    for (const code of codes) expect(errorMessage(locale, code), code).not.toBe(generic);
  });

  it('falls back to the generic text for a code added later', () => {
    expect(errorMessage('en', 'some_future_code')).toBe(MESSAGES.en['error.generic']);
  });
});
