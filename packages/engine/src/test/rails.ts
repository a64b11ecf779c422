import {
  type RailLeg,
  type RailLegInput,
  RailLeg as RailLegSchema,
  RouteQuoteRequest as RequestSchema,
  type RouteQuoteRequest,
  type RouteQuoteRequestInput,
} from '@finlet/contracts';
import type { FxInput } from '../routes/fx.js';

const name = (id: string) => ({ 'zh-CN': `通道 ${id}`, en: `Rail ${id}` });

/** A leg with sensible defaults: open always, all purposes and parties, wide limits. */
export function leg(partial: Partial<RailLegInput> & Pick<RailLegInput, 'id' | 'from' | 'to'>): RailLeg {
  return RailLegSchema.parse({
    name: name(partial.id),
    network: 'local_instant',
    networkName: partial.id.toUpperCase(),
    limits: {
      min: { value: 1, currency: partial.from.currency },
      max: { value: 1_000_000_000_00, currency: partial.from.currency },
    },
    settlement: { typicalMinutes: 10, worstMinutes: 60 },
    schedule: { timeZone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7] },
    purposes: ['goods', 'services', 'travel', 'education', 'family_support', 'salary', 'investment', 'other'],
    payerTypes: ['consumer', 'business'],
    payeeTypes: ['consumer', 'business'],
    ...partial,
  });
}

export function fxTable(
  rates: FxInput['rates'],
  asOf = '2026-11-27T00:00:00Z',
  maxAgeSeconds = 86_400,
): FxInput {
  return { id: 'fx-test', version: 1, asOf, maxAgeSeconds, rates };
}

export function request(
  r: Partial<RouteQuoteRequestInput> & Pick<RouteQuoteRequestInput, 'amount'>,
): RouteQuoteRequest {
  return RequestSchema.parse({
    fromCountry: 'CN',
    toCountry: 'HK',
    fromCurrency: 'CNY',
    toCurrency: 'HKD',
    ...r,
  });
}
