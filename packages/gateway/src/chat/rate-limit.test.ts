import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.js';

describe('RateLimiter', () => {
  it('allows `limit` per key per window, then says when to retry', () => {
    const limiter = new RateLimiter(2, 60_000);
    expect(limiter.take('a', 0).ok).toBe(true);
    expect(limiter.take('a', 1000).ok).toBe(true);
    expect(limiter.take('a', 2000)).toEqual({ ok: false, retryAfterSeconds: 58 });
    expect(limiter.take('b', 2000).ok).toBe(true);
    expect(limiter.take('a', 60_000).ok).toBe(true);
  });
});
