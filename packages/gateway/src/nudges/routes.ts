import type { NudgeAccepted, NudgeList, Prefill } from '@finlet/contracts';
import { checkRiskLevel, investorLevelFrom, previewOffer } from '@finlet/engine';
import type { Context } from 'hono';
import { sessionCaller } from '../http/callers.js';
import type { GatewayEnv } from '../http/context.js';
import type { FeatureHandlers } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import type { GatewayDeps } from '../internal/deps.js';
import { newId } from '../internal/ids.js';
import { previewedOffer, previewNudge, previewSignals } from '../preview/scope.js';
import { nudgeAt } from '../signals/store.js';
import { overrideContext } from '../suitability-overrides/routes.js';

export function nudgeHandlers(deps: GatewayDeps) {
  async function act(c: Context<GatewayEnv>, id: string, status: 'dismissed' | 'accepted') {
    const { partner, claims } = sessionCaller(c);
    const now = deps.clock().toISOString();
    const current = await deps.store.nudges.get(partner.id, id);
    // Another user's nudge is indistinguishable from a missing one.
    if (!current || current.userId !== claims.sub || current.visibleFrom > now)
      throw new HttpProblem('not_found', { detail: `No nudge ${id}.` });
    const updated = await deps.store.transaction((tx) =>
      tx.nudges.act({
        partnerId: partner.id,
        userId: claims.sub,
        id,
        status,
        at: now,
        actionId: newId('nda'),
        requestId: c.get('requestId') ?? null,
      }),
    );
    if (!updated) {
      const latest = nudgeAt((await deps.store.nudges.get(partner.id, id)) ?? current, now);
      throw new HttpProblem('nudge_not_active', { detail: `The nudge is ${latest.status}.` });
    }
    return { nudge: updated, claims };
  }

  return {
    listNudges: async (c) => {
      const { partner, claims } = sessionCaller(c);
      if (claims.pvw) {
        // A preview: the nudge the previewed version would raise for the token's samples, never stored.
        const at = deps.clock();
        const offer = await previewedOffer(deps, claims);
        const { nudge } = previewOffer({
          offer,
          signals: claims.sig ?? {},
          events: previewSignals(claims, claims.pvw.evt, at),
          scenario: claims.scn,
          partnerId: partner.id,
          now: at,
        });
        const preview: NudgeList = {
          nudges: nudge
            ? [previewNudge(nudge, { partnerId: partner.id, userId: claims.sub, jti: claims.jti, now: at })]
            : [],
        };
        return c.json(preview, 200, { 'cache-control': 'no-store' });
      }
      const now = deps.clock().toISOString();
      const body: NudgeList = { nudges: await deps.store.nudges.listForUser(partner.id, claims.sub, now) };
      return c.json(body);
    },
    dismissNudge: async (c, { params }) => c.json((await act(c, params.id, 'dismissed')).nudge),
    acceptNudge: async (c, { params }) => {
      const { partner, claims } = sessionCaller(c);
      const pending = await deps.store.nudges.get(partner.id, params.id);
      const published =
        pending?.userId === claims.sub
          ? (await deps.publishedOffers.list()).find((o) => o.id === pending.offer.id)
          : undefined;
      // A rated product is pre-filled only within the user's valid level (or the override they
      // recorded), as everywhere else: the nudge's own flag is not trusted to still hold.
      const risk =
        published?.riskLevel !== undefined
          ? checkRiskLevel(
              published,
              investorLevelFrom(claims.sig),
              await overrideContext(
                deps.store,
                deps.suitabilityOverride,
                partner.id,
                claims.sub,
                published.id,
              ),
            )
          : undefined;
      // Above the level (an assessment taken since the nudge was raised): the nudge stays active and
      // nothing is pre-filled; <finlet-offers> says why in words.
      if (risk?.met === false && risk.code === 'above_risk_level') {
        throw new HttpProblem('above_risk_level', {
          detail: risk.reason?.[claims.loc ?? 'zh-CN'] ?? 'above_risk_level',
        });
      }
      const { nudge } = await act(c, params.id, 'accepted');
      if (risk?.met === false) {
        // No valid assessment: accepting means taking it; the product comes after, within the level.
        const lapsed = await deps.store.riskAssessments.latest(partner.id, claims.sub);
        const body: NudgeAccepted = {
          next: 'risk_assessment',
          nudge,
          assessment: { required: true, reason: lapsed ? 'assessment_expired' : 'no_assessment' },
        };
        return c.json(body);
      }
      const prefill: Prefill = {
        ...(claims.pre ?? {}),
        ...(nudge.amount ? { amount: nudge.amount } : {}),
      };
      const body: NudgeAccepted = {
        next: 'apply',
        nudge,
        apply: { offerId: nudge.offer.id, offerVersion: published?.version ?? nudge.offer.version, prefill },
      };
      return c.json(body);
    },
  } satisfies FeatureHandlers;
}
