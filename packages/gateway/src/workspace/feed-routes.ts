import {
  BANK_EVENT_TYPES,
  BANK_FEED_ROLES,
  type BankEventList,
  type BankEventRecord,
  type BankWebhookEndpoint,
  type BankWebhookEndpointList,
  type BankWebhookEndpointSecret,
  WEBHOOK_EVENT_RETENTION_DAYS,
  type WebhookEventType,
} from '@finlet/contracts';
import { adminCaller } from '../http/callers.js';
import type { FeatureHandlers } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import { audit } from '../internal/audit.js';
import type { GatewayDeps } from '../internal/deps.js';
import { newId } from '../internal/ids.js';
import { guardWebhookUrl } from '../webhooks/routes.js';
import { newWebhookSecret } from '../webhooks/signing.js';
import { bankFeedKey } from './feed-store.js';

const MAX_ENDPOINTS = 10;

/** The bank's own webhook endpoints: admins only, whatever role's view they carry. */
export function bankFeedHandlers(deps: GatewayDeps) {
  const notFound = (id: string) =>
    new HttpProblem('not_found', { detail: `No bank webhook endpoint ${id}.` });

  return {
    listBankWebhookEndpoints: async (c) => {
      adminCaller(c, []);
      const endpoints = await deps.store.bankFeed.listEndpoints();
      const body: BankWebhookEndpointList = { endpoints };
      return c.json(body);
    },
    createBankWebhookEndpoint: async (c, { body: input }) => {
      adminCaller(c, []);
      await guardWebhookUrl(input.url, 'url', deps);
      if (
        (await deps.store.bankFeed.listEndpoints()).filter((e) => e.status === 'active').length >=
        MAX_ENDPOINTS
      ) {
        throw new HttpProblem('conflict', { detail: `At most ${MAX_ENDPOINTS} active bank endpoints.` });
      }
      const now = deps.clock();
      const secret = newWebhookSecret();
      const endpoint: BankWebhookEndpoint = {
        id: newId('whe'),
        role: input.role,
        url: input.url,
        eventTypes: [...new Set(input.eventTypes ?? BANK_EVENT_TYPES)],
        description: input.description ?? null,
        status: 'active' as const,
        createdAt: now.toISOString(),
        secretRotatedAt: null,
        previousSecretExpiresAt: null,
      };
      await deps.store.transaction(async (tx) => {
        await tx.bankFeed.createEndpoint({ endpoint, secret, previousSecret: null });
        await audit(tx, c, now, {
          action: 'bank_webhook.create',
          target: { kind: 'webhook_endpoint', id: endpoint.id, version: null },
          before: null,
          after: { url: endpoint.url, role: input.role, eventTypes: endpoint.eventTypes },
        });
      });
      const body: BankWebhookEndpointSecret = { endpoint, secret };
      return c.json(body, 201, { location: `/v1/admin/webhook-endpoints/${endpoint.id}` });
    },
    rotateBankWebhookSecret: async (c, { params, body: input }) => {
      adminCaller(c, []);
      const { id } = params;
      const now = deps.clock();
      const secret = newWebhookSecret();
      const rotated = await deps.store.bankFeed.rotateSecret({
        id,
        secret,
        previousExpiresAt: new Date(now.getTime() + input.overlapHours * 3_600_000).toISOString(),
        at: now.toISOString(),
      });
      if (!rotated) throw notFound(id);
      await audit(deps.store, c, now, {
        action: 'bank_webhook.rotate_secret',
        target: { kind: 'webhook_endpoint', id, version: null },
      });
      const body: BankWebhookEndpointSecret = { endpoint: rotated.endpoint, secret };
      return c.json(body);
    },
    deleteBankWebhookEndpoint: async (c, { params }) => {
      adminCaller(c, []);
      const { id } = params;
      const disabled = await deps.store.bankFeed.disableEndpoint(id);
      if (!disabled) throw notFound(id);
      await audit(deps.store, c, deps.clock(), {
        action: 'bank_webhook.disable',
        target: { kind: 'webhook_endpoint', id, version: null },
      });
      return c.json(disabled);
    },
    listBankWebhookEvents: async (c, { query }) => {
      adminCaller(c, []);
      const since = new Date(
        deps.clock().getTime() - WEBHOOK_EVENT_RETENTION_DAYS * 86_400_000,
      ).toISOString();
      const perRole = await Promise.all(
        BANK_FEED_ROLES.map(async (role) =>
          (
            await deps.store.webhooks.listEvents(bankFeedKey(role), {
              since,
              limit: query.limit,
              ...(query.type ? { type: query.type as string as WebhookEventType } : {}),
            })
          ).map((e) => ({ ...e, role }) as unknown as BankEventRecord),
        ),
      );
      const events = perRole
        .flat()
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
        .slice(0, query.limit);
      const body: BankEventList = { events };
      return c.json(body);
    },
  } satisfies FeatureHandlers;
}
