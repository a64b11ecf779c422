import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionManager } from './session-manager.js';

const DAY = 86_400_000;

/** An unsigned JWT-shaped token: the manager reads `iat`/`exp` only to schedule, never to trust. */
function token(lifetimeMs: number): string {
  const iat = Math.floor(Date.now() / 1000);
  const payload = Buffer.from(JSON.stringify({ iat, exp: iat + lifetimeMs / 1000, sub: 'u' })).toString(
    'base64url',
  );
  return `eyJhbGciOiJFUzI1NiJ9.${payload}.sig`;
}

describe('session timers', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps a token that lives longer than setTimeout can wait until it really expires', () => {
    const manager = new SessionManager('https://gw.example');
    const element = { isConnected: true, dispatchEvent: vi.fn() } as unknown as HTMLElement;
    const statuses: string[] = [];
    manager.subscribe({ element, statusChanged: (s) => statuses.push(s) });
    manager.useToken(token(30 * DAY));

    vi.advanceTimersByTime(25 * DAY);
    expect(manager.status).toBe('active');
    vi.advanceTimersByTime(5 * DAY + 1_000);
    expect(manager.status).toBe('expired');
    expect(statuses).toEqual(['expired']);
    expect(element.dispatchEvent).toHaveBeenCalledTimes(1);
  });
});
