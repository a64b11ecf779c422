import type { AdminRole, OfferAction, OfferStatus } from '@finlet/contracts';

/**
 * The offer workflow: each action moves one status to another and is open to some roles.
 * Approval is four-eyes: whoever wrote or submitted a version may not approve it, whatever their role.
 */
export const OFFER_TRANSITIONS = {
  submit: { from: 'draft', to: 'in_review', roles: ['author', 'admin'] },
  approve: { from: 'in_review', to: 'approved', roles: ['approver', 'admin'] },
  reject: { from: 'in_review', to: 'draft', roles: ['approver', 'admin'] },
  publish: { from: 'approved', to: 'published', roles: ['approver', 'admin'] },
  retire: { from: 'published', to: 'retired', roles: ['approver', 'admin'] },
} as const satisfies Record<OfferAction, { from: OfferStatus; to: OfferStatus; roles: readonly AdminRole[] }>;

export interface TransitionContext {
  readonly actorId: string;
  readonly actorRole: AdminRole;
  /** Author of the version. */
  readonly createdBy: string;
  /** Who sent it to review; null before submission. */
  readonly submittedBy: string | null;
}

export type TransitionRefusal = 'invalid_state_transition' | 'approver_is_author' | 'forbidden';

export type TransitionDecision =
  | { readonly ok: true; readonly status: OfferStatus }
  | { readonly ok: false; readonly code: TransitionRefusal; readonly reason: string };

/**
 * Decides where an action takes an offer version. The role is checked first (an author cannot
 * publish in any state, and is told so rather than being told about the state), then the current
 * status, then four-eyes approval. The codes are the gateway's problem codes.
 *
 * @example
 * const next = nextOfferState('in_review', 'approve', { actorId: 'adm_b', actorRole: 'approver', createdBy: 'adm_a', submittedBy: 'adm_a' });
 * // { ok: true, status: 'approved' }
 */
export function nextOfferState(
  current: OfferStatus,
  action: OfferAction,
  ctx: TransitionContext,
): TransitionDecision {
  const rule = OFFER_TRANSITIONS[action];
  const roles: readonly AdminRole[] = rule.roles;
  if (!roles.includes(ctx.actorRole)) {
    return {
      ok: false,
      code: 'forbidden',
      reason: `The ${ctx.actorRole} role cannot ${action} offers; it takes ${roles.join(' or ')}.`,
    };
  }
  if (current !== rule.from) {
    return {
      ok: false,
      code: 'invalid_state_transition',
      reason: `Cannot ${action} an offer in status ${current}; ${action} needs status ${rule.from}.`,
    };
  }
  if (action === 'approve' && (ctx.actorId === ctx.createdBy || ctx.actorId === ctx.submittedBy)) {
    return {
      ok: false,
      code: 'approver_is_author',
      reason: 'An offer must be approved by someone other than the person who wrote or submitted it.',
    };
  }
  return { ok: true, status: rule.to };
}

/** Only drafts are edited in place; any later version is changed by starting a new draft. */
export function canEditDraft(status: OfferStatus): boolean {
  return status === 'draft';
}
