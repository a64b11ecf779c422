import type { AdminIdentity, EmbedSessionClaims, Partner } from '@finlet/contracts';
import type { Logger } from 'pino';
import type { ConsoleSessionRecord } from '../console/store.js';
import type { IdempotencyClaim } from '../storage/store.js';

/** What authentication puts on the request context. */
export type Caller =
  | { kind: 'partner'; partner: Partner }
  | { kind: 'session'; partner: Partner; claims: EmbedSessionClaims }
  /** `console` is set when the admin signed in to the console (cookie) rather than sending the key. */
  | { kind: 'admin'; admin: AdminIdentity; console?: ConsoleSessionRecord };

export interface GatewayEnv {
  Variables: {
    requestId: string;
    caller: Caller | undefined;
    log: Logger | undefined;
    /** Largest body this gateway reads. */
    bodyLimit: number;
    /** The body once read (see `bodyText`). */
    bodyText: string | undefined;
    /** A session read sent as a CORS simple request, unwrapped (see `simpleRequest`). */
    simpleRequest: { token: string; body: unknown } | undefined;
    /**
     * The request's Idempotency-Key claim; `recorded` once the handler stored its response with it
     * in the transaction of its effects (see `recordIdempotentResponse`).
     */
    idempotency: { claim: IdempotencyClaim; recorded: boolean } | undefined;
  };
}
