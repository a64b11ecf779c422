import type { WebhookEventType } from '@finlet/contracts';
import { newId } from '../internal/ids.js';
import type { Store } from '../storage/store.js';

/**
 * Writes a webhook event to the outbox. Call it with the transaction of the change that caused the
 * event: both commit or neither does, so no event is lost and none is sent for a rolled-back change.
 * `notBefore` delays delivery (a nudge raised in quiet hours).
 */
export async function emitWebhookEvent(
  tx: Store,
  input: { partnerId: string; type: WebhookEventType; data: object; at: Date; notBefore?: Date },
): Promise<string> {
  const id = newId('evt');
  const createdAt = input.at.toISOString();
  await tx.webhooks.enqueue(
    {
      id,
      partnerId: input.partnerId,
      type: input.type,
      createdAt,
      payload: { id, type: input.type, timestamp: createdAt, data: input.data as Record<string, unknown> },
    },
    (input.notBefore ?? input.at).toISOString(),
    () => newId('whd'),
  );
  return id;
}
