import type { MiddlewareHandler } from 'hono';
import type { PartnerDirectory } from '../auth/partner-directory.js';
import type { GatewayEnv } from './context.js';
import { header } from './headers.js';
import { HttpProblem } from './problem.js';

const ALLOWED_HEADERS = 'authorization, content-type, idempotency-key, accept-language, x-request-id';
// Widgets read the rate-limit headers to tell the user how long to wait.
const EXPOSED_HEADERS =
  'x-request-id, retry-after, idempotent-replayed, location, ratelimit-limit, ratelimit-remaining, ratelimit-reset, ratelimit-policy';

/**
 * CORS per partner. A preflight carries no credentials, so it is answered for any origin some
 * partner allows; the real request is then checked against the session's own partner (see
 * `authenticate`), which refuses an origin that partner did not register.
 */
export function partnerCors(partners: PartnerDirectory): MiddlewareHandler<GatewayEnv> {
  return async function cors(c, next) {
    const origin = header(c, 'origin');
    const known = origin !== undefined && (await partners.isKnownOrigin(origin));
    if (c.req.method === 'OPTIONS') {
      if (!known) {
        throw new HttpProblem('origin_not_allowed', {
          detail: `Origin ${(origin ?? 'none').slice(0, 100)} is not registered by any partner.`,
        });
      }
      return c.body(null, 204, {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'GET, POST, PUT, DELETE',
        'access-control-allow-headers': ALLOWED_HEADERS,
        // Chromium's ceiling (2 h): a returning page's calls skip the preflight round trip.
        'access-control-max-age': '7200',
        vary: 'Origin',
      });
    }
    await next();
    if (known) {
      c.res.headers.set('access-control-allow-origin', origin);
      c.res.headers.set('access-control-expose-headers', EXPOSED_HEADERS);
      c.res.headers.append('vary', 'Origin');
    }
  };
}
