import { z } from 'zod';
import { Locale, Scenario, Signals, Timestamp } from './common.js';
import { Money } from './money.js';
import { Origin } from './partner.js';

/** Pseudonymous id the partner uses for its user: never a phone number, ID number or e-mail. */
export const PartnerUserId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, 'must be a pseudonymous id of letters, digits and . _ : -')
  .meta({ description: 'The partner’s pseudonymous id for its user or business.' });

/** Fields a partner already knows and may pre-fill into an application (display only, never trusted). */
export const Prefill = z
  .strictObject({
    amount: Money.optional(),
    termMonths: z.int().min(1).max(360).optional(),
    purpose: z.string().max(200).optional(),
    applicantName: z.string().max(120).optional(),
    businessName: z.string().max(200).optional(),
    phone: z.string().max(32).optional(),
    email: z.email().max(254).optional(),
  })
  .meta({ id: 'Prefill' });
export type Prefill = z.infer<typeof Prefill>;

/**
 * Lifetime of an embed session. A gateway may lower its maximum; a request for longer than the
 * gateway's maximum gets the maximum (`expiresAt` in the answer is authoritative).
 */
export const SESSION_TTL_SECONDS = { min: 60, default: 600, max: 900 } as const;

export const EmbedSessionCreate = z
  .strictObject({
    userId: PartnerUserId,
    scenario: Scenario,
    signals: Signals.optional(),
    prefill: Prefill.optional(),
    locale: Locale.optional(),
    origin: Origin.optional().meta({
      description:
        'Bind the token to one of the partner’s origins; widgets calling from elsewhere are refused.',
    }),
    ttlSeconds: z.int().min(SESSION_TTL_SECONDS.min).optional().meta({
      description:
        'Requested lifetime in seconds (default 600). Longer than the gateway’s maximum (900 at most) is lowered to it; `expiresAt` says when the token ends.',
    }),
  })
  .meta({ id: 'EmbedSessionCreate' });
export type EmbedSessionCreate = z.input<typeof EmbedSessionCreate>;

export const EmbedSession = z
  .object({
    token: z.string().meta({ description: 'ES256 JWT; widgets send it as `Authorization: Bearer <token>`.' }),
    expiresAt: Timestamp,
    sessionId: z.string(),
  })
  .meta({ id: 'EmbedSession' });
export type EmbedSession = z.infer<typeof EmbedSession>;

/** JOSE `typ` header of session tokens: a token minted for another purpose is never accepted as one. */
export const SESSION_TOKEN_TYPE = 'finlet-session+jwt';

/**
 * Marks a preview token, minted only by the gateway's admin preview endpoint (never by
 * `POST /v1/embed-sessions`, whose body is strict): the widgets see `offerId@version` as if it were
 * published, and nothing they do is stored. `evt` carries the sample business signals the
 * version's triggers are evaluated against (`OfferPreviewRequest.events`, checked when minted).
 */
export const PreviewClaim = z
  .strictObject({
    offerId: z.string().min(1).max(64),
    version: z.int().min(1),
    evt: z.array(z.unknown()).max(20).optional(),
  })
  .meta({ id: 'PreviewClaim' });
export type PreviewClaim = z.infer<typeof PreviewClaim>;

/** The claims inside an embed-session JWT. Short names keep the token small. */
export const EmbedSessionClaims = z
  .object({
    iss: z.string(),
    aud: z.string().meta({ description: 'The partner id the session belongs to.' }),
    sub: PartnerUserId,
    iat: z.int(),
    exp: z.int(),
    jti: z.string(),
    scn: Scenario,
    sig: Signals.optional(),
    pre: Prefill.optional(),
    loc: Locale.optional(),
    org: Origin.optional(),
    pvw: PreviewClaim.optional(),
  })
  .meta({ id: 'EmbedSessionClaims' });
export type EmbedSessionClaims = z.infer<typeof EmbedSessionClaims>;

/**
 * A widget's read sent as a CORS simple request (`Content-Type: text/plain`, no `Authorization`
 * header), so the browser sends it at once instead of asking the gateway first with a preflight.
 * The session token travels in the body, beside the route's own JSON body. Only routes marked
 * `simpleRequest` accept it; the token and the calling origin are checked as for the header.
 */
export const SimpleRequestEnvelope = z
  .strictObject({
    token: z.string().min(1).max(8192).meta({ description: 'The embed-session token.' }),
    body: z.unknown().meta({ description: 'The route’s JSON body, as it would be sent alone.' }),
  })
  .meta({ id: 'SimpleRequestEnvelope' });
export type SimpleRequestEnvelope = z.infer<typeof SimpleRequestEnvelope>;
