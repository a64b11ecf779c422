import type { AdminRole, Offer, OfferContent } from '@finlet/contracts';
import type { VersionedApi } from '../internal/content-api.js';
import type { GatewayApi } from '../internal/gateway-api.js';
import { runSteps } from '../internal/import.js';
import { type OfferPlan, planOffer } from './plan.js';

export interface PublishOutcome {
  plan: OfferPlan;
  /** The version the steps ended on, or the latest one when there was nothing to do. */
  result: { version: number; status: Offer['status'] } | null;
}

/** Reads the stored versions of an offer and plans what publishing it takes for this role. */
export async function planWithGateway(
  api: GatewayApi,
  content: OfferContent,
  role: AdminRole,
): Promise<OfferPlan> {
  return planOffer(content, await api.offerVersions(content.id), role);
}

/** The offers part of the admin API as the import pipeline sees it. */
export function offersApi(api: GatewayApi): VersionedApi<Offer, OfferContent> {
  return {
    versions: (id) => api.offerVersions(id),
    create: (content, newVersion) =>
      newVersion ? api.createOfferVersion(content) : api.createOffer(content),
    updateDraft: (version, content) => api.updateDraft(version, content),
    transition: (id, version, action, comment) => api.transition(id, version, action, comment),
  };
}

/** Runs the plan's steps through the admin API, so approval rules and the audit log apply. */
export async function applyPlan(
  api: GatewayApi,
  plan: OfferPlan,
  content: OfferContent,
): Promise<PublishOutcome> {
  const current = await runSteps(offersApi(api), content, plan.steps, plan.latest ?? undefined);
  return {
    plan,
    result: current ? { version: current.version, status: current.status } : plan.latest,
  };
}

/**
 * Publishes demo content the way a product team would: the author drafts and submits, a different
 * approver approves and publishes. Offers already published with identical content are left alone.
 */
export async function seedOffers(
  author: GatewayApi,
  approver: GatewayApi,
  offers: readonly OfferContent[],
): Promise<PublishOutcome[]> {
  const outcomes: PublishOutcome[] = [];
  for (const content of offers) {
    const outcome = await applyPlan(author, await planWithGateway(author, content, 'author'), content);
    let result = outcome.result;
    if (result?.status === 'in_review') {
      result = await approver.transition(content.id, result.version, 'approve', 'demo content');
    }
    if (result?.status === 'approved') {
      result = await approver.transition(content.id, result.version, 'publish');
    }
    outcomes.push({
      plan: outcome.plan,
      result: result ? { version: result.version, status: result.status } : null,
    });
  }
  return outcomes;
}
