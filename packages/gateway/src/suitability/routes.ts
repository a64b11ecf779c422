import type {
  PublishedRiskQuestionnaire,
  RiskAssessment,
  RiskAssessmentList,
  RiskQuestionnaire,
} from '@finlet/contracts';
import { assessmentExpiry, assessmentValid, scoreAssessment } from '@finlet/engine';
import { contentKind, contentRoutes } from '../admin/versioned-routes.js';
import { sessionCaller } from '../http/callers.js';
import type { FeatureHandlers } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import type { GatewayDeps } from '../internal/deps.js';
import { newId } from '../internal/ids.js';
import type { Store } from '../storage/store.js';

/** The risk questionnaire as versioned content: written, reviewed and published like offers. */
export const riskQuestionnaireKind = (deps: GatewayDeps) =>
  // Read from the database on every use: nothing is cached.
  contentKind('RiskQuestionnaire', deps, {
    noun: 'risk questionnaire',
    versions: (s) => s.riskQuestionnaires,
    caches: [],
  });

/** The questionnaire users answer: the one published most recently. */
async function publishedQuestionnaire(store: Store): Promise<RiskQuestionnaire> {
  const [latest] = await store.riskQuestionnaires.listPublished();
  if (!latest)
    throw new HttpProblem('no_risk_questionnaire', {
      detail: 'The bank has published no risk questionnaire.',
    });
  return latest;
}

/** What a session sees of a questionnaire: no scores and no bands. */
function publicView(q: RiskQuestionnaire): PublishedRiskQuestionnaire {
  return {
    id: q.id,
    version: q.version,
    title: q.title,
    validityDays: q.validityDays,
    questions: q.questions.map((question) => ({
      id: question.id,
      text: question.text,
      options: question.options.map((o) => ({ id: o.id, label: o.label })),
    })),
  };
}

/**
 * The user's assessed level while it is valid, or undefined: the newest assessment supersedes any
 * earlier one, and an expired one counts as none.
 */
export async function currentAssessment(
  store: Store,
  partnerId: string,
  userId: string,
  now: Date,
): Promise<RiskAssessment | undefined> {
  const latest = await store.riskAssessments.latest(partnerId, userId);
  return latest && assessmentValid(latest, now) ? latest : undefined;
}

export function suitabilityHandlers(deps: GatewayDeps) {
  return {
    ...contentRoutes(deps, riskQuestionnaireKind(deps)),
    getRiskQuestionnaire: async (c) => {
      sessionCaller(c);
      return c.json(publicView(await publishedQuestionnaire(deps.store)), 200, {
        'cache-control': 'no-store',
      });
    },
    createRiskAssessment: async (c, { body }) => {
      const { partner, claims } = sessionCaller(c);
      const questionnaire = await publishedQuestionnaire(deps.store);
      if (questionnaire.id !== body.questionnaireId || questionnaire.version !== body.questionnaireVersion) {
        throw new HttpProblem('risk_questionnaire_outdated', {
          detail: `The published questionnaire is ${questionnaire.id} version ${questionnaire.version}; load it and answer again.`,
        });
      }
      const outcome = scoreAssessment(questionnaire, body.answers);
      if (!outcome.ok) {
        throw new HttpProblem('risk_answers_invalid', {
          detail: outcome.issues.map((i) => i.message).join('; '),
          errors: outcome.issues.map((i) => ({
            path: `answers.${i.questionId}`,
            message: i.message,
            code: i.code,
          })),
        });
      }
      const now = deps.clock();
      const assessment: RiskAssessment = {
        id: newId('rsk'),
        partnerId: partner.id,
        userId: claims.sub,
        ...outcome.assessment,
        assessedAt: now.toISOString(),
        expiresAt: assessmentExpiry(now, questionnaire.validityDays).toISOString(),
      };
      await deps.store.riskAssessments.insert(assessment);
      // Every instance's copy of the user's level goes (`LatestAssessments`) before the answer.
      await deps.caches.changed('assessments');
      return c.json(assessment, 201, { location: '/v1/suitability/assessment' });
    },
    getRiskAssessment: async (c) => {
      const { partner, claims } = sessionCaller(c);
      const current = await currentAssessment(deps.store, partner.id, claims.sub, deps.clock());
      if (!current)
        throw new HttpProblem('no_risk_assessment', {
          detail: 'No valid risk assessment: the user has not taken it, or it has expired.',
        });
      return c.json(current, 200, { 'cache-control': 'no-store' });
    },
    listRiskAssessments: async (c, { query }) => {
      // Who may read these, and what of the users, is `USER_DATA_ROUTES` (enforced before this).
      const body: RiskAssessmentList = {
        assessments: await deps.store.riskAssessments.list({
          ...(query.partnerId ? { partnerId: query.partnerId } : {}),
          ...(query.userId ? { userId: query.userId } : {}),
          limit: query.limit,
        }),
      };
      return c.json(body);
    },
    getRiskAssessmentRecord: async (c, { params }) => {
      // Who may read these, and what of the users, is `USER_DATA_ROUTES` (enforced before this).
      const found = await deps.store.riskAssessments.get(params.id);
      if (!found) throw new HttpProblem('not_found', { detail: `No risk assessment ${params.id}.` });
      return c.json(found);
    },
  } satisfies FeatureHandlers;
}
