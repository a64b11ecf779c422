import type { AdminRole, Offer, OfferContent, OfferStatus } from '@finlet/contracts';
import { OfferContent as OfferContentSchema } from '@finlet/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentOf, describeSteps, planOffer } from './plan.js';

const content: OfferContent = OfferContentSchema.parse({
  id: 'consumer-loan',
  productType: 'consumer_loan',
  scenarios: ['consumption'],
  currency: 'CNY',
  amount: { min: { value: 500000, currency: 'CNY' }, max: { value: 30000000, currency: 'CNY' } },
  termMonths: { min: 6, max: 60 },
  pricing: { apr: { min: 360, max: 1800 } },
  texts: {
    'zh-CN': { name: '个人消费贷', tagline: '大额消费一次到位' },
    en: { name: 'Personal loan', tagline: 'For larger spending' },
  },
  effective: { from: '2026-01-01T00:00:00+08:00' },
});

function stored(status: OfferStatus, version: number, over: Partial<OfferContent> = {}): Offer {
  return {
    ...content,
    ...over,
    version,
    status,
    createdBy: 'adm_author',
    createdAt: '2026-01-02T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    submittedBy: status === 'draft' ? null : 'adm_author',
    approvedBy: ['approved', 'published', 'retired'].includes(status) ? 'adm_approver' : null,
    publishedAt: null,
    retiredAt: null,
  };
}

const plan = (versions: Offer[], role: AdminRole) => planOffer(content, versions, role);

describe('planOffer', () => {
  it('creates and submits a new offer as author or admin, and waits for an author otherwise', () => {
    expect(plan([], 'author')).toMatchObject({
      change: 'new',
      steps: ['create', 'submit'],
      waitingFor: null,
    });
    expect(plan([], 'admin').steps).toEqual(['create', 'submit']);
    expect(plan([], 'approver')).toMatchObject({
      change: 'new',
      steps: [],
      waitingFor: expect.stringMatching(/author/),
    });
  });

  it('leaves an offer alone when the published version has the same content', () => {
    const result = plan([stored('published', 3)], 'author');
    expect(result).toMatchObject({
      change: 'unchanged',
      steps: [],
      waitingFor: null,
      latest: { version: 3 },
    });
  });

  it('starts a new version for changed content, or updates a draft in place', () => {
    const changed = { pricing: { apr: { min: 400, max: 1800 }, fees: [] } };
    expect(plan([stored('published', 2, changed)], 'author')).toMatchObject({
      change: 'changed',
      changedFields: ['pricing'],
      steps: ['create_version', 'submit'],
    });
    expect(plan([stored('draft', 4, changed), stored('published', 3)], 'author').steps).toEqual([
      'update_draft',
      'submit',
    ]);
    expect(plan([stored('published', 2, changed)], 'approver')).toMatchObject({
      steps: [],
      change: 'changed',
    });
  });

  it('publishes only versions approved with exactly this content, and only for approvers', () => {
    expect(plan([stored('approved', 2)], 'approver').steps).toEqual(['publish']);
    expect(plan([stored('approved', 2)], 'admin').steps).toEqual(['publish']);
    expect(plan([stored('approved', 2)], 'author')).toMatchObject({
      steps: [],
      waitingFor: expect.stringMatching(/approver/),
    });
    expect(plan([stored('in_review', 2)], 'approver')).toMatchObject({
      steps: [],
      waitingFor: expect.stringContaining('finlet offers approve consumer-loan@2'),
    });
  });

  it('submits an unchanged draft, and brings a retired offer back as a new version', () => {
    expect(plan([stored('draft', 1)], 'author').steps).toEqual(['submit']);
    expect(plan([stored('retired', 5)], 'author').steps).toEqual(['create_version', 'submit']);
    expect(describeSteps(plan([stored('retired', 5)], 'author'))).toBe('create draft v6 → submit for review');
  });

  it('compares stored versions with defaults applied', () => {
    const withoutDefaults = stored('published', 1);
    expect(contentOf(withoutDefaults)).toEqual(content);
  });
});

describe('canonicalJson', () => {
  it('does not depend on key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
      }),
    );
  });

  it('tells different values apart', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b));
        const sameShape = canonicalJson(a) === canonicalJson(b);
        // Only objects that differ merely in key order may compare equal.
        if (sameShape) expect(JSON.parse(canonicalJson(a))).toEqual(JSON.parse(canonicalJson(b)));
      }),
    );
  });
});
