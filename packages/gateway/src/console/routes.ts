import type { ConsoleSession } from '@finlet/contracts';
import type { Context } from 'hono';
import { adminKeyRecord } from '../auth/authenticate.js';
import type { GatewayEnv } from '../http/context.js';
import type { FeatureHandlers } from '../http/handler.js';
import { header } from '../http/headers.js';
import { HttpProblem } from '../http/problem.js';
import type { GatewayDeps } from '../internal/deps.js';
import { addSeconds } from '../internal/time.js';
import { CONSOLE_ABSOLUTE_SECONDS, newConsoleSecret, setCookieHeader } from './session.js';

function consoleSession(c: Context<GatewayEnv>) {
  const caller = c.get('caller');
  if (caller?.kind !== 'admin' || !caller.console) {
    throw new HttpProblem('unauthorized', { detail: 'No console session; sign in first.' });
  }
  return { admin: caller.admin, session: caller.console };
}

export function consoleHandlers(deps: GatewayDeps) {
  return {
    createConsoleSession: async (c, { body: { apiKey } }) => {
      // A foreign page must not sign the browser in with a key of its choosing (login CSRF).
      const origin = header(c, 'origin');
      if (origin !== undefined && origin !== new URL(c.req.url).origin) {
        throw new HttpProblem('csrf_failed', { detail: 'Sign in from the console page itself.' });
      }
      const key = await adminKeyRecord(deps.store, apiKey);
      const now = deps.clock();
      const secret = newConsoleSecret();
      const expiresAt = addSeconds(now, CONSOLE_ABSOLUTE_SECONDS).toISOString();
      await deps.store.consoleSessions.insert({
        id: secret.id,
        adminKeyId: key.identity.id,
        csrfToken: secret.csrfToken,
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        expiresAt,
        revokedAt: null,
      });
      const body: ConsoleSession = { admin: key.identity, csrfToken: secret.csrfToken, expiresAt };
      return c.json(body, 201, {
        'set-cookie': setCookieHeader(c, secret.cookie, CONSOLE_ABSOLUTE_SECONDS),
        'cache-control': 'no-store',
      });
    },
    getConsoleSession: (c) => {
      const { admin, session } = consoleSession(c);
      const body: ConsoleSession = { admin, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
      return c.json(body, 200, {
        'cache-control': 'no-store',
      });
    },
    deleteConsoleSession: async (c) => {
      const { session } = consoleSession(c);
      await deps.store.consoleSessions.revoke(session.id, deps.clock().toISOString());
      return c.body(null, 204, { 'set-cookie': setCookieHeader(c, '', 0), 'cache-control': 'no-store' });
    },
  } satisfies FeatureHandlers;
}
