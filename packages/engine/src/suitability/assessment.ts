import {
  type InvestorRiskLevel,
  type RiskAnswer,
  type RiskBand,
  type RiskQuestion,
  type RiskQuestionnaire,
  riskRank,
} from '@finlet/contracts';

/** What scoring reads of a questionnaire: its identity, questions and bands. */
export type ScoredQuestionnaire = Pick<RiskQuestionnaire, 'id' | 'version' | 'questions' | 'bands'>;

/** Why a set of answers cannot be scored, one entry per offending question. */
export interface AnswerIssue {
  questionId: string;
  code: 'missing' | 'unknown_question' | 'unknown_option';
  message: string;
}

export interface ScoredAssessment {
  questionnaireId: string;
  questionnaireVersion: number;
  score: number;
  level: InvestorRiskLevel;
  /** Every question in the questionnaire's order, with the option chosen and its points. */
  answers: RiskAnswer[];
}

export type AssessmentOutcome =
  | { ok: true; assessment: ScoredAssessment }
  | { ok: false; issues: AnswerIssue[] };

/**
 * The level a total score falls in: the last band whose `minScore` it reaches. Bands are sorted by
 * `minScore` and rise in level (the content schema refuses anything else); a score under every band
 * still gets the lowest.
 */
export function levelForScore(bands: readonly RiskBand[], score: number): InvestorRiskLevel {
  const sorted = [...bands].sort((a, b) => a.minScore - b.minScore || riskRank(a.level) - riskRank(b.level));
  let level = sorted[0]?.level ?? 'C1';
  for (const band of sorted) if (score >= band.minScore) level = band.level;
  return level;
}

/**
 * Scores a user's answers (question id → option id) against one questionnaire version: the sum of
 * the chosen options' points, mapped to a level by the bands. Every question needs exactly one
 * known option; any missing or unknown answer refuses the whole set, each with its reason.
 *
 * @example
 * const outcome = scoreAssessment(questionnaire, { horizon: 'over-5-years', loss: 'accept-20' });
 * if (outcome.ok) outcome.assessment.level; // 'C3'
 */
export function scoreAssessment(
  questionnaire: ScoredQuestionnaire,
  answers: Readonly<Record<string, string>>,
): AssessmentOutcome {
  const issues: AnswerIssue[] = [];
  const byId = new Map<string, RiskQuestion>(questionnaire.questions.map((q) => [q.id, q]));
  for (const questionId of Object.keys(answers)) {
    if (!byId.has(questionId))
      issues.push({
        questionId,
        code: 'unknown_question',
        message: `question ${questionId} is not in ${questionnaire.id} version ${questionnaire.version}`,
      });
  }
  const scored: RiskAnswer[] = [];
  for (const question of questionnaire.questions) {
    const optionId = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
    if (optionId === undefined) {
      issues.push({
        questionId: question.id,
        code: 'missing',
        message: `question ${question.id} is not answered`,
      });
      continue;
    }
    const option = question.options.find((o) => o.id === optionId);
    if (!option) {
      issues.push({
        questionId: question.id,
        code: 'unknown_option',
        message: `option ${optionId} is not an answer to question ${question.id}`,
      });
      continue;
    }
    scored.push({ questionId: question.id, optionId: option.id, score: option.score });
  }
  if (issues.length > 0) return { ok: false, issues };
  const score = scored.reduce((sum, a) => sum + a.score, 0);
  return {
    ok: true,
    assessment: {
      questionnaireId: questionnaire.id,
      questionnaireVersion: questionnaire.version,
      score,
      level: levelForScore(questionnaire.bands, score),
      answers: scored,
    },
  };
}

const DAY_MS = 86_400_000;

/** When an assessment made at `assessedAt` stops counting: `validityDays` whole days later. */
export function assessmentExpiry(assessedAt: Date, validityDays: number): Date {
  return new Date(assessedAt.getTime() + validityDays * DAY_MS);
}

/** Whether an assessment still counts at `now`: up to, not including, its expiry instant. */
export function assessmentValid(assessment: { expiresAt: string }, now: Date): boolean {
  return now.getTime() < new Date(assessment.expiresAt).getTime();
}
