import { z } from 'zod';
import { Locale, LocalizedText, Scenario, Signals, Timestamp } from './common.js';
import { CheckResult, CriterionResult } from './match.js';
import { Nudge, TriggerCondition } from './nudges.js';
import { OfferStatus } from './offer.js';
import { PartnerId } from './partner.js';
import { Prefill } from './session.js';
import {
  CartCheckoutSignal,
  GovServiceStartedSignal,
  InventoryTurnoverSignal,
  OrdersMonthlyGmvSignal,
  ReceivablesOutstandingSignal,
  TripBookedSignal,
} from './signals.js';

const sampleOnly = { id: true, subject: true, partnerId: true } as const;

/**
 * A sample business signal for a preview: a `Signal` without `id`, `subject` and `partnerId`
 * (the preview names them). Triggers are evaluated over these, e.g. turnover 45 days a month ago
 * and 62 days today for a "turnover up 30 %" trigger.
 */
export const PreviewSignal = z
  .discriminatedUnion('type', [
    InventoryTurnoverSignal.omit(sampleOnly),
    ReceivablesOutstandingSignal.omit(sampleOnly),
    OrdersMonthlyGmvSignal.omit(sampleOnly),
    TripBookedSignal.omit(sampleOnly),
    CartCheckoutSignal.omit(sampleOnly),
    GovServiceStartedSignal.omit(sampleOnly),
  ])
  .meta({ id: 'PreviewSignal' });
export type PreviewSignal = z.infer<typeof PreviewSignal>;

/** Most sample signals a preview takes (they travel inside the preview token). */
export const PREVIEW_SIGNALS_MAX = 20;

/** The sample context an author previews an offer version against. */
export const OfferPreviewRequest = z
  .strictObject({
    partnerId: PartnerId.optional().meta({
      description: 'The partner whose widgets are simulated; default: the first active partner.',
    }),
    scenario: Scenario,
    signals: Signals.optional().meta({
      description: 'Session signals the criteria read, e.g. `{ "inventory.turnover_days": 62 }`.',
    }),
    prefill: Prefill.optional().meta({
      description: 'Its `amount` and `termMonths` are the wish the limit checks read.',
    }),
    locale: Locale.optional(),
    events: z.array(PreviewSignal).max(PREVIEW_SIGNALS_MAX).optional().meta({
      description:
        'Business signals the triggers read. Without them, an `inventory.turnover_days` session signal counts as one observed now.',
    }),
  })
  .meta({ id: 'OfferPreviewRequest' });
export type OfferPreviewRequest = z.input<typeof OfferPreviewRequest>;

/** The version evaluated against the sample context, explained like a match item. */
export const OfferPreviewEvaluation = z
  .object({
    offer: z.object({ id: z.string(), version: z.int(), status: OfferStatus }),
    visible: z.boolean().meta({
      description: 'False when scenario, partner, period or product type keep the offer from this session.',
    }),
    eligible: z.boolean(),
    criteria: z.array(CriterionResult),
    checks: z.array(CheckResult),
  })
  .meta({ id: 'OfferPreviewEvaluation' });
export type OfferPreviewEvaluation = z.infer<typeof OfferPreviewEvaluation>;

export const PreviewTriggerResult = z
  .object({
    triggerId: z.string(),
    met: z.boolean(),
    conditions: z.array(
      z.object({
        condition: TriggerCondition,
        met: z.boolean(),
        text: LocalizedText.nullable().meta({ description: 'What the signals show, when any were seen.' }),
      }),
    ),
  })
  .meta({ id: 'PreviewTriggerResult' });
export type PreviewTriggerResult = z.infer<typeof PreviewTriggerResult>;

export const PreviewNudgeReason = z
  .enum(['raised', 'no_triggers', 'not_visible', 'conditions_unmet'])
  .meta({ id: 'PreviewNudgeReason' });
export type PreviewNudgeReason = z.infer<typeof PreviewNudgeReason>;

export const OfferPreview = z
  .object({
    token: z.string().meta({
      description:
        'Preview session token for the real widgets (15 min): they see this version as published and can submit nothing.',
    }),
    expiresAt: Timestamp,
    partnerId: PartnerId,
    evaluation: OfferPreviewEvaluation,
    nudge: Nudge.nullable().meta({ description: 'The nudge the triggers would raise now (never stored).' }),
    nudgeReason: PreviewNudgeReason,
    triggers: z.array(PreviewTriggerResult),
  })
  .meta({ id: 'OfferPreview' });
export type OfferPreview = z.infer<typeof OfferPreview>;
