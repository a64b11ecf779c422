import { z } from 'zod';
import { LocalizedText, prefixedId, Slug, Timestamp } from './common.js';
import { Money } from './money.js';
import { Prefill } from './session.js';
import { MONEY_SIGNAL_TYPES, NUMERIC_SIGNAL_TYPES, SignalType } from './signals.js';
import { AssessmentRequiredReason } from './suitability.js';

const NumericSignalType = z.enum(NUMERIC_SIGNAL_TYPES);
const MoneySignalType = z.enum(MONEY_SIGNAL_TYPES);
const WindowDays = z.int().min(1).max(365);

/** The latest signal of a type compared with a number (days, or the minor units of an amount). */
export const ThresholdCondition = z.strictObject({
  kind: z.literal('threshold'),
  signal: NumericSignalType,
  op: z.enum(['gt', 'gte', 'lt', 'lte']),
  value: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
});

/**
 * The latest value against the oldest one inside the window, e.g. turnover days up 30 % over 30 days:
 * `{ kind: 'change', signal: 'inventory.turnover_days', direction: 'up', percent: 30, windowDays: 30 }`.
 */
export const ChangeCondition = z.strictObject({
  kind: z.literal('change'),
  signal: NumericSignalType,
  direction: z.enum(['up', 'down']),
  percent: z
    .int()
    .min(1)
    .max(10_000)
    .meta({ description: 'Whole percent of the oldest value in the window.' }),
  windowDays: WindowDays,
});

/** At least `min` signals of a type inside the window. */
export const CountCondition = z.strictObject({
  kind: z.literal('count'),
  signal: SignalType,
  min: z.int().min(1).max(1000),
  windowDays: WindowDays,
});

export const TriggerCondition = z
  .discriminatedUnion('kind', [ThresholdCondition, ChangeCondition, CountCondition])
  .meta({ id: 'TriggerCondition' });
export type TriggerCondition = z.infer<typeof TriggerCondition>;

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)');

/**
 * Between `start` and `end` in the user's time zone the partner is not told of a new nudge: its
 * `nudge.created` webhook (which a partner may turn into a push or a message) waits until `end`.
 * The in-page list still shows it: a user on the partner's page at that hour chose to be there.
 */
export const QuietHours = z
  .strictObject({
    start: ClockTime,
    end: ClockTime,
    timeZone: z
      .string()
      .max(64)
      .default('Asia/Shanghai')
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as Asia/Shanghai'),
  })
  .refine((q) => q.start !== q.end, { message: '`start` and `end` must differ', path: ['end'] })
  .meta({
    id: 'QuietHours',
    description:
      'Hours in which the `nudge.created` webhook waits (until `end`); `GET /v1/nudges` lists the nudge at once.',
  });
export type QuietHours = z.infer<typeof QuietHours>;

/** How a nudge's pre-qualified amount is worked out, always clamped to the offer's limits. */
export const PrequalifyRule = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('offer_max') }),
    z.strictObject({
      kind: z.literal('share_of_signal'),
      signal: MoneySignalType,
      percent: z.int().min(1).max(100),
    }),
  ])
  .meta({ id: 'PrequalifyRule' });
export type PrequalifyRule = z.infer<typeof PrequalifyRule>;

/** A trigger on an offer: when every condition holds over the user's recent signals, raise a nudge. */
export const OfferTrigger = z
  .strictObject({
    id: Slug,
    when: z.array(TriggerCondition).min(1).max(5).meta({ description: 'All must hold.' }),
    cooldownDays: z.int().min(0).max(365).default(30).meta({
      description: 'No second nudge from this trigger to the same user within this many days.',
    }),
    weeklyCap: z.int().min(1).max(50).default(3).meta({
      description: 'No nudge when the user already got this many nudges (any offer) in the last 7 days.',
    }),
    quietHours: QuietHours.optional(),
    expiresAfterHours: z.int().min(1).max(2160).default(168),
    prequalify: PrequalifyRule.optional(),
    message: LocalizedText.optional().meta({ description: 'Added after the generated explanation.' }),
  })
  .superRefine((t, ctx) => {
    const signals = new Set(t.when.map((w) => w.signal));
    if (t.prequalify?.kind === 'share_of_signal' && !signals.has(t.prequalify.signal)) {
      ctx.addIssue({
        code: 'custom',
        path: ['prequalify', 'signal'],
        message: 'must be a signal one of the conditions looks at',
      });
    }
  })
  .meta({ id: 'OfferTrigger' });
export type OfferTrigger = z.infer<typeof OfferTrigger>;
export type OfferTriggerInput = z.input<typeof OfferTrigger>;

export const NudgeId = prefixedId('ndg').meta({ id: 'NudgeId' });

export const NudgeStatus = z.enum(['active', 'dismissed', 'accepted', 'expired']).meta({ id: 'NudgeStatus' });
export type NudgeStatus = z.infer<typeof NudgeStatus>;

/** A proactive, explained, pre-qualified offer the gateway raised for one user. */
export const Nudge = z
  .object({
    id: NudgeId,
    partnerId: z.string(),
    userId: z.string(),
    offer: z.object({ id: z.string(), version: z.int(), name: LocalizedText }),
    triggerId: z.string(),
    explanation: LocalizedText,
    amount: Money.nullable().meta({ description: 'Pre-qualified amount, when the trigger has a rule.' }),
    status: NudgeStatus,
    createdAt: Timestamp,
    visibleFrom: Timestamp.meta({
      description:
        'When `GET /v1/nudges` starts listing it: when it was raised, quiet hours included. Quiet hours hold back only the `nudge.created` webhook, until they end.',
    }),
    expiresAt: Timestamp,
    actedAt: Timestamp.nullable(),
    suitability: z
      .object({ required: z.literal(true), reason: AssessmentRequiredReason })
      .optional()
      .meta({
        description:
          'Present on a "take the risk assessment" nudge: `offer` is the rated product the signal pointed to, withheld until the user has a valid assessment (`<finlet-suitability>`).',
      }),
  })
  .meta({ id: 'Nudge' });
export type Nudge = z.infer<typeof Nudge>;

export const NudgeList = z.object({ nudges: z.array(Nudge) }).meta({ id: 'NudgeList' });
export type NudgeList = z.infer<typeof NudgeList>;

/** What `<finlet-apply>` needs to open pre-filled for an accepted nudge's product. */
const NudgeApply = z.object({ offerId: z.string(), offerVersion: z.int(), prefill: Prefill });

/**
 * Accepting a nudge answers the user's next step. `apply`: what `<finlet-apply>` needs to open
 * pre-filled. `risk_assessment`: the product is rated and the user has no valid assessment (a
 * "take the risk assessment" nudge, or one whose assessment lapsed since), so no application is
 * pre-filled: `<finlet-suitability>` comes first, then the product is offered within the level.
 */
export const NudgeAccepted = z
  .discriminatedUnion('next', [
    z.object({ next: z.literal('apply'), nudge: Nudge, apply: NudgeApply }),
    z.object({
      next: z.literal('risk_assessment'),
      nudge: Nudge,
      assessment: z.object({ required: z.literal(true), reason: AssessmentRequiredReason }),
    }),
  ])
  .meta({ id: 'NudgeAccepted' });
export type NudgeAccepted = z.infer<typeof NudgeAccepted>;
