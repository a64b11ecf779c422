import type {
  AgentGrant,
  AgentGrantList,
  Application,
  ApplicationCreate,
  ApplicationReplyCreate,
  ChatMessageRequest,
  ChatPart,
  Consent,
  ConsentCreate,
  Conversation,
  ConversationEvent,
  DisclosureReceipt,
  DisclosureReceiptCreate,
  HandoffUserState,
  Health,
  HealthCheckReport,
  HealthCheckRequest,
  Locale,
  Nudge,
  NudgeAccepted,
  NudgeList,
  OfferMatchRequest,
  OfferMatchResult,
  PublishedRiskQuestionnaire,
  RiskAssessment,
  RiskAssessmentCreate,
  RouteQuote,
  RouteQuoteRequestInput,
  SimpleRequestEnvelope,
  SuitabilityAcknowledgement,
  SuitabilityAcknowledgementInput,
} from '@finlet/contracts';
import { FinletValidationError } from './errors.js';
import { type CallInit, createHttp, type HttpHooks, type Schema } from './http.js';
import { isSessionError, type SessionState, type SessionTokenSource, SessionTokens } from './session.js';
import { readServerSentEvents } from './sse.js';

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
  /**
   * Send the reads a page makes first (the offers' match) as CORS simple requests: the token in a
   * `text/plain` body instead of the `Authorization` header, so the browser sends them without a
   * preflight. For browsers calling a gateway on another origin; off by default.
   */
  simpleRequests?: boolean;
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
    /**
     * Answers the bank's question (the application is `more_info_needed`); the application goes
     * back to the bank under review. Not retried: a second answer to the same question is refused
     * with `no_question_pending`.
     */
    reply(id: string, input: ApplicationReplyCreate): Promise<Application>;
  };
  readonly portfolio: {
    /**
     * The health check (基金健诊) of the session user's holdings: those the partner sent as the
     * trusted `portfolio.holdings` signal and those in `request.holdings`. Changes nothing: retried.
     */
    healthCheck(request?: HealthCheckRequest): Promise<HealthCheckReport>;
  };
  readonly disclosures: {
    /** Records that these offers' disclosures were shown to the session user (compliance evidence). */
    record(input: DisclosureReceiptCreate): Promise<DisclosureReceipt>;
  };
  readonly nudges: {
    /** The session user's nudges (proactive offers), newest first. */
    list(): Promise<Nudge[]>;
    dismiss(id: string): Promise<Nudge>;
    /** Accepts a nudge; `apply` is what `<finlet-apply>` needs to open pre-filled. */
    accept(id: string): Promise<NudgeAccepted>;
  };
  readonly agentGrants: {
    /** The session user's active AI-agent grants (what the user may revoke), newest first. */
    list(): Promise<AgentGrant[]>;
    /** Revokes one of the session user's grants: the agent's next call is refused. */
    revoke(id: string): Promise<AgentGrant>;
  };
  readonly suitability: {
    /**
     * Records the user's "I understand this product exceeds my risk level" for an offer version the
     * match marked `overridable`; the same `idempotencyKey` (generated when omitted) is reused for every retry.
     */
    acknowledge(
      input: SuitabilityAcknowledgementInput,
      options?: { idempotencyKey?: string },
    ): Promise<SuitabilityAcknowledgement>;
    /** The bank's published risk questionnaire: questions and options, in zh-CN and en, without scores. */
    questionnaire(): Promise<PublishedRiskQuestionnaire>;
    /**
     * Submits the user's answers (question id → option id) to the published version; answers the
     * assessed level and when it expires. The same `idempotencyKey` (generated when omitted) is
     * reused for every retry.
     */
    assess(input: RiskAssessmentCreate, options?: { idempotencyKey?: string }): Promise<RiskAssessment>;
    /** The user's current valid assessment; a `FinletApiError` with code `no_risk_assessment` when none. */
    current(): Promise<RiskAssessment>;
  };
  readonly routes: {
    /** Every sensible way to move the money, with costs and arrival times; changes nothing, so it is retried. */
    quote(request: RouteQuoteRequestInput): Promise<RouteQuote>;
    /** A quote made earlier in this session (until it expires). */
    getQuote(id: string): Promise<RouteQuote>;
  };
  readonly chat: {
    /**
     * Asks the advisor; yields the answer's parts as they stream (text, citations, offer cards,
     * route tables, hand-offs), ending with `done` or `error`. With a model behind the gateway, a
     * `replace` part means: drop what this answer showed so far, the parts after it are the answer.
     * Abort `signal` to stop it.
     * @example
     * for await (const part of client.chat.send({ text: '我想借20万进货' })) {
     *   if (part.type === 'replace') output.replaceChildren();
     *   if (part.type === 'text') output.append(part.delta);
     * }
     */
    send(request: ChatMessageRequest, options?: { signal?: AbortSignal }): AsyncGenerator<ChatPart>;
    /** The session user's conversation (to restore the history after a reload). */
    get(id: string): Promise<Conversation>;
    /** Deletes the conversation and its messages for good. */
    delete(id: string): Promise<void>;
    /**
     * The conversation's live events after a hand-off to a person (queue state, the agent's
     * messages, typing). Stored events carry `id`: pass the last one as `lastEventId` when you
     * reconnect and nothing is missed. Ends when the gateway closes the stream or `signal` aborts.
     */
    events(
      id: string,
      options?: { lastEventId?: number; signal?: AbortSignal },
    ): AsyncGenerator<{ id?: number; event: ConversationEvent }>;
    /** Leaves the queue (while waiting) or ends the conversation with the person; the advisor answers again. */
    endHandoff(id: string): Promise<HandoffUserState>;
  };
  health(): Promise<Health>;
  /** A derived client: same session unless a new token source is given. */
  extend(options: Partial<ClientOptions>): FinletClient;
}

/** How each answer is checked: the contracts' zod schemas, or `unchecked()` for small bundles. */
export interface ClientSchemas {
  AgentGrant: Schema<AgentGrant>;
  AgentGrantList: Schema<AgentGrantList>;
  Application: Schema<Application>;
  Consent: Schema<Consent>;
  Health: Schema<Health>;
  OfferMatchResult: Schema<OfferMatchResult>;
  Nudge: Schema<Nudge>;
  NudgeList: Schema<NudgeList>;
  NudgeAccepted: Schema<NudgeAccepted>;
  RouteQuote: Schema<RouteQuote>;
  ChatPart: Schema<ChatPart>;
  DisclosureReceipt: Schema<DisclosureReceipt>;
  HealthCheckReport: Schema<HealthCheckReport>;
  SuitabilityAcknowledgement: Schema<SuitabilityAcknowledgement>;
  Conversation: Schema<Conversation>;
  ConversationEvent: Schema<ConversationEvent>;
  HandoffUserState: Schema<HandoffUserState>;
  PublishedRiskQuestionnaire: Schema<PublishedRiskQuestionnaire>;
  RiskAssessment: Schema<RiskAssessment>;
}

/** The client with answers checked by `schemas`; `createClient` passes the contracts' schemas. */
export function createClientWith(
  schemas: ClientSchemas,
  options: ClientOptions,
  shared?: SessionTokens,
): FinletClient {
  const { Application, Consent, Health, OfferMatchResult, Nudge, NudgeList, NudgeAccepted, RouteQuote } =
    schemas;
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

  /**
   * Sends with the session's token; when the gateway refuses it as lapsed or revoked between check
   * and use, refreshes once and sends once more.
   */
  async function withSession<R>(send: (token: string | undefined) => Promise<R>): Promise<R> {
    const token = await session.current();
    try {
      return await send(token);
    } catch (error) {
      if (!isSessionError(error) || !session.canRefresh) throw error;
      return send(session.getToken() !== token ? session.getToken() : await session.refresh());
    }
  }

  function authed<T>(schema: Schema<T>, init: CallInit & { simple?: true }): Promise<T> {
    return withSession((t) =>
      call(
        schema,
        init.simple && options.simpleRequests && t
          ? // `text` goes as `text/plain;charset=UTF-8` (fetch's default for a string): no preflight.
            { ...init, text: JSON.stringify({ token: t, body: init.body } satisfies SimpleRequestEnvelope) }
          : { ...init, headers: { ...init.headers, ...(t ? { authorization: `Bearer ${t}` } : {}) } },
      ),
    );
  }

  const noContent: Schema<void> = { safeParse: () => ({ success: true, data: undefined }) };

  /** Opens a Server-Sent Events stream with the session token, refreshing it once if refused. */
  function authedStream(init: CallInit, signal?: AbortSignal): Promise<Response> {
    return withSession((t) =>
      call.stream(
        {
          ...init,
          headers: {
            ...init.headers,
            accept: 'text/event-stream',
            ...(t ? { authorization: `Bearer ${t}` } : {}),
          },
        },
        signal,
      ),
    );
  }

  async function* chatParts(request: ChatMessageRequest, signal?: AbortSignal): AsyncGenerator<ChatPart> {
    const response = await authedStream(
      { method: 'post', path: '/v1/chat/messages', body: request, retrySafe: false },
      signal,
    );
    if (!response.body) return;
    for await (const event of readServerSentEvents(response.body, signal)) {
      // `done` or `error` is the last part; the stream is read to its end (the gateway closes it
      // right after), so browsers do not report the request as cancelled.
      yield streamed(schemas.ChatPart, event.data, 'The advisor streamed a part');
    }
  }

  async function* conversationEvents(
    id: string,
    lastEventId: number | undefined,
    signal?: AbortSignal,
  ): AsyncGenerator<{ id?: number; event: ConversationEvent }> {
    const response = await authedStream(
      {
        method: 'get',
        path: `/v1/chat/conversations/${encodeURIComponent(id)}/events`,
        headers: {
          accept: 'text/event-stream',
          ...(lastEventId !== undefined ? { 'last-event-id': String(lastEventId) } : {}),
        },
        retrySafe: true,
      },
      signal,
    );
    if (!response.body) return;
    for await (const sse of readServerSentEvents(response.body, signal)) {
      yield {
        ...(sse.id !== undefined && /^\d+$/.test(sse.id) ? { id: Number(sse.id) } : {}),
        event: streamed(schemas.ConversationEvent, sse.data, 'The conversation stream sent an event'),
      };
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
          simple: true,
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
      reply: (id, input) =>
        authed(Application, {
          method: 'post',
          path: `/v1/applications/${encodeURIComponent(id)}/reply`,
          body: input,
          retrySafe: false,
        }),
    },
    portfolio: {
      healthCheck: (request = {}) =>
        authed(schemas.HealthCheckReport, {
          method: 'post',
          path: '/v1/portfolio/health-check',
          body: request,
          retrySafe: true,
        }),
    },
    disclosures: {
      // Not retried blindly: a retry would record the showing twice.
      record: (input) =>
        authed(schemas.DisclosureReceipt, {
          method: 'post',
          path: '/v1/disclosures',
          body: input,
          retrySafe: false,
        }),
    },
    nudges: {
      list: async () =>
        (await authed(NudgeList, { method: 'get', path: '/v1/nudges', retrySafe: true })).nudges,
      // Dismissing or accepting twice answers 409 the second time: not retried blindly.
      dismiss: (id) =>
        authed(Nudge, {
          method: 'post',
          path: `/v1/nudges/${encodeURIComponent(id)}/dismiss`,
          retrySafe: false,
        }),
      accept: (id) =>
        authed(NudgeAccepted, {
          method: 'post',
          path: `/v1/nudges/${encodeURIComponent(id)}/accept`,
          retrySafe: false,
        }),
    },
    agentGrants: {
      list: async () =>
        (
          await authed(schemas.AgentGrantList, {
            method: 'get',
            path: '/v1/agent-grants',
            retrySafe: true,
          })
        ).grants,
      // Revoking twice answers the same revoked grant: safe to retry.
      revoke: (id) =>
        authed(schemas.AgentGrant, {
          method: 'delete',
          path: `/v1/agent-grants/${encodeURIComponent(id)}`,
          retrySafe: true,
        }),
    },
    suitability: {
      acknowledge: (input, opts = {}) =>
        authed(schemas.SuitabilityAcknowledgement, {
          method: 'post',
          path: '/v1/suitability/acknowledgements',
          body: input,
          headers: { 'idempotency-key': opts.idempotencyKey ?? crypto.randomUUID() },
          retrySafe: true,
        }),
      questionnaire: () =>
        authed(schemas.PublishedRiskQuestionnaire, {
          method: 'get',
          path: '/v1/suitability/questionnaire',
          retrySafe: true,
        }),
      assess: (input, opts = {}) =>
        authed(schemas.RiskAssessment, {
          method: 'post',
          path: '/v1/suitability/assessments',
          body: input,
          headers: { 'idempotency-key': opts.idempotencyKey ?? crypto.randomUUID() },
          retrySafe: true,
        }),
      current: () =>
        authed(schemas.RiskAssessment, {
          method: 'get',
          path: '/v1/suitability/assessment',
          retrySafe: true,
        }),
    },
    routes: {
      quote: (request) =>
        authed(RouteQuote, { method: 'post', path: '/v1/routes/quote', body: request, retrySafe: true }),
      getQuote: (id) =>
        authed(RouteQuote, {
          method: 'get',
          path: `/v1/routes/quotes/${encodeURIComponent(id)}`,
          retrySafe: true,
        }),
    },
    chat: {
      send: (request, opts = {}) => chatParts(request, opts.signal),
      get: (id) =>
        authed(schemas.Conversation, {
          method: 'get',
          path: `/v1/chat/conversations/${encodeURIComponent(id)}`,
          retrySafe: true,
        }),
      delete: (id) =>
        authed(noContent, {
          method: 'delete',
          path: `/v1/chat/conversations/${encodeURIComponent(id)}`,
          retrySafe: true,
        }),
      events: (id, opts = {}) => conversationEvents(id, opts.lastEventId, opts.signal),
      // Ending twice answers 409 the second time: not retried blindly.
      endHandoff: (id) =>
        authed(schemas.HandoffUserState, {
          method: 'post',
          path: `/v1/chat/conversations/${encodeURIComponent(id)}/handoff/end`,
          body: {},
          retrySafe: false,
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

/** One streamed event's data, parsed and checked; `what` starts the error message ("The advisor streamed a part"). */
function streamed<T>(schema: Schema<T>, data: string, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (error) {
    throw new FinletValidationError(`${what} that is not JSON.`, [], error);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new FinletValidationError(
      `${what} that does not match the contract: ${parsed.error.issues[0]?.message ?? ''}`,
      parsed.error.issues,
    );
  }
  return parsed.data;
}
