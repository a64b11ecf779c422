import { type Application, FUNNEL_STEPS, type FunnelRow, type Money, type Scenario } from '@finlet/contracts';
import { newId } from '../internal/ids.js';
import type { Store } from '../storage/store.js';
import type { FunnelAggregate } from './store.js';

export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export interface FunnelEvent {
  partnerId: string;
  userId: string;
  scenario: Scenario | null;
  offerId: string;
  step: FunnelStep;
  at: Date;
  amount?: Money | null;
}

/** Writes one funnel step, in the transaction of the change that made it happen. */
export async function recordFunnelEvent(store: Store, event: FunnelEvent): Promise<void> {
  await store.workspace.insertFunnelEvent({ id: newId('fnl'), ...event });
}

/** A step of an application's own life (submitted, approved, declined), under the scenario it came from. */
export async function recordFunnelStep(
  store: Store,
  input: { application: Application; step: FunnelStep; at: Date; amount: Money | null },
): Promise<void> {
  const { application } = input;
  await recordFunnelEvent(store, {
    partnerId: application.partnerId,
    userId: application.userId,
    scenario: await store.workspace.scenarioOf(application.id),
    offerId: application.offerId,
    step: input.step,
    at: input.at,
    amount: input.amount,
  });
}

/** Basis points of `part` over `whole`, null over zero. */
const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 10_000) / whole));

/**
 * Folds the aggregates into funnel rows. Steps people take (shown, selected, consented) count users;
 * steps of an application (submitted, approved, declined) count applications.
 */
export function funnelRows(aggregates: readonly FunnelAggregate[]): FunnelRow[] {
  const rows = new Map<string, FunnelRow>();
  for (const a of aggregates) {
    const key = JSON.stringify([a.day, a.partnerId, a.scenario, a.offerId]);
    let row = rows.get(key);
    if (!row) {
      row = {
        day: a.day,
        partnerId: a.partnerId,
        scenario: a.scenario as Scenario | null,
        offerId: a.offerId,
        shown: 0,
        selected: 0,
        consented: 0,
        submitted: 0,
        approved: 0,
        declined: 0,
        approvedAmount: [],
        conversion: { selected: null, consented: null, submitted: null, approved: null },
      };
      rows.set(key, row);
    }
    const step = a.step as FunnelStep;
    if (!(FUNNEL_STEPS as readonly string[]).includes(step)) continue;
    const count = step === 'shown' || step === 'selected' || step === 'consented' ? a.users : a.events;
    row[step] += count;
    if (step === 'approved' && a.amountCurrency !== null && a.amountValue !== null) {
      row.approvedAmount.push({ value: a.amountValue, currency: a.amountCurrency as Money['currency'] });
    }
  }
  return [...rows.values()].map((row) => ({
    ...row,
    approvedAmount: row.approvedAmount.sort((x, y) => x.currency.localeCompare(y.currency)),
    conversion: {
      selected: rate(row.selected, row.shown),
      consented: rate(row.consented, row.selected),
      submitted: rate(row.submitted, row.consented),
      approved: rate(row.approved, row.approved + row.declined),
    },
  }));
}
