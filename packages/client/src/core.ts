import type {
  Application,
  ApplicationCreate,
  Consent,
  ConsentCreate,
  Health,
  Locale,
  OfferMatchRequest,
  OfferMatchResult,
} from '@finlet/contracts';
import { type CallInit, createHttp, type HttpHooks, type Schema } from './http.js';
import { isSessionError, type SessionState, type SessionTokenSource, SessionTokens } from './session.js';

export interface ClientOptions {
  /** Base URL of the Finlet gateway, e.g. `https://finlet.bank.example`. */
  gateway: string;
  /** The embed-session token minted by your server. */
  token?: string;
  /** When `token` expires (read from the token itself when omitted). */
  expiresAt?: string | Date;
  /** Asks your server for a fresh session token; called shortly before expiry and after an expired-session answer. */
  fetchSessionToken?: SessionTokenSource;
  /** Told whenever the token changes (e.g. to share it with other tabs). */
  onTokenChange?: (state: SessionState) => void;
  /** Per-attempt timeout in ms (default 15 000). */
  timeout?: number;
  /** Retries of safe calls (default 2). */
  retry?: { limit?: number };
  fetch?: typeof fetch;
  /** Sent as Accept-Language. */
  locale?: Locale;
  hooks?: HttpHooks;
}

export interface FinletClient {
  readonly options: Readonly<ClientOptions>;
  readonly session: SessionTokens;
  readonly offers: {
    /** Ranked offers for the session's trusted signals, each criterion explained. Safe to retry: it changes nothing. */
    match(request?: OfferMatchRequest): Promise<OfferMatchResult>;
  };
  readonly consents: {
    create(input: ConsentCreate): Promise<Consent>;
    get(id: string): Promise<Consent>;
    withdraw(id: string): Promise<Consent>;
  };
  readonly applications: {
    /** Submits an application. The same `idempotencyKey` (generated when omitted) is reused for every retry. */
    create(input: ApplicationCreate, options?: { idempotencyKey?: string }): Promise<Application>;
    get(id: string): Promise<Application>;
  };
  health(): Promise<Health>;
  /** A derived client: same session unless a new token source is given. */
  extend(options: Partial<ClientOptions>): FinletClient;
}

/** How each answer is checked: the contracts' zod schemas, or `unchecked()` for small bundles. */
export interface ClientSchemas {
  Application: Schema<Application>;
  Consent: Schema<Consent>;
  Health: Schema<Health>;
  OfferMatchResult: Schema<OfferMatchResult>;
}

/** The client with answers checked by `schemas`; `createClient` passes the contracts' schemas. */
export function createClientWith(
  schemas: ClientSchemas,
  options: ClientOptions,
  shared?: SessionTokens,
): FinletClient {
  const { Application, Consent, Health, OfferMatchResult } = schemas;
  const session =
    shared ??
    new SessionTokens(
      {
        token: options.token,
        expiresAt: options.expiresAt === undefined ? undefined : new Date(options.expiresAt),
      },
      options.fetchSessionToken,
    );
  if (options.onTokenChange) session.onChange(options.onTokenChange);
  const call = createHttp({
    gateway: options.gateway,
    timeout: options.timeout,
    retryLimit: options.retry?.limit,
    fetch: options.fetch,
    headers: options.locale ? { 'accept-language': options.locale } : undefined,
    hooks: options.hooks,
  });

  async function authed<T>(schema: Schema<T>, init: CallInit): Promise<T> {
    const token = await session.current();
    const withToken = (t: string | undefined): CallInit => ({
      ...init,
      headers: { ...init.headers, ...(t ? { authorization: `Bearer ${t}` } : {}) },
    });
    try {
      return await call(schema, withToken(token));
    } catch (error) {
      if (!isSessionError(error) || !session.canRefresh) throw error;
      // The token lapsed or was revoked between check and use: refresh once, then retry once.
      const fresh = session.getToken() !== token ? session.getToken() : await session.refresh();
      return call(schema, withToken(fresh));
    }
  }

  const client: FinletClient = {
    options,
    session,
    offers: {
      match: (request = {}) =>
        authed(OfferMatchResult, {
          method: 'post',
          path: '/v1/offers/match',
          body: request,
          retrySafe: true,
        }),
    },
    consents: {
      create: (input) =>
        authed(Consent, { method: 'post', path: '/v1/consents', body: input, retrySafe: false }),
      get: (id) =>
        authed(Consent, { method: 'get', path: `/v1/consents/${encodeURIComponent(id)}`, retrySafe: true }),
      withdraw: (id) =>
        authed(Consent, {
          method: 'delete',
          path: `/v1/consents/${encodeURIComponent(id)}`,
          retrySafe: true,
        }),
    },
    applications: {
      create: (input, opts = {}) =>
        authed(Application, {
          method: 'post',
          path: '/v1/applications',
          body: input,
          headers: { 'idempotency-key': opts.idempotencyKey ?? crypto.randomUUID() },
          retrySafe: true,
        }),
      get: (id) =>
        authed(Application, {
          method: 'get',
          path: `/v1/applications/${encodeURIComponent(id)}`,
          retrySafe: true,
        }),
    },
    health: () => call(Health, { method: 'get', path: '/healthz', retrySafe: true }),
    extend: (more) =>
      createClientWith(
        schemas,
        { ...options, ...more },
        more.fetchSessionToken || more.token ? undefined : session,
      ),
  };
  return client;
}
