import { SimpleRequestEnvelope } from '@finlet/contracts';
import type { MiddlewareHandler } from 'hono';
import { bodyText } from './body.js';
import type { GatewayEnv } from './context.js';
import { header } from './headers.js';
import { HttpProblem, invalidRequest } from './problem.js';

/**
 * Unwraps a session read sent as a CORS simple request: `Content-Type: text/plain`, no
 * `Authorization` header, the body a `SimpleRequestEnvelope` (`{ token, body }`). Browsers send such
 * a request without a preflight, which saves the widget a round trip on the page's critical path.
 *
 * Safe for the routes that opt in (`simpleRequest` in the route list), which change nothing: the
 * token is a bearer credential the page must hold (no cookie rides along, so no request forgery),
 * `authenticate` checks it and the `Origin` the browser always sends on a cross-origin POST as for
 * the header, and only an allowed origin can read the answer. A request with JSON or with an
 * `Authorization` header is passed on untouched.
 */
export function simpleRequest(): MiddlewareHandler<GatewayEnv> {
  return async function unwrapSimpleRequest(c, next) {
    if (!/^text\/plain\s*(?:;|$)/i.test(header(c, 'content-type') ?? '') || header(c, 'authorization')) {
      return next();
    }
    const text = await bodyText(c);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new HttpProblem('invalid_json', {
        detail: error instanceof SyntaxError ? error.message : 'The body is not valid JSON.',
      });
    }
    const parsed = SimpleRequestEnvelope.safeParse(value);
    if (!parsed.success) throw invalidRequest(parsed.error);
    c.set('simpleRequest', { token: parsed.data.token, body: parsed.data.body ?? {} });
    return next();
  };
}
