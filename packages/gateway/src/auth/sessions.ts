import {
  type EmbedSessionClaims,
  EmbedSessionClaims as EmbedSessionClaimsSchema,
  type EmbedSessionCreate,
  type PreviewClaim,
  SESSION_TOKEN_TYPE,
} from '@finlet/contracts';
import { decodeJwt, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { z } from 'zod';
import { HttpProblem } from '../http/problem.js';
import { newId } from '../internal/ids.js';
import type { SigningKeys } from './signing-keys.js';

export interface SessionIssuerOptions {
  issuer: string;
  keys: SigningKeys;
  defaultTtlSeconds: number;
  /** Longest session minted; a request for longer gets this (at most `SESSION_TTL_SECONDS.max`). */
  maxTtlSeconds: number;
  /** Seconds of clock skew tolerated between the gateway instances and the partner's clock. */
  clockToleranceSeconds: number;
  /**
   * Longest lifetime (`exp − iat`) a token may claim, default 900 s. Checked on verification too, so
   * a token signed with a leaked key cannot be made to last a year.
   */
  maxLifetimeSeconds?: number;
}

export const DEFAULT_MAX_SESSION_LIFETIME_SECONDS = 900;

export async function mintSessionToken(
  options: SessionIssuerOptions,
  partnerId: string,
  input: z.output<typeof EmbedSessionCreate>,
  now: Date,
  /** Only the admin preview endpoint sets it; a partner's embed-session body never can (strict schema). */
  preview?: PreviewClaim,
): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
  const { kid, privateKey } = await options.keys.signingKey();
  const iat = Math.floor(now.getTime() / 1000);
  // Clamped rather than refused: a partner asking for long sessions still gets one, and `expiresAt`
  // tells it the real end (the widgets refresh from it).
  const exp = iat + Math.min(input.ttlSeconds ?? options.defaultTtlSeconds, options.maxTtlSeconds);
  const sessionId = newId('ses');
  const claims = {
    scn: input.scenario,
    ...(input.signals ? { sig: input.signals } : {}),
    ...(input.prefill ? { pre: input.prefill } : {}),
    ...(input.locale ? { loc: input.locale } : {}),
    ...(input.origin ? { org: input.origin } : {}),
    ...(preview ? { pvw: preview } : {}),
  };
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid, typ: SESSION_TOKEN_TYPE })
    .setIssuer(options.issuer)
    .setAudience(partnerId)
    .setSubject(input.userId)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(sessionId)
    .sign(privateKey);
  return { token, expiresAt: new Date(exp * 1000), sessionId };
}

/**
 * Verifies a widget's session token. The audience is read first (unverified) only to find which
 * partner to verify against; the signature, issuer, audience, type, algorithm and times are then
 * all checked by jose. `alg: none`, HS256 and any other algorithm are refused by the allow-list.
 */
export async function verifySessionToken(
  options: SessionIssuerOptions,
  token: string,
  now: Date,
): Promise<EmbedSessionClaims> {
  let audience: string;
  try {
    const aud = decodeJwt(token).aud;
    if (typeof aud !== 'string') throw new Error('aud must be a single partner id');
    audience = aud;
  } catch (error) {
    throw new HttpProblem('invalid_token', { detail: 'The session token is malformed.', cause: error });
  }
  try {
    const { payload, protectedHeader } = await jwtVerify(token, options.keys.resolver, {
      algorithms: ['ES256'],
      issuer: options.issuer,
      audience,
      typ: SESSION_TOKEN_TYPE,
      requiredClaims: ['exp', 'iat', 'jti', 'sub'],
      clockTolerance: options.clockToleranceSeconds,
      currentDate: now,
    });
    if (
      typeof payload.iat === 'number' &&
      payload.iat > now.getTime() / 1000 + options.clockToleranceSeconds
    ) {
      throw new HttpProblem('invalid_token', { detail: 'The session token was issued in the future.' });
    }
    const maxLifetime = options.maxLifetimeSeconds ?? DEFAULT_MAX_SESSION_LIFETIME_SECONDS;
    if (
      typeof payload.exp !== 'number' ||
      typeof payload.iat !== 'number' ||
      payload.exp - payload.iat > maxLifetime + options.clockToleranceSeconds
    ) {
      throw new HttpProblem('invalid_token', {
        detail: `The session token lives longer than the ${maxLifetime} s this gateway accepts.`,
      });
    }
    // A rotated-out key verifies what it signed before its retirement, never a token made after it
    // (a rotation is how a leaked signing key is shut out).
    const retiredAt = protectedHeader.kid === undefined ? null : options.keys.retiredAt(protectedHeader.kid);
    if (
      retiredAt !== null &&
      typeof payload.iat === 'number' &&
      payload.iat * 1000 > retiredAt + options.clockToleranceSeconds * 1000
    ) {
      throw new HttpProblem('invalid_token', {
        detail: 'The session token was signed by a retired key after its retirement.',
      });
    }
    const parsed = EmbedSessionClaimsSchema.safeParse(payload);
    if (!parsed.success)
      throw new HttpProblem('invalid_token', { detail: 'The session token claims are invalid.' });
    // Only the admin preview endpoint mints `pvw`, always for a `preview:` subject.
    if (parsed.data.pvw && !parsed.data.sub.startsWith('preview:'))
      throw new HttpProblem('invalid_token', { detail: 'The session token claims are invalid.' });
    return parsed.data;
  } catch (error) {
    if (error instanceof HttpProblem) throw error;
    if (error instanceof joseErrors.JWTExpired) {
      throw new HttpProblem('session_expired', {
        detail: 'The session token has expired; mint a new one on your server.',
        cause: error,
      });
    }
    throw new HttpProblem('invalid_token', {
      detail: 'The session token could not be verified.',
      cause: error,
    });
  }
}

/**
 * Remembers tokens whose signature was already verified, until they expire. A widget sends the
 * same token with every call for its whole life, so the ECDSA check runs once per session instead
 * of once per request. Expiry is still checked against the clock on every use.
 */
export class VerifiedSessions {
  private readonly entries = new Map<string, EmbedSessionClaims>();

  constructor(
    private readonly options: SessionIssuerOptions,
    private readonly maxEntries = 20_000,
  ) {}

  async verify(token: string, now: Date): Promise<EmbedSessionClaims> {
    const hit = this.entries.get(token);
    if (hit) {
      if (hit.exp + this.options.clockToleranceSeconds <= now.getTime() / 1000) {
        this.entries.delete(token);
        throw new HttpProblem('session_expired', {
          detail: 'The session token has expired; mint a new one on your server.',
        });
      }
      return hit;
    }
    const claims = await verifySessionToken(this.options, token, now);
    if (this.entries.size >= this.maxEntries) {
      // Map keeps insertion order: drop the oldest tenth.
      let drop = Math.ceil(this.maxEntries / 10);
      for (const key of this.entries.keys()) {
        if (drop-- <= 0) break;
        this.entries.delete(key);
      }
    }
    this.entries.set(token, claims);
    return claims;
  }
}
