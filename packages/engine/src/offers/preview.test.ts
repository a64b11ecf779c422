import type { Offer, Signal } from '@finlet/contracts';
import { describe, expect, it } from 'vitest';
import { previewOffer } from './preview.js';

const offer: Offer = {
  id: 'scf-stock',
  version: 3,
  status: 'draft',
  productType: 'inventory_financing',
  scenarios: ['supply-chain'],
  currency: 'CNY',
  amount: { min: { value: 5_000_000, currency: 'CNY' }, max: { value: 500_000_000, currency: 'CNY' } },
  termMonths: { min: 3, max: 12 },
  pricing: { apr: { min: 365, max: 720 }, fees: [] },
  texts: {
    'zh-CN': { name: '存货融资', tagline: '随借随还', highlights: [] },
    en: { name: 'Inventory financing', tagline: 'Draw and repay', highlights: [] },
  },
  disclosures: [],
  eligibility: [
    {
      id: 'slow-turnover',
      signal: 'inventory.turnover_days',
      op: 'gte',
      value: 45,
      label: { 'zh-CN': '库存周转天数不少于 45 天', en: 'Inventory turns over in 45 days or more' },
    },
  ],
  triggers: [
    {
      id: 'very-slow',
      when: [{ kind: 'threshold', signal: 'inventory.turnover_days', op: 'gte', value: 60 }],
      cooldownDays: 14,
      weeklyCap: 2,
      expiresAfterHours: 72,
      prequalify: { kind: 'offer_max' },
    },
  ],
  effective: { from: '2026-01-01T00:00:00Z' },
  priority: 65,
  createdBy: 'adm_1',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  submittedBy: null,
  approvedBy: null,
  publishedAt: null,
  retiredAt: null,
} as Offer;

const now = new Date('2026-11-02T03:00:00Z');
const turnover = (days: number): Signal => ({
  id: `s-${days}`,
  subject: 'merchant',
  type: 'inventory.turnover_days',
  occurredAt: '2026-11-02T02:00:00Z',
  data: { days },
});
const input = (days: number) => ({
  offer,
  signals: { 'inventory.turnover_days': days },
  events: [turnover(days)],
  scenario: 'supply-chain' as const,
  partnerId: 'ptn_a',
  now,
});

describe('previewOffer', () => {
  it('explains a passing merchant and raises the would-be nudge', () => {
    const outcome = previewOffer(input(62));
    expect(outcome.evaluation).toMatchObject({
      offer: { id: 'scf-stock', version: 3, status: 'draft' },
      eligible: true,
      visible: true,
    });
    expect(outcome.evaluation.criteria[0]).toMatchObject({ id: 'slow-turnover', met: true, observed: 62 });
    expect(outcome.nudgeReason).toBe('raised');
    expect(outcome.nudge?.amount).toEqual({ value: 500_000_000, currency: 'CNY' });
    expect(outcome.triggers[0]!.conditions[0]).toMatchObject({
      met: true,
      text: { en: 'Your inventory turnover is 62 days' },
    });
  });

  it('explains a failing merchant and why no nudge', () => {
    const outcome = previewOffer(input(20));
    expect(outcome.evaluation.eligible).toBe(false);
    expect(outcome.evaluation.criteria[0]).toMatchObject({ met: false, observed: 20, expected: 45 });
    expect(outcome).toMatchObject({ nudge: null, nudgeReason: 'conditions_unmet' });
    expect(previewOffer({ ...input(62), scenario: 'tourism' })).toMatchObject({
      nudge: null,
      nudgeReason: 'not_visible',
    });
    expect(previewOffer({ ...input(62), offer: { ...offer, triggers: [] } }).nudgeReason).toBe('no_triggers');
  });
});
