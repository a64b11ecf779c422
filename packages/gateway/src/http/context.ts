import type { AdminIdentity, EmbedSessionClaims, Partner } from '@finlet/contracts';
import type { Logger } from 'pino';

/** What authentication puts on the request context. */
export type Caller =
  | { kind: 'partner'; partner: Partner }
  | { kind: 'session'; partner: Partner; claims: EmbedSessionClaims }
  | { kind: 'admin'; admin: AdminIdentity };

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
