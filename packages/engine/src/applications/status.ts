import type { ApplicationStatus, Money } from '@finlet/contracts';

/**
 * The bank's side of an application's life: a submitted application may go under review, or back
 * to the applicant with a question, and is then approved or declined (directly from submitted too);
 * approved, declined and withdrawn are final. Setting the status it already has is not a change.
 */
const NEXT: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  submitted: ['under_review', 'more_info_needed', 'approved', 'declined'],
  under_review: ['more_info_needed', 'approved', 'declined'],
  more_info_needed: ['under_review', 'approved', 'declined'],
  approved: [],
  declined: [],
  withdrawn: [],
};

export function canMoveApplication(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return NEXT[from].includes(to);
}

/**
 * Four eyes: an approval of more than the threshold for its currency needs a second person. A
 * currency without a threshold needs none.
 */
export function needsSecondApproval(
  amount: Money,
  thresholds: Readonly<Partial<Record<Money['currency'], number>>>,
): boolean {
  const threshold = thresholds[amount.currency];
  return threshold !== undefined && amount.value > threshold;
}
