import { createOpenApiDocument } from '@finlet/contracts/openapi';
import type { FeatureHandlers } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import type { GatewayDeps } from '../internal/deps.js';

export function operationHandlers(deps: GatewayDeps) {
  let openapi: string | undefined;
  return {
    health: (c) => c.json({ status: 'ok', version: deps.version }),
    ready: async (c) => {
      if (deps.lifecycle.draining) {
        throw new HttpProblem('not_ready', { detail: 'This instance is shutting down.' });
      }
      try {
        await deps.store.ping();
        const pending = await deps.store.pendingMigrations();
        if (pending.length > 0) {
          throw new HttpProblem('not_ready', {
            detail: `Pending migrations: ${pending.join(', ')}. Run \`finlet migrate\`.`,
          });
        }
      } catch (error) {
        if (error instanceof HttpProblem) throw error;
        throw new HttpProblem('not_ready', { detail: 'The database does not answer.', cause: error });
      }
      return c.json({ status: 'ok', version: deps.version, checks: { database: 'ok', migrations: 'ok' } });
    },
    openapi: (c) => {
      openapi ??= JSON.stringify(createOpenApiDocument({ version: deps.version }));
      return c.body(openapi, 200, { 'content-type': 'application/json; charset=utf-8' });
    },
    // Short caching: after a rotation, relying parties see the new key within a minute.
    jwks: async (c) =>
      c.json(await deps.keys.jwks(deps.clock()), 200, { 'cache-control': 'public, max-age=60' }),
  } satisfies FeatureHandlers;
}
