import type { AdminRole } from '@finlet/contracts';

/** One admin API call of `docs import` and `rails import`, in the order they are made. */
export type ImportStep = 'create' | 'submit' | 'approve' | 'publish';

/** What the import needs to know of a stored version. */
export interface StoredState {
  status: string;
  createdBy: string;
  submittedBy: string | null;
  /** Its content is exactly the file's. */
  same: boolean;
}

/**
 * The steps `docs import` and `rails import` take for one object, as far as the caller's role
 * allows: an author creates a draft (a new version when the content changed) and submits it; an
 * approver approves a version in review with exactly this content (never their own) and publishes
 * it. Nothing happens when the published version already has this content. Pure, so a dry run
 * shows exactly what a real run would do.
 */
export function planImport(input: {
  latest: StoredState | undefined;
  published: StoredState | undefined;
  role: AdminRole;
  actorId: string;
}): ImportStep[] {
  const { role, actorId } = input;
  if (input.published?.same) return [];
  const canAuthor = role === 'author' || role === 'admin';
  const canApprove = role === 'approver' || role === 'admin';
  const steps: ImportStep[] = [];
  let current = input.latest;
  if (canAuthor && (!current?.same || current.status === 'retired')) {
    current = { status: 'draft', createdBy: actorId, submittedBy: null, same: true };
    steps.push('create');
  }
  if (canAuthor && current?.status === 'draft') {
    current = { ...current, status: 'in_review', submittedBy: actorId };
    steps.push('submit');
  }
  if (canApprove && current?.same) {
    const own = current.createdBy === actorId || current.submittedBy === actorId;
    if (current.status === 'in_review' && !own) {
      current = { ...current, status: 'approved' };
      steps.push('approve');
    }
    if (current.status === 'approved') steps.push('publish');
  }
  return steps;
}

/** What an import did or would do: `would create → submit`, `create → submit → v2 in_review`. */
export function describeImport(
  outcome: { steps: readonly ImportStep[]; version: number | null; status: string | null },
  dryRun: boolean,
): string {
  if (outcome.steps.length === 0) return 'nothing to do';
  const steps = outcome.steps.join(' → ');
  return dryRun ? `would ${steps}` : `${steps} → v${outcome.version} ${outcome.status}`;
}
