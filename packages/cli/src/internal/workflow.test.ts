import { describe, expect, it } from 'vitest';
import { describeImport, planImport, type StoredState } from './workflow.js';

const stored = (status: string, over: Partial<StoredState> = {}): StoredState => ({
  status,
  createdBy: 'adm_author',
  submittedBy: status === 'draft' ? null : 'adm_author',
  same: true,
  ...over,
});

describe('planImport', () => {
  it('creates and submits as an author, approves and publishes as another approver', () => {
    expect(
      planImport({ latest: undefined, published: undefined, role: 'author', actorId: 'adm_author' }),
    ).toEqual(['create', 'submit']);
    const inReview = stored('in_review');
    expect(
      planImport({ latest: inReview, published: undefined, role: 'approver', actorId: 'adm_approver' }),
    ).toEqual(['approve', 'publish']);
    // Never one's own version, even as admin.
    expect(planImport({ latest: undefined, published: undefined, role: 'admin', actorId: 'adm_x' })).toEqual([
      'create',
      'submit',
    ]);
    expect(
      planImport({ latest: inReview, published: undefined, role: 'admin', actorId: 'adm_author' }),
    ).toEqual([]);
  });

  it('does nothing when the published version has this content, and a new version when it changed', () => {
    const published = stored('published');
    expect(planImport({ latest: published, published, role: 'author', actorId: 'adm_author' })).toEqual([]);
    const old = stored('published', { same: false });
    expect(planImport({ latest: old, published: old, role: 'author', actorId: 'adm_author' })).toEqual([
      'create',
      'submit',
    ]);
    expect(planImport({ latest: old, published: old, role: 'approver', actorId: 'adm_b' })).toEqual([]);
  });

  it('describes a dry run and a real run', () => {
    expect(describeImport({ steps: ['create', 'submit'], version: null, status: null }, true)).toBe(
      'would create → submit',
    );
    expect(describeImport({ steps: ['approve', 'publish'], version: 2, status: 'published' }, false)).toBe(
      'approve → publish → v2 published',
    );
    expect(describeImport({ steps: [], version: 2, status: 'published' }, true)).toBe('nothing to do');
  });
});
