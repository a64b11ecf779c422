import type { AdminIdentity, EmbedSessionClaims, Partner } from '@finlet/contracts';
import type { Logger } from 'pino';
import type { ConsoleSessionRecord } from '../console/store.js';

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
  };
}
