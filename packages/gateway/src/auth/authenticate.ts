import type { RouteAuth } from '@finlet/contracts';
import type { Context, MiddlewareHandler } from 'hono';
import { authenticateConsole, consoleCookie } from '../console/session.js';
import type { GatewayEnv } from '../http/context.js';
import { header } from '../http/headers.js';
import { HttpProblem } from '../http/problem.js';
import type { Clock } from '../internal/time.js';
import type { AdminKeyRecord, Store } from '../storage/store.js';
import { withAssessedLevel } from '../suitability/session-level.js';
import type { RiskAssessmentStore } from '../suitability/store.js';
import { apiKeyMatches, parseApiKey } from './api-keys.js';
import type { PartnerDirectory } from './partner-directory.js';
import type { SessionIssuerOptions, VerifiedSessions } from './sessions.js';

export interface AuthDeps {
  store: Store;
  partners: PartnerDirectory;
  sessions: SessionIssuerOptions;
  verifiedSessions: VerifiedSessions;
  clock: Clock;
}

function bearer(c: Context<GatewayEnv>): string | undefined {
  // A simple request's token came in its body (only on routes that accept one, see `simpleRequest`).
  const simple = c.get('simpleRequest');
  if (simple) return simple.token;
  const value = header(c, 'authorization');
  if (!value) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  if (!match) throw new HttpProblem('unauthorized', { detail: 'Use `Authorization: Bearer <credential>`.' });
  return match[1];
}

/**
 * Authenticates the caller the route expects. The partner (tenant) always comes from the key or
 * the token, never from the request body.
 */
export function authenticate(auth: RouteAuth, deps: AuthDeps): MiddlewareHandler<GatewayEnv> {
  return async function authenticateCaller(c, next) {
    if (auth === 'none') return next();
    const credential = bearer(c);
    if (!credential && auth === 'admin') {
      // The publishing console signs in with a cookie instead of sending the admin key.
      const cookie = consoleCookie(c);
      if (cookie) {
        await authenticateConsole(c, cookie, deps);
        return next();
      }
    }
    if (!credential) {
      throw new HttpProblem('unauthorized', {
        detail: 'This endpoint needs `Authorization: Bearer <credential>`.',
        headers: { 'www-authenticate': 'Bearer' },
      });
    }
    const apiKey = parseApiKey(credential);
    if (apiKey?.kind === 'admin') {
      if (auth !== 'admin')
        throw new HttpProblem('forbidden', { detail: 'Admin keys cannot call this endpoint.' });
      const record = await adminKeyRecord(deps.store, credential);
      c.set('caller', { kind: 'admin', admin: record.identity });
      return next();
    }
    if (apiKey?.kind === 'partner') {
      if (auth !== 'secretKey' && auth !== 'sessionOrSecretKey') {
        throw new HttpProblem('forbidden', {
          detail:
            auth === 'session'
              ? 'This endpoint is called by widgets with a session token, not with the secret key.'
              : 'Partner keys cannot call this endpoint.',
        });
      }
      if (header(c, 'origin')) {
        throw new HttpProblem('forbidden', {
          detail: 'A secret key must never be used from a browser; mint a session token on your server.',
        });
      }
      const record = await deps.partners.getByKeyId(apiKey.keyId);
      if (!record || !apiKeyMatches(credential, record.key.keyHash)) {
        throw new HttpProblem('invalid_api_key', { detail: 'The partner secret key is unknown.' });
      }
      if (record.key.revokedAt !== null) {
        throw new HttpProblem('api_key_revoked', { detail: 'This secret key was revoked.' });
      }
      if (
        record.key.expiresAt !== null &&
        new Date(record.key.expiresAt).getTime() <= deps.clock().getTime()
      ) {
        throw new HttpProblem('api_key_revoked', {
          detail: `This secret key was rotated out; its overlap ended at ${record.key.expiresAt}. Use the new key.`,
        });
      }
      if (record.partner.status !== 'active') throw partnerDisabled();
      c.set('caller', { kind: 'partner', partner: record.partner });
      return next();
    }
    if (auth === 'admin' || auth === 'secretKey') {
      throw new HttpProblem('invalid_api_key', {
        detail:
          auth === 'admin' ? 'Expected an admin key (fak_…).' : 'Expected a partner secret key (fsk_…).',
      });
    }
    const now = deps.clock();
    const verified = await deps.verifiedSessions.verify(credential, now);
    const partner = await deps.partners.get(verified.aud);
    if (!partner) throw new HttpProblem('invalid_token', { detail: 'The session belongs to no partner.' });
    if (partner.status !== 'active') throw partnerDisabled();
    const origin = header(c, 'origin');
    // A preview token also works on the gateway's own origin: the console page showing the widgets.
    const fromConsole = verified.pvw !== undefined && origin === new URL(c.req.url).origin;
    if (
      origin !== undefined &&
      !fromConsole &&
      (!partner.origins.includes(origin) || (verified.org && verified.org !== origin))
    ) {
      throw new HttpProblem('origin_not_allowed', {
        detail: `Origin ${origin.slice(0, 100)} is not allowed for this session.`,
      });
    }
    // The claims as signed: `assessedLevel` (after the rate limit) adds the bank's own level, so a
    // refused request never reads the database for it.
    c.set('caller', { kind: 'session', partner, claims: verified });
    return next();
  };
}

/**
 * The session caller's claims with the user's valid assessed level (`withAssessedLevel`). Runs
 * after the rate limit: a flood refused with 429 costs no assessment query.
 */
export function assessedLevel(
  deps: Pick<AuthDeps, 'clock'> & { assessments: Pick<RiskAssessmentStore, 'latest'> },
): MiddlewareHandler<GatewayEnv> {
  return async function addAssessedLevel(c, next) {
    const caller = c.get('caller');
    if (caller?.kind === 'session') {
      // The cached verified claims stay as signed; the request's copy carries the bank's own level.
      const claims = await withAssessedLevel(
        deps.assessments,
        caller.partner.id,
        caller.claims,
        deps.clock(),
      );
      c.set('caller', { ...caller, claims });
    }
    return next();
  };
}

function partnerDisabled(): HttpProblem {
  return new HttpProblem('partner_disabled', {
    detail: 'The partner is disabled: its keys and sessions are refused until the bank enables it again.',
  });
}

/** The live record of an admin key, or `invalid_api_key` (console sign-in uses it too). */
export async function adminKeyRecord(store: Store, credential: string): Promise<AdminKeyRecord> {
  const apiKey = parseApiKey(credential);
  const record = apiKey?.kind === 'admin' ? await store.adminKeys.get(`adm_${apiKey.keyId}`) : undefined;
  if (!record || record.revokedAt !== null || !apiKeyMatches(credential, record.keyHash)) {
    throw new HttpProblem('invalid_api_key', { detail: 'The admin key is unknown or revoked.' });
  }
  return record;
}
