import { type EmbedSessionClaims, INVESTOR_RISK_LEVEL_SIGNAL } from '@finlet/contracts';
import { assessmentValid } from '@finlet/engine';
import type { RiskAssessmentStore } from './store.js';

/**
 * The verified session's claims with the user's valid assessed level in its trusted signals: the
 * bank's own assessment stands over the level the partner signed (`investor.risk_level`); without
 * a valid one (none, or expired) the partner's signal stays as it was. Every path that reads the
 * level from the session's signals (offers, applications, chat, agents) sees it so. A preview
 * session keeps the signals the previewer chose. `assessments` is the store or its cached reader
 * (`LatestAssessments`).
 */
export async function withAssessedLevel(
  assessments: Pick<RiskAssessmentStore, 'latest'>,
  partnerId: string,
  claims: EmbedSessionClaims,
  now: Date,
): Promise<EmbedSessionClaims> {
  if (claims.pvw) return claims;
  const assessment = await assessments.latest(partnerId, claims.sub);
  if (!assessment || !assessmentValid(assessment, now)) return claims;
  return { ...claims, sig: { ...claims.sig, [INVESTOR_RISK_LEVEL_SIGNAL]: assessment.level } };
}
