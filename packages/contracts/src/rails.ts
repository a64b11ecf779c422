import { z } from 'zod';
import { BasisPoints, Locale, LocalizedText, Slug, Timestamp } from './common.js';
import { CurrencyCode, Money } from './money.js';
import { VersionAction, VersionFields, VersionStatus } from './versioned.js';

/** Kinds of payment network a leg runs on. */
export const NetworkKind = z
  .enum(['swift', 'cips', 'local_instant', 'local_batch', 'wallet', 'card', 'book_transfer'])
  .meta({ id: 'NetworkKind' });
export type NetworkKind = z.infer<typeof NetworkKind>;

export const PartyType = z.enum(['consumer', 'business']).meta({ id: 'PartyType' });
export type PartyType = z.infer<typeof PartyType>;

/** Why money moves; rails allow some purposes only (regulators ask for it on cross-border payments). */
export const TransferPurpose = z
  .enum(['goods', 'services', 'travel', 'education', 'family_support', 'salary', 'investment', 'other'])
  .meta({ id: 'TransferPurpose' });
export type TransferPurpose = z.infer<typeof TransferPurpose>;

export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as CN')
  .meta({ id: 'CountryCode' });

/** A positive decimal number written as a string (`7.1825`), so rates never pass through binary floats. */
export const DecimalString = z
  .string()
  .regex(/^(0|[1-9]\d{0,11})(\.\d{1,12})?$/, 'must be a decimal number such as 7.1825')
  .refine((s) => /[1-9]/.test(s), 'must be greater than zero')
  .meta({ id: 'DecimalString' });

/** A wall-clock time `HH:MM` in the rail's time zone; `24:00` is the end of the day. */
export const ClockTime = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM (00:00–24:00)');

const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** An IANA time zone the runtime knows, such as `Asia/Shanghai`. */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Asia/Shanghai');

export const IsoDate = z.iso.date();

/**
 * When a rail takes payments, in its own time zone: on business days (listed ISO weekdays, 1 = Monday,
 * that are not holidays) between `open` and `cutoff`. A payment made later waits for the next opening.
 */
export const RailSchedule = z
  .strictObject({
    timeZone: TimeZone,
    days: z.array(z.int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5]),
    open: ClockTime.default('00:00'),
    cutoff: ClockTime.default('24:00'),
    holidays: z.array(IsoDate).max(400).default([]),
  })
  .refine((s) => minutesOf(s.open) < minutesOf(s.cutoff), {
    message: '`open` must be before `cutoff`',
    path: ['cutoff'],
  })
  .meta({ id: 'RailSchedule' });
export type RailSchedule = z.infer<typeof RailSchedule>;

/** Time from acceptance until the money is credited at the leg's end (calendar minutes). */
export const Settlement = z
  .strictObject({ typicalMinutes: z.int().min(0).max(20_160), worstMinutes: z.int().min(0).max(43_200) })
  .refine((s) => s.typicalMinutes <= s.worstMinutes, {
    message: '`typicalMinutes` must not exceed `worstMinutes`',
    path: ['typicalMinutes'],
  });
export type Settlement = z.infer<typeof Settlement>;

export const RailEndpoint = z.strictObject({ country: CountryCode, currency: CurrencyCode });
export type RailEndpoint = z.infer<typeof RailEndpoint>;

/** Documents the bank asks for when a leg's amount reaches a threshold. */
export const DocumentRequirement = z.strictObject({
  above: Money.meta({ description: 'Required when the leg amount is at least this (leg source currency).' }),
  documents: z.array(LocalizedText).min(1).max(10),
});
export type DocumentRequirement = z.infer<typeof DocumentRequirement>;

/** One leg: a hop of money over one network, from one country/currency to another. */
export const RailLeg = z
  .strictObject({
    id: Slug,
    name: LocalizedText,
    network: NetworkKind,
    networkName: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .meta({ description: 'Rail brand, e.g. CIPS, FPS, SEPA Instant.' }),
    from: RailEndpoint,
    to: RailEndpoint,
    fees: z
      .strictObject({
        fixed: Money.optional().meta({ description: 'Flat fee; may be in another currency than the leg.' }),
        percentBps: BasisPoints.max(10_000).default(0),
      })
      .default({ percentBps: 0 }),
    fxSpreadBps: BasisPoints.max(5_000)
      .default(0)
      .meta({ description: 'Margin under the mid rate, where the leg converts.' }),
    limits: z.strictObject({ min: Money, max: Money }),
    settlement: Settlement,
    schedule: RailSchedule,
    purposes: z.array(TransferPurpose).min(1),
    payerTypes: z.array(PartyType).min(1),
    payeeTypes: z.array(PartyType).min(1),
    documents: z.array(DocumentRequirement).max(5).default([]),
  })
  .superRefine((leg, ctx) => {
    for (const side of ['min', 'max'] as const) {
      if (leg.limits[side].currency !== leg.from.currency) {
        ctx.addIssue({
          code: 'custom',
          path: ['limits', side, 'currency'],
          message: `must be the leg's source currency ${leg.from.currency}`,
        });
      }
    }
    if (leg.limits.min.value > leg.limits.max.value) {
      ctx.addIssue({ code: 'custom', path: ['limits', 'min'], message: '`min` must not exceed `max`' });
    }
    if (leg.from.currency === leg.to.currency && leg.fxSpreadBps !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['fxSpreadBps'],
        message: 'a leg that does not convert has no FX spread',
      });
    }
    leg.documents.forEach((d, i) => {
      if (d.above.currency !== leg.from.currency) {
        ctx.addIssue({
          code: 'custom',
          path: ['documents', i, 'above', 'currency'],
          message: `must be the leg's source currency ${leg.from.currency}`,
        });
      }
    });
  })
  .meta({ id: 'RailLeg' });
export type RailLeg = z.infer<typeof RailLeg>;
export type RailLegInput = z.input<typeof RailLeg>;

/** Rail tables and FX tables follow the offer lifecycle: draft → in_review → approved → published → retired. */
export const RailTableStatus = VersionStatus;
export type RailTableStatus = VersionStatus;
export const RailTableAction = VersionAction;
export type RailTableAction = VersionAction;

/** What a product team writes: one reviewed set of legs. */
export const RailTableContent = z
  .strictObject({
    id: Slug.meta({ description: 'Stable table id, e.g. `asia-corridors`.' }),
    description: z.string().trim().max(500).optional(),
    legs: z.array(RailLeg).min(1).max(5_000),
  })
  .superRefine((t, ctx) => {
    const ids = new Set<string>();
    t.legs.forEach((l, i) => {
      if (ids.has(l.id))
        ctx.addIssue({ code: 'custom', path: ['legs', i, 'id'], message: `duplicate leg id ${l.id}` });
      ids.add(l.id);
    });
  })
  .meta({ id: 'RailTableContent' });
export type RailTableContent = z.infer<typeof RailTableContent>;
export type RailTableContentInput = z.input<typeof RailTableContent>;

/** One stored, versioned rail table. */
export const RailTable = z
  .object({
    id: Slug,
    description: z.string().optional(),
    legs: z.array(RailLeg),
    ...VersionFields.shape,
  })
  .meta({ id: 'RailTable' });
export type RailTable = z.infer<typeof RailTable>;

export const RailTableList = z.object({ tables: z.array(RailTable) }).meta({ id: 'RailTableList' });
export type RailTableList = z.infer<typeof RailTableList>;

/** One mid-market rate: 1 unit of `base` is worth `mid` units of `quote` (major units). */
export const FxRate = z
  .strictObject({ base: CurrencyCode, quote: CurrencyCode, mid: DecimalString })
  .refine((r) => r.base !== r.quote, { message: '`base` and `quote` must differ', path: ['quote'] })
  .meta({ id: 'FxRate' });
export type FxRate = z.infer<typeof FxRate>;

/** Mid rates observed at `asOf`; a quote refuses them once they are older than `maxAgeSeconds`. */
export const FxTableContent = z
  .strictObject({
    id: Slug,
    asOf: Timestamp,
    maxAgeSeconds: z.int().min(1).max(31_536_000),
    rates: z.array(FxRate).min(1).max(10_000),
  })
  .superRefine((t, ctx) => {
    const pairs = new Set<string>();
    t.rates.forEach((r, i) => {
      const key = [r.base, r.quote].sort().join('/');
      if (pairs.has(key))
        ctx.addIssue({ code: 'custom', path: ['rates', i], message: `duplicate pair ${key}` });
      pairs.add(key);
    });
  })
  .meta({ id: 'FxTableContent' });
export type FxTableContent = z.infer<typeof FxTableContent>;
export type FxTableContentInput = z.input<typeof FxTableContent>;

export const FxTable = z
  .object({
    id: Slug,
    asOf: Timestamp,
    maxAgeSeconds: z.int(),
    rates: z.array(FxRate),
    ...VersionFields.shape,
  })
  .meta({ id: 'FxTable' });
export type FxTable = z.infer<typeof FxTable>;

export const FxTableList = z.object({ tables: z.array(FxTable) }).meta({ id: 'FxTableList' });
export type FxTableList = z.infer<typeof FxTableList>;

export const RailTableListQuery = z.strictObject({ status: RailTableStatus.optional() });

export const RouteDirection = z.enum(['send', 'receive']).meta({
  id: 'RouteDirection',
  description: '`send`: the sender pays exactly `amount`; `receive`: the recipient gets exactly `amount`.',
});
export type RouteDirection = z.infer<typeof RouteDirection>;

export const RouteUrgency = z.enum(['cheapest', 'fastest', 'balanced']).meta({ id: 'RouteUrgency' });
export type RouteUrgency = z.infer<typeof RouteUrgency>;

export const RouteQuoteRequest = z
  .strictObject({
    amount: Money.meta({ description: 'In `fromCurrency` when sending, in `toCurrency` when receiving.' }),
    direction: RouteDirection.default('send'),
    fromCountry: CountryCode,
    toCountry: CountryCode,
    fromCurrency: CurrencyCode,
    toCurrency: CurrencyCode,
    payerType: PartyType.default('consumer'),
    payeeType: PartyType.default('consumer'),
    purpose: TransferPurpose.default('other'),
    urgency: RouteUrgency.default('balanced'),
    locale: Locale.optional(),
  })
  .superRefine((r, ctx) => {
    const expected = r.direction === 'send' ? r.fromCurrency : r.toCurrency;
    if (r.amount.currency !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount', 'currency'],
        message: `must be ${expected} (the ${r.direction === 'send' ? 'sender' : 'recipient'}'s currency)`,
      });
    }
    if (r.amount.value === 0)
      ctx.addIssue({ code: 'custom', path: ['amount', 'value'], message: 'must be positive' });
  })
  .meta({ id: 'RouteQuoteRequest' });
export type RouteQuoteRequest = z.infer<typeof RouteQuoteRequest>;
export type RouteQuoteRequestInput = z.input<typeof RouteQuoteRequest>;

/** A signed amount in minor units (rounding differences may go either way). */
export const SignedMinor = z.int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

/** One leg of a quoted route, with its own arithmetic. Amounts are in the leg's currencies. */
export const RouteLegQuote = z
  .object({
    legId: z.string(),
    railTable: z.object({ id: z.string(), version: z.int() }),
    network: NetworkKind,
    networkName: z.string(),
    name: LocalizedText,
    from: RailEndpoint,
    to: RailEndpoint,
    sent: Money.meta({ description: 'What enters the leg (leg source currency).' }),
    fee: Money.meta({ description: 'Fixed plus percentage fee, in the leg source currency.' }),
    converted: Money.meta({ description: 'sent − fee: the amount the leg converts or moves.' }),
    received: Money.meta({ description: 'What leaves the leg (leg destination currency).' }),
    midRate: DecimalString.meta({
      description: 'Mid rate, destination per source major unit (rounded to 10 places).',
    }),
    appliedRate: DecimalString.meta({ description: 'Mid rate less the spread (rounded to 10 places).' }),
    spreadBps: z.int(),
    feeInSenderCurrency: Money,
    spreadInSenderCurrency: Money,
    acceptedAt: Timestamp.meta({
      description: 'When the rail takes the payment (after waiting for opening or cut-off).',
    }),
    arrivesAt: Timestamp,
    arrivesAtWorst: Timestamp,
    waitedForCutoff: z.boolean(),
    documents: z.array(LocalizedText),
  })
  .meta({ id: 'RouteLegQuote' });
export type RouteLegQuote = z.infer<typeof RouteLegQuote>;

/** A piece of the plain explanation, one per fact, in both locales; widgets render it as text. */
export const ExplanationPart = z
  .object({
    kind: z.enum(['path', 'fee', 'spread', 'timing', 'cutoff', 'tradeoff', 'documents', 'rounding']),
    text: LocalizedText,
  })
  .meta({ id: 'ExplanationPart' });
export type ExplanationPart = z.infer<typeof ExplanationPart>;

export const RouteOption = z
  .object({
    id: z.string().meta({ description: 'Leg ids joined with `+`.' }),
    legs: z.array(RouteLegQuote).min(1).max(3),
    senderPays: Money,
    recipientGets: Money,
    totalCost: Money.meta({
      description: 'senderPays − recipientGets at the mid rate, in the sender currency.',
    }),
    costBreakdown: z.object({ fees: Money, spread: Money, roundingMinor: SignedMinor }),
    effectiveRate: DecimalString.meta({
      description: 'recipientGets / senderPays in major units (10 places).',
    }),
    arrivesAt: Timestamp,
    arrivesAtWorst: Timestamp,
    cheapest: z.boolean(),
    fastest: z.boolean(),
    recommended: z.boolean(),
    explanation: z.array(ExplanationPart),
  })
  .meta({ id: 'RouteOption' });
export type RouteOption = z.infer<typeof RouteOption>;

export const RouteQuote = z
  .object({
    id: z.string(),
    createdAt: Timestamp,
    expiresAt: Timestamp,
    request: RouteQuoteRequest,
    options: z.array(RouteOption).min(1),
    fx: z.object({ tableId: z.string(), version: z.int(), asOf: Timestamp }),
    railTables: z.array(z.object({ id: z.string(), version: z.int() })),
  })
  .meta({ id: 'RouteQuote' });
export type RouteQuote = z.infer<typeof RouteQuote>;

/** A rails file as `finlet rails import` reads it: rail tables, FX tables, or both. */
export const RailsDocument = z
  .strictObject({
    railTables: z.array(RailTableContent).max(100).default([]),
    fxTables: z.array(FxTableContent).max(100).default([]),
  })
  .refine((d) => d.railTables.length + d.fxTables.length > 0, 'needs at least one rail table or FX table')
  .meta({ id: 'RailsDocument' });
export type RailsDocument = z.infer<typeof RailsDocument>;
