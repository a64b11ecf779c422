import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { canonicalJson } from '../internal/canonical-json.js';
import type { Clock } from '../internal/time.js';
import type { Store } from '../storage/store.js';
import { bodyText } from './body.js';
import type { GatewayEnv } from './context.js';
import { header } from './headers.js';
import { HttpProblem } from './problem.js';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const REPLAYED_HEADERS = ['content-type', 'location', 'cache-control'];

/** Hashes what the request means, not how it was spelled: the same JSON in another key order is the same request. */
export function requestHash(method: string, path: string, subject: string, body: string): string {
  let meaning: string;
  try {
    meaning = canonicalJson(JSON.parse(body));
  } catch {
    meaning = body;
  }
  return createHash('sha256').update(`${method} ${path}\n${subject}\n${meaning}`).digest('hex');
}

export interface IdempotencyOptions {
  store: Store;
  clock: Clock;
  ttlSeconds: number;
}

/**
 * Makes a POST safe to retry. The key is scoped to the partner and kept `ttlSeconds` (≥ 24 h):
 * - a repeat of a completed request replays the first response byte for byte;
 * - a repeat with a different body (or by another user) is `idempotency_conflict` (422);
 * - a repeat while the first is still running is `idempotency_in_progress` (409).
 * Only successful responses are kept: after an error nothing was written, so the key is released
 * and the client may fix the request and retry with it.
 */
export function idempotency(options: IdempotencyOptions): MiddlewareHandler<GatewayEnv> {
  return async function idempotentRequest(c, next) {
    const key = header(c, 'idempotency-key');
    if (key === undefined) {
      throw new HttpProblem('idempotency_key_required', {
        detail: 'Send an `Idempotency-Key` header (e.g. a UUID) so the request can be retried safely.',
      });
    }
    if (!KEY_PATTERN.test(key)) {
      throw new HttpProblem('invalid_request', {
        detail: 'Idempotency-Key must be 1–255 visible ASCII characters.',
        errors: [{ path: 'header.idempotency-key', message: 'invalid' }],
      });
    }
    const caller = c.get('caller');
    if (caller?.kind !== 'session' && caller?.kind !== 'partner') throw new HttpProblem('unauthorized');
    const partnerId = caller.partner.id;
    const subject = caller.kind === 'session' ? caller.claims.sub : '';

    const hash = requestHash(c.req.method, c.req.path, subject, await bodyText(c));

    const now = options.clock();
    const claim = await options.store.idempotency.begin({
      partnerId,
      key,
      requestHash: hash,
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + options.ttlSeconds * 1000).toISOString(),
    });
    if (claim.state !== 'started' && claim.requestHash !== hash) {
      throw new HttpProblem('idempotency_conflict', {
        detail: 'This Idempotency-Key was already used for a different request; use a new key.',
      });
    }
    if (claim.state === 'in_progress') {
      throw new HttpProblem('idempotency_in_progress', {
        detail: 'The first request with this Idempotency-Key is still running; retry shortly.',
        headers: { 'retry-after': '1' },
      });
    }
    if (claim.state === 'completed') {
      const { response } = claim;
      return c.body(response.body, response.status as 200, {
        ...response.headers,
        'idempotent-replayed': 'true',
      });
    }

    let completed = false;
    try {
      await next();
      if (c.res.status >= 200 && c.res.status < 300) {
        const body = await c.res.clone().text();
        const headers: Record<string, string> = {};
        for (const name of REPLAYED_HEADERS) {
          const value = c.res.headers.get(name);
          if (value !== null) headers[name] = value;
        }
        await options.store.idempotency.complete(partnerId, key, { status: c.res.status, headers, body });
        completed = true;
      }
    } finally {
      if (!completed) await options.store.idempotency.release(partnerId, key);
    }
  };
}
