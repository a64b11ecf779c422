import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canMoveApplication } from './status.js';

const ALL = ['submitted', 'under_review', 'approved', 'declined', 'withdrawn'] as const;

describe('application status moves', () => {
  it('lets the bank review, approve or decline, and keeps decisions final', () => {
    expect(canMoveApplication('submitted', 'under_review')).toBe(true);
    expect(canMoveApplication('submitted', 'approved')).toBe(true);
    expect(canMoveApplication('under_review', 'declined')).toBe(true);
    expect(canMoveApplication('under_review', 'submitted')).toBe(false);
    expect(canMoveApplication('approved', 'declined')).toBe(false);
    expect(canMoveApplication('withdrawn', 'approved')).toBe(false);
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
