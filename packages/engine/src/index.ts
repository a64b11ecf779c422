export * from './advisor/index.js';
export { type BriefInput, riskBrief } from './applications/brief.js';
export { canMoveApplication, needsSecondApproval } from './applications/status.js';
export {
  type ConsentCoverage,
  type ConsentCoverageInput,
  checkConsents,
  requiredScopesForApplication,
  validateSeparateConsent,
} from './consents/coverage.js';
export * from './nudges/index.js';
export {
  type ApplicationAmountDecision,
  amountWithin,
  type CheckContext,
  checkAmount,
  checkApplicationAmount,
  checkCurrency,
  checkEffective,
  checkPartner,
  checkProductType,
  checkScenario,
  checkTerm,
  evaluateChecks,
  formatAmountRange,
  isVisible,
  LIMIT_CHECKS,
  NO_AMOUNT_RANGE,
  VISIBILITY_CHECKS,
} from './offers/checks.js';
export { disclosedTexts, hasDisclosures } from './offers/disclosures.js';
export { type EligibilityResult, evaluateCriterion, evaluateEligibility } from './offers/eligibility.js';
export {
  canEditDraft,
  nextOfferState,
  OFFER_TRANSITIONS,
  type TransitionContext,
  type TransitionDecision,
  type TransitionRefusal,
} from './offers/lifecycle.js';
export { type MatchOffersInput, matchOffers, type ParsedOfferMatchRequest } from './offers/match.js';
export { type OfferPreviewOutcome, type PreviewOfferInput, previewOffer } from './offers/preview.js';
export { toPublicOffer } from './offers/public-offer.js';
export {
  compareScored,
  fitScore,
  priorityScore,
  type RankedOfferFields,
  type RankingCandidate,
  type RankingWish,
  SCORE_WEIGHTS,
  type Scored,
  scoreOffers,
  specificityScore,
  yearlyCostBps,
} from './offers/ranking.js';
export {
  checkRiskLevel,
  investorLevelFrom,
  type OverrideContext,
  type RecordedOverride,
  withheldFor,
} from './offers/suitability.js';
export {
  type CheckPortfolioInput,
  checkPortfolio,
  formatBps,
  HEALTH_CHECK_THRESHOLDS,
  type HealthCheckOffer,
  type HealthCheckRule,
  healthCheckCatalogue,
  holdingShares,
  type SourcedHolding,
} from './portfolio/health-check.js';
export * from './routes/index.js';
export {
  type AnswerIssue,
  type AssessmentOutcome,
  assessmentExpiry,
  assessmentValid,
  levelForScore,
  type ScoredAssessment,
  type ScoredQuestionnaire,
  scoreAssessment,
} from './suitability/assessment.js';
