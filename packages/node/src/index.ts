export { type AdminClient, type AdminClientOptions, createAdminClient } from './admin.js';
export {
  createEmbedSession,
  createPartnerClient,
  type PartnerClient,
  type PartnerClientOptions,
} from './partner.js';
export {
  signWebhook,
  verifyWebhook,
  type WebhookErrorCode,
  type WebhookEvent,
  WebhookVerificationError,
} from './webhooks.js';
