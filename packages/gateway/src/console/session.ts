import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CONSOLE_COOKIE, CONSOLE_CSRF_HEADER } from '@finlet/contracts';
import type { Context } from 'hono';
import { generateCookie, getCookie } from 'hono/cookie';
import type { GatewayEnv } from '../http/context.js';
import { header } from '../http/headers.js';
import { HttpProblem } from '../http/problem.js';
import type { Clock } from '../internal/time.js';
import type { Store } from '../storage/store.js';
import type { ConsoleSessionRecord } from './store.js';

/** A console session ends 8 hours after sign-in at the latest … */
export const CONSOLE_ABSOLUTE_SECONDS = 8 * 3600;
/** … and after 30 minutes without a request. */
export const CONSOLE_IDLE_SECONDS = 30 * 60;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** The cookie value is 256 random bits; only its SHA-256 is stored, so a database leak signs nobody in. */
export function newConsoleSecret(): { cookie: string; id: string; csrfToken: string } {
  const cookie = randomBytes(32).toString('base64url');
  return { cookie, id: sessionId(cookie), csrfToken: randomBytes(32).toString('base64url') };
}

function sessionId(cookie: string): string {
  return createHash('sha256').update(cookie).digest('hex');
}

/** `Secure` everywhere except plain http on a loopback host (local development). */
export function secureCookie(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return !(protocol === 'http:' && LOOPBACK_HOSTS.has(hostname));
}

export function setCookieHeader(c: Context<GatewayEnv>, value: string, maxAgeSeconds: number): string {
  return generateCookie(CONSOLE_COOKIE, value, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: Math.max(0, Math.floor(maxAgeSeconds)),
    secure: secureCookie(c.req.url),
  });
}

/** The console cookie's value, if the request carries one. */
export function consoleCookie(c: Context<GatewayEnv>): string | undefined {
  const value = getCookie(c, CONSOLE_COOKIE);
  return value !== undefined && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
}

export interface ActiveConsoleSession {
  record: ConsoleSessionRecord;
  /** The session's end: the absolute limit or the idle limit, whichever comes first. */
  activeUntil: Date;
}

/** When the session ends if nothing else happens (idle window from the last request, capped). */
export function consoleSessionEnd(record: ConsoleSessionRecord): Date {
  const idle = new Date(record.lastSeenAt).getTime() + CONSOLE_IDLE_SECONDS * 1000;
  return new Date(Math.min(idle, new Date(record.expiresAt).getTime()));
}

/**
 * Authenticates a console request by its cookie: the session must be live (not revoked, within
 * both the absolute and idle limits) and its admin key not revoked. Requests that change state need
 * the session's CSRF token, and any `Origin` must be the gateway's own.
 */
export async function authenticateConsole(
  c: Context<GatewayEnv>,
  cookie: string,
  deps: { store: Store; clock: Clock },
): Promise<void> {
  const now = deps.clock();
  const record = await deps.store.consoleSessions.get(sessionId(cookie));
  if (!record || record.revokedAt !== null || consoleSessionEnd(record).getTime() <= now.getTime()) {
    throw new HttpProblem('unauthorized', {
      detail: 'The console session has ended; sign in again.',
    });
  }
  const key = await deps.store.adminKeys.get(record.adminKeyId);
  if (!key || key.revokedAt !== null) {
    throw new HttpProblem('invalid_api_key', { detail: 'The admin key of this session was revoked.' });
  }
  const origin = header(c, 'origin');
  if (origin !== undefined && origin !== new URL(c.req.url).origin) {
    throw new HttpProblem('csrf_failed', {
      detail: `Console requests must come from the gateway's own origin, not ${origin.slice(0, 100)}.`,
    });
  }
  if (!SAFE_METHODS.has(c.req.method.toUpperCase())) {
    const token = header(c, CONSOLE_CSRF_HEADER) ?? '';
    const given = Buffer.from(token);
    const expected = Buffer.from(record.csrfToken);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new HttpProblem('csrf_failed', {
        detail: `Send the session's CSRF token in the ${CONSOLE_CSRF_HEADER} header.`,
      });
    }
  }
  await deps.store.consoleSessions.touch(record.id, now.toISOString());
  c.set('caller', {
    kind: 'admin',
    admin: key.identity,
    console: { ...record, lastSeenAt: now.toISOString() },
  });
}
