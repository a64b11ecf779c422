import { z } from 'zod';
import { Locale, LocalizedText, prefixedId, Slug, Timestamp, VersionNumber } from './common.js';
import { VersionFields } from './versioned.js';

/**
 * A product's risk level, R1 (lowest: deposits, cash-like) to R5 (highest), as the bank rates it
 * for suitability matching.
 */
export const ProductRiskLevel = z.enum(['R1', 'R2', 'R3', 'R4', 'R5']).meta({ id: 'ProductRiskLevel' });
export type ProductRiskLevel = z.infer<typeof ProductRiskLevel>;

/**
 * An investor's assessed risk tolerance, C1 (conservative) to C5 (aggressive), from the bank's
 * risk questionnaire.
 */
export const InvestorRiskLevel = z.enum(['C1', 'C2', 'C3', 'C4', 'C5']).meta({ id: 'InvestorRiskLevel' });
export type InvestorRiskLevel = z.infer<typeof InvestorRiskLevel>;

/** 1–5 for either scale. */
export const riskRank = (level: ProductRiskLevel | InvestorRiskLevel): number => Number(level.slice(1));

/** Whether an investor at `investor` may be offered a product at `product` without an override. */
export const suits = (investor: InvestorRiskLevel, product: ProductRiskLevel): boolean =>
  riskRank(product) <= riskRank(investor);

/**
 * The trusted signal (in the partner-signed session's `signals`) that carries the investor's
 * assessed level, `C1`–`C5`. Any other value counts as no assessment.
 */
export const INVESTOR_RISK_LEVEL_SIGNAL = 'investor.risk_level';

/**
 * Why a product with a risk level is not recommended: it is above the investor's level, or the
 * investor has no valid assessment yet.
 */
export const SuitabilityReasonCode = z
  .enum(['above_risk_level', 'needs_risk_assessment'])
  .meta({ id: 'SuitabilityReasonCode' });
export type SuitabilityReasonCode = z.infer<typeof SuitabilityReasonCode>;

/** Why a user is asked to take the risk assessment: they never took it, or it has expired. */
export const AssessmentRequiredReason = z
  .enum(['no_assessment', 'assessment_expired'])
  .meta({ id: 'AssessmentRequiredReason' });
export type AssessmentRequiredReason = z.infer<typeof AssessmentRequiredReason>;

/**
 * Asks the user to take the risk assessment first: products with a risk level (wealth products,
 * funds) would otherwise be matched, and are withheld until the user has a valid assessment.
 * `<finlet-suitability>` takes it.
 */
export const SuitabilityPrompt = z
  .object({
    required: z.literal(true),
    reason: AssessmentRequiredReason,
    offerIds: z.array(z.string()).min(1).meta({
      description: 'The rated products withheld only for want of a valid assessment, best first.',
    }),
    message: LocalizedText,
  })
  .meta({ id: 'SuitabilityPrompt' });
export type SuitabilityPrompt = z.infer<typeof SuitabilityPrompt>;

/** The words of a `SuitabilityPrompt`. */
export function suitabilityPromptMessage(reason: AssessmentRequiredReason): LocalizedText {
  return reason === 'assessment_expired'
    ? {
        'zh-CN': '您的风险测评已过期。为您推荐理财产品前，请先重新完成风险测评。',
        en: 'Your risk assessment has expired. Please take it again before we can recommend investment products.',
      }
    : {
        'zh-CN': '为您推荐理财产品前，请先完成风险测评。',
        en: 'Please take the risk assessment before we can recommend investment products.',
      };
}

/**
 * When a user may still choose a product above their level, after an explicit, recorded "I
 * understand this product exceeds my risk level" acknowledgement. The bank sets it in the gateway's
 * configuration; the default allows one level above, never for a C1 investor, never an R5 product.
 */
export const SuitabilityOverridePolicy = z
  .strictObject({
    /** false: no override at all, an above-level product is only ever withheld. */
    allowed: z.boolean(),
    /** How many levels above the investor's a product may be (1: C2 may choose R3, not R4). */
    maxLevelsAbove: z.int().min(0).max(4),
    /** Investor levels that may never override (the most conservative). */
    neverForInvestor: z.array(InvestorRiskLevel),
    /** Product levels that may never be chosen by override. */
    neverForProduct: z.array(ProductRiskLevel),
  })
  .meta({ id: 'SuitabilityOverridePolicy' });
export type SuitabilityOverridePolicy = z.infer<typeof SuitabilityOverridePolicy>;

export const DEFAULT_SUITABILITY_OVERRIDE_POLICY: SuitabilityOverridePolicy = {
  allowed: true,
  maxLevelsAbove: 1,
  neverForInvestor: ['C1'],
  neverForProduct: ['R5'],
};

/**
 * Whether the policy lets an investor at `investor` choose a product at `product` by acknowledging
 * that it exceeds their level. A user without a valid assessment never may: they take it first.
 */
export function overrideAllowed(
  policy: SuitabilityOverridePolicy,
  investor: InvestorRiskLevel | undefined,
  product: ProductRiskLevel,
): boolean {
  if (investor === undefined || !policy.allowed) return false;
  const above = riskRank(product) - riskRank(investor);
  return (
    above > 0 &&
    above <= policy.maxLevelsAbove &&
    !policy.neverForInvestor.includes(investor) &&
    !policy.neverForProduct.includes(product)
  );
}

/** The acknowledgement a user records, as the session sends it. */
export const SuitabilityAcknowledgementInput = z
  .strictObject({
    offerId: z.string().min(1).max(64),
    offerVersion: VersionNumber,
    /** The "I understand…" wording the user saw, exactly as shown. */
    wording: z.string().min(1).max(2000),
    locale: Locale,
  })
  .meta({ id: 'SuitabilityAcknowledgementInput' });
export type SuitabilityAcknowledgementInput = z.infer<typeof SuitabilityAcknowledgementInput>;

/** A recorded acknowledgement: the user chose a product above their level knowingly. */
export const SuitabilityAcknowledgement = z
  .object({
    id: z.string(),
    partnerId: z.string(),
    userId: z.string(),
    offerId: z.string(),
    offerVersion: z.int().min(1),
    investorLevel: InvestorRiskLevel,
    productLevel: ProductRiskLevel,
    wording: z.string(),
    locale: Locale,
    acknowledgedAt: Timestamp,
  })
  .meta({ id: 'SuitabilityAcknowledgement' });
export type SuitabilityAcknowledgement = z.infer<typeof SuitabilityAcknowledgement>;

/**
 * The words shown before a user acknowledges a product above their level; the widget shows these
 * and sends them back, and the gateway records what was shown.
 */
export function acknowledgementWording(
  locale: Locale,
  investor: InvestorRiskLevel,
  product: ProductRiskLevel,
): string {
  return locale === 'zh-CN'
    ? `我已了解：该产品风险等级 ${product} 超出我的风险承受能力等级 ${investor}，我仍自愿选择，并自行承担相应风险。`
    : `I understand this product's risk level ${product} exceeds my assessed risk tolerance ${investor}, and I choose it of my own will, accepting the risk.`;
}
/** One answer a question offers, with the points it adds to the score (more points: more risk tolerance). */
export const RiskOption = z
  .strictObject({
    id: Slug.meta({ description: 'Stable option id within its question, e.g. `over-5-years`.' }),
    label: LocalizedText,
    score: z.int().min(0).max(100),
  })
  .meta({ id: 'RiskOption' });
export type RiskOption = z.infer<typeof RiskOption>;

/** One question of the risk questionnaire; the user picks exactly one of its options. */
export const RiskQuestion = z
  .strictObject({
    id: Slug.meta({ description: 'Stable question id, e.g. `horizon`.' }),
    text: LocalizedText,
    options: z.array(RiskOption).min(2).max(10),
  })
  .meta({ id: 'RiskQuestion' });
export type RiskQuestion = z.infer<typeof RiskQuestion>;

/** From `minScore` up to the next band's `minScore`, the assessed level is `level`. */
export const RiskBand = z
  .strictObject({ level: InvestorRiskLevel, minScore: z.int().min(0).max(10_000) })
  .meta({ id: 'RiskBand' });
export type RiskBand = z.infer<typeof RiskBand>;

/** The longest an assessment may stay valid: three years. */
export const MAX_RISK_ASSESSMENT_VALIDITY_DAYS = 1096;

const questionnaireFields = {
  id: Slug.meta({ description: 'Stable questionnaire id, e.g. `investor-risk`.' }),
  title: LocalizedText,
  questions: z.array(RiskQuestion).min(1).max(50),
  bands: z.array(RiskBand).min(1).max(5),
  validityDays: z.int().min(1).max(MAX_RISK_ASSESSMENT_VALIDITY_DAYS).meta({
    description: 'Days an assessment made with this questionnaire stays valid.',
  }),
};

/**
 * What a bank's product team writes: the questions (zh-CN and en), each option's score, and the
 * bands that turn a total score into a level C1–C5. Bands rise with the score: the first starts at
 * 0, each next one starts higher and names a higher level, so a more risk-tolerant answer never
 * lowers the level.
 */
export const RiskQuestionnaireContent = z
  .strictObject(questionnaireFields)
  .superRefine((q, ctx) => {
    const questionIds = new Set<string>();
    q.questions.forEach((question, i) => {
      if (questionIds.has(question.id))
        ctx.addIssue({
          code: 'custom',
          path: ['questions', i, 'id'],
          message: `duplicate question id ${question.id}`,
        });
      questionIds.add(question.id);
      const optionIds = new Set<string>();
      question.options.forEach((option, j) => {
        if (optionIds.has(option.id))
          ctx.addIssue({
            code: 'custom',
            path: ['questions', i, 'options', j, 'id'],
            message: `duplicate option id ${option.id}`,
          });
        optionIds.add(option.id);
      });
    });
    if (q.bands[0] && q.bands[0].minScore !== 0)
      ctx.addIssue({
        code: 'custom',
        path: ['bands', 0, 'minScore'],
        message: 'the first band must start at 0',
      });
    q.bands.forEach((band, i) => {
      const previous = q.bands[i - 1];
      if (!previous) return;
      if (band.minScore <= previous.minScore)
        ctx.addIssue({
          code: 'custom',
          path: ['bands', i, 'minScore'],
          message: 'each band must start above the previous one',
        });
      if (riskRank(band.level) <= riskRank(previous.level))
        ctx.addIssue({
          code: 'custom',
          path: ['bands', i, 'level'],
          message: 'each band must name a higher level than the previous one',
        });
    });
  })
  .meta({ id: 'RiskQuestionnaireContent' });
export type RiskQuestionnaireContent = z.infer<typeof RiskQuestionnaireContent>;
export type RiskQuestionnaireContentInput = z.input<typeof RiskQuestionnaireContent>;

/** One stored, versioned risk questionnaire. */
export const RiskQuestionnaire = z
  .object({ ...questionnaireFields, ...VersionFields.shape })
  .meta({ id: 'RiskQuestionnaire' });
export type RiskQuestionnaire = z.infer<typeof RiskQuestionnaire>;

export const RiskQuestionnaireList = z
  .object({ questionnaires: z.array(RiskQuestionnaire) })
  .meta({ id: 'RiskQuestionnaireList' });
export type RiskQuestionnaireList = z.infer<typeof RiskQuestionnaireList>;

/**
 * The published questionnaire as a user's session sees it: the questions and options without their
 * scores or the bands, so the answers are the user's own and not a way to a chosen level.
 */
export const PublishedRiskQuestionnaire = z
  .object({
    id: Slug,
    version: z.int().min(1),
    title: LocalizedText,
    validityDays: z.int(),
    questions: z.array(
      z.object({
        id: Slug,
        text: LocalizedText,
        options: z.array(z.object({ id: Slug, label: LocalizedText })),
      }),
    ),
  })
  .meta({ id: 'PublishedRiskQuestionnaire' });
export type PublishedRiskQuestionnaire = z.infer<typeof PublishedRiskQuestionnaire>;

/** A user's answers to one version of the published questionnaire: question id → option id. */
export const RiskAssessmentCreate = z
  .strictObject({
    questionnaireId: Slug,
    questionnaireVersion: VersionNumber,
    answers: z
      .record(Slug, Slug)
      .meta({ description: 'Question id → the chosen option id, one per question.' }),
  })
  .meta({ id: 'RiskAssessmentCreate' });
export type RiskAssessmentCreate = z.infer<typeof RiskAssessmentCreate>;

export const RiskAssessmentId = prefixedId('rsk').meta({ id: 'RiskAssessmentId' });

/** One answered question as it was scored. */
export const RiskAnswer = z
  .object({ questionId: Slug, optionId: Slug, score: z.int() })
  .meta({ id: 'RiskAnswer' });
export type RiskAnswer = z.infer<typeof RiskAnswer>;

/**
 * A user's assessed level, kept with the answers and the questionnaire version that produced it.
 * It stands for the user's level until `expiresAt`, over any level the partner's session claims.
 */
export const RiskAssessment = z
  .object({
    id: RiskAssessmentId,
    partnerId: z.string(),
    userId: z.string(),
    questionnaireId: Slug,
    questionnaireVersion: z.int().min(1),
    score: z.int().min(0),
    level: InvestorRiskLevel,
    answers: z.array(RiskAnswer),
    assessedAt: Timestamp,
    expiresAt: Timestamp,
  })
  .meta({ id: 'RiskAssessment' });
export type RiskAssessment = z.infer<typeof RiskAssessment>;

export const RiskAssessmentQuery = z.strictObject({
  partnerId: z.string().max(64).optional(),
  userId: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type RiskAssessmentQuery = z.infer<typeof RiskAssessmentQuery>;

export const RiskAssessmentList = z
  .object({ assessments: z.array(RiskAssessment) })
  .meta({ id: 'RiskAssessmentList' });
export type RiskAssessmentList = z.infer<typeof RiskAssessmentList>;
