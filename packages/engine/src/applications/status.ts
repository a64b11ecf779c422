import type { ApplicationStatus } from '@finlet/contracts';

/**
 * The bank's side of an application's life: a submitted application may go under review and is
 * then approved or declined (directly from submitted too); approved, declined and withdrawn are
 * final. Setting the status it already has is not a change.
 */
const NEXT: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  submitted: ['under_review', 'approved', 'declined'],
  under_review: ['approved', 'declined'],
  approved: [],
  declined: [],
  withdrawn: [],
};

export function canMoveApplication(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return NEXT[from].includes(to);
}
