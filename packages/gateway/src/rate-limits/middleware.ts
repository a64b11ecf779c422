import type { RateLimitBudget } from '@finlet/contracts';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { clientAddress, type TrustedProxies } from '../http/connections.js';
import type { Caller, GatewayEnv } from '../http/context.js';
import { header } from '../http/headers.js';
import { HttpProblem } from '../http/problem.js';
import type { RateLimitBucket, RateLimitDecision, RateLimiter } from './limiter.js';

/**
 * - `caller`: after authentication, per partner and per session user (`family: 'api'`), or their
 *   advice-chat budgets (`family: 'chat'`); an admin key per key.
 * - `ip`: before authentication, per client address (public endpoints; `signIn` for the console's),
 *   read through `trustedProxies` as the connection cap reads it.
 */
export type RateLimitOptions = (
  | { by: 'caller'; limiter: RateLimiter; family: 'api' | 'chat' }
  | { by: 'ip'; limiter: RateLimiter; bucket: 'ip' | 'signIn'; trustedProxies: TrustedProxies }
) & {
  /**
   * How long a repeated refusal (a caller still sending after its first 429 in the window) is held
   * before it is answered; 0 answers at once. See `DEFAULT_REPEAT_REFUSAL_DELAY_MS`.
   */
  repeatRefusalDelayMs?: number;
};

/**
 * A refusal costs the instance a request's reading and writing even when it does nothing else
 * (measured at about 0.8 ms of CPU on a loaded 2-core VM, mostly in the kernel), so a client
 * ignoring `Retry-After` in a tight loop would take what other partners need. Holding its repeated
 * refusals this long (a timer, no work) bounds what each of its connections can ask for, and the
 * per-client connection cap bounds the connections; a client honouring `Retry-After` never waits.
 */
export const DEFAULT_REPEAT_REFUSAL_DELAY_MS = 250;

interface Count {
  bucket: RateLimitBucket;
  key: string;
  budget: RateLimitBudget;
}

/**
 * Counts the request and answers 429 `rate_limited` over budget. Every answer carries
 * `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` and `RateLimit-Policy` (IETF draft
 * style) for the tightest budget; a 429 also carries `Retry-After`.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<GatewayEnv> {
  return async function rateLimitRequest(c, next) {
    const counts =
      options.by === 'ip'
        ? [
            {
              bucket: options.bucket,
              key: requestAddress(c, options.trustedProxies),
              budget: options.limiter.defaults[options.bucket],
            },
          ]
        : callerCounts(c.get('caller'), options.limiter, options.family);
    let tightest: RateLimitDecision | undefined;
    // The narrowest budget first: a user over budget stops there and spends nothing of the partner's.
    for (const count of counts) {
      const decision = await options.limiter.take(count.bucket, count.key, count.budget);
      if (!decision) continue;
      if (!decision.allowed) {
        const hold = decision.repeated
          ? Math.min(
              options.repeatRefusalDelayMs ?? DEFAULT_REPEAT_REFUSAL_DELAY_MS,
              decision.resetSeconds * 1000,
            )
          : 0;
        if (hold > 0) await new Promise((resolve) => setTimeout(resolve, hold));
        throw new HttpProblem('rate_limited', {
          detail: `Too many requests (${count.bucket} budget ${decision.limit} per ${decision.windowSeconds} s); retry in ${decision.resetSeconds} s.`,
          headers: { ...rateLimitHeaders(decision), 'retry-after': String(decision.resetSeconds) },
        });
      }
      if (!tightest || decision.remaining < tightest.remaining) tightest = decision;
    }
    await next();
    if (tightest) {
      for (const [name, value] of Object.entries(rateLimitHeaders(tightest))) c.res.headers.set(name, value);
    }
  };
}

export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  return {
    'ratelimit-limit': String(decision.limit),
    'ratelimit-remaining': String(decision.remaining),
    'ratelimit-reset': String(decision.resetSeconds),
    'ratelimit-policy': `${decision.limit};w=${decision.windowSeconds}`,
  };
}

function callerCounts(caller: Caller | undefined, limiter: RateLimiter, family: 'api' | 'chat'): Count[] {
  if (!caller) return [];
  if (caller.kind === 'admin') {
    return [{ bucket: 'admin', key: caller.admin.id, budget: limiter.defaults.admin }];
  }
  const own = caller.partner.rateLimits;
  const partnerBucket = family === 'chat' ? 'chatPartner' : 'partner';
  const userBucket = family === 'chat' ? 'chatUser' : 'user';
  const partner: Count = {
    bucket: partnerBucket,
    key: caller.partner.id,
    budget: own?.[partnerBucket] ?? limiter.defaults[partnerBucket],
  };
  if (caller.kind === 'partner') return [partner];
  return [
    {
      bucket: userBucket,
      // The subject is only unique within its partner; partner ids never contain ':' (and PostgreSQL
      // text cannot hold the NUL a separator would otherwise be).
      key: `${caller.partner.id}:${caller.claims.sub}`,
      budget: own?.[userBucket] ?? limiter.defaults[userBucket],
    },
    partner,
  ];
}

/** The client's address of a request; behind a trusted proxy, the client the proxy names. */
function requestAddress(c: Context<GatewayEnv>, trustedProxies: TrustedProxies): string {
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    // In-process requests (`app.request()`) have no socket.
  }
  return clientAddress(peer, header(c, 'x-forwarded-for'), trustedProxies)?.slice(0, 64) ?? 'unknown';
}
