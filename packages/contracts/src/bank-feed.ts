import { z } from 'zod';
import { ApplicationDecision } from './application.js';
import { HandoffStatus } from './chat.js';
import { Timestamp } from './common.js';
import { Consent } from './consent.js';
import { WebhookDelivery, WebhookEndpointId, WebhookEventId } from './webhooks.js';
import { AdminApplicationSummary, DecisionRecord } from './workspace.js';

/**
 * The bank's own feed: events its loan-origination system needs, sent to endpoints the bank's
 * admins register (`/v1/admin/webhook-endpoints`), never to partners.
 */
export const BankEventType = z
  .enum([
    'application.submitted',
    'application.decided',
    'application.more_info_requested',
    'application.replied',
    'consent.withdrawn',
    'handoff.created',
    'handoff.claimed',
    'handoff.closed',
  ])
  .meta({ id: 'BankEventType' });
export type BankEventType = z.infer<typeof BankEventType>;
export const BANK_EVENT_TYPES = BankEventType.options;

/**
 * Whose view of the applicant a bank endpoint receives: personal fields are masked as
 * `APPLICANT_FIELD_ACCESS` masks them for that role in the inbox.
 */
export const BankFeedRole = z.enum(['approver', 'reviewer', 'admin']).meta({ id: 'BankFeedRole' });
export type BankFeedRole = z.infer<typeof BankFeedRole>;
export const BANK_FEED_ROLES = BankFeedRole.options;

export const BankWebhookEndpointCreate = z
  .strictObject({
    url: z.url({ protocol: /^https?$/ }).max(2000),
    eventTypes: z.array(BankEventType).min(1).max(BANK_EVENT_TYPES.length).optional().meta({
      description: 'Events to receive; every type when absent.',
    }),
    role: BankFeedRole.default('reviewer').meta({
      description: 'The role whose masking the applicant data in each event follows.',
    }),
    description: z.string().trim().max(200).optional(),
  })
  .meta({ id: 'BankWebhookEndpointCreate' });
export type BankWebhookEndpointCreate = z.input<typeof BankWebhookEndpointCreate>;

export const BankWebhookEndpoint = z
  .object({
    id: WebhookEndpointId,
    url: z.string(),
    eventTypes: z.array(BankEventType),
    role: BankFeedRole,
    description: z.string().nullable(),
    status: z.enum(['active', 'disabled']),
    createdAt: Timestamp,
    secretRotatedAt: Timestamp.nullable(),
    previousSecretExpiresAt: Timestamp.nullable(),
  })
  .meta({ id: 'BankWebhookEndpoint' });
export type BankWebhookEndpoint = z.infer<typeof BankWebhookEndpoint>;

/** Returned once at registration and at each rotation: the signing secret is never shown again. */
export const BankWebhookEndpointSecret = z
  .object({
    endpoint: BankWebhookEndpoint,
    secret: z.string().meta({ description: 'Standard Webhooks secret, `whsec_` + base64.' }),
  })
  .meta({ id: 'BankWebhookEndpointSecret' });
export type BankWebhookEndpointSecret = z.infer<typeof BankWebhookEndpointSecret>;

export const BankWebhookEndpointList = z
  .object({ endpoints: z.array(BankWebhookEndpoint) })
  .meta({ id: 'BankWebhookEndpointList' });
export type BankWebhookEndpointList = z.infer<typeof BankWebhookEndpointList>;

/**
 * `data` of the application events: the inbox row masked for the endpoint's role, with the consents
 * it rests on, the applicant-facing decision (reasons in both languages, approved terms, the
 * question) and, for a decision, who made it and the reason codes.
 */
export const BankApplicationEventData = z
  .object({
    application: AdminApplicationSummary.extend({ consentIds: z.array(z.string()) }),
    decision: ApplicationDecision.nullable(),
    decidedBy: DecisionRecord.shape.by.nullable(),
    reply: z
      .object({ text: z.string(), at: Timestamp })
      .nullable()
      .meta({ description: 'The applicant’s answer to the question (application.replied).' }),
  })
  .meta({ id: 'BankApplicationEventData' });
export type BankApplicationEventData = z.infer<typeof BankApplicationEventData>;

/** `data` of `consent.withdrawn`: the consent as withdrawn (its offer, user, scopes and purpose). */
export const BankConsentEventData = z.object({ consent: Consent }).meta({ id: 'BankConsentEventData' });
export type BankConsentEventData = z.infer<typeof BankConsentEventData>;

/**
 * `data` of the hand-off events: status only, as partners receive them, plus which partner's user
 * it is. Neither the conversation, the summary nor the agent's name travels; the desk has them.
 */
export const BankHandoffEventData = z
  .object({
    id: z.string(),
    partnerId: z.string(),
    conversationId: z.string(),
    status: HandoffStatus,
    userId: z.string().optional().meta({ description: 'handoff.created only.' }),
    scenario: z.string().optional().meta({ description: 'handoff.created only.' }),
    reason: z
      .string()
      .optional()
      .meta({ description: 'Why the user was handed over (handoff.created only).' }),
    at: Timestamp,
  })
  .meta({ id: 'BankHandoffEventData' });
export type BankHandoffEventData = z.infer<typeof BankHandoffEventData>;

/** One bank event as sent (the body every endpoint of its role received), with its deliveries. */
export const BankEventRecord = z
  .object({
    id: WebhookEventId,
    type: BankEventType,
    role: BankFeedRole,
    createdAt: Timestamp,
    payload: z.object({
      id: WebhookEventId,
      type: BankEventType,
      timestamp: Timestamp,
      data: z.record(z.string(), z.unknown()),
    }),
    deliveries: z.array(WebhookDelivery),
  })
  .meta({ id: 'BankEventRecord' });
export type BankEventRecord = z.infer<typeof BankEventRecord>;

export const BankEventList = z.object({ events: z.array(BankEventRecord) }).meta({ id: 'BankEventList' });
export type BankEventList = z.infer<typeof BankEventList>;

export const BankEventQuery = z.strictObject({
  type: BankEventType.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type BankEventQuery = z.input<typeof BankEventQuery>;
