/** Fixed-window counters per key, in this instance's memory. */
export class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one request; when over the limit, the seconds until the window resets. */
  take(key: string, now: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    let w = this.#windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.#windows.set(key, w);
      if (this.#windows.size > 50_000) this.#sweep(now);
    }
    if (w.count >= this.limit) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)) };
    }
    w.count++;
    return { ok: true };
  }

  #sweep(now: number): void {
    for (const [key, w] of this.#windows) if (now - w.start >= this.windowMs) this.#windows.delete(key);
  }
}

export interface ChatRateLimits {
  /** Messages per partner per window (all its users together). */
  perPartner: number;
  /** Messages per user per window. */
  perUser: number;
  windowMs: number;
}

export const DEFAULT_CHAT_RATE_LIMITS: ChatRateLimits = { perPartner: 600, perUser: 20, windowMs: 60_000 };
