import { type Consent, ConsentScope, isSeparateScope } from '@finlet/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkConsents, requiredScopesForApplication, validateSeparateConsent } from './coverage.js';

const NOW = new Date('2026-03-01T08:00:00Z');

const consent = (fields: Partial<Consent> = {}): Consent => ({
  id: 'cns_0123456789abcdefAB',
  partnerId: 'ptn_a',
  userId: 'user-1',
  scopes: ['application.submit'],
  purpose: 'loan_application',
  offerId: null,
  dataCategories: [],
  recipients: { bank: 'Bank', partner: 'Partner A' },
  retentionDays: 1825,
  status: 'active',
  grantedAt: '2026-02-01T00:00:00Z',
  expiresAt: '2026-04-01T00:00:00Z',
  withdrawnAt: null,
  ...fields,
});

const check = (consents: Consent[], required: ConsentScope[] = ['application.submit'], now = NOW) =>
  checkConsents({ consents, required, userId: 'user-1', partnerId: 'ptn_a', now });

describe('checkConsents', () => {
  it('is ok when live consents cover every required scope', () => {
    const id = consent({ id: 'cns_IDIDIDIDIDIDIDIDID', scopes: ['sensitive.id_number'] });
    expect(check([consent(), id], ['application.submit', 'sensitive.id_number'])).toEqual({ ok: true });
    expect(check([], [])).toEqual({ ok: true });
  });

  it('lists each missing scope once, in the order required, with a reason', () => {
    expect(check([], ['sensitive.id_number', 'application.submit', 'sensitive.id_number'])).toEqual({
      ok: false,
      missing: ['sensitive.id_number', 'application.submit'],
      reasons: ['sensitive.id_number: no consent names it', 'application.submit: no consent names it'],
    });
  });

  it('does not count a withdrawn consent, whether by status or by withdrawal time', () => {
    expect(check([consent({ status: 'withdrawn', withdrawnAt: '2026-02-15T00:00:00Z' })])).toMatchObject({
      ok: false,
      reasons: ['application.submit: cns_0123456789abcdefAB was withdrawn'],
    });
    expect(check([consent({ withdrawnAt: '2026-02-15T00:00:00Z' })]).ok).toBe(false);
    expect(check([consent({ status: 'expired' })])).toMatchObject({
      ok: false,
      reasons: ['application.submit: cns_0123456789abcdefAB is expired'],
    });
  });

  it('expires a consent at expiresAt exactly', () => {
    const c = consent({ expiresAt: '2026-03-01T08:00:00Z' });
    expect(check([c], undefined, new Date('2026-03-01T07:59:59.999Z')).ok).toBe(true);
    expect(check([c], undefined, new Date('2026-03-01T08:00:00Z'))).toMatchObject({
      ok: false,
      reasons: ['application.submit: cns_0123456789abcdefAB expired at 2026-03-01T08:00:00Z'],
    });
    expect(check([consent({ expiresAt: 'never' })]).ok).toBe(false);
  });

  it('counts only consents of this user given through this partner', () => {
    expect(check([consent({ userId: 'user-2' })])).toMatchObject({
      ok: false,
      reasons: ['application.submit: cns_0123456789abcdefAB belongs to another user'],
    });
    expect(check([consent({ partnerId: 'ptn_b' })])).toMatchObject({
      ok: false,
      reasons: ['application.submit: cns_0123456789abcdefAB was given through another partner'],
    });
  });

  it('is ok exactly when every required scope is in some live consent', () => {
    const scopes = fc.subarray([...ConsentScope.options]);
    const arbConsent = fc.record({
      scopes: scopes,
      live: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(arbConsent, { maxLength: 4 }), scopes, (specs, required) => {
        const consents = specs.map((s) =>
          consent({ scopes: s.scopes, status: s.live ? 'active' : 'withdrawn' }),
        );
        const live = new Set(specs.filter((s) => s.live).flatMap((s) => s.scopes));
        const result = check(consents, required);
        const missing = required.filter((s) => !live.has(s));
        expect(result).toEqual(
          missing.length === 0 ? { ok: true } : expect.objectContaining({ ok: false, missing }),
        );
      }),
    );
  });
});

describe('validateSeparateConsent', () => {
  it('accepts a sensitive or cross-border scope on its own, and ordinary scopes together', () => {
    expect(validateSeparateConsent(['sensitive.id_number'])).toBeNull();
    expect(validateSeparateConsent(['cross_border.transfer'])).toBeNull();
    expect(validateSeparateConsent(['application.submit', 'profile.basic', 'business.profile'])).toBeNull();
  });

  it('returns the sensitive and cross-border scopes bundled with anything else', () => {
    expect(validateSeparateConsent(['application.submit', 'sensitive.id_number'])).toEqual([
      'sensitive.id_number',
    ]);
    expect(validateSeparateConsent(['sensitive.id_number', 'sensitive.financial_account'])).toEqual([
      'sensitive.id_number',
      'sensitive.financial_account',
    ]);
    expect(validateSeparateConsent(['cross_border.transfer', 'profile.basic'])).toEqual([
      'cross_border.transfer',
    ]);
  });

  it('flags a consent exactly when it bundles a separate scope with another scope', () => {
    fc.assert(
      fc.property(fc.subarray([...ConsentScope.options], { minLength: 1 }), (scopes) => {
        const offending = validateSeparateConsent(scopes);
        const bundled = scopes.length > 1 && scopes.some(isSeparateScope);
        expect(offending !== null).toBe(bundled);
        if (offending) expect(offending).toEqual(scopes.filter(isSeparateScope));
      }),
    );
  });
});

describe('requiredScopesForApplication', () => {
  it('needs submission consent, plus a separate one for an ID number', () => {
    expect(requiredScopesForApplication({})).toEqual(['application.submit']);
    expect(requiredScopesForApplication({ idNumber: '11010519491231002X' })).toEqual([
      'application.submit',
      'sensitive.id_number',
    ]);
  });
});
