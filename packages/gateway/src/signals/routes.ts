import type { SignalBatchResult } from '@finlet/contracts';
import { partnerCaller } from '../http/callers.js';
import type { FeatureHandlers } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import type { GatewayDeps } from '../internal/deps.js';
import { raiseNudges } from '../nudges/raise.js';

/** Signals may be stamped a little ahead of the gateway's clock (clock skew), not more. */
const FUTURE_SKEW_MS = 5 * 60_000;
/** Older signals could never meet a trigger window: refusing them keeps the table honest. */
const MAX_AGE_MS = 366 * 86_400_000;

export function signalHandlers(deps: GatewayDeps) {
  return {
    sendSignals: async (c, { body: { signals } }) => {
      const partner = partnerCaller(c);
      const now = deps.clock();
      // Every check before anything is stored: a refused batch leaves no trace.
      const foreign = signals.flatMap((s, i) =>
        s.partnerId !== undefined && s.partnerId !== partner.id
          ? [{ path: `signals.${i}.partnerId`, message: 'names another partner; send only your own users' }]
          : [],
      );
      if (foreign.length > 0) {
        throw new HttpProblem('subject_not_owned', {
          detail: `${foreign.length} signal(s) name users of another partner.`,
          errors: foreign,
        });
      }
      const outOfRange = signals.flatMap((s, i) => {
        const at = Date.parse(s.occurredAt);
        if (at > now.getTime() + FUTURE_SKEW_MS)
          return [{ path: `signals.${i}.occurredAt`, message: 'is in the future' }];
        if (at < now.getTime() - MAX_AGE_MS)
          return [{ path: `signals.${i}.occurredAt`, message: 'is more than a year old' }];
        return [];
      });
      if (outOfRange.length > 0) {
        throw new HttpProblem('invalid_request', {
          detail: `${outOfRange[0]?.path}: ${outOfRange[0]?.message}`,
          errors: outOfRange,
        });
      }
      const offers = await deps.publishedOffers.list();
      const result = await deps.store.transaction(async (tx) => {
        await tx.signals.lockSubjects(partner.id, [...new Set(signals.map((s) => s.subject))]);
        const stored = await tx.signals.insertMany(partner.id, signals, now.toISOString());
        // Only users with new signals are evaluated: a batch sent twice raises nothing the second time.
        const nudges = await raiseNudges(tx, {
          partnerId: partner.id,
          signals: stored,
          offers,
          now,
        });
        return { stored: stored.length, nudges };
      });
      if (result.nudges.length > 0) deps.webhooks?.notify();
      const body: SignalBatchResult = {
        accepted: result.stored,
        duplicates: signals.length - result.stored,
        nudges: result.nudges.map((n) => n.id),
      };
      return c.json(body, 200);
    },
  } satisfies FeatureHandlers;
}
