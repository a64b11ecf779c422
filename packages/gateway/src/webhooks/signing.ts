import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` per the Standard Webhooks specification, as the
 * `standardwebhooks` package signs it (the one partners verify with); `timestamp` is in seconds.
 */
export function signature(secret: string, id: string, timestamp: number, body: string): string {
  return new Webhook(secret).sign(id, new Date(timestamp * 1000), body);
}

/** The three Standard Webhooks headers; several secrets (rotation overlap) give space-separated signatures. */
export function webhookHeaders(input: {
  id: string;
  timestamp: number;
  body: string;
  secrets: readonly string[];
}): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  return {
    'webhook-id': input.id,
    'webhook-timestamp': String(input.timestamp),
    'webhook-signature': input.secrets
      .map((s) => signature(s, input.id, input.timestamp, input.body))
      .join(' '),
  };
}
