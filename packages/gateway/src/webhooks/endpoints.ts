import { type Partner, WEBHOOK_EVENT_TYPES } from '@finlet/contracts';
import { newId } from '../internal/ids.js';
import type { WebhookEndpointRecord } from './store.js';

/** The endpoint a partner created with a `webhookUrl` starts with: every event type, its webhook secret. */
export function initialEndpoint(partner: Partner, secret: string): WebhookEndpointRecord {
  return {
    endpoint: {
      id: newId('whe'),
      partnerId: partner.id,
      url: partner.webhookUrl ?? '',
      eventTypes: [...WEBHOOK_EVENT_TYPES],
      description: 'webhookUrl given when the partner was created',
      status: 'active',
      createdAt: partner.createdAt,
      secretRotatedAt: null,
      previousSecretExpiresAt: null,
    },
    secret,
    previousSecret: null,
  };
}
