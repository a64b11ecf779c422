import type { AdminRole, Offer, OfferContent, OfferStatus } from '@finlet/contracts';
import { OfferContent as OfferContentSchema } from '@finlet/contracts';
import { type Change, diffAgainstStored, type FieldChange, topLevelFields } from '../internal/diff.js';

/** How an offer file compares with the published version (or the latest when none is published). */
export type OfferChange = Change;

/** One admin API call of the publishing flow, in the order they are made. */
export type PublishStep = 'create' | 'create_version' | 'update_draft' | 'submit' | 'publish';

export interface OfferPlan {
  id: string;
  change: OfferChange;
  latest: { version: number; status: OfferStatus } | null;
  /** The version `change` and `changes` compare with: the published one, else the latest. */
  against: { version: number; status: string } | null;
  /** Top-level fields of `changes` (empty unless `changed`). */
  changedFields: string[];
  /** Every field that differs from `against`, as JSON paths with old and new values. */
  changes: FieldChange[];
  steps: PublishStep[];
  /** Why nothing (more) can be done with this key, and who must act next. */
  waitingFor: string | null;
}

const CONTENT_KEYS = Object.keys(OfferContentSchema.shape) as (keyof OfferContent)[];

/** The product-team content of a stored version, with defaults applied, so files compare equal. */
export function contentOf(offer: Offer): OfferContent | undefined {
  const picked: Record<string, unknown> = {};
  for (const key of CONTENT_KEYS) if (offer[key] !== undefined) picked[key] = offer[key];
  const parsed = OfferContentSchema.safeParse(picked);
  return parsed.success ? parsed.data : undefined;
}

/** JSON with sorted keys and no undefined members: equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function changedFields(a: OfferContent, b: OfferContent | undefined): string[] {
  if (!b) return ['(unreadable stored version)'];
  return CONTENT_KEYS.filter((key) => canonicalJson(a[key]) !== canonicalJson(b[key]));
}

const canAuthor = (role: AdminRole) => role === 'author' || role === 'admin';
const canApprove = (role: AdminRole) => role === 'approver' || role === 'admin';

/**
 * Decides what `offers publish` does for one offer, given every stored version (newest first) and
 * the caller's role. Authors create or update a draft and submit it; approvers publish versions
 * that were approved with exactly this content. Approval itself is a separate, deliberate step
 * (`offers approve`), taken by someone other than the author.
 */
export function planOffer(content: OfferContent, versions: readonly Offer[], role: AdminRole): OfferPlan {
  const latest = versions[0];
  if (!latest) {
    return {
      id: content.id,
      change: 'new',
      latest: null,
      against: null,
      changedFields: [],
      changes: [],
      steps: canAuthor(role) ? ['create', 'submit'] : [],
      waitingFor: canAuthor(role) ? null : 'an author to create and submit it',
    };
  }
  // Steps follow the latest version (a draft is updated in place); what is shown as changed
  // follows what partners see, the published version.
  const fields = changedFields(content, contentOf(latest));
  const diff = diffAgainstStored(content, versions, contentOf);
  const base = {
    id: content.id,
    latest: { version: latest.version, status: latest.status },
    change: diff.change,
    against: diff.against,
    changedFields: topLevelFields(diff.changes),
    changes: diff.changes,
  };
  if (fields.length > 0) {
    if (!canAuthor(role)) {
      return {
        ...base,
        steps: [],
        waitingFor: 'an author to submit this content as a new version',
      };
    }
    return {
      ...base,
      steps: latest.status === 'draft' ? ['update_draft', 'submit'] : ['create_version', 'submit'],
      waitingFor: null,
    };
  }
  switch (latest.status) {
    case 'published':
      return { ...base, steps: [], waitingFor: null };
    case 'approved':
      return canApprove(role)
        ? { ...base, steps: ['publish'], waitingFor: null }
        : { ...base, steps: [], waitingFor: 'an approver to run `finlet offers publish`' };
    case 'in_review':
      return {
        ...base,
        steps: [],
        waitingFor: `an approver to run \`finlet offers approve ${content.id}@${latest.version}\``,
      };
    case 'draft':
      return canAuthor(role)
        ? { ...base, steps: ['submit'], waitingFor: null }
        : { ...base, steps: [], waitingFor: 'its author to submit it' };
    case 'retired':
      // A retired offer comes back only as a new version that goes through review again.
      return canAuthor(role)
        ? { ...base, steps: ['create_version', 'submit'], waitingFor: null }
        : { ...base, steps: [], waitingFor: 'an author to submit it again as a new version' };
  }
}

/** A short human description of the steps, e.g. `create draft v1 → submit for review`. */
export function describeSteps(plan: OfferPlan): string {
  const next = (plan.latest?.version ?? 0) + 1;
  const words: Record<PublishStep, string> = {
    create: 'create draft v1',
    create_version: `create draft v${next}`,
    update_draft: `update draft v${plan.latest?.version ?? 1}`,
    submit: 'submit for review',
    publish: `publish v${plan.latest?.version ?? 1}`,
  };
  return plan.steps.map((step) => words[step]).join(' → ');
}
