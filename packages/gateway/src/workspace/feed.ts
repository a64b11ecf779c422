import {
  type AdminIdentity,
  type Application,
  BANK_FEED_ROLES,
  type BankApplicationEventData,
  type BankEventType,
  type BankFeedRole,
  type BankHandoffEventData,
  type BankWebhookEndpoint,
  type WebhookEndpoint,
  type WebhookEventType,
} from '@finlet/contracts';
import type { Store } from '../storage/store.js';
import { emitWebhookEvent } from '../webhooks/outbox.js';
import { maskApplicant } from './mask.js';

/**
 * The bank's endpoints live beside the partners' in the webhook tables (same signing, outbox,
 * worker, retries and address guard) under one pseudo-tenant per masking role. Partner ids are
 * `ptn_…`, so no partner key or session can ever name one of these.
 */
const PREFIX = 'bank:';
export const bankTenant = (role: BankFeedRole) => `${PREFIX}${role}`;
export const BANK_TENANTS = BANK_FEED_ROLES.map(bankTenant);

export function roleOfTenant(tenant: string): BankFeedRole | undefined {
  const role = tenant.startsWith(PREFIX) ? tenant.slice(PREFIX.length) : '';
  return (BANK_FEED_ROLES as readonly string[]).includes(role) ? (role as BankFeedRole) : undefined;
}

export function toBankEndpoint(endpoint: WebhookEndpoint): BankWebhookEndpoint {
  const { partnerId, eventTypes, ...rest } = endpoint;
  return {
    ...rest,
    eventTypes: eventTypes as readonly string[] as BankEventType[],
    role: roleOfTenant(partnerId) ?? 'admin',
  };
}

/**
 * Writes one bank event per masking role that has an active endpoint subscribed to `type`, each
 * carrying `data(role)`. Call it in the transaction of the change, as `emitWebhookEvent`.
 * Returns how many events were written (0: nobody at the bank listens).
 */
export async function emitBankEvent(
  tx: Store,
  input: { type: BankEventType; at: Date; data: (role: BankFeedRole) => object },
): Promise<number> {
  let written = 0;
  for (const role of BANK_FEED_ROLES) {
    const endpoints = await tx.webhooks.listEndpoints(bankTenant(role));
    if (
      !endpoints.some(
        (e) => e.status === 'active' && (e.eventTypes as readonly string[]).includes(input.type),
      )
    )
      continue;
    await emitWebhookEvent(tx, {
      partnerId: bankTenant(role),
      // The outbox stores the type as text; the bank's types are their own list.
      type: input.type as string as WebhookEventType,
      data: input.data(role),
      at: input.at,
    });
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
