import { z } from 'zod';
import { BasisPoints, LocalizedText, prefixedId, Slug, Timestamp, VersionNumber } from './common.js';
import { ConsentId } from './consent.js';
import { Money } from './money.js';

export const ApplicationId = prefixedId('app').meta({ id: 'ApplicationId' });

/** Mainland resident ID (18 characters, last may be X). Checked for shape and checksum. */
const ResidentIdNumber = z
  .string()
  .regex(/^\d{17}[\dX]$/, 'must be an 18-character resident ID number')
  .refine((id) => {
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = weights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
    return '10X98765432'[sum % 11] === id[17];
  }, 'the check digit does not match');

export const Applicant = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    phone: z
      .string()
      .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number')
      .optional(),
    email: z.email().max(254).optional(),
    businessName: z.string().trim().min(1).max(200).optional(),
    idNumber: ResidentIdNumber.optional().meta({
      description: 'Sensitive personal information: needs a live `sensitive.id_number` consent.',
    }),
  })
  .meta({ id: 'Applicant' });
export type Applicant = z.infer<typeof Applicant>;

export const ApplicationCreate = z
  .strictObject({
    offerId: Slug,
    offerVersion: VersionNumber.optional().meta({ description: 'Pin the version shown to the user.' }),
    amount: Money.optional().meta({
      description:
        'Required for a product with an amount range (a loan, a fund); a product without one (an account, a debit card, a deposit) takes none.',
    }),
    termMonths: z.int().min(1).max(360).optional(),
    purpose: z.string().trim().max(200).optional(),
    applicant: Applicant,
    consentIds: z.array(ConsentId).min(1).max(10),
  })
  .meta({ id: 'ApplicationCreate' });
export type ApplicationCreate = z.input<typeof ApplicationCreate>;

export const ApplicationStatus = z.enum([
  'submitted',
  'under_review',
  'more_info_needed',
  'approved',
  'declined',
  'withdrawn',
]);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

/**
 * Why the bank declines, from a fixed list: each code has a plain-language text in both locales that
 * the applicant reads in `<finlet-apply>`. The partner sees neither (status only).
 */
export const DECLINE_REASONS = {
  income_insufficient: {
    'zh-CN': '根据您提供的经营收入，目前的还款能力不足以支持所申请的金额。',
    en: 'Based on the income you shared, the repayments for this amount would be too high for now.',
  },
  business_too_young: {
    'zh-CN': '您的经营时间尚短，暂不符合该产品的要求。',
    en: 'Your business has not been trading long enough for this product yet.',
  },
  debt_too_high: {
    'zh-CN': '您现有的负债较高，新增借款可能加重还款压力。',
    en: 'Your existing debts are high, and more borrowing could strain your repayments.',
  },
  inconsistent_information: {
    'zh-CN': '申请中的信息与我们核实到的信息不一致。',
    en: 'Some details in the application did not match what we could verify.',
  },
  identity_not_verified: {
    'zh-CN': '我们未能核实您的身份。',
    en: 'We could not verify your identity.',
  },
  purpose_not_supported: {
    'zh-CN': '该产品不支持您填写的借款用途。',
    en: 'This product cannot be used for the purpose you gave.',
  },
  outside_risk_appetite: {
    'zh-CN': '根据银行当前的授信政策，暂时无法批准该申请。',
    en: 'Under the bank’s current lending policy we cannot approve this application at this time.',
  },
  no_reply_to_question: {
    'zh-CN': '我们未收到您对补充材料请求的答复。',
    en: 'We did not hear back about the information we asked for.',
  },
} as const satisfies Record<string, { 'zh-CN': string; en: string }>;
export type DeclineReasonCode = keyof typeof DECLINE_REASONS;
export const DeclineReasonCode = z
  .enum(Object.keys(DECLINE_REASONS) as [DeclineReasonCode, ...DeclineReasonCode[]])
  .meta({ id: 'DeclineReasonCode' });

/** Approved terms; each defaults to what was asked for, and may differ from it. */
export const ApprovedTerms = z
  .strictObject({
    amount: Money.optional(),
    termMonths: z.int().min(1).max(360).optional(),
    aprBps: BasisPoints.optional().meta({ description: 'Annual percentage rate in basis points.' }),
  })
  .meta({ id: 'ApprovedTerms' });
export type ApprovedTerms = z.input<typeof ApprovedTerms>;

const internalComment = z
  .string()
  .trim()
  .max(2000)
  .optional()
  .meta({ description: 'Internal note, kept in the audit log; never shown to the applicant or partner.' });

/**
 * The bank decides. `more_info_needed` carries the question the applicant reads; `approved` may
 * change the amount, term or rate; `declined` names reasons from `DECLINE_REASONS`.
 */
export const ApplicationStatusUpdate = z
  .discriminatedUnion('status', [
    z.strictObject({ status: z.literal('under_review'), comment: internalComment }),
    z.strictObject({
      status: z.literal('more_info_needed'),
      question: z
        .string()
        .trim()
        .min(1)
        .max(1000)
        .meta({ description: 'What the applicant is asked, in their words.' }),
      comment: internalComment,
    }),
    z.strictObject({
      status: z.literal('approved'),
      terms: ApprovedTerms.optional(),
      comment: internalComment,
    }),
    z.strictObject({
      status: z.literal('declined'),
      reasonCodes: z
        .array(DeclineReasonCode)
        .min(1)
        .max(4)
        .refine((codes) => new Set(codes).size === codes.length, 'reason codes must not repeat'),
      comment: internalComment,
    }),
  ])
  .meta({ id: 'ApplicationStatusUpdate' });
export type ApplicationStatusUpdate = z.input<typeof ApplicationStatusUpdate>;

/** The bank's latest decision as the applicant sees it. */
export const ApplicationDecision = z
  .object({
    status: z.enum(['under_review', 'more_info_needed', 'approved', 'declined']),
    decidedAt: Timestamp,
    question: z.string().nullable(),
    reasons: z.array(z.object({ code: DeclineReasonCode, text: LocalizedText })),
    approvedTerms: z
      .object({
        amount: Money.nullable().meta({
          description: 'Null for a product without an amount (an account, a debit card).',
        }),
        termMonths: z.int().nullable(),
        aprBps: z.int().nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'ApplicationDecision' });
export type ApplicationDecision = z.infer<typeof ApplicationDecision>;

/** The applicant answers the bank's question (`more_info_needed`). */
export const ApplicationReplyCreate = z
  .strictObject({
    answer: z.string().trim().min(1).max(2000).meta({ description: 'The answer, in the applicant’s words.' }),
    documentsNote: z.string().trim().max(500).optional().meta({
      description:
        'Which documents or fields the applicant provided, and how (e.g. "invoices sent by email").',
    }),
  })
  .meta({ id: 'ApplicationReplyCreate' });
export type ApplicationReplyCreate = z.input<typeof ApplicationReplyCreate>;

/** One question of the bank and the applicant's answer to it. */
export const ApplicationReply = z
  .object({
    question: z.string(),
    answer: z.string(),
    documentsNote: z.string().nullable(),
    at: Timestamp,
  })
  .meta({ id: 'ApplicationReply' });
export type ApplicationReply = z.infer<typeof ApplicationReply>;

/** What the applicant sees: their own data with the ID number masked. */
export const Application = z
  .object({
    id: ApplicationId,
    partnerId: z.string(),
    userId: z.string(),
    offerId: z.string(),
    offerVersion: z.int(),
    amount: Money.nullable().meta({
      description:
        'What was applied for; null for a product without an amount range (an account, a debit card).',
    }),
    termMonths: z.int().nullable(),
    purpose: z.string().nullable(),
    status: ApplicationStatus,
    applicant: z.object({
      name: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      businessName: z.string().nullable(),
      idNumberMasked: z.string().nullable(),
    }),
    consentIds: z.array(z.string()),
    decision: ApplicationDecision.nullable().optional().meta({
      description: 'The bank’s latest decision in words the applicant understands; absent until one is made.',
    }),
    replies: z.array(ApplicationReply).optional().meta({
      description: 'The applicant’s answers to the bank’s questions, oldest first; absent before the first.',
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Application' });
export type Application = z.infer<typeof Application>;

/** What the partner's server sees: status only, no applicant data and no decision reasons. */
export const PartnerApplicationView = Application.pick({
  id: true,
  partnerId: true,
  userId: true,
  offerId: true,
  offerVersion: true,
  amount: true,
  status: true,
  createdAt: true,
  updatedAt: true,
}).meta({ id: 'PartnerApplicationView' });
export type PartnerApplicationView = z.infer<typeof PartnerApplicationView>;
