import { isFinletApiError } from './errors.js';

export type SessionTokenSource = () => Promise<
  string | { token: string; expiresAt?: string | Date | undefined }
>;

export interface SessionState {
  token: string | undefined;
  expiresAt: Date | undefined;
}

/** Refresh this long before `expiresAt`, so a call never leaves with a token about to lapse. */
export const REFRESH_MARGIN_MS = 30_000;

/**
 * Holds the widget session token. Refreshes through `fetchSessionToken` shortly before expiry and
 * after a `session_expired`/`invalid_token` answer, with one refresh in flight however many calls ask.
 */
export class SessionTokens {
  private state: SessionState;
  private inflight: Promise<string> | undefined;
  private readonly listeners = new Set<(state: SessionState) => void>();

  constructor(
    initial: SessionState,
    private source: SessionTokenSource | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.state = initial;
  }

  get canRefresh(): boolean {
    return this.source !== undefined;
  }

  /** Sets or replaces how fresh tokens are fetched (e.g. configured after the first element rendered). */
  setSource(source: SessionTokenSource | undefined): void {
    this.source = source;
  }

  getToken(): string | undefined {
    return this.state.token;
  }

  getExpiresAt(): Date | undefined {
    return this.state.expiresAt;
  }

  /**
   * Sets the token. When the token says how long it lives (`iat` and `exp`), its expiry is counted
   * on this machine's clock from now, so a clock that is minutes off the gateway's neither refreshes
   * in a loop nor lets the token lapse; otherwise `expiresAt` (or `exp`) is taken as given.
   */
  setToken(token: string, expiresAt?: string | Date): void {
    const claims = decodeClaims(token);
    const lifetime =
      typeof claims?.iat === 'number' && typeof claims.exp === 'number' && claims.exp > claims.iat
        ? (claims.exp - claims.iat) * 1000
        : undefined;
    const local =
      lifetime !== undefined
        ? new Date(this.now() + lifetime)
        : expiresAt !== undefined
          ? new Date(expiresAt)
          : undefined;
    this.state = { token, expiresAt: local };
    for (const listener of this.listeners) listener(this.state);
  }

  onChange(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The token to send now: refreshed first when missing or about to expire (if a source exists). */
  async current(): Promise<string | undefined> {
    const { token, expiresAt } = this.state;
    const stale = !token || (expiresAt !== undefined && expiresAt.getTime() - this.now() < REFRESH_MARGIN_MS);
    if (stale && this.source) return this.refresh();
    return token;
  }

  /** Fetches a new token; concurrent callers share the same refresh. */
  refresh(): Promise<string> {
    if (!this.source) return Promise.reject(new Error('no fetchSessionToken configured'));
    this.inflight ??= (async () => {
      try {
        const fresh = await this.source!();
        const token = typeof fresh === 'string' ? fresh : fresh.token;
        const expiresAt =
          typeof fresh === 'string' ? decodeExpiry(fresh) : (fresh.expiresAt ?? decodeExpiry(fresh.token));
        this.setToken(token, expiresAt);
        return token;
      } finally {
        this.inflight = undefined;
      }
    })();
    return this.inflight;
  }
}

/** Whether an error means "get a new session token and try again". */
export function isSessionError(error: unknown): boolean {
  return (
    isFinletApiError(error) &&
    error.status === 401 &&
    (error.code === 'session_expired' || error.code === 'invalid_token')
  );
}

/** Reads a JWT's claims without verifying them (the gateway verifies; this only schedules refreshes). */
export function decodeClaims(
  token: string,
): { iat?: unknown; exp?: unknown; [claim: string]: unknown } | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
    const json: unknown = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))),
    );
    return typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads `exp` from a JWT without verifying it (the gateway verifies; this only schedules refreshes). */
export function decodeExpiry(token: string): Date | undefined {
  const exp = decodeClaims(token)?.exp;
  return typeof exp === 'number' ? new Date(exp * 1000) : undefined;
}

/**
 * The session a client uses: `shared` when given (the page's elements share one), else a new one
 * from the options' token and token source.
 */
export function sessionFor(
  options: {
    token?: string | undefined;
    expiresAt?: string | Date | undefined;
    fetchSessionToken?: SessionTokenSource | undefined;
  },
  shared?: SessionTokens,
): SessionTokens {
  return (
    shared ??
    new SessionTokens(
      {
        token: options.token,
        expiresAt: options.expiresAt === undefined ? undefined : new Date(options.expiresAt),
      },
      options.fetchSessionToken,
    )
  );
}
