import { z } from 'zod';
import { Timestamp } from './common.js';
import { Money } from './money.js';
import { PartnerId } from './partner.js';
import { PortfolioHoldings } from './portfolio.js';
import { PartnerUserId } from './session.js';

/** The business-signal types a partner server may send. Unknown types are refused. */
export const SignalType = z
  .enum([
    'inventory.turnover_days',
    'receivables.outstanding',
    'orders.monthly_gmv',
    'trip.booked',
    'cart.checkout',
    'gov.service_started',
    'portfolio.holdings',
  ])
  .meta({ id: 'SignalType' });
export type SignalType = z.infer<typeof SignalType>;
export const SIGNAL_TYPES = SignalType.options;

/** Partner-chosen id of one signal: sending the same id again is a no-op (idempotency). */
export const SignalId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, 'must be letters, digits and . _ : -')
  .meta({ description: 'Partner-chosen unique id; a signal re-sent with the same id is ignored.' });

const base = {
  id: SignalId,
  subject: PartnerUserId.meta({ description: 'The partner’s pseudonymous id of the user or business.' }),
  partnerId: PartnerId.optional().meta({
    description:
      'The partner that owns `subject`; when given it must be the caller (another partner’s users are refused).',
  }),
  occurredAt: Timestamp,
};

const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code');
const CalendarDate = z.iso.date();
const Category = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/, 'must be a lower-case category such as electronics');

export const InventoryTurnoverSignal = z.strictObject({
  ...base,
  type: z.literal('inventory.turnover_days'),
  data: z.strictObject({ days: z.int().min(0).max(3650) }),
});
export const ReceivablesOutstandingSignal = z.strictObject({
  ...base,
  type: z.literal('receivables.outstanding'),
  data: z.strictObject({ amount: Money }),
});
export const OrdersMonthlyGmvSignal = z.strictObject({
  ...base,
  type: z.literal('orders.monthly_gmv'),
  data: z.strictObject({
    amount: Money,
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM')
      .optional(),
  }),
});
export const TripBookedSignal = z.strictObject({
  ...base,
  type: z.literal('trip.booked'),
  data: z.strictObject({ destinationCountry: CountryCode, cost: Money, date: CalendarDate }),
});
export const CartCheckoutSignal = z.strictObject({
  ...base,
  type: z.literal('cart.checkout'),
  data: z.strictObject({ amount: Money, category: Category }),
});
export const GovServiceStartedSignal = z.strictObject({
  ...base,
  type: z.literal('gov.service_started'),
  data: z.strictObject({ serviceType: Category }),
});

/**
 * The user's holdings as the partner knows them (see PORTFOLIO_HOLDINGS_SIGNAL): the newest one is
 * the portfolio `POST /v1/portfolio/health-check` reads.
 */
export const PortfolioHoldingsSignal = z.strictObject({
  ...base,
  type: z.literal('portfolio.holdings'),
  data: PortfolioHoldings,
});

/** One typed business event about a partner's user, sent by the partner's server (trusted). */
export const Signal = z
  .discriminatedUnion('type', [
    InventoryTurnoverSignal,
    ReceivablesOutstandingSignal,
    OrdersMonthlyGmvSignal,
    TripBookedSignal,
    CartCheckoutSignal,
    GovServiceStartedSignal,
    PortfolioHoldingsSignal,
  ])
  .meta({ id: 'Signal' });
export type Signal = z.infer<typeof Signal>;

/** Largest batch: 200 typical signals fit the gateway's default 64 KiB body limit. */
export const SIGNAL_BATCH_MAX = 200;

export const SignalBatch = z
  .strictObject({ signals: z.array(Signal).min(1).max(SIGNAL_BATCH_MAX) })
  .superRefine((batch, ctx) => {
    const seen = new Set<string>();
    batch.signals.forEach((s, i) => {
      if (seen.has(s.id))
        ctx.addIssue({ code: 'custom', path: ['signals', i, 'id'], message: `duplicate id ${s.id}` });
      seen.add(s.id);
    });
  })
  .meta({ id: 'SignalBatch' });
export type SignalBatch = z.input<typeof SignalBatch>;

export const SignalBatchResult = z
  .object({
    accepted: z.int().meta({ description: 'Signals stored now.' }),
    duplicates: z.int().meta({ description: 'Signals already stored under the same id (ignored).' }),
    nudges: z.array(z.string()).meta({ description: 'Ids of nudges raised by this batch.' }),
  })
  .meta({ id: 'SignalBatchResult' });
export type SignalBatchResult = z.infer<typeof SignalBatchResult>;

/**
 * The number a trigger compares for each signal type: days for turnover, the amount's minor units
 * for money-carrying signals; `gov.service_started` has none (it can only be counted).
 */
export function signalMetric(signal: Signal): number | undefined {
  switch (signal.type) {
    case 'inventory.turnover_days':
      return signal.data.days;
    case 'receivables.outstanding':
    case 'orders.monthly_gmv':
    case 'cart.checkout':
      return signal.data.amount.value;
    case 'trip.booked':
      return signal.data.cost.value;
    case 'gov.service_started':
    case 'portfolio.holdings':
      return undefined;
  }
}

/** The money a signal carries, if any (the basis of a pre-qualified amount). */
export function signalMoney(signal: Signal): Money | undefined {
  switch (signal.type) {
    case 'receivables.outstanding':
    case 'orders.monthly_gmv':
    case 'cart.checkout':
      return signal.data.amount;
    case 'trip.booked':
      return signal.data.cost;
    default:
      return undefined;
  }
}

/** Signal types whose metric is an amount of money. */
export const MONEY_SIGNAL_TYPES = [
  'receivables.outstanding',
  'orders.monthly_gmv',
  'trip.booked',
  'cart.checkout',
] as const satisfies readonly SignalType[];

/** Signal types with a numeric metric (all but `gov.service_started`). */
export const NUMERIC_SIGNAL_TYPES = [
  'inventory.turnover_days',
  ...MONEY_SIGNAL_TYPES,
] as const satisfies readonly SignalType[];
