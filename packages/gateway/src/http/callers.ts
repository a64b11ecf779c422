import type { AdminIdentity, AdminRole, EmbedSessionClaims, Partner } from '@finlet/contracts';
import type { Context } from 'hono';
import type { GatewayEnv } from './context.js';
import { HttpProblem } from './problem.js';

export function sessionCaller(c: Context<GatewayEnv>): { partner: Partner; claims: EmbedSessionClaims } {
  const caller = c.get('caller');
  if (caller?.kind !== 'session') throw new HttpProblem('unauthorized');
  return caller;
}

export function partnerCaller(c: Context<GatewayEnv>): Partner {
  const caller = c.get('caller');
  if (caller?.kind !== 'partner') throw new HttpProblem('unauthorized');
  return caller.partner;
}

/** The admin behind the key, checked against the roles allowed to act (admin is always allowed). */
export function adminCaller(
  c: Context<GatewayEnv>,
  roles: readonly AdminRole[] = ['author', 'approver'],
): AdminIdentity {
  const caller = c.get('caller');
  if (caller?.kind !== 'admin') throw new HttpProblem('unauthorized');
  if (caller.admin.role !== 'admin' && !roles.includes(caller.admin.role)) {
    throw new HttpProblem('forbidden', {
      detail: `The ${caller.admin.role} role cannot do this; it needs ${[...roles, 'admin'].join(' or ')}.`,
    });
  }
  return caller.admin;
}
