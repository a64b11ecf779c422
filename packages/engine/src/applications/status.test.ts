import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canMoveApplication, needsSecondApproval } from './status.js';

const ALL = ['submitted', 'under_review', 'more_info_needed', 'approved', 'declined', 'withdrawn'] as const;

describe('application status moves', () => {
  it('lets the bank review, approve or decline, and keeps decisions final', () => {
    expect(canMoveApplication('submitted', 'under_review')).toBe(true);
    expect(canMoveApplication('submitted', 'approved')).toBe(true);
    expect(canMoveApplication('under_review', 'declined')).toBe(true);
    expect(canMoveApplication('under_review', 'submitted')).toBe(false);
    expect(canMoveApplication('approved', 'declined')).toBe(false);
    expect(canMoveApplication('withdrawn', 'approved')).toBe(false);
  });

  it('asks the applicant for more and takes the file back under review or to a decision', () => {
    expect(canMoveApplication('submitted', 'more_info_needed')).toBe(true);
    expect(canMoveApplication('under_review', 'more_info_needed')).toBe(true);
    expect(canMoveApplication('more_info_needed', 'under_review')).toBe(true);
    expect(canMoveApplication('more_info_needed', 'approved')).toBe(true);
    expect(canMoveApplication('approved', 'more_info_needed')).toBe(false);
  });

  it('needs a second approval strictly above the threshold of the amount’s own currency', () => {
    const thresholds = { CNY: 50_000_000 };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (value) => {
        expect(needsSecondApproval({ value, currency: 'CNY' }, thresholds)).toBe(value > 50_000_000);
        expect(needsSecondApproval({ value, currency: 'USD' }, thresholds)).toBe(false);
      }),
    );
  });

  it('never moves back to submitted, never leaves a final status, never "moves" to the same one', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL), fc.constantFrom(...ALL), (from, to) => {
        if (to === 'submitted' || from === to || ['approved', 'declined', 'withdrawn'].includes(from)) {
          expect(canMoveApplication(from, to)).toBe(false);
        }
      }),
    );
  });
});
