import type { AssessmentRequiredReason, Nudge, Offer, Signal } from '@finlet/contracts';
import { assessmentValid, evaluateNudges, type NudgeDecision } from '@finlet/engine';
import { newId } from '../internal/ids.js';
import type { Store } from '../storage/store.js';
import { emitWebhookEvent } from '../webhooks/outbox.js';

const DAY_MS = 86_400_000;
/** How far back signals and past nudges are read: the longest window, cool-down and week allowed. */
const LOOKBACK_MS = 366 * DAY_MS;

/**
 * Evaluates the published triggers for the users of the new `signals` and stores the nudges raised, each with its
 * `nudge.created` outbox event, in the caller's transaction. A nudge whose dedupe key exists (the
 * same signals evaluated again) is not stored twice.
 */
export async function raiseNudges(
  tx: Store,
  input: { partnerId: string; signals: readonly Signal[]; offers: readonly Offer[]; now: Date },
): Promise<Nudge[]> {
  const offers = input.offers.filter((o) => o.triggers && o.triggers.length > 0);
  if (offers.length === 0) return [];
  const since = new Date(input.now.getTime() - LOOKBACK_MS).toISOString();
  const raised: Nudge[] = [];
  // Only users whose new signals some trigger looks at can get a nudge.
  const watched = new Set(
    offers.flatMap((o) => (o.triggers ?? []).flatMap((t) => t.when.map((w) => w.signal))),
  );
  const userIds = [...new Set(input.signals.filter((s) => watched.has(s.type)).map((s) => s.subject))];
  if (userIds.length === 0) return [];
  const [signalsByUser, historyByUser] = [
    await tx.signals.recentForUsers(input.partnerId, userIds, since),
    await tx.nudges.historyForUsers(input.partnerId, userIds, since),
  ];
  const rated = offers.some((o) => o.riskLevel !== undefined);
  for (const userId of userIds) {
    const signals = signalsByUser.get(userId) ?? [];
    const history = historyByUser.get(userId) ?? [];
    // A rated product is nudged only within the level of the user's own valid assessment with the
    // bank (a partner's signal carries none): suitability is never guessed, and a user without one
    // gets no nudge for a rated product.
    // A user without one whose signal points to a rated product is asked to take it instead.
    const assessment = rated ? await tx.riskAssessments.latest(input.partnerId, userId) : undefined;
    const valid = assessment !== undefined && assessmentValid(assessment, input.now);
    const evaluation = evaluateNudges({
      offers,
      signals,
      history,
      partnerId: input.partnerId,
      now: input.now,
      investorLevel: valid ? assessment.level : undefined,
      assessmentExpired: assessment !== undefined && !valid,
    });
    const decisions: Array<NudgeDecision & { reason?: AssessmentRequiredReason }> = [
      ...evaluation.nudges,
      ...(evaluation.assessment ? [{ ...evaluation.assessment, amount: null }] : []),
    ];
    for (const decision of decisions) {
      const nudge: Nudge = {
        id: newId('ndg'),
        partnerId: input.partnerId,
        userId,
        offer: {
          id: decision.offer.id,
          version: decision.offer.version,
          name: { 'zh-CN': decision.offer.texts['zh-CN'].name, en: decision.offer.texts.en.name },
        },
        triggerId: decision.trigger.id,
        explanation: decision.explanation,
        amount: decision.amount,
        status: 'active',
        createdAt: input.now.toISOString(),
        visibleFrom: decision.visibleFrom.toISOString(),
        expiresAt: decision.expiresAt.toISOString(),
        actedAt: null,
        ...(decision.reason ? { suitability: { required: true, reason: decision.reason } } : {}),
      };
      if (!(await tx.nudges.insertIfNew({ nudge, dedupeKey: decision.dedupeKey }))) continue;
      await emitWebhookEvent(tx, {
        partnerId: input.partnerId,
        type: 'nudge.created',
        data: nudge,
        at: input.now,
        // Quiet hours hold back only the push to the partner; the in-page list shows it already.
        notBefore: decision.notifyFrom,
      });
      raised.push(nudge);
    }
  }
  return raised;
}
