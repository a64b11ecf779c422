import { z } from 'zod';
import { prefixedId, Timestamp } from './common.js';

export const WebhookEventType = z
  .enum([
    'application.created',
    'application.updated',
    'nudge.created',
    'handoff.created',
    'handoff.claimed',
    'handoff.closed',
  ])
  .meta({ id: 'WebhookEventType' });
export type WebhookEventType = z.infer<typeof WebhookEventType>;
export const WEBHOOK_EVENT_TYPES = WebhookEventType.options;

export const WebhookEndpointId = prefixedId('whe').meta({ id: 'WebhookEndpointId' });
export const WebhookEventId = prefixedId('evt').meta({ id: 'WebhookEventId' });

export const WebhookEndpointCreate = z
  .strictObject({
    url: z.url({ protocol: /^https?$/ }).max(2000),
    eventTypes: z.array(WebhookEventType).min(1).max(WEBHOOK_EVENT_TYPES.length).optional().meta({
      description: 'Events to receive; every type when absent.',
    }),
    description: z.string().trim().max(200).optional(),
  })
  .meta({ id: 'WebhookEndpointCreate' });
export type WebhookEndpointCreate = z.input<typeof WebhookEndpointCreate>;

export const WebhookEndpoint = z
  .object({
    id: WebhookEndpointId,
    partnerId: z.string(),
    url: z.string(),
    eventTypes: z.array(WebhookEventType),
    description: z.string().nullable(),
    status: z.enum(['active', 'disabled']),
    createdAt: Timestamp,
    secretRotatedAt: Timestamp.nullable(),
    previousSecretExpiresAt: Timestamp.nullable().meta({
      description: 'Until then every delivery is signed with both the new and the previous secret.',
    }),
  })
  .meta({ id: 'WebhookEndpoint' });
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

/** Returned once at registration and at each rotation: the signing secret is never shown again. */
export const WebhookEndpointSecret = z
  .object({
    endpoint: WebhookEndpoint,
    secret: z.string().meta({ description: 'Standard Webhooks secret, `whsec_` + base64.' }),
  })
  .meta({ id: 'WebhookEndpointSecret' });
export type WebhookEndpointSecret = z.infer<typeof WebhookEndpointSecret>;

export const WebhookEndpointList = z
  .object({ endpoints: z.array(WebhookEndpoint) })
  .meta({ id: 'WebhookEndpointList' });
export type WebhookEndpointList = z.infer<typeof WebhookEndpointList>;

export const WebhookSecretRotate = z
  .strictObject({
    overlapHours: z.int().min(0).max(168).default(24).meta({
      description: 'How long the previous secret keeps signing alongside the new one.',
    }),
  })
  .meta({ id: 'WebhookSecretRotate' });
export type WebhookSecretRotate = z.input<typeof WebhookSecretRotate>;

/** The JSON body of every webhook; `id` is also the `webhook-id` header (de-duplicate on it). */
export const WebhookEventPayload = z
  .object({
    id: WebhookEventId,
    type: WebhookEventType,
    timestamp: Timestamp,
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'WebhookEventPayload' });
export type WebhookEventPayload = z.infer<typeof WebhookEventPayload>;

export const WebhookDeliveryStatus = z.enum(['pending', 'delivered', 'dead']);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;

export const WebhookDeliveryAttempt = z
  .object({
    attempt: z.int().min(1),
    at: Timestamp,
    durationMs: z.int(),
    httpStatus: z.int().nullable(),
    error: z.string().nullable(),
    ok: z.boolean(),
  })
  .meta({ id: 'WebhookDeliveryAttempt' });
export type WebhookDeliveryAttempt = z.infer<typeof WebhookDeliveryAttempt>;

export const WebhookDelivery = z
  .object({
    id: z.string(),
    endpointId: z.string(),
    status: WebhookDeliveryStatus,
    attempts: z.array(WebhookDeliveryAttempt),
    nextAttemptAt: Timestamp.nullable(),
    deliveredAt: Timestamp.nullable(),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

/** One outbox event as the partner lists it: payload plus every delivery and attempt. */
export const WebhookEventRecord = z
  .object({
    id: WebhookEventId,
    type: WebhookEventType,
    createdAt: Timestamp,
    payload: WebhookEventPayload,
    deliveries: z.array(WebhookDelivery),
  })
  .meta({ id: 'WebhookEventRecord' });
export type WebhookEventRecord = z.infer<typeof WebhookEventRecord>;

export const WebhookEventList = z
  .object({ events: z.array(WebhookEventRecord) })
  .meta({ id: 'WebhookEventList' });
export type WebhookEventList = z.infer<typeof WebhookEventList>;

export const WebhookEventQuery = z.strictObject({
  type: WebhookEventType.optional(),
  status: WebhookDeliveryStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const WebhookReplay = z
  .strictObject({
    endpointId: WebhookEndpointId.optional().meta({
      description: 'Only this endpoint; every active one when absent.',
    }),
  })
  .meta({ id: 'WebhookReplay' });
export type WebhookReplay = z.input<typeof WebhookReplay>;

/** Events stay listable and replayable this long. */
export const WEBHOOK_EVENT_RETENTION_DAYS = 30;
