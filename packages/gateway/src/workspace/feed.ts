import {
  type AdminIdentity,
  type Application,
  BANK_FEED_ROLES,
  type BankApplicationEventData,
  type BankEventType,
  type BankFeedRole,
  type BankHandoffEventData,
  type WebhookEventType,
} from '@finlet/contracts';
import { newId } from '../internal/ids.js';
import type { Store } from '../storage/store.js';
import { emitWebhookEvent } from '../webhooks/outbox.js';
import { bankFeedKey } from './feed-store.js';
import { maskApplicant } from './mask.js';

/**
 * Writes one bank event per masking role that has an active endpoint subscribed to `type`, each
 * carrying `data(role)`, with a delivery to each of those endpoints. Call it in the transaction of
 * the change, as `emitWebhookEvent`. Returns how many events were written (0: nobody at the bank
 * listens).
 */
export async function emitBankEvent(
  tx: Store,
  input: { type: BankEventType; at: Date; data: (role: BankFeedRole) => object },
): Promise<number> {
  const subscribed = (await tx.bankFeed.listEndpoints()).filter(
    (e) => e.status === 'active' && e.eventTypes.includes(input.type),
  );
  let written = 0;
  for (const role of BANK_FEED_ROLES) {
    const endpoints = subscribed.filter((e) => e.role === role);
    if (endpoints.length === 0) continue;
    // The event goes to the shared outbox under the role's feed key, where no partner endpoint
    // listens; its deliveries go to the bank's endpoints.
    const id = await emitWebhookEvent(tx, {
      partnerId: bankFeedKey(role),
      // The outbox stores the type as text; the bank's types are their own list.
      type: input.type as string as WebhookEventType,
      data: input.data(role),
      at: input.at,
    });
    await tx.webhooks.replay(
      { id, partnerId: bankFeedKey(role) },
      endpoints.map((e) => e.id),
      input.at.toISOString(),
      () => newId('whd'),
    );
    written++;
  }
  return written;
}

/**
 * A hand-off event for the bank's feed, beside the partner's: the same status-only data, plus
 * whose user it is (the bank hears about every partner's).
 */
export function emitBankHandoffEvent(
  tx: Store,
  input: {
    type: 'handoff.created' | 'handoff.claimed' | 'handoff.closed';
    data: BankHandoffEventData;
    at: Date;
  },
): Promise<number> {
  return emitBankEvent(tx, { type: input.type, at: input.at, data: () => input.data });
}

/** The application events' `data`: the inbox row as `role` sees it, and the decision in words. */
export function applicationEventData(
  application: Application,
  scenario: BankApplicationEventData['application']['scenario'],
  role: BankFeedRole,
  extra: {
    decidedBy?: Pick<AdminIdentity, 'id' | 'name' | 'role'>;
    reply?: { text: string; at: string };
  } = {},
): BankApplicationEventData {
  return {
    application: {
      id: application.id,
      partnerId: application.partnerId,
      userId: application.userId,
      scenario,
      offerId: application.offerId,
      offerVersion: application.offerVersion,
      amount: application.amount,
      termMonths: application.termMonths,
      purpose: application.purpose,
      status: application.status,
      applicant: maskApplicant(application.applicant, role),
      submittedAt: application.createdAt,
      updatedAt: application.updatedAt,
      consentIds: application.consentIds,
    },
    decision: application.decision ?? null,
    decidedBy: extra.decidedBy
      ? { id: extra.decidedBy.id, name: extra.decidedBy.name, role: extra.decidedBy.role }
      : null,
    reply: extra.reply ?? null,
  };
}
