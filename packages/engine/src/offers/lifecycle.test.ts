import { AdminRole, OfferAction, OfferStatus } from '@finlet/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canEditDraft, nextOfferState, type TransitionContext } from './lifecycle.js';

const ctx = (fields: Partial<TransitionContext> = {}): TransitionContext => ({
  actorId: 'adm_actor',
  actorRole: 'admin',
  createdBy: 'adm_author',
  submittedBy: 'adm_submitter',
  ...fields,
});

/** The whole table written out by hand: [action, from, to, roles allowed]. */
const TABLE: [OfferAction, OfferStatus, OfferStatus, AdminRole[]][] = [
  ['submit', 'draft', 'in_review', ['author', 'admin']],
  ['approve', 'in_review', 'approved', ['approver', 'admin']],
  ['reject', 'in_review', 'draft', ['approver', 'admin']],
  ['publish', 'approved', 'published', ['approver', 'admin']],
  ['retire', 'published', 'retired', ['approver', 'admin']],
];

describe('nextOfferState', () => {
  it('walks an offer from draft to retired with the right people', () => {
    const author = { createdBy: 'adm_a', submittedBy: null };
    expect(
      nextOfferState('draft', 'submit', ctx({ ...author, actorId: 'adm_a', actorRole: 'author' })),
    ).toEqual({
      ok: true,
      status: 'in_review',
    });
    const reviewed = {
      createdBy: 'adm_a',
      submittedBy: 'adm_a',
      actorId: 'adm_b',
      actorRole: 'approver' as const,
    };
    expect(nextOfferState('in_review', 'approve', ctx(reviewed))).toEqual({ ok: true, status: 'approved' });
    expect(nextOfferState('approved', 'publish', ctx(reviewed))).toEqual({ ok: true, status: 'published' });
    expect(nextOfferState('published', 'retire', ctx(reviewed))).toEqual({ ok: true, status: 'retired' });
  });

  it('sends a rejected offer back to draft', () => {
    expect(nextOfferState('in_review', 'reject', ctx({ actorRole: 'approver' }))).toEqual({
      ok: true,
      status: 'draft',
    });
  });

  it('refuses approval by the author or the submitter, even to an admin', () => {
    for (const actorRole of ['approver', 'admin'] as const) {
      const byAuthor = nextOfferState('in_review', 'approve', ctx({ actorRole, actorId: 'adm_author' }));
      expect(byAuthor).toMatchObject({ ok: false, code: 'approver_is_author' });
      const bySubmitter = nextOfferState(
        'in_review',
        'approve',
        ctx({ actorRole, actorId: 'adm_submitter' }),
      );
      expect(bySubmitter).toMatchObject({ ok: false, code: 'approver_is_author' });
    }
  });

  it('forbids roles outside the action, whatever the state', () => {
    expect(nextOfferState('approved', 'publish', ctx({ actorRole: 'author' }))).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(nextOfferState('draft', 'submit', ctx({ actorRole: 'approver' }))).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });

  it('refuses an action from the wrong state with invalid_state_transition and a readable reason', () => {
    const decision = nextOfferState('draft', 'publish', ctx());
    expect(decision).toEqual({
      ok: false,
      code: 'invalid_state_transition',
      reason: 'Cannot publish an offer in status draft; publish needs status approved.',
    });
  });

  it('follows the transition table for every status, action, role and actor', () => {
    const people = fc.constantFrom('adm_a', 'adm_b', 'adm_c');
    fc.assert(
      fc.property(
        fc.constantFrom(...OfferStatus.options),
        fc.constantFrom(...OfferAction.options),
        fc.constantFrom(...AdminRole.options),
        people,
        people,
        fc.option(people, { nil: null }),
        (status, action, actorRole, actorId, createdBy, submittedBy) => {
          const decision = nextOfferState(status, action, { actorId, actorRole, createdBy, submittedBy });
          const [, from, to, roles] = TABLE.find(([a]) => a === action)!;
          if (!roles.includes(actorRole)) {
            expect(decision).toMatchObject({ ok: false, code: 'forbidden' });
          } else if (status !== from) {
            expect(decision).toMatchObject({ ok: false, code: 'invalid_state_transition' });
          } else if (action === 'approve' && (actorId === createdBy || actorId === submittedBy)) {
            expect(decision).toMatchObject({ ok: false, code: 'approver_is_author' });
          } else {
            expect(decision).toEqual({ ok: true, status: to });
          }
          if (!decision.ok) expect(decision.reason.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('has exactly five allowed (status, action) pairs and leaves retired as a final state', () => {
    const allowed: string[] = [];
    for (const status of OfferStatus.options) {
      for (const action of OfferAction.options) {
        if (nextOfferState(status, action, ctx()).ok) allowed.push(`${status}:${action}`);
      }
    }
    expect(allowed.sort()).toEqual(
      [
        'approved:publish',
        'draft:submit',
        'in_review:approve',
        'in_review:reject',
        'published:retire',
      ].sort(),
    );
  });
});

describe('canEditDraft', () => {
  it('allows editing drafts only', () => {
    expect(OfferStatus.options.filter(canEditDraft)).toEqual(['draft']);
  });
});
