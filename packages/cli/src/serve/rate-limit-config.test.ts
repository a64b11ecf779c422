import { describe, expect, it } from 'vitest';
import { rateLimitConfig } from './serve.js';

describe('rateLimitConfig: rate limits from the environment', () => {
  it('reads budgets and Redis', () => {
    expect(
      rateLimitConfig({
        FINLET_RATE_LIMIT_PARTNER: '3000/60',
        FINLET_RATE_LIMIT_USER: ' 60 / 60 ',
        FINLET_RATE_LIMIT_SIGN_IN: '5/300',
        FINLET_REDIS_URL: 'redis://cache.internal:6379/0',
      }),
    ).toEqual({
      defaults: {
        partner: { limit: 3000, windowSeconds: 60 },
        user: { limit: 60, windowSeconds: 60 },
        signIn: { limit: 5, windowSeconds: 300 },
      },
      store: { kind: 'redis', url: 'redis://cache.internal:6379/0' },
    });
  });

  it('leaves the defaults alone when nothing is set', () => {
    expect(rateLimitConfig({})).toBeUndefined();
  });

  it.each([
    [{ FINLET_RATE_LIMIT_USER: '60' }, /^FINLET_RATE_LIMIT_USER must be <requests>\/<window seconds>/],
    [{ FINLET_RATE_LIMIT_IP: '0/60' }, /FINLET_RATE_LIMIT_IP must be/],
    [{ FINLET_RATE_LIMIT_ADMIN: '10/100000' }, /window 1–86400 s/],
    [{ FINLET_REDIS_URL: 'http://cache:6379' }, /^FINLET_REDIS_URL must be a redis:\/\//],
  ])('refuses %o in one line', (env, message) => {
    expect(() => rateLimitConfig(env)).toThrow(message);
  });
});
