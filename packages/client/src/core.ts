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
  OperationId,
  PublishedRiskQuestionnaire,
  RiskAssessment,
  RiskAssessmentCreate,
  RouteLine,
  RouteQuote,
  RouteQuoteRequestInput,
  SuitabilityAcknowledgement,
  SuitabilityAcknowledgementInput,
} from '@finlet/contracts';
import {
  acceptNudge,
  acknowledgeSuitability,
  checkPortfolioHealth,
  createApplication,
  createConsent,
  createRiskAssessment,
  deleteConversation,
  dismissNudge,
  endHandoff,
  getApplication,
  getConsent,
  getConversation,
  getRiskAssessment,
  getRiskQuestionnaire,
  getRouteQuote,
  health,
  listAgentGrants,
  listNudges,
  matchOffers,
  quoteRoutes,
  recordDisclosures,
  replyToApplication,
  revokeAgentGrant,
  sendChatMessage,
  streamConversationEvents,
  withdrawConsent,
} from '@finlet/contracts/route-table';
import { createCall } from './call.js';
import { type HttpAuth, type HttpHooks, parseAnswer, type Schema, unchecked } from './http.js';
import type { SessionState, SessionTokenSource, SessionTokens, SessionTokens as Tokens } from './session.js';
import { sessionFor } from './session.js';

/** Sends the session's token, and after an expired-session answer refreshes it once and retries. */
export function sessionAuth(session: Tokens): HttpAuth {
  return {
    token: () => session.current(),
    refresh: (refused) => {
      if (!session.canRefresh) return undefined;
      // Another call may have refreshed it between this call's send and its refusal.
      const now = session.getToken();
      return now !== refused ? now : session.refresh();
    },
  };
}

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

/**
 * The schema an answer (or a streamed event) of a route line is checked against; none, and it is
 * taken as it comes. The checking entry maps the lines to `ClientSchemas`, so the unchecked bundle
 * carries neither the schemas nor their names.
 */
export type SchemaOf = (line: OperationId | RouteLine) => Schema<unknown> | undefined;

/** The widget-session client, its answers checked by `schemaOf` when given. */
export function createSessionClient(
  options: ClientOptions,
  shared?: SessionTokens,
  schemaOf?: SchemaOf,
): FinletClient {
  const session = sessionFor(options, shared);
  if (options.onTokenChange) session.onChange(options.onTokenChange);
  // By their lines, not their ids: the bundle carries the routes it calls and no names.
  const call = createCall({
    gateway: options.gateway,
    timeout: options.timeout,
    retryLimit: options.retry?.limit,
    fetch: options.fetch,
    headers: options.locale ? { 'accept-language': options.locale } : undefined,
    hooks: options.hooks,
    auth: sessionAuth(session),
    simpleRequests: options.simpleRequests,
    check: schemaOf,
  });

  const eventStream = { accept: 'text/event-stream' };

  /** The events of an open stream, each checked with `schema`, with their ids. */
  async function* events<T>(
    response: Response,
    schema: Schema<T> = unchecked(),
    signal: AbortSignal | undefined = undefined,
  ): AsyncGenerator<{ id?: number; event: T }> {
    if (!response.body) return;
    // Only a page with a chat or a live status reads streams: the reader loads with the first one.
    const { readServerSentEvents } = await import('./sse.js');
    for await (const sse of readServerSentEvents(response.body, signal)) {
      yield {
        ...(sse.id !== undefined && /^\d+$/.test(sse.id) ? { id: Number(sse.id) } : {}),
        event: parseAnswer(sse.data, schema),
      };
    }
  }

  async function* chatParts(request: ChatMessageRequest, signal?: AbortSignal): AsyncGenerator<ChatPart> {
    const response = await call.stream(sendChatMessage, { body: request, headers: eventStream, signal });
    // `done` or `error` is the last part; the stream is read to its end (the gateway closes it
    // right after), so browsers do not report the request as cancelled.
    for await (const { event } of events(response, schemaOf?.(sendChatMessage) as Schema<ChatPart>, signal)) {
      yield event;
    }
  }

  async function* conversationEvents(id: string, lastEventId: number | undefined, signal?: AbortSignal) {
    const response = await call.stream(streamConversationEvents, {
      params: { id },
      headers: {
        ...eventStream,
        ...(lastEventId !== undefined ? { 'last-event-id': String(lastEventId) } : {}),
      },
      signal,
    });
    yield* events(response, schemaOf?.(streamConversationEvents) as Schema<ConversationEvent>, signal);
  }

  const client: FinletClient = {
    options,
    session,
    offers: {
      match: (request = {}) => call(matchOffers, { body: request, retry: true }),
    },
    consents: {
      create: (input) => call(createConsent, { body: input }),
      get: (id) => call(getConsent, { params: { id } }),
      withdraw: (id) => call(withdrawConsent, { params: { id } }),
    },
    applications: {
      create: (input, opts = {}) =>
        call(createApplication, {
          body: input,
          idempotencyKey: opts.idempotencyKey,
        }),
      get: (id) => call(getApplication, { params: { id } }),
      reply: (id, input) => call(replyToApplication, { params: { id }, body: input }),
    },
    portfolio: {
      healthCheck: (request = {}) => call(checkPortfolioHealth, { body: request, retry: true }),
    },
    disclosures: {
      // Not retried blindly: a retry would record the showing twice.
      record: (input) => call(recordDisclosures, { body: input }),
    },
    nudges: {
      list: async () => (await call(listNudges)).nudges,
      // Dismissing or accepting twice answers 409 the second time: not retried blindly.
      dismiss: (id) => call(dismissNudge, { params: { id } }),
      accept: (id) => call(acceptNudge, { params: { id } }),
    },
    agentGrants: {
      list: async () => (await call(listAgentGrants)).grants,
      // Revoking twice answers the same revoked grant: safe to retry.
      revoke: (id) => call(revokeAgentGrant, { params: { id } }),
    },
    suitability: {
      acknowledge: (input, opts = {}) =>
        call(acknowledgeSuitability, {
          body: input,
          idempotencyKey: opts.idempotencyKey,
        }),
      questionnaire: () => call(getRiskQuestionnaire),
      assess: (input, opts = {}) =>
        call(createRiskAssessment, {
          body: input,
          idempotencyKey: opts.idempotencyKey,
        }),
      current: () => call(getRiskAssessment),
    },
    routes: {
      quote: (request) => call(quoteRoutes, { body: request, retry: true }),
      getQuote: (id) => call(getRouteQuote, { params: { id } }),
    },
    chat: {
      send: (request, opts = {}) => chatParts(request, opts.signal),
      get: (id) => call(getConversation, { params: { id } }),
      delete: async (id) => {
        await call(deleteConversation, { params: { id } });
      },
      events: (id, opts = {}) => conversationEvents(id, opts.lastEventId, opts.signal),
      // Ending twice answers 409 the second time: not retried blindly.
      endHandoff: (id) => call(endHandoff, { params: { id }, body: {} }),
    },
    health: () => call(health),
    extend: (more) =>
      createSessionClient(
        { ...options, ...more },
        more.fetchSessionToken || more.token ? undefined : session,
        schemaOf,
      ),
  };
  return client;
}
