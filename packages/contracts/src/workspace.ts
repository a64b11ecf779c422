import { z } from 'zod';
import type { AdminRole } from './admin.js';
import { ApplicationReply, ApplicationStatus, DeclineReasonCode } from './application.js';
import { HumanHandoff } from './chat.js';
import { Scenario, Signals, Slug, Timestamp } from './common.js';
import { Consent } from './consent.js';
import { DisclosureReceipt } from './disclosure.js';
import { CurrencyCode, Money } from './money.js';
import { Offer } from './offer.js';
import { Signal } from './signals.js';
import { RiskAssessment, SuitabilityAcknowledgement } from './suitability.js';

/** How much of one personal field a role sees: whole, partly masked, or not at all (null). */
export const FieldAccess = z.enum(['full', 'partial', 'hidden']).meta({ id: 'FieldAccess' });
export type FieldAccess = z.infer<typeof FieldAccess>;

export const APPLICANT_FIELDS = ['name', 'businessName', 'phone', 'email', 'idNumber'] as const;
export type ApplicantField = (typeof APPLICANT_FIELDS)[number];

/**
 * Who reads which personal field of an applicant (PIPL: collect and show the minimum). The full ID
 * number never leaves the gateway over the admin API; `partial` shows its first and last four
 * characters. `author` reads no application at all (`null`): content writers have no need to.
 * - approver: decides large amounts, may call the applicant back: contact details whole.
 * - reviewer: works the inbox from the file; reaches the applicant through the question in
 *   `<finlet-apply>`, so contact details stay masked.
 * - admin: runs the deployment; sees that a file exists, not who it is.
 * - agent: takes over a hand-off; the conversation carries what it needs.
 */
export const APPLICANT_FIELD_ACCESS: Readonly<
  Record<AdminRole, Readonly<Record<ApplicantField, FieldAccess>> | null>
> = {
  approver: { name: 'full', businessName: 'full', phone: 'full', email: 'full', idNumber: 'partial' },
  reviewer: { name: 'full', businessName: 'full', phone: 'partial', email: 'partial', idNumber: 'partial' },
  admin: { name: 'partial', businessName: 'full', phone: 'partial', email: 'partial', idNumber: 'hidden' },
  agent: { name: 'partial', businessName: 'full', phone: 'hidden', email: 'hidden', idNumber: 'hidden' },
  author: null,
};

/** The applicant as the calling role may see them (see `APPLICANT_FIELD_ACCESS`). */
export const MaskedApplicant = z
  .object({
    name: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    businessName: z.string().nullable(),
    idNumberMasked: z.string().nullable(),
  })
  .meta({ id: 'MaskedApplicant' });
export type MaskedApplicant = z.infer<typeof MaskedApplicant>;

/** Opaque cursor of the applications inbox (`next` of the previous page). */
export const InboxCursor = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be the `next` value of a previous page');

export const AdminApplicationQuery = z
  .strictObject({
    status: ApplicationStatus.optional(),
    partnerId: z.string().min(1).max(64).optional(),
    scenario: Scenario.optional(),
    offerId: Slug.optional(),
    submittedFrom: Timestamp.optional().meta({ description: 'Submitted at or after (inclusive).' }),
    submittedTo: Timestamp.optional().meta({ description: 'Submitted before (exclusive).' }),
    currency: CurrencyCode.optional(),
    amountMin: z.coerce
      .number()
      .int()
      .min(0)
      .optional()
      .meta({ description: 'Requested amount at least this many minor units of `currency`.' }),
    amountMax: z.coerce.number().int().min(0).optional(),
    q: z.string().trim().min(1).max(200).optional().meta({
      description:
        'An application id, or part of the applicant’s or business name (names only for roles that see them whole).',
    }),
    cursor: InboxCursor.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .superRefine((query, ctx) => {
    if ((query.amountMin !== undefined || query.amountMax !== undefined) && !query.currency) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'an amount range needs its currency' });
    }
    if (query.amountMin !== undefined && query.amountMax !== undefined && query.amountMin > query.amountMax) {
      ctx.addIssue({ code: 'custom', path: ['amountMax'], message: 'must not be below amountMin' });
    }
  });
export type AdminApplicationQuery = z.input<typeof AdminApplicationQuery>;

/** One row of the bank's inbox. */
export const AdminApplicationSummary = z
  .object({
    id: z.string(),
    partnerId: z.string(),
    userId: z.string(),
    scenario: Scenario.nullable().meta({
      description: 'Null for applications submitted before it was recorded.',
    }),
    offerId: z.string(),
    offerVersion: z.int(),
    amount: Money.nullable().meta({
      description: 'Null for a product without an amount range (an account, a debit card).',
    }),
    termMonths: z.int().nullable(),
    purpose: z.string().nullable(),
    status: ApplicationStatus,
    applicant: MaskedApplicant,
    submittedAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'AdminApplicationSummary' });
export type AdminApplicationSummary = z.infer<typeof AdminApplicationSummary>;

export const AdminApplicationList = z
  .object({
    applications: z.array(AdminApplicationSummary),
    /** Pass as `cursor` for the next (older) page; null on the last page. */
    next: z.string().nullable(),
  })
  .meta({ id: 'AdminApplicationList' });
export type AdminApplicationList = z.infer<typeof AdminApplicationList>;

/** A partner-sent signal as it was on record at submission, with when the gateway received it. */
export const RecordedSignal = z
  .object({ signal: Signal, receivedAt: Timestamp })
  .meta({ id: 'RecordedSignal' });
export type RecordedSignal = z.infer<typeof RecordedSignal>;

/** The trusted signals the application was submitted with, and where each came from. */
export const SubmissionSignals = z
  .object({
    recorded: z.boolean().meta({
      description:
        'False for applications submitted before signals were kept with them (nothing is rebuilt).',
    }),
    session: z
      .object({
        id: z.string().meta({ description: 'The embed session (`jti`) the user submitted in.' }),
        issuedAt: Timestamp.meta({
          description: 'When the partner’s server minted it: when it asserted these claims.',
        }),
        claims: Signals,
      })
      .nullable(),
    partner: z
      .array(RecordedSignal)
      .meta({ description: 'Sent by the partner’s server (`POST /v1/signals`), oldest first.' }),
  })
  .meta({ id: 'SubmissionSignals' });
export type SubmissionSignals = z.infer<typeof SubmissionSignals>;

export const TimelineEntry = z
  .object({
    at: Timestamp,
    kind: z.enum([
      'shown',
      'selected',
      'consented',
      'consent_withdrawn',
      'submitted',
      'pending_approval',
      'decided',
      'replied',
    ]),
    /** The record behind the entry: a disclosure receipt, consent, application or decision id. */
    ref: z.string(),
    /** The status a decision set, the surface that showed the offer, the scopes consented to. */
    detail: z.string().nullable(),
  })
  .meta({ id: 'TimelineEntry' });
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** `amount` is null for a product applied for without one (an account, a debit card). */
const Terms = z.object({
  amount: Money.nullable(),
  termMonths: z.int().nullable(),
  aprBps: z.int().nullable(),
});

/** One decision, or one half of a four-eyes approval, as the bank recorded it. */
export const DecisionRecord = z
  .object({
    id: z.string(),
    kind: z.enum(['decision', 'pending_approval']),
    status: ApplicationStatus,
    by: z.object({ id: z.string(), name: z.string(), role: z.string() }),
    at: Timestamp,
    question: z.string().nullable(),
    reasonCodes: z.array(DeclineReasonCode),
    approvedTerms: Terms.nullable(),
  })
  .meta({ id: 'DecisionRecord' });
export type DecisionRecord = z.infer<typeof DecisionRecord>;

/** Answer to the first approval of an amount above the four-eyes threshold: a second reviewer must confirm. */
export const PendingApproval = z
  .object({
    applicationId: z.string(),
    status: z.literal('pending_second_approval'),
    firstApproval: DecisionRecord,
  })
  .meta({ id: 'PendingApproval' });
export type PendingApproval = z.infer<typeof PendingApproval>;

/** One fact a brief may rest on, with where it came from and when. */
export const BriefFact = z
  .object({
    id: z.string().meta({
      description: 'Stable within the file: `signal:<id>`, `claim:<key>`, `criterion:<id>`, a consent id…',
    }),
    kind: z.enum(['signal', 'claim', 'criterion', 'check', 'consent', 'application', 'offer']),
    source: z.enum(['partner_signal', 'session_claim', 'offer', 'consent', 'applicant']),
    key: z
      .string()
      .meta({ description: 'What it is about: a signal type or key, a criterion or check id, a field.' }),
    value: z.union([z.string(), z.number(), z.boolean()]).nullable(),
    at: Timestamp.nullable().meta({ description: 'When it was observed, asserted or given.' }),
  })
  .meta({ id: 'BriefFact' });
export type BriefFact = z.infer<typeof BriefFact>;

export const BriefStatement = z
  .object({
    id: z.string(),
    section: z.enum([
      'signals',
      'criteria',
      'consistency',
      'red_flag',
      'capacity',
      'consent',
      'recommendation',
    ]),
    tone: z.enum(['positive', 'neutral', 'warning', 'critical']),
    text: z.object({ 'zh-CN': z.string(), en: z.string() }),
    cites: z.array(z.string()).min(1).meta({ description: 'Ids of the facts it rests on; never empty.' }),
  })
  .meta({ id: 'BriefStatement' });
export type BriefStatement = z.infer<typeof BriefStatement>;

/** The risk brief: statements, each citing the facts it rests on; nothing is said without one. */
export const RiskBrief = z
  .object({
    facts: z.array(BriefFact),
    statements: z.array(BriefStatement),
    recommendation: z.enum(['approve', 'review', 'decline']).nullable(),
  })
  .meta({ id: 'RiskBrief' });
export type RiskBrief = z.infer<typeof RiskBrief>;

/** Everything the bank knows about one application, as the calling role may see it. */
export const ApplicationFile = z
  .object({
    application: AdminApplicationSummary.extend({ consentIds: z.array(z.string()) }),
    /** What the caller's role saw of each personal field. */
    access: z.record(z.enum(APPLICANT_FIELDS), FieldAccess),
    offer: Offer.nullable().meta({ description: 'The offer version the application was made against.' }),
    consents: z.array(Consent),
    signals: SubmissionSignals,
    disclosures: z.array(DisclosureReceipt).meta({
      description: 'Receipts of this offer’s disclosures shown to the applicant before submission.',
    }),
    handoff: HumanHandoff.nullable().meta({
      description: 'The latest hand-off to a person in the applicant’s conversations before submission.',
    }),
    suitabilityAcknowledgements: z.array(SuitabilityAcknowledgement).optional().meta({
      description:
        'The applicant’s recorded “I understand this product exceeds my risk level” for this offer version, before submission.',
    }),
    replies: z.array(ApplicationReply).meta({
      description: 'The applicant’s answers to the bank’s questions, oldest first (their own words).',
    }),
    timeline: z.array(TimelineEntry),
    decisions: z.array(DecisionRecord).meta({ description: 'Oldest first.' }),
    pendingApproval: DecisionRecord.nullable().meta({
      description: 'A first approval above the four-eyes threshold, waiting for a second reviewer.',
    }),
    brief: RiskBrief,
    riskAssessment: RiskAssessment.optional().meta({
      description:
        'The applicant’s valid risk assessment when the file is read (level, answers, questionnaire version); absent when none.',
    }),
  })
  .meta({ id: 'ApplicationFile' });
export type ApplicationFile = z.infer<typeof ApplicationFile>;

/** The steps of the acquisition funnel, in order. */
export const FUNNEL_STEPS = ['shown', 'selected', 'consented', 'submitted', 'approved', 'declined'] as const;

export const FunnelQuery = z
  .strictObject({
    from: Timestamp.meta({ description: 'Start of the range (inclusive).' }),
    to: Timestamp.meta({ description: 'End of the range (exclusive); at most 366 days after `from`.' }),
    partnerId: z.string().min(1).max(64).optional(),
    scenario: Scenario.optional(),
    offerId: Slug.optional(),
    by: z
      .enum(['total', 'day'])
      .default('total')
      .meta({ description: '`day`: one row per day (in the bank’s time zone) as well.' }),
  })
  .superRefine((query, ctx) => {
    const span = Date.parse(query.to) - Date.parse(query.from);
    if (!(span > 0)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    else if (span > 366 * 86_400_000)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'at most 366 days after from' });
  });
export type FunnelQuery = z.input<typeof FunnelQuery>;

export const FunnelRow = z
  .object({
    day: z.iso
      .date()
      .nullable()
      .meta({ description: 'Day in the bank’s time zone with `by=day`; null for the whole range.' }),
    partnerId: z.string(),
    scenario: Scenario.nullable(),
    offerId: z.string(),
    shown: z.int().meta({
      description:
        'Users shown the offer’s disclosures (any surface but <finlet-apply>): distinct users per day, summed over the days of the row (a user shown it on two days counts twice).',
    }),
    selected: z
      .int()
      .meta({ description: 'Users who opened <finlet-apply> for it: distinct per day, summed over days.' }),
    consented: z.int().meta({
      description: 'Users who gave a consent naming the offer: distinct per day, summed over days.',
    }),
    submitted: z.int().meta({ description: 'Applications submitted, on the day of submission.' }),
    approved: z.int().meta({
      description:
        'Applications whose latest decision is an approval (final approvals, not first of two), on the day of that decision.',
    }),
    declined: z
      .int()
      .meta({ description: 'Applications whose latest decision is a decline, on the day of that decision.' }),
    approvedAmount: z
      .array(Money)
      .meta({ description: 'Sum of approved amounts (the latest approval’s terms), per currency.' }),
    conversion: z
      .object({
        selected: z.int().nullable(),
        consented: z.int().nullable(),
        submitted: z.int().nullable(),
        approved: z.int().nullable(),
      })
      .meta({
        description:
          'Each step over the one before (approved over decided), in basis points; null over zero.',
      }),
  })
  .meta({ id: 'FunnelRow' });
export type FunnelRow = z.infer<typeof FunnelRow>;

export const FunnelReport = z
  .object({
    from: Timestamp.meta({
      description: 'Start of the first whole day counted (the query’s `from` widened).',
    }),
    to: Timestamp.meta({ description: 'End of the last whole day counted (the query’s `to` widened).' }),
    timeZone: z.string().meta({ description: 'The bank’s time zone, in which days begin and end.' }),
    rows: z.array(FunnelRow),
  })
  .meta({ id: 'FunnelReport' });
export type FunnelReport = z.infer<typeof FunnelReport>;
