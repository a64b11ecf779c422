import {
  type EmbedSessionClaims,
  type Nudge,
  type Offer,
  PreviewSignal,
  type Signal,
  type Signals,
} from '@finlet/contracts';
import type { NudgeDecision } from '@finlet/engine';
import type { Context, MiddlewareHandler } from 'hono';
import { decodeJwt } from 'jose';
import type { GatewayEnv } from '../http/context.js';
import type { OperationId } from '../http/handler.js';
import { header } from '../http/headers.js';
import { HttpProblem } from '../http/problem.js';
import type { GatewayDeps } from '../internal/deps.js';

/**
 * The only operations a preview token may call: the reads the real widgets make to show the
 * previewed version. Everything else, above all anything that writes, answers `preview_only`.
 */
export const PREVIEW_OPERATIONS: ReadonlySet<OperationId> = new Set<OperationId>([
  'matchOffers',
  'listNudges',
  'sendChatMessage',
]);

/** Subject of preview tokens: `preview:<admin id>`, never a partner's user. */
export const PREVIEW_SUBJECT_PREFIX = 'preview:';

/** Preview tokens live 15 minutes. */
export const PREVIEW_TTL_SECONDS = 900;

/**
 * Refuses a preview token on every route outside {@link PREVIEW_OPERATIONS}, before authentication.
 * The claim is read unverified here: it can only make the gateway refuse, never let anything in
 * (routes that accept preview tokens read the verified claim).
 */
export function previewScope(operationId: OperationId): MiddlewareHandler<GatewayEnv> {
  const allowed = PREVIEW_OPERATIONS.has(operationId);
  return async function refusePreviewTokens(c, next) {
    if (!allowed) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header(c, 'authorization') ?? '');
      const token = match?.[1];
      if (token && token.split('.').length === 3 && hasPreviewClaim(token)) {
        throw new HttpProblem('preview_only', {
          detail: 'This is a preview token; nothing is submitted or stored with it.',
        });
      }
    }
    return next();
  };
}

function hasPreviewClaim(token: string): boolean {
  try {
    return decodeJwt(token).pvw !== undefined;
  } catch {
    return false;
  }
}

/** Loads the previewed version; a version deleted since the token was minted ends the preview. */
export async function previewedOffer(deps: GatewayDeps, claims: EmbedSessionClaims): Promise<Offer> {
  const pvw = claims.pvw;
  const offer = pvw ? await deps.store.offers.getVersion(pvw.offerId, pvw.version) : undefined;
  if (!offer) throw new HttpProblem('not_found', { detail: 'The previewed offer version no longer exists.' });
  return offer;
}

/** The published catalogue with the previewed offer replaced by (or added as) the previewed version. */
export function withPreviewed(published: readonly Offer[], previewed: Offer): Offer[] {
  return [...published.filter((o) => o.id !== previewed.id), previewed].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}

/**
 * The sample business signals of a preview as `Signal`s of the sample user. Without explicit
 * samples, a numeric `inventory.turnover_days` session signal counts as one observed now.
 */
export function previewSignals(
  claims: { sub: string; sig?: Signals | undefined },
  samples: readonly unknown[] | undefined,
  now: Date,
): Signal[] {
  const subject = claims.sub;
  if (samples && samples.length > 0) {
    return samples.flatMap((sample, i) => {
      const parsed = PreviewSignal.safeParse(sample);
      return parsed.success ? [{ ...parsed.data, id: `preview-${i + 1}`, subject } as Signal] : [];
    });
  }
  const days = claims.sig?.['inventory.turnover_days'];
  if (typeof days === 'number' && Number.isInteger(days) && days >= 0 && days <= 3650) {
    return [
      {
        id: 'preview-1',
        subject,
        type: 'inventory.turnover_days',
        occurredAt: now.toISOString(),
        data: { days },
      },
    ];
  }
  return [];
}

/** The would-be nudge as `GET /v1/nudges` shows it; its id is stable for one token. */
export function previewNudge(
  decision: NudgeDecision,
  input: { partnerId: string; userId: string; jti: string; now: Date },
): Nudge {
  const id = `ndg_pvw${input.jti
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(-24)
    .padStart(16, '0')}`;
  return {
    id,
    partnerId: input.partnerId,
    userId: input.userId,
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
  };
}

/** The gateway's own origin, from the request URL (the console page that embeds the widgets). */
export function ownOrigin(c: Context<GatewayEnv>): string {
  return new URL(c.req.url).origin;
}
