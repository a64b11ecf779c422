// The risk questionnaire as the preview gateway serves it: the shared test questionnaire, published
// as version 1, scored by the engine as the gateway scores it; assessments kept per story user.
import {
  type EmbedSessionClaims,
  PublishedRiskQuestionnaire,
  RiskAssessment,
  RiskAssessmentCreate,
  RiskQuestionnaireContent,
} from '@finlet/contracts';
import { assessmentExpiry, scoreAssessment } from '@finlet/engine';
import { riskQuestionnaire } from '@finlet/testing/fixtures';
import { PREVIEW_NOW } from './fixtures.js';

const published = { ...RiskQuestionnaireContent.parse(riskQuestionnaire), version: 1 };
const assessments = new Map<string, RiskAssessment>();

/** `GET /v1/suitability/questionnaire`: no scores, no bands. */
export function questionnaireFor(): PublishedRiskQuestionnaire {
  return PublishedRiskQuestionnaire.parse({
    ...published,
    questions: published.questions.map((q) => ({
      ...q,
      options: q.options.map(({ id, label }) => ({ id, label })),
    })),
  });
}

/** `GET /v1/suitability/assessment`: the story user's assessment, if they took it in this preview. */
export function currentAssessmentFor(claims: EmbedSessionClaims): RiskAssessment | undefined {
  return assessments.get(`${claims.aud}|${claims.sub}`);
}

/** `POST /v1/suitability/assessments`: the assessment, or the answers' issues. */
export function assessFor(
  claims: EmbedSessionClaims,
  body: unknown,
): { ok: true; assessment: RiskAssessment } | { ok: false; detail: string } {
  const input = RiskAssessmentCreate.parse(body);
  const outcome = scoreAssessment(published, input.answers);
  if (!outcome.ok) return { ok: false, detail: outcome.issues.map((i) => i.message).join('; ') };
  const assessment = RiskAssessment.parse({
    id: `rsk_storybook${String(assessments.size + 1).padStart(8, '0')}`,
    partnerId: claims.aud,
    userId: claims.sub,
    ...outcome.assessment,
    assessedAt: PREVIEW_NOW.toISOString(),
    expiresAt: assessmentExpiry(PREVIEW_NOW, published.validityDays).toISOString(),
  });
  assessments.set(`${claims.aud}|${claims.sub}`, assessment);
  return { ok: true, assessment };
}
