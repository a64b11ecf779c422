import type { OfferPreviewRequest, Scenario, SignalValue } from '@finlet/contracts';

/** A context an author previews an offer against: what a partner's session and signals would say. */
export interface SampleContext {
  id: 'merchant-62' | 'merchant-20' | 'cart-8000' | 'tokyo-trip' | 'new-company' | 'custom';
  /** The request for the preview endpoint at `now` (business signals are dated relative to it). */
  request(now: Date): OfferPreviewRequest;
}

// The latest observation is dated a minute back: a gateway whose clock runs a little behind the
// author's browser still counts it.
const justNow = (now: Date) => new Date(now.getTime() - 60_000).toISOString();
const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
const dateIn = (now: Date, days: number) => daysAgo(now, -days).slice(0, 10);

export const SAMPLES: readonly SampleContext[] = [
  {
    id: 'merchant-62',
    request: (now) => ({
      scenario: 'supply-chain',
      signals: { 'inventory.turnover_days': 62, 'business.age_months': 36 },
      prefill: { amount: { value: 50_000_000, currency: 'CNY' }, termMonths: 6 },
      events: [
        { type: 'inventory.turnover_days', occurredAt: daysAgo(now, 25), data: { days: 45 } },
        { type: 'inventory.turnover_days', occurredAt: justNow(now), data: { days: 62 } },
      ],
    }),
  },
  {
    id: 'merchant-20',
    request: (now) => ({
      scenario: 'supply-chain',
      signals: { 'inventory.turnover_days': 20, 'business.age_months': 36 },
      prefill: { amount: { value: 50_000_000, currency: 'CNY' }, termMonths: 6 },
      events: [{ type: 'inventory.turnover_days', occurredAt: justNow(now), data: { days: 20 } }],
    }),
  },
  {
    id: 'cart-8000',
    request: (now) => ({
      scenario: 'consumption',
      signals: { 'user.age': 30 },
      prefill: { amount: { value: 800_000, currency: 'CNY' }, termMonths: 12 },
      events: [
        {
          type: 'cart.checkout',
          occurredAt: justNow(now),
          data: { amount: { value: 800_000, currency: 'CNY' }, category: 'electronics' },
        },
      ],
    }),
  },
  {
    id: 'tokyo-trip',
    request: (now) => ({
      scenario: 'tourism',
      signals: { 'user.age': 35, 'trip.destination_country': 'JP' },
      prefill: { amount: { value: 168_000, currency: 'JPY' } },
      events: [
        {
          type: 'trip.booked',
          occurredAt: justNow(now),
          data: {
            destinationCountry: 'JP',
            cost: { value: 168_000, currency: 'JPY' },
            date: dateIn(now, 30),
          },
        },
      ],
    }),
  },
  {
    id: 'new-company',
    request: (now) => ({
      scenario: 'supply-chain',
      signals: { 'business.age_months': 1 },
      events: [
        {
          type: 'gov.service_started',
          occurredAt: justNow(now),
          data: { serviceType: 'company-registration' },
        },
      ],
    }),
  },
  { id: 'custom', request: () => ({ scenario: 'supply-chain' }) },
];

/**
 * The sample a preview starts from: the first whose scenario is one of the offer's, so a
 * consumption instalment is not first shown to a supply-chain merchant it is never offered to.
 * `fits` is false when no sample is for any of them (then the first sample stands in); with no
 * scenarios known, the first sample.
 */
export function defaultSample(scenarios: readonly Scenario[]): { sample: SampleContext; fits: boolean } {
  const now = new Date(0);
  const fitting = SAMPLES.find((s) => s.id !== 'custom' && scenarios.includes(s.request(now).scenario));
  if (fitting) return { sample: fitting, fits: true };
  return { sample: SAMPLES[0]!, fits: scenarios.length === 0 };
}

/**
 * Signals typed one per line as `key = value`: numbers and `true`/`false` are read as such,
 * anything else is text. Returns the 1-based numbers of lines that are not `key = value`.
 */
export function parseSignals(text: string): { signals: Record<string, SignalValue>; invalid: number[] } {
  const signals: Record<string, SignalValue> = {};
  const invalid: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const m = /^\s*([a-z][a-z0-9_.]*)\s*[=:]\s*(.+?)\s*$/.exec(line);
    if (!m) {
      invalid.push(i + 1);
      return;
    }
    const raw = m[2]!;
    signals[m[1]!] = /^-?\d+(\.\d+)?$/.test(raw)
      ? Number(raw)
      : raw === 'true'
        ? true
        : raw === 'false'
          ? false
          : raw;
  });
  return { signals, invalid };
}

/** The sample's request with the author's scenario and extra signals on top. */
export function previewRequest(
  sample: SampleContext,
  now: Date,
  overrides: { scenario?: Scenario; signals?: Record<string, SignalValue> },
): OfferPreviewRequest {
  const base = sample.request(now);
  return {
    ...base,
    ...(overrides.scenario ? { scenario: overrides.scenario } : {}),
    signals: { ...(base.signals ?? {}), ...(overrides.signals ?? {}) },
  };
}
