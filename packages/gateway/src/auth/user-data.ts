import { maskUserIds, type UserDataOperation, userDataAccess } from '@finlet/contracts';
import type { MiddlewareHandler } from 'hono';
import type { GatewayEnv } from '../http/context.js';
import { HttpProblem } from '../http/problem.js';

/**
 * Enforces `USER_DATA_ROUTES` for one admin route whose records carry end-user ids: refuses a role
 * the table does not list, refuses a `userId` filter from a role that reads aggregates only, and
 * masks every user id in what such a role is answered. In the route chain, after `authenticate`, so
 * no handler has to remember it.
 */
export function userDataGuard(operation: UserDataOperation): MiddlewareHandler<GatewayEnv> {
  return async function userDataGuard(c, next) {
    const caller = c.get('caller');
    if (caller?.kind !== 'admin') throw new HttpProblem('unauthorized');
    const { role } = caller.admin;
    const access = userDataAccess(operation, role);
    if (access === null) {
      throw new HttpProblem('forbidden', {
        detail: `The ${role} role does not read these records of users.`,
      });
    }
    if (access === 'full') return next();
    if (c.req.query('userId') !== undefined) {
      throw new HttpProblem('forbidden', {
        detail: `The ${role} role reads these records without user ids, so it cannot filter by one.`,
      });
    }
    await next();
    if (!c.res.ok || !c.res.headers.get('content-type')?.includes('json')) return;
    const masked = JSON.stringify(maskUserIds(await c.res.json()));
    // Hono carries the old response's headers over: its length would no longer be the body's.
    c.res.headers.delete('content-length');
    c.res = new Response(masked, { status: c.res.status, headers: c.res.headers });
  };
}
