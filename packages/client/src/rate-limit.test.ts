import { createPartnerClient } from '@finlet/node';
import { startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import { FinletApiError, FinletRateLimitError, isFinletApiError, isFinletRateLimitError } from './errors.js';

describe('a rate-limited call against a real gateway', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('sqlite', {
      gateway: { rateLimits: { defaults: { user: { limit: 1, windowSeconds: 3600 } } } },
    });
  });
  afterAll(async () => gw?.close());

  it('throws FinletRateLimitError with retryAfter at once, instead of sleeping through a long wait', async () => {
    const partner = createPartnerClient({ gateway: gw.url, secretKey: gw.partnerA.secretKey });
    const { token } = await partner.embedSessions.create({ userId: 'eager', scenario: 'consumption' });
    const client = createClient({ gateway: gw.url, token });
    await client.offers.match();
    const error = await client.offers.match().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FinletRateLimitError);
    expect(error).toBeInstanceOf(FinletApiError);
    expect(isFinletRateLimitError(error) && isFinletApiError(error)).toBe(true);
    const limited = error as FinletRateLimitError;
    expect(limited).toMatchObject({ status: 429, code: 'rate_limited', limit: 1, remaining: 0 });
    expect(limited.retryAfter).toBeGreaterThan(5);
    expect(limited.retryAfter).toBeLessThanOrEqual(3600);
    expect(limited.requestId).toMatch(/^req_/);
    // Another realm's copy (a second bundle) is recognised by name.
    expect(isFinletRateLimitError({ name: 'FinletRateLimitError' })).toBe(true);
  });
});
