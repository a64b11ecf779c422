import { mintSessionToken } from '../auth/sessions.js';
import { partnerCaller } from '../http/callers.js';
import type { FeatureHandlers } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import type { GatewayDeps } from '../internal/deps.js';

export function sessionHandlers(deps: GatewayDeps) {
  return {
    createEmbedSession: async (c, { body: input }) => {
      const partner = partnerCaller(c);
      if (!partner.scenarios.includes(input.scenario)) {
        throw new HttpProblem('invalid_request', {
          detail: `scenario: the partner is not enabled for "${input.scenario}" (enabled: ${partner.scenarios.join(', ')}).`,
          errors: [{ path: 'scenario', message: 'not enabled for this partner' }],
        });
      }
      if (input.origin !== undefined && !partner.origins.includes(input.origin)) {
        throw new HttpProblem('invalid_request', {
          detail: `origin: ${input.origin} is not one of the partner's allowed origins.`,
          errors: [{ path: 'origin', message: 'not an allowed origin of this partner' }],
        });
      }
      const session = await mintSessionToken(deps.sessions, partner.id, input, deps.clock());
      return c.json(
        { token: session.token, expiresAt: session.expiresAt.toISOString(), sessionId: session.sessionId },
        201,
        { 'cache-control': 'no-store' },
      );
    },
  } satisfies FeatureHandlers;
}
