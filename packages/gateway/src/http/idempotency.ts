import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { canonicalJson } from '../internal/canonical-json.js';
import type { Clock } from '../internal/time.js';
import type { Store, StoredResponse } from '../storage/store.js';
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
  /**
   * How long a claim holds the key before a retry may take it over: the longest a retry waits
   * after the gateway died mid-request. A request still running past it can no longer commit.
   */
  leaseSeconds: number;
}

/**
 * Makes a POST safe to retry. The key is scoped to the partner and kept `ttlSeconds` (≥ 24 h):
 * - a repeat of a completed request replays the first response byte for byte;
 * - a repeat with a different body (or by another user) is `idempotency_conflict` (422);
 * - a repeat while the first is still running is `idempotency_in_progress` (409); once the first
 *   one's lease has run out (it died), the repeat takes the key over and runs.
 * Exactly once holds for a handler that stores its response with `recordIdempotentResponse` in the
 * transaction that writes its effects: a crash then leaves both or neither. For any other handler the
 * response is stored after it returns (a crash in between lets a retry run it again).
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
    const begun = await options.store.idempotency.begin({
      partnerId,
      key,
      requestHash: hash,
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + options.ttlSeconds * 1000).toISOString(),
      leaseExpiresAt: new Date(now.getTime() + options.leaseSeconds * 1000).toISOString(),
    });
    if (begun.state !== 'started' && begun.requestHash !== hash) {
      throw new HttpProblem('idempotency_conflict', {
        detail: 'This Idempotency-Key was already used for a different request; use a new key.',
      });
    }
    if (begun.state === 'in_progress') throw inProgress();
    if (begun.state === 'completed') return sendResponse(c, begun.response, { replayed: true });

    const { claim } = begun;
    c.set('idempotency', { claim, recorded: false });
    let completed = false;
    try {
      await next();
      if (c.res.status >= 200 && c.res.status < 300) {
        if (c.get('idempotency')?.recorded) {
          completed = true;
        } else {
          const body = await c.res.clone().text();
          const headers: Record<string, string> = {};
          for (const name of REPLAYED_HEADERS) {
            const value = c.res.headers.get(name);
            if (value !== null) headers[name] = value;
          }
          completed = await options.store.idempotency.complete(claim, {
            status: c.res.status,
            headers,
            body,
          });
        }
      }
    } finally {
      if (!completed) await options.store.idempotency.release(claim);
    }
  };
}

function inProgress(): HttpProblem {
  return new HttpProblem('idempotency_in_progress', {
    detail: 'The first request with this Idempotency-Key is still running; retry shortly.',
    headers: { 'retry-after': '1' },
  });
}

/** A JSON response as it will be stored for replay and sent. */
export function jsonResponse(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): StoredResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

/**
 * Stores `response` as the answer to this request's Idempotency-Key, inside `tx`: call it in the
 * transaction that writes the request's effects, then send the same response with `sendResponse`.
 * If a retry has taken the key over meanwhile (this request outran its lease), it throws
 * `idempotency_in_progress`, which rolls the transaction back: the retry's run is the one that counts.
 * Without an Idempotency-Key claim on the request it does nothing.
 */
export async function recordIdempotentResponse(
  c: Context<GatewayEnv>,
  tx: Store,
  response: StoredResponse,
): Promise<void> {
  const state = c.get('idempotency');
  if (!state) return;
  if (!(await tx.idempotency.complete(state.claim, response))) throw inProgress();
  state.recorded = true;
}

/** Sends a stored response exactly as stored, marked when it is a replay. */
export function sendResponse(
  c: Context<GatewayEnv>,
  response: StoredResponse,
  options: { replayed?: boolean } = {},
): Response {
  return c.body(response.body, response.status as 200, {
    ...response.headers,
    ...(options.replayed ? { 'idempotent-replayed': 'true' } : {}),
  });
}
