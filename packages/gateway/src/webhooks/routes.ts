import {
  WEBHOOK_EVENT_RETENTION_DAYS,
  WEBHOOK_EVENT_TYPES,
  type WebhookEndpointList,
  type WebhookEndpointSecret,
  type WebhookEventList,
} from '@finlet/contracts';
import { partnerCaller } from '../http/callers.js';
import type { FeatureHandlers } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import type { GatewayDeps } from '../internal/deps.js';
import { newId } from '../internal/ids.js';
import { checkWebhookUrl, ForbiddenAddressError } from './address.js';
import { newWebhookSecret } from './signing.js';

const MAX_ENDPOINTS = 10;

export type { WebhookDeps } from './deps.js';

/** The address guard for a URL about to be stored, as the problem a caller can act on. */
export async function guardWebhookUrl(url: string, path: string, deps: GatewayDeps): Promise<void> {
  try {
    await checkWebhookUrl(url, { allowLoopback: deps.webhooks?.allowLoopback ?? false });
  } catch (error) {
    if (!(error instanceof ForbiddenAddressError)) throw error;
    throw new HttpProblem('webhook_url_not_allowed', {
      detail: error.message,
      errors: [{ path, message: error.message }],
    });
  }
}

export function webhookHandlers(deps: GatewayDeps) {
  const retentionStart = () =>
    new Date(deps.clock().getTime() - WEBHOOK_EVENT_RETENTION_DAYS * 86_400_000).toISOString();

  const endpointOf = async (partnerId: string, id: string) => {
    const record = await deps.store.webhooks.getEndpoint(partnerId, id);
    if (!record) throw new HttpProblem('not_found', { detail: `No webhook endpoint ${id}.` });
    return record;
  };

  return {
    listWebhookEndpoints: async (c) => {
      const partner = partnerCaller(c);
      const body: WebhookEndpointList = { endpoints: await deps.store.webhooks.listEndpoints(partner.id) };
      return c.json(body);
    },
    createWebhookEndpoint: async (c, { body: input }) => {
      const partner = partnerCaller(c);
      await guardWebhookUrl(input.url, 'url', deps);
      const existing = await deps.store.webhooks.listEndpoints(partner.id);
      if (existing.filter((e) => e.status === 'active').length >= MAX_ENDPOINTS) {
        throw new HttpProblem('conflict', {
          detail: `At most ${MAX_ENDPOINTS} active endpoints per partner.`,
        });
      }
      const secret = newWebhookSecret();
      const endpoint = {
        id: newId('whe'),
        partnerId: partner.id,
        url: input.url,
        eventTypes: [...new Set(input.eventTypes ?? WEBHOOK_EVENT_TYPES)],
        description: input.description ?? null,
        status: 'active' as const,
        createdAt: deps.clock().toISOString(),
        secretRotatedAt: null,
        previousSecretExpiresAt: null,
      };
      await deps.store.webhooks.createEndpoint({ endpoint, secret, previousSecret: null });
      const body: WebhookEndpointSecret = { endpoint, secret };
      return c.json(body, 201, { location: `/v1/webhook-endpoints/${endpoint.id}` });
    },
    rotateWebhookSecret: async (c, { params: { id }, body: input }) => {
      const partner = partnerCaller(c);
      await endpointOf(partner.id, id);
      const now = deps.clock();
      const secret = newWebhookSecret();
      const rotated = await deps.store.webhooks.rotateSecret({
        partnerId: partner.id,
        id,
        secret,
        previousExpiresAt: new Date(now.getTime() + input.overlapHours * 3_600_000).toISOString(),
        at: now.toISOString(),
      });
      if (!rotated) throw new HttpProblem('not_found', { detail: `No webhook endpoint ${id}.` });
      const body: WebhookEndpointSecret = { endpoint: rotated.endpoint, secret };
      return c.json(body);
    },
    deleteWebhookEndpoint: async (c, { params: { id } }) => {
      const partner = partnerCaller(c);
      await endpointOf(partner.id, id);
      return c.json(await deps.store.webhooks.disableEndpoint(partner.id, id));
    },
    listWebhookEvents: async (c, { query }) => {
      const partner = partnerCaller(c);
      const body: WebhookEventList = {
        events: await deps.store.webhooks.listEvents(partner.id, {
          since: retentionStart(),
          limit: query.limit ?? 50,
          ...(query.type ? { type: query.type } : {}),
          ...(query.status ? { status: query.status } : {}),
        }),
      };
      return c.json(body);
    },
    replayWebhookEvent: async (c, { params: { id }, body: input }) => {
      const partner = partnerCaller(c);
      const event = await deps.store.webhooks.getEvent(partner.id, id, retentionStart());
      if (!event) throw new HttpProblem('not_found', { detail: `No event ${id} in the last 30 days.` });
      const endpoints = (await deps.store.webhooks.listEndpoints(partner.id)).filter(
        (e) =>
          e.status === 'active' &&
          (input.endpointId ? e.id === input.endpointId : e.eventTypes.includes(event.type)),
      );
      if (input.endpointId && endpoints.length === 0)
        throw new HttpProblem('not_found', { detail: `No active webhook endpoint ${input.endpointId}.` });
      await deps.store.webhooks.replay(
        { id: event.id, partnerId: partner.id },
        endpoints.map((e) => e.id),
        deps.clock().toISOString(),
        () => newId('whd'),
      );
      deps.webhooks?.notify();
      return c.json(await deps.store.webhooks.getEvent(partner.id, id, retentionStart()), 202);
    },
  } satisfies FeatureHandlers;
}
