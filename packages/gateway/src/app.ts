import { randomUUID } from 'node:crypto';
import {
  type CurrencyCode,
  DEFAULT_SUITABILITY_OVERRIDE_POLICY,
  ROUTES,
  type RouteSpec,
  SESSION_TTL_SECONDS,
  SuitabilityOverridePolicy,
  USER_DATA_ROUTES,
  type UserDataOperation,
} from '@finlet/contracts';
import { handleMcpRequest } from '@finlet/mcp';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { requestId } from 'hono/request-id';
import type { Logger } from 'pino';
import { adminHandlers, offerKind } from './admin/routes.js';
import { PublishScheduler } from './admin/scheduler.js';
import { type VersionedRecord, VersionWorkflow } from './admin/workflow.js';
import { agentGrantHandlers } from './agents/routes.js';
import { AgentTools } from './agents/toolbox.js';
import { replyHandlers } from './applications/reply.js';
import { applicationHandlers } from './applications/routes.js';
import { assessedLevel, authenticate } from './auth/authenticate.js';
import { CREDENTIAL_CACHE_MS, PartnerDirectory } from './auth/partner-directory.js';
import { VerifiedSessions } from './auth/sessions.js';
import { SIGNING_CLOCK_TOLERANCE_SECONDS, SigningKeys } from './auth/signing-keys.js';
import { userDataGuard } from './auth/user-data.js';
import { busFor, type EventBus } from './bus/bus.js';
import { CacheInvalidation, LIVE_CACHE_TTL_BOUNDS_MS, LIVE_CACHE_TTL_MS } from './bus/invalidation.js';
import { KnowledgeCatalog } from './chat/catalog.js';
import type { LlmConfig } from './chat/llm.js';
import { chatHandlers } from './chat/routes.js';
import { consentHandlers } from './consents/routes.js';
import { consoleHandlers } from './console/routes.js';
import { disclosureHandlers } from './disclosures/routes.js';
import { DeskStreams } from './handoffs/desk-stream.js';
import { handoffHandlers } from './handoffs/routes.js';
import { ConversationStreams } from './handoffs/stream.js';
import { routeInput } from './http/body.js';
import { type ConnectionLimits, connectionCap, proxyList } from './http/connections.js';
import type { GatewayEnv } from './http/context.js';
import { partnerCors } from './http/cors.js';
import type { Complete, Handlers } from './http/handler.js';
import { header } from './http/headers.js';
import { idempotency } from './http/idempotency.js';
import { Lifecycle } from './http/lifecycle.js';
import { HttpProblem } from './http/problem.js';
import { checkResponses, type ResponseCheck, type ResponseMismatch } from './http/responses.js';
import { simpleRequest } from './http/simple-request.js';
import type { GatewayDeps } from './internal/deps.js';
import { randomBase62 } from './internal/ids.js';
import { createLogger } from './internal/log.js';
import { type Clock, systemClock } from './internal/time.js';
import { RETIRED_SIGNING_KEY_SERVED_SECONDS } from './keys/lifecycle.js';
import { keyHandlers } from './keys/routes.js';
import { knowledgeHandlers, knowledgeKind } from './knowledge/routes.js';
import { nudgeHandlers } from './nudges/routes.js';
import { PublishedOffers } from './offers/published-offers.js';
import { offerHandlers } from './offers/routes.js';
import { operationHandlers } from './operations/routes.js';
import { portfolioHandlers } from './portfolio/routes.js';
import { previewHandlers } from './preview/routes.js';
import { previewScope } from './preview/scope.js';
import { type RateLimitDefaults, RateLimiter, type RateLimitStore } from './rate-limits/limiter.js';
import { rateLimit } from './rate-limits/middleware.js';
import { railAdminHandlers } from './routing/admin.js';
import { routeQuoteHandlers } from './routing/quotes.js';
import { sessionHandlers } from './sessions/routes.js';
import { signalHandlers } from './signals/routes.js';
import { socialHandlers } from './social/routes.js';
import type { Store } from './storage/store.js';
import { LatestAssessments } from './suitability/latest-assessments.js';
import { suitabilityHandlers } from './suitability/routes.js';
import { suitabilityOverrideHandlers } from './suitability-overrides/routes.js';
import { thesaurusHandlers } from './thesaurus/routes.js';
import { GATEWAY_VERSION } from './version.js';
import { webhookHandlers } from './webhooks/routes.js';
import { WebhookWorker, type WebhookWorkerOptions } from './webhooks/worker.js';
import { decisionHandlers } from './workspace/decisions.js';
import { bankFeedHandlers } from './workspace/feed-routes.js';
import { workspaceHandlers } from './workspace/routes.js';

export interface GatewayConfig {
  store: Store;
  /** `iss` of session tokens; defaults to `finlet-gateway`. All instances of one deployment share it. */
  issuer?: string;
  /** The bank named as recipient in consents. */
  bankName?: string;
  /** Private P-256 key (JWK JSON or PKCS#8 PEM). Without it, a key is generated once and kept in the database. */
  signingKey?: string;
  /** Lifetime of an embed session when the partner asks for none; default 600 s. */
  sessionTtlSeconds?: number;
  /** Longest embed session minted (longer requests get this); default and at most 900 s. */
  maxSessionTtlSeconds?: number;
  /**
   * How long an instance answers from its copy of partners and their keys; default and at most
   * 1000 ms, so a revocation or a disabled partner holds on every instance within 1 s.
   */
  credentialCacheMs?: number;
  /**
   * How long an instance answers from its copies (partners and keys, published offers, documents,
   * rail and FX tables) while its bus is live; default 30 s, from 1 s to 300 s. Every change is
   * sent to every instance over the bus, so this is only a safety net for a lost message.
   */
  cacheTtlMs?: number;
  /** Largest accepted request body; default 64 KiB. */
  bodyLimitBytes?: number;
  /** How long idempotency keys are kept; at least 24 h. */
  idempotencyTtlSeconds?: number;
  /**
   * How long a request holds its Idempotency-Key before a retry may take it over (default 10 s): the
   * longest a retry answers `idempotency_in_progress` after the gateway died mid-request.
   */
  idempotencyLeaseSeconds?: number;
  /** `false` for silence (tests), a level name, or a pino logger. */
  logger?: false | 'json' | 'debug' | 'info' | 'warn' | 'error' | Logger;
  clock?: Clock;
  /**
   * Extra GET routes serving fixed files (e.g. `/finlet.js`), path → { type, body }. A path ending in
   * `/*` serves the same file for everything under it (an app shell's deep links); exact paths win.
   * `headers` replace the cross-origin defaults (`access-control-allow-origin: *`) for a private page.
   */
  assets?: Record<
    string,
    {
      contentType: string;
      body: string | Uint8Array;
      cacheControl?: string;
      headers?: Record<string, string>;
    }
  >;
  /** Advice chat: the optional OpenAI-compatible model (its rate limits are under `rateLimits`). */
  chat?: { llm?: LlmConfig };
  /**
   * Rate limits on every route (docs/guides/rate-limits.md). `store` defaults to the database's
   * PostgreSQL pool (shared by every instance), or memory on SQLite; `defaults` replace the built-in
   * budgets per bucket; `timeoutMs` bounds a slow shared store (the request then passes, fail open);
   * Per-address budgets read the client's address through `connections.trustedProxies`.
   * `false` turns them off: for benchmarks of raw throughput only.
   */
  rateLimits?:
    | false
    | {
        store?: RateLimitStore;
        defaults?: Partial<RateLimitDefaults>;
        timeoutMs?: number;
        /**
         * A caller refused again in the same window (it ignored `Retry-After`) has its 429 held
         * this long, without work (default 250 ms; 0: answered at once).
         */
        repeatRefusalDelayMs?: number;
      };
  /**
   * Scheduled publishing: `false` runs no scheduler in this instance; `intervalMs` (default 5 s) is
   * how often it looks for due versions.
   */
  scheduler?: false | { intervalMs?: number };
  /**
   * Four eyes on applications: an approval above this amount (minor units, per currency) needs a
   * second, different reviewer. Default: above 500,000.00 CNY; a currency not listed needs none.
   */
  applications?: { fourEyesAbove?: Partial<Record<CurrencyCode, number>> };
  /**
   * Suitability overrides: when a user may still choose a product above their assessed risk level
   * after an explicit, recorded "I understand…" acknowledgement. Default
   * `DEFAULT_SUITABILITY_OVERRIDE_POLICY`: at most one level above, never for C1, never an R5
   * product; `{ allowed: false, … }` turns overrides off.
   */
  suitabilityOverride?: SuitabilityOverridePolicy;
  /**
   * Webhook delivery: `worker: false` runs no delivery worker in this instance (events still go to
   * the outbox); `allowLoopback` accepts endpoints on 127.0.0.1/::1 (dev and tests only). The
   * outbox worker's `clock` (default: the system clock, whatever `clock` above says) decides
   * when a held-back delivery is due, such as a `nudge.created` raised in quiet hours.
   */
  webhooks?: { worker?: boolean; allowLoopback?: boolean } & Pick<
    WebhookWorkerOptions,
    'pollIntervalMs' | 'timeoutMs' | 'concurrency' | 'retry' | 'owner' | 'leaseMarginMs' | 'clock'
  >;
  /**
   * Slow or greedy clients: header and request timeouts (10 s and 30 s by default; the request one
   * ends when the request is read, so chat streams are not cut) and the per-client connection cap (64).
   */
  connections?: ConnectionLimits;
  /**
   * Holds every answer to the route list's response schemas (tests, and dev when asked): `'log'`
   * logs a mismatch, `'strict'` also answers it with a 500 naming it. Off by default.
   */
  checkResponses?: ResponseCheck;
  /** Told of each mismatch `checkResponses` finds (a test harness fails the test on one). */
  onResponseMismatch?: (mismatch: ResponseMismatch) => void;
  /**
   * Messages between instances (live chat after a hand-off): by default PostgreSQL LISTEN/NOTIFY
   * on a PostgreSQL store, in-process on SQLite. Pass one to share it; the gateway then leaves
   * closing it to the caller.
   */
  bus?: EventBus;
  /** Users' live conversation streams: how often an idle stream sends a keep-alive and re-reads (15 s). */
  streams?: { heartbeatMs?: number };
}

export interface Gateway {
  app: Hono<GatewayEnv>;
  fetch: (request: Request) => Promise<Response>;
  /** Scheduled publishing of this instance (absent with `scheduler: false`); `tick()` runs it now. */
  scheduler: PublishScheduler | undefined;
  /** The bus this instance publishes and listens on. */
  bus: EventBus;
  /** This instance's open conversation streams. */
  streams: ConversationStreams;
  /** This instance's open desk streams (agents). */
  desks: DeskStreams;
  /** The MCP tools under agent grants (`finlet mcp` serves them over stdio). */
  agents: AgentTools;
  /** The limits this instance runs with, after defaults and caps. */
  settings: {
    credentialCacheMs: number;
    cacheTtlMs: number;
    sessionTtlSeconds: number;
    maxSessionTtlSeconds: number;
  };
  /** Cache invalidation across instances: `changed(topic)` after a change; `on(topic)` to watch. */
  caches: CacheInvalidation;
  /** Shutdown state: `drain()` fails readiness and closes connections after their response. */
  lifecycle: Lifecycle;
  /** This instance's logger (absent with `logger: false`). */
  log: Logger | undefined;
  close(): Promise<void>;
}

const INBOUND_REQUEST_ID = /^[\w.:=-]{1,128}$/;

/** Builds the gateway: every route of the contracts' route list, with its authentication. */
export async function createGateway(config: GatewayConfig): Promise<Gateway> {
  const clock = config.clock ?? systemClock;
  const log =
    config.logger === false
      ? undefined
      : typeof config.logger === 'object'
        ? config.logger
        : createLogger(config.logger === undefined || config.logger === 'json' ? 'info' : config.logger);
  // Rows written before a master key was configured (or under none) are sealed now, once, so no
  // secret stays in clear because nothing happened to rewrite its row; a value this key cannot open
  // stops the start here rather than at the first webhook.
  const resealed = await config.store.secrets.reseal();
  if (resealed > 0) log?.info({ resealed }, 'secrets sealed under the master key');
  if (config.store.secrets.masterKeyId === undefined) {
    log?.warn(
      'no master key (FINLET_MASTER_KEY or FINLET_MASTER_KEY_FILE): the signing key and webhook secrets are stored in clear',
    );
  }
  const maxSessionTtlSeconds = config.maxSessionTtlSeconds ?? SESSION_TTL_SECONDS.max;
  if (
    !Number.isInteger(maxSessionTtlSeconds) ||
    maxSessionTtlSeconds < SESSION_TTL_SECONDS.min ||
    maxSessionTtlSeconds > SESSION_TTL_SECONDS.max
  ) {
    throw new RangeError(
      `maxSessionTtlSeconds must be whole seconds from ${SESSION_TTL_SECONDS.min} to ${SESSION_TTL_SECONDS.max}`,
    );
  }
  const sessionTtlSeconds = Math.min(
    config.sessionTtlSeconds ?? SESSION_TTL_SECONDS.default,
    maxSessionTtlSeconds,
  );
  if (!Number.isInteger(sessionTtlSeconds) || sessionTtlSeconds < SESSION_TTL_SECONDS.min) {
    throw new RangeError(`sessionTtlSeconds must be whole seconds of at least ${SESSION_TTL_SECONDS.min}`);
  }
  const keys = new SigningKeys(config.store, config.signingKey, {
    retiredServedSeconds: RETIRED_SIGNING_KEY_SERVED_SECONDS,
  });
  await keys.init(clock());
  const cacheTtlMs = config.cacheTtlMs ?? LIVE_CACHE_TTL_MS;
  if (
    !Number.isInteger(cacheTtlMs) ||
    cacheTtlMs < LIVE_CACHE_TTL_BOUNDS_MS.min ||
    cacheTtlMs > LIVE_CACHE_TTL_BOUNDS_MS.max
  ) {
    throw new RangeError(
      `cacheTtlMs must be whole milliseconds from ${LIVE_CACHE_TTL_BOUNDS_MS.min} to ${LIVE_CACHE_TTL_BOUNDS_MS.max}`,
    );
  }
  const credentialCacheMs = Math.min(
    Math.max(0, config.credentialCacheMs ?? CREDENTIAL_CACHE_MS),
    CREDENTIAL_CACHE_MS,
  );
  const bus =
    config.bus ??
    (await busFor(config.store, {
      onError: (error) => log?.warn({ err: String(error) }, 'event bus connection lost; reconnecting'),
    }));
  const caches = new CacheInvalidation(bus, {
    liveTtlMs: cacheTtlMs,
    ...(config.store.changeStamp ? { changeStamp: config.store.changeStamp } : {}),
    onError: (error) => log?.warn({ err: String(error) }, 'cache invalidation not sent'),
  });
  const partners = new PartnerDirectory(config.store, () => caches.ttlMs(credentialCacheMs));
  caches.on('credentials', () => partners.invalidate());
  caches.on('signingKeys', () => keys.expire());
  const assessments = new LatestAssessments(config.store.riskAssessments, () => caches.ttlMs());
  caches.on('assessments', () => assessments.invalidate());
  const sessions = {
    issuer: config.issuer ?? 'finlet-gateway',
    keys,
    defaultTtlSeconds: sessionTtlSeconds,
    maxTtlSeconds: maxSessionTtlSeconds,
    // Verification refuses a token that lives longer than any this gateway mints (a key read off
    // disk cannot sign a year-long session).
    maxLifetimeSeconds: maxSessionTtlSeconds,
    clockToleranceSeconds: SIGNING_CLOCK_TOLERANCE_SECONDS,
  };
  const deps: GatewayDeps = {
    store: config.store,
    partners,
    sessions,
    keys,
    publishedOffers: new PublishedOffers(config.store, () => caches.ttlMs()),
    caches,
    clock,
    bankName: config.bankName ?? 'Finlet Demo Bank',
    version: GATEWAY_VERSION,
    idempotencyTtlSeconds: Math.max(config.idempotencyTtlSeconds ?? 86_400, 86_400),
    fourEyesAbove: config.applications?.fourEyesAbove ?? { CNY: 50_000_000 },
    suitabilityOverride: SuitabilityOverridePolicy.parse(
      config.suitabilityOverride ?? DEFAULT_SUITABILITY_OVERRIDE_POLICY,
    ),
    lifecycle: new Lifecycle(),
  };
  const { worker: runWorker = true, allowLoopback = false, ...workerOptions } = config.webhooks ?? {};
  const webhookWorker = runWorker
    ? new WebhookWorker({ ...workerOptions, store: config.store, allowLoopback, log })
    : undefined;
  deps.webhooks = { allowLoopback, notify: () => webhookWorker?.notify() };

  const bodyLimitBytes = config.bodyLimitBytes ?? 64 * 1024;
  const app = new Hono<GatewayEnv>();

  // A load balancer's inbound `x-request-id` is kept when it is safe to log; otherwise the gateway
  // makes one. Hono keeps letters, digits, `_-=`; the generator, called for anything else, also
  // keeps `.` and `:` (HAProxy's `unique-id-format` joins fields with them). The id is set on the
  // response before the handler runs, so it is part of the response Hono builds. The inbound header
  // is read from Node's parsed headers (`header`), not by Hono's middleware: `c.req.header()` would
  // build a WHATWG Headers object for every request.
  app.use(
    requestId({
      headerName: '',
      generator: (c) => {
        const inbound = header(c, 'x-request-id');
        return inbound && INBOUND_REQUEST_ID.test(inbound)
          ? inbound
          : `req_${randomUUID().replaceAll('-', '')}`;
      },
    }),
  );
  app.use(async function requestContext(c, next) {
    c.header('x-request-id', c.get('requestId'));
    c.set('log', log);
    c.set('bodyLimit', bodyLimitBytes);
    const started = performance.now();
    await next();
    log?.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        partnerId: partnerOf(c.get('caller')),
      },
      'request',
    );
  });
  app.use(deps.lifecycle.middleware());
  app.use(connectionCap(config.connections));
  app.use(partnerCors(partners));
  // A path the router knows under other methods is a 405 with `Allow` (Hono adds HEAD to GET),
  // not the 404 that `notFound` answered.
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        problemResponse(
          c,
          new HttpProblem('method_not_allowed', {
            detail: `${c.req.method} is not supported here; use ${methods.join(', ')}.`,
            headers: { allow: methods.join(', ') },
          }),
        ),
    }),
  );

  caches.on('offers', () => deps.publishedOffers.invalidate());
  const catalog = new KnowledgeCatalog(config.store, deps.publishedOffers, () => caches.ttlMs());
  caches.on('offers', () => catalog.invalidate());
  caches.on('knowledge', () => catalog.invalidate());
  const streams = new ConversationStreams({
    store: config.store,
    bus,
    log,
    ...(config.streams?.heartbeatMs ? { heartbeatMs: config.streams.heartbeatMs } : {}),
  });
  const desks = new DeskStreams({
    bus,
    ...(config.streams?.heartbeatMs ? { heartbeatMs: config.streams.heartbeatMs } : {}),
  });
  // A stopping instance ends its users' streams (each was told `retry:`), so they reconnect elsewhere.
  deps.lifecycle.streams.addEventListener(
    'abort',
    () => {
      streams.closeAll();
      desks.closeAll();
    },
    { once: true },
  );
  const handlers = {
    ...operationHandlers(deps),
    ...sessionHandlers(deps),
    ...offerHandlers(deps),
    ...portfolioHandlers(deps),
    ...consentHandlers(deps),
    ...disclosureHandlers(deps),
    ...suitabilityOverrideHandlers(deps),
    ...applicationHandlers(deps),
    ...adminHandlers(deps),
    ...keyHandlers(deps),
    ...consoleHandlers(deps),
    ...signalHandlers(deps),
    ...nudgeHandlers(deps),
    ...webhookHandlers(deps),
    ...knowledgeHandlers(deps),
    ...railAdminHandlers(deps),
    ...thesaurusHandlers(deps),
    ...suitabilityHandlers(deps),
    ...routeQuoteHandlers(deps),
    ...previewHandlers(deps),
    ...workspaceHandlers(deps),
    ...decisionHandlers(deps),
    ...bankFeedHandlers(deps),
    ...replyHandlers(deps),
    ...agentGrantHandlers(deps),
    ...chatHandlers(deps, {
      catalog,
      streams,
      ...(config.chat?.llm ? { llm: config.chat.llm } : {}),
    }),
    ...handoffHandlers(deps, { catalog, streams, desks }),
    ...socialHandlers(deps, {
      fetch: (request) => Promise.resolve(app.fetch(request)),
      // Built below, before the first request can reach a handler.
      limiter: () => limiter,
    }),
  } satisfies Handlers;
  // Spread members escape excess-property checks: a handler without a route fails here instead.
  const complete: Complete<typeof handlers> = true;
  void complete;
  const authDeps = {
    store: config.store,
    partners,
    sessions,
    verifiedSessions: new VerifiedSessions(sessions),
    clock,
    assessments,
  };
  const limits = config.rateLimits === false ? undefined : (config.rateLimits ?? {});
  const limiter =
    limits &&
    new RateLimiter({
      store:
        limits.store ??
        (config.store.pool ? { kind: 'postgres', pool: config.store.pool } : { kind: 'memory' }),
      ...(limits.defaults ? { defaults: limits.defaults } : {}),
      ...(limits.timeoutMs !== undefined ? { timeoutMs: limits.timeoutMs } : {}),
      log,
    });
  await limiter?.ready();
  const refusalDelay =
    limits && limits.repeatRefusalDelayMs !== undefined
      ? { repeatRefusalDelayMs: limits.repeatRefusalDelayMs }
      : {};
  const trustedProxies = proxyList(config.connections?.trustedProxies);
  for (const route of ROUTES) {
    // Each route meets its own handler; TypeScript cannot follow that correlation through the
    // union of routes, so the call is typed by what `routeInput` guarantees at run time.
    const handler = handlers[route.operationId] as (
      c: Context<GatewayEnv>,
      input: Awaited<ReturnType<typeof routeInput>>,
    ) => Promise<Response> | Response;
    const spec: RouteSpec = route;
    const path = route.path.replace(/\{(\w+)\}/g, ':$1');
    const chain = [
      ...(config.checkResponses
        ? [
            checkResponses(spec, {
              mode: config.checkResponses,
              log,
              ...(config.onResponseMismatch ? { onMismatch: config.onResponseMismatch } : {}),
            }),
          ]
        : []),
      ...(route.auth === 'none' ? [] : [previewScope(route.operationId)]),
      // Public endpoints count per client address before doing any work; console sign-in, which
      // checks an admin key, much more tightly.
      // Health checks are exempt: a balancer's probes answered 429 would take healthy instances out.
      ...(limiter && route.auth === 'none' && route.operationId !== 'health' && route.operationId !== 'ready'
        ? [
            rateLimit({
              by: 'ip',
              limiter,
              bucket: route.operationId === 'createConsoleSession' ? 'signIn' : 'ip',
              trustedProxies,
              ...refusalDelay,
            }),
          ]
        : []),
      ...(spec.simpleRequest ? [simpleRequest()] : []),
      authenticate(route.auth, authDeps),
      ...(limiter && route.auth !== 'none'
        ? [
            rateLimit({
              by: 'caller',
              limiter,
              family: route.operationId === 'sendChatMessage' ? 'chat' : 'api',
              ...refusalDelay,
            }),
          ]
        : []),
      ...(route.operationId in USER_DATA_ROUTES
        ? [userDataGuard(route.operationId as UserDataOperation)]
        : []),
      // Only once the request is within its budget: a refused one does no database work.
      ...(route.auth === 'session' || route.auth === 'sessionOrSecretKey' ? [assessedLevel(authDeps)] : []),
    ];
    if (spec.idempotencyKey === 'required') {
      chain.push(
        idempotency({
          store: config.store,
          clock,
          ttlSeconds: deps.idempotencyTtlSeconds,
          leaseSeconds: Math.max(config.idempotencyLeaseSeconds ?? 10, 1),
        }),
      );
    }
    const register = app.on.bind(app) as (
      method: string,
      path: string,
      ...h: MiddlewareHandler<GatewayEnv>[]
    ) => void;
    register(route.method.toUpperCase(), path, ...chain, async (c) => handler(c, await routeInput(c, spec)));
  }
  // Exact paths first: Hono answers with the first registered route that matches.
  const assets = Object.entries(config.assets ?? {}).sort(
    ([a], [b]) => Number(a.endsWith('/*')) - Number(b.endsWith('/*')),
  );
  // On the route rather than `app.use`: a request both an exact path and a `/*` path match is then
  // counted once, by the route that answers it.
  const assetLimit =
    limiter && rateLimit({ by: 'ip', limiter, bucket: 'ip', trustedProxies, ...refusalDelay });
  for (const [path, asset] of assets) {
    const serveAsset = (c: Context<GatewayEnv>) => {
      // A deep link names a page, never a file: an unknown `/console/x.js` is a 404, not the shell.
      if (path.endsWith('/*') && /\.[\w-]+$/.test(c.req.path)) {
        throw new HttpProblem('not_found', { detail: `No file ${c.req.path.slice(0, 200)}.` });
      }
      return c.body(typeof asset.body === 'string' ? asset.body : new Uint8Array(asset.body), 200, {
        'content-type': asset.contentType,
        'cache-control': asset.cacheControl ?? 'public, max-age=300',
        // Public files (the widget bundle) load as cross-origin module scripts from any partner page.
        ...(asset.headers ?? {
          'access-control-allow-origin': '*',
          'cross-origin-resource-policy': 'cross-origin',
        }),
        'x-content-type-options': 'nosniff',
      });
    };
    if (assetLimit) app.get(path, assetLimit, serveAsset);
    else app.get(path, serveAsset);
  }

  // MCP Streamable HTTP under an agent grant. Not in the route list: the MCP protocol is its own
  // contract (tools, schemas), and each tool call runs through the listed routes above.
  const agents = new AgentTools(
    deps,
    (request) => Promise.resolve(app.fetch(request)),
    async () =>
      (await config.store.knowledge.listPublished()).map(
        ({ id, version, kind, scenarios, productTypes, tags, texts }) => ({
          id,
          version,
          kind,
          scenarios,
          productTypes,
          tags,
          texts,
        }),
      ),
  );
  const serveMcp = async (c: Context<GatewayEnv>) => {
    const authorization = header(c, 'authorization');
    const token = authorization && /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    if (!token) {
      throw new HttpProblem('unauthorized', {
        detail: 'MCP calls need `Authorization: Bearer <agent grant token>`.',
        headers: { 'www-authenticate': 'Bearer' },
      });
    }
    const declared = Number(header(c, 'content-length'));
    if (Number.isFinite(declared) && declared > bodyLimitBytes) {
      throw new HttpProblem('payload_too_large', {
        detail: `Bodies are limited to ${bodyLimitBytes} bytes.`,
      });
    }
    const backend = await agents.open(token);
    c.get('log')?.debug({ requestId: c.get('requestId'), grantId: backend.grantId }, 'mcp');
    return handleMcpRequest(c.req.raw, backend, {
      version: GATEWAY_VERSION,
      context: () => ({ requestId: c.get('requestId') }),
    });
  };
  const mcpLimit = limiter && rateLimit({ by: 'ip', limiter, bucket: 'ip', trustedProxies, ...refusalDelay });
  if (mcpLimit) app.all('/mcp', mcpLimit, serveMcp);
  else app.all('/mcp', serveMcp);

  // Returned, not thrown: `methodNotAllowed` turns a plain 404 into a 405 where the path exists.
  app.notFound((c) =>
    problemResponse(
      c,
      new HttpProblem('not_found', { detail: `No route ${c.req.method} ${c.req.path.slice(0, 200)}.` }),
    ),
  );

  app.onError((error, c) => {
    const problem =
      error instanceof HttpProblem ? error : new HttpProblem('internal_error', { cause: error });
    if (!(error instanceof HttpProblem)) {
      c.get('log')?.error(
        {
          requestId: c.get('requestId'),
          err: { name: error.name, message: error.message, stack: error.stack },
        },
        'unhandled',
      );
    }
    return problemResponse(c, problem);
  });

  const purge = setInterval(() => {
    config.store.idempotency.purgeExpired(clock().toISOString()).catch((error: unknown) => {
      log?.warn({ err: String(error) }, 'idempotency purge failed');
    });
  }, 10 * 60_000);
  purge.unref();
  webhookWorker?.start();
  const scheduler =
    config.scheduler === false
      ? undefined
      : new PublishScheduler({
          workflows: [
            new VersionWorkflow(offerKind(deps), deps),
            new VersionWorkflow(knowledgeKind(deps), deps),
          ] as unknown as VersionWorkflow<VersionedRecord>[],
          log,
          ...(config.scheduler?.intervalMs ? { intervalMs: config.scheduler.intervalMs } : {}),
        });
  scheduler?.start();

  return {
    app,
    fetch: (request) => Promise.resolve(app.fetch(request)),
    scheduler,
    lifecycle: deps.lifecycle,
    log,
    bus,
    streams,
    desks,
    agents,
    caches,
    settings: { credentialCacheMs, cacheTtlMs, sessionTtlSeconds, maxSessionTtlSeconds },
    close: async () => {
      clearInterval(purge);
      await scheduler?.stop();
      await webhookWorker?.stop();
      await limiter?.close();
      streams.closeAll();
      desks.closeAll();
      caches.close();
      if (!config.bus) await bus.close();
    },
  };
}

/** A problem as `application/problem+json`, with the request id in its body and its header. */
function problemResponse(c: Context<GatewayEnv>, problem: HttpProblem): Response {
  const requestId = c.get('requestId') ?? `req_${randomBase62(20)}`;
  return c.body(JSON.stringify(problem.toProblem(requestId, c.req.path)), problem.status as 400, {
    ...problem.headers,
    'content-type': 'application/problem+json',
    'x-request-id': requestId,
  });
}

function partnerOf(caller: GatewayEnv['Variables']['caller']): string | undefined {
  if (!caller) return undefined;
  return caller.kind === 'admin' ? undefined : caller.partner.id;
}
