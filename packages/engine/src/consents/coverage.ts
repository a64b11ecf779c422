import { type Applicant, type Consent, type ConsentScope, isSeparateScope } from '@finlet/contracts';

export interface ConsentCoverageInput {
  readonly consents: readonly Consent[];
  readonly required: readonly ConsentScope[];
  readonly userId: string;
  readonly partnerId: string;
  readonly now: Date;
}

export type ConsentCoverage =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** Required scopes no live consent covers, in the order they were required. */
      readonly missing: ConsentScope[];
      /** One readable line per missing scope, saying why each consent naming it did not count. */
      readonly reasons: string[];
    };

/** Why a consent does not count right now, or null when it does. */
function whyNotLive(consent: Consent, input: ConsentCoverageInput): string | null {
  if (consent.userId !== input.userId) return `${consent.id} belongs to another user`;
  if (consent.partnerId !== input.partnerId) return `${consent.id} was given through another partner`;
  // Withdrawal stops processing from that moment (PIPL art. 15), whatever the status says.
  if (consent.status === 'withdrawn' || consent.withdrawnAt !== null) return `${consent.id} was withdrawn`;
  if (consent.status !== 'active') return `${consent.id} is ${consent.status}`;
  // A timestamp that does not parse compares false, so such a consent counts as expired.
  if (!(input.now.getTime() < Date.parse(consent.expiresAt))) {
    return `${consent.id} expired at ${consent.expiresAt}`;
  }
  return null;
}

/**
 * Whether live consents cover every required scope. A consent counts only while it is active,
 * not withdrawn, not expired at `now` (it expires at `expiresAt` exactly), and given by this user
 * through this partner.
 */
export function checkConsents(input: ConsentCoverageInput): ConsentCoverage {
  const covered = new Set<ConsentScope>();
  for (const consent of input.consents) {
    if (whyNotLive(consent, input) === null) for (const scope of consent.scopes) covered.add(scope);
  }
  const missing = [...new Set(input.required)].filter((scope) => !covered.has(scope));
  if (missing.length === 0) return { ok: true };
  const reasons = missing.map((scope) => {
    const naming = input.consents.filter((c) => c.scopes.includes(scope));
    if (naming.length === 0) return `${scope}: no consent names it`;
    return `${scope}: ${naming.map((c) => whyNotLive(c, input)).join('; ')}`;
  });
  return { ok: false, missing, reasons };
}

/**
 * PIPL arts. 28–29 (sensitive personal information) and 39 (transfer abroad) need a separate
 * consent: a consent naming a `sensitive.*` or `cross_border.*` scope may name nothing else.
 * Returns those scopes when they are bundled with others, or null when the consent is fine.
 */
export function validateSeparateConsent(scopes: readonly ConsentScope[]): ConsentScope[] | null {
  const distinct = [...new Set(scopes)];
  if (distinct.length <= 1) return null;
  const offending = distinct.filter(isSeparateScope);
  return offending.length > 0 ? offending : null;
}

/** The scopes an application needs: submission, plus a separate one for an ID number when given. */
export function requiredScopesForApplication(applicant: Pick<Applicant, 'idNumber'>): ConsentScope[] {
  return applicant.idNumber !== undefined
    ? ['application.submit', 'sensitive.id_number']
    : ['application.submit'];
}
