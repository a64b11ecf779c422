import { type Application, FUNNEL_STEPS, type FunnelRow, type Money, type Scenario } from '@finlet/contracts';
import { newId } from '../internal/ids.js';
import type { Store } from '../storage/store.js';
import { conversionOf } from './funnel-conversion.js';
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

/**
 * Writes one step someone took (shown, selected, consented) and counts it in the daily rollup, in
 * the transaction of the change that made it happen.
 */
export async function recordFunnelEvent(store: Store, event: FunnelEvent): Promise<void> {
  await store.workspace.insertFunnelEvent({ id: newId('fnl'), ...event });
  await store.funnelRollups.count(event);
}

/**
 * A decision on an application: the event is kept, and the application's counted outcome moves to
 * the new status (an approval or decline counts on the day of the latest decision; a re-decision
 * takes the earlier one back; any other status counts neither).
 */
export async function recordDecision(
  store: Store,
  input: { before: Application; after: Application; at: Date; amount: Money | null },
): Promise<void> {
  const { after } = input;
  const scenario = await store.workspace.scenarioOf(after.id);
  if (after.status === 'approved' || after.status === 'declined') {
    await store.workspace.insertFunnelEvent({
      id: newId('fnl'),
      partnerId: after.partnerId,
      userId: after.userId,
      scenario,
      offerId: after.offerId,
      step: after.status,
      at: input.at,
      amount: input.amount,
    });
  }
  const wasOutcome = input.before.status === 'approved' || input.before.status === 'declined';
  if (wasOutcome || after.status === 'approved' || after.status === 'declined') {
    await store.funnelRollups.setOutcome({
      applicationId: after.id,
      partnerId: after.partnerId,
      scenario,
      offerId: after.offerId,
      status: after.status,
      at: input.at,
      amount: input.amount,
    });
  }
}

/** Basis points of `part` over `whole`, null over zero. */
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
    conversion: conversionOf(row),
  }));
}
