import type { AgentGrantCreated, AgentGrantList } from '@finlet/contracts';
import { verifySessionToken } from '../auth/sessions.js';
import { partnerCaller, sessionCaller } from '../http/callers.js';
import type { FeatureHandlers } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import { audit } from '../internal/audit.js';
import type { GatewayDeps } from '../internal/deps.js';
import { generateGrantToken, grantView } from './grants.js';
import type { AgentGrantRecord } from './store.js';

export function agentGrantHandlers(deps: GatewayDeps) {
  return {
    createAgentGrant: async (c, { body: input }) => {
      const partner = partnerCaller(c);
      const now = deps.clock();
      // The user's own session, verified like any widget call: signature, issuer, type, expiry.
      const claims = await verifySessionToken(deps.sessions, input.sessionToken, now);
      if (claims.aud !== partner.id) {
        throw new HttpProblem('invalid_token', { detail: 'The session was minted for another partner.' });
      }
      if (claims.pvw) {
        throw new HttpProblem('preview_only', {
          detail: 'A preview session cannot be exchanged for a grant.',
        });
      }
      if (input.scenario !== claims.scn) {
        throw new HttpProblem('invalid_request', {
          detail: `scenario: the session is for ${claims.scn}; a grant cannot widen it to ${input.scenario}.`,
          errors: [{ path: 'scenario', message: `must be the session’s scenario (${claims.scn})` }],
        });
      }
      if (input.confirmUrl !== undefined && !partner.origins.includes(new URL(input.confirmUrl).origin)) {
        throw new HttpProblem('invalid_request', {
          detail: 'confirmUrl: must be on one of the partner’s origins.',
          errors: [{ path: 'confirmUrl', message: 'not on an allowed origin of this partner' }],
        });
      }
      const { id, token, hash } = generateGrantToken();
      const record: AgentGrantRecord = {
        id,
        partnerId: partner.id,
        userId: claims.sub,
        scenario: input.scenario,
        tools: input.tools,
        amountCap: input.amountCap,
        agentName: input.agentName,
        confirmUrl: input.confirmUrl ?? null,
        session: {
          ...(claims.sig ? { sig: claims.sig } : {}),
          ...(claims.pre ? { pre: claims.pre } : {}),
          ...(claims.loc ? { loc: claims.loc } : {}),
        },
        tokenHash: hash,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + input.expiresInSeconds * 1000).toISOString(),
        revokedAt: null,
        revokedBy: null,
      };
      const view = grantView(record, now);
      await deps.store.transaction(async (tx) => {
        await tx.agentGrants.insert(record);
        await audit(tx, c, now, {
          action: 'agent_grant.created',
          target: { kind: 'agent_grant', id, version: null },
          after: { ...view },
        });
      });
      const body: AgentGrantCreated = { ...view, token };
      return c.json(body, 201, { 'cache-control': 'no-store', location: `/v1/agent-grants/${id}` });
    },
    listAgentGrants: async (c) => {
      const { partner, claims } = sessionCaller(c);
      const now = deps.clock();
      const records = await deps.store.agentGrants.listActive(partner.id, claims.sub, now.toISOString());
      const body: AgentGrantList = { grants: records.map((r) => grantView(r, now)) };
      return c.json(body, 200, { 'cache-control': 'no-store' });
    },
    revokeAgentGrant: async (c, { params: { id } }) => {
      const caller = c.get('caller');
      if (caller?.kind !== 'partner' && caller?.kind !== 'session') throw new HttpProblem('unauthorized');
      const grant = await deps.store.agentGrants.get(id);
      // Another partner's grant, or (for a user) another user's, reads exactly like a missing one.
      if (
        !grant ||
        grant.partnerId !== caller.partner.id ||
        (caller.kind === 'session' && grant.userId !== caller.claims.sub)
      ) {
        throw new HttpProblem('not_found', { detail: `No agent grant ${id}.` });
      }
      const now = deps.clock();
      const by = caller.kind === 'session' ? 'user' : 'partner';
      await deps.store.transaction(async (tx) => {
        if (await tx.agentGrants.revoke(id, now.toISOString(), by)) {
          await audit(tx, c, now, {
            action: 'agent_grant.revoked',
            target: { kind: 'agent_grant', id, version: null },
            comment: `revoked by the ${by}`,
          });
        }
      });
      const current = (await deps.store.agentGrants.get(id)) ?? grant;
      return c.json(grantView(current, now));
    },
  } satisfies FeatureHandlers;
}
