import type { Application, Money, Scenario } from '@finlet/contracts';
import { newId } from '../internal/ids.js';
import type { Store } from '../storage/store.js';

export const FUNNEL_STEPS = ['shown', 'selected', 'consented', 'submitted', 'approved', 'declined'] as const;
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
