import { type EmbedSessionClaims, INVESTOR_RISK_LEVEL_SIGNAL } from '@finlet/contracts';
import type { Store } from '../storage/store.js';
import { currentAssessment } from './routes.js';

/**
 * The verified session's claims with the user's valid assessed level in its trusted signals: the
 * bank's own assessment stands over the level the partner signed (`investor.risk_level`); without
 * a valid one (none, or expired) the partner's signal stays as it was. Every path that reads the
 * level from the session's signals (offers, applications, chat, agents) sees it so. A preview
 * session keeps the signals the previewer chose.
 */
export async function withAssessedLevel(
  store: Store,
  partnerId: string,
  claims: EmbedSessionClaims,
  now: Date,
): Promise<EmbedSessionClaims> {
  if (claims.pvw) return claims;
  const assessment = await currentAssessment(store, partnerId, claims.sub, now);
  if (!assessment) return claims;
  return { ...claims, sig: { ...claims.sig, [INVESTOR_RISK_LEVEL_SIGNAL]: assessment.level } };
}
