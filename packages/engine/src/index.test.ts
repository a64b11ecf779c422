import { describe, expect, it } from 'vitest';
import {
  canEditDraft,
  checkApplicationAmount,
  checkConsents,
  evaluateCriterion,
  evaluateEligibility,
  matchOffers,
  nextOfferState,
  requiredScopesForApplication,
  toPublicOffer,
  validateSeparateConsent,
} from './index.js';

describe('@finlet/engine', () => {
  it('exports the functions the gateway calls', () => {
    const exported = {
      canEditDraft,
      checkApplicationAmount,
      checkConsents,
      evaluateCriterion,
      evaluateEligibility,
      matchOffers,
      nextOfferState,
      requiredScopesForApplication,
      toPublicOffer,
      validateSeparateConsent,
    };
    for (const [name, fn] of Object.entries(exported)) expect(typeof fn, name).toBe('function');
  });
});
