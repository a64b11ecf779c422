import { isIP } from 'node:net';
import type { GatewayConfig } from '@finlet/gateway';
import { Command, Option } from 'commander';
import { gatewayAssets } from '../internal/assets.js';
import { usageError } from '../internal/errors.js';
import { loadGateway } from '../internal/gateway.js';
import { type CliIo, Output, stopSignal, untilAborted } from '../internal/io.js';
import { resolveHost, resolvePort, type SettingOptions, withSettings } from '../internal/settings.js';
import { atRestWarnings, listening, open, requireMigrated } from '../internal/store.js';

export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function logLevelOption(fallback: LogLevel): Option {
  return new Option(
    '--log-level <level>',
    `request log level (env FINLET_LOG_LEVEL, default ${fallback})`,
  ).choices(LOG_LEVELS);
}

export function resolveLogLevel(
  flag: string | undefined,
  io: CliIo,
  fallback: LogLevel,
): false | Exclude<LogLevel, 'silent'> {
  const raw = flag ?? io.env.FINLET_LOG_LEVEL ?? fallback;
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) {
    throw usageError(`FINLET_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  }
  return raw === 'silent' ? false : (raw as Exclude<LogLevel, 'silent'>);
}

/** `FINLET_RATE_LIMIT_<BUCKET>` environment variables and the gateway's budget each sets. */
const RATE_LIMIT_ENV = {
  FINLET_RATE_LIMIT_PARTNER: 'partner',
  FINLET_RATE_LIMIT_USER: 'user',
  FINLET_RATE_LIMIT_CHAT_PARTNER: 'chatPartner',
  FINLET_RATE_LIMIT_CHAT_USER: 'chatUser',
  FINLET_RATE_LIMIT_ADMIN: 'admin',
  FINLET_RATE_LIMIT_IP: 'ip',
  FINLET_RATE_LIMIT_SIGN_IN: 'signIn',
  FINLET_RATE_LIMIT_SOCIAL_GROUP: 'socialGroup',
  FINLET_RATE_LIMIT_SOCIAL_MEMBER: 'socialMember',
} as const;

type RateLimitsConfig = Exclude<NonNullable<GatewayConfig['rateLimits']>, false>;

/** Rate limits from the environment: budgets as `<limit>/<window seconds>`, Redis, a trusted proxy. */
export function rateLimitConfig(env: CliIo['env']): RateLimitsConfig | undefined {
  const defaults: NonNullable<RateLimitsConfig['defaults']> = {};
  for (const [name, bucket] of Object.entries(RATE_LIMIT_ENV)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const match = /^\s*(\d{1,9})\s*\/\s*(\d{1,5})\s*$/.exec(raw);
    const limit = Number(match?.[1]);
    const windowSeconds = Number(match?.[2]);
    if (!match || limit < 1 || windowSeconds < 1 || windowSeconds > 86_400) {
      throw usageError(
        `${name} must be <requests>/<window seconds> such as 120/60 (window 1–86400 s), got "${raw.slice(0, 40)}"`,
      );
    }
    defaults[bucket] = { limit, windowSeconds };
  }
  const redis = env.FINLET_REDIS_URL;
  if (redis !== undefined && redis !== '' && !/^rediss?:\/\/./.test(redis)) {
    throw usageError('FINLET_REDIS_URL must be a redis:// or rediss:// URL');
  }
  const config: RateLimitsConfig = {
    ...(Object.keys(defaults).length > 0 ? { defaults } : {}),
    ...(redis ? { store: { kind: 'redis' as const, url: redis } } : {}),
  };
  return Object.keys(config).length > 0 ? config : undefined;
}

/** Settings for the gateway that a bank sets once per deployment, read from the environment. */
export function deploymentConfig(
  io: CliIo,
): Pick<
  GatewayConfig,
  | 'issuer'
  | 'bankName'
  | 'signingKey'
  | 'chat'
  | 'rateLimits'
  | 'connections'
  | 'maxSessionTtlSeconds'
  | 'webhooks'
> {
  const env = io.env;
  const rateLimits = rateLimitConfig(env);
  const connections = connectionLimits(env);
  const maxSession = env.FINLET_SESSION_MAX_SECONDS?.trim();
  if (maxSession && (!/^\d{1,4}$/.test(maxSession) || Number(maxSession) < 60 || Number(maxSession) > 900)) {
    throw usageError(`FINLET_SESSION_MAX_SECONDS must be whole seconds from 60 to 900, got "${maxSession}"`);
  }
  const webhooks = webhookConfig(env);
  return {
    ...(webhooks ? { webhooks } : {}),
    ...(rateLimits ? { rateLimits } : {}),
    ...(Object.keys(connections).length > 0 ? { connections } : {}),
    // Embed sessions may be made shorter than the 900 s ceiling (the default lifetime follows it down).
    ...(maxSession ? { maxSessionTtlSeconds: Number(maxSession) } : {}),
    ...(env.FINLET_ISSUER ? { issuer: env.FINLET_ISSUER } : {}),
    ...(env.FINLET_BANK_NAME ? { bankName: env.FINLET_BANK_NAME } : {}),
    ...(env.FINLET_SIGNING_KEY ? { signingKey: env.FINLET_SIGNING_KEY } : {}),
    // Optional OpenAI-compatible model for the advice chat (vLLM, Ollama, a hosted model).
    ...(env.FINLET_LLM_BASE_URL && env.FINLET_LLM_MODEL
      ? {
          chat: {
            llm: {
              baseURL: env.FINLET_LLM_BASE_URL,
              model: env.FINLET_LLM_MODEL,
              ...(env.FINLET_LLM_API_KEY ? { apiKey: env.FINLET_LLM_API_KEY } : {}),
              ...(Number(env.FINLET_LLM_TIMEOUT_MS) > 0
                ? { timeoutMs: Number(env.FINLET_LLM_TIMEOUT_MS) }
                : {}),
            },
          },
        }
      : {}),
  };
}

/**
 * How `finlet serve` stops on SIGTERM/SIGINT: FINLET_SHUTDOWN_DELAY_MS (0) between failing
 * readiness and closing the listener, FINLET_SHUTDOWN_TIMEOUT_MS (25000) for the whole stop.
 */
export function shutdownConfig(env: CliIo['env']): { drainDelayMs: number; timeoutMs: number } {
  const ms = (name: string, fallback: number, min: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    if (!/^\d{1,7}$/.test(raw) || Number(raw) < min)
      throw usageError(`${name} must be whole milliseconds of at least ${min}, got "${raw}"`);
    return Number(raw);
  };
  const drainDelayMs = ms('FINLET_SHUTDOWN_DELAY_MS', 0, 0);
  const timeoutMs = ms('FINLET_SHUTDOWN_TIMEOUT_MS', 25_000, 1);
  if (drainDelayMs >= timeoutMs)
    throw usageError(
      `FINLET_SHUTDOWN_DELAY_MS (${drainDelayMs}) must be shorter than FINLET_SHUTDOWN_TIMEOUT_MS (${timeoutMs})`,
    );
  return { drainDelayMs, timeoutMs };
}

/** Slow-client limits from the environment; absent ones keep the gateway's defaults. */
/**
 * The webhook worker of this instance: FINLET_WEBHOOKS_ALLOW_LOOPBACK=1 (a receiver on the same
 * host: loopback only, every other private address stays refused), FINLET_WEBHOOKS_WORKER=0 (this
 * instance only writes the outbox; others deliver), FINLET_WEBHOOKS_TIMEOUT_MS (one delivery's
 * deadline), FINLET_WEBHOOKS_LEASE_MARGIN_MS (how long past that deadline a claimed delivery stays
 * leased before another instance may take it over: longer means fewer double sends after a stall,
 * shorter means a crashed instance's deliveries resume sooner), FINLET_WEBHOOKS_CONCURRENCY.
 */
function webhookConfig(env: CliIo['env']): GatewayConfig['webhooks'] {
  const flag = (name: string): boolean | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    if (raw !== '1' && raw !== '0') throw usageError(`${name} must be 1 or 0, got "${raw.slice(0, 20)}"`);
    return raw === '1';
  };
  const bounded = (name: string, min: number, max: number): number | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    if (!/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max)
      throw usageError(`${name} must be a whole number from ${min} to ${max}, got "${raw.slice(0, 20)}"`);
    return Number(raw);
  };
  const allowLoopback = flag('FINLET_WEBHOOKS_ALLOW_LOOPBACK');
  const worker = flag('FINLET_WEBHOOKS_WORKER');
  const timeoutMs = bounded('FINLET_WEBHOOKS_TIMEOUT_MS', 1_000, 120_000);
  const leaseMarginMs = bounded('FINLET_WEBHOOKS_LEASE_MARGIN_MS', 1_000, 3_600_000);
  const concurrency = bounded('FINLET_WEBHOOKS_CONCURRENCY', 1, 256);
  const config = {
    ...(allowLoopback ? { allowLoopback: true } : {}),
    ...(worker === false ? { worker: false } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
    ...(leaseMarginMs ? { leaseMarginMs } : {}),
    ...(concurrency ? { concurrency } : {}),
  };
  return Object.keys(config).length > 0 ? config : undefined;
}

function connectionLimits(env: CliIo['env']): NonNullable<GatewayConfig['connections']> {
  const positive = (name: string): number | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    if (!/^\d+$/.test(raw) || Number(raw) < 1)
      throw usageError(`${name} must be a whole number above 0, got "${raw}"`);
    return Number(raw);
  };
  const headersTimeoutMs = positive('FINLET_HEADERS_TIMEOUT_MS');
  const requestTimeoutMs = positive('FINLET_REQUEST_TIMEOUT_MS');
  const maxPerClient = positive('FINLET_MAX_CONNECTIONS_PER_CLIENT');
  const proxies =
    env.FINLET_TRUSTED_PROXIES?.split(',')
      .map((p) => p.trim())
      .filter(Boolean) ?? [];
  for (const proxy of proxies) {
    const [address = '', prefix] = proxy.split('/');
    if (isIP(address) === 0 || (prefix !== undefined && !/^\d{1,3}$/.test(prefix)))
      throw usageError(`FINLET_TRUSTED_PROXIES: "${proxy}" is not an IP address or address/prefix`);
  }
  return {
    ...(headersTimeoutMs ? { headersTimeoutMs } : {}),
    ...(requestTimeoutMs ? { requestTimeoutMs } : {}),
    ...(maxPerClient ? { maxPerClient } : {}),
    ...(proxies.length > 0 ? { trustedProxies: proxies } : {}),
  };
}

interface ServeOptions extends SettingOptions {
  migrate?: boolean;
  logLevel?: string;
}

/**
 * `finlet serve`: the production gateway. Migrations are a deliberate step (`finlet migrate`), so
 * serve refuses a database with pending ones unless told `--migrate`.
 */
export function serveCommand(io: CliIo): Command {
  return withSettings(
    new Command('serve')
      .description('run the gateway (production); refuses to start while migrations are pending')
      .option('--migrate', 'apply pending migrations before starting')
      .addOption(logLevelOption('info'))
      .addHelpText(
        'after',
        `
Environment: FINLET_ISSUER (token issuer), FINLET_BANK_NAME, FINLET_SIGNING_KEY (P-256 private key,
JWK or PKCS#8 PEM; without it one key is generated and kept in the database), FINLET_MASTER_KEY or
FINLET_MASTER_KEY_FILE (32 bytes, base64 or hex: seals the signing key and webhook secrets at rest).
Slow clients: FINLET_HEADERS_TIMEOUT_MS (10000), FINLET_REQUEST_TIMEOUT_MS (30000),
FINLET_MAX_CONNECTIONS_PER_CLIENT (64), FINLET_TRUSTED_PROXIES (addresses or ranges, comma-separated).
FINLET_SESSION_MAX_SECONDS (longest embed session, 60–900, default 900).
Webhooks: FINLET_WEBHOOKS_ALLOW_LOOPBACK=1 delivers to 127.0.0.1/::1 too (a receiver on the same host);
FINLET_WEBHOOKS_WORKER=0 (this instance delivers nothing, others do), FINLET_WEBHOOKS_TIMEOUT_MS
(10000), FINLET_WEBHOOKS_LEASE_MARGIN_MS (30000: a delivery claimed by an instance that died is
taken over after the timeout plus this), FINLET_WEBHOOKS_CONCURRENCY (16).
Stopping (SIGTERM/SIGINT): readiness fails, requests in flight finish, streams end with a retry hint;
FINLET_SHUTDOWN_DELAY_MS (0: time for the load balancer to see /readyz fail before the listener
closes), FINLET_SHUTDOWN_TIMEOUT_MS (25000: connections still open then are cut).
Advice chat with a model (optional): FINLET_LLM_BASE_URL, FINLET_LLM_MODEL, FINLET_LLM_API_KEY,
FINLET_LLM_TIMEOUT_MS; the built-in advisor answers whenever the model fails or does not cite.`,
      ),
    ['port', 'host', 'dataDir', 'databaseUrl'],
  ).action(async (options: ServeOptions) => {
    const out = new Output(io, options.json === true);
    const port = resolvePort(options, io);
    const host = resolveHost(options, io);
    const logger = resolveLogLevel(options.logLevel, io, 'info');
    const deployment = deploymentConfig(io);
    const shutdown = shutdownConfig(io.env);
    const { store, where, location } = await open(options, io, { create: options.migrate === true });
    const stop = stopSignal(io);
    try {
      if (options.migrate) {
        const { applied } = await store.migrate();
        if (applied.length > 0) out.line(`applied ${applied.length} migrations on ${where}`);
      } else {
        await requireMigrated(store, where, ', or start with `finlet serve --migrate`');
      }
      const warnings = await atRestWarnings(store, 'dataDir' in location ? location.dataDir : undefined);
      if (deployment.webhooks?.allowLoopback) {
        warnings.push('FINLET_WEBHOOKS_ALLOW_LOOPBACK=1: webhooks may be delivered to 127.0.0.1 and ::1');
      }
      for (const warning of warnings) {
        if (out.json) out.event({ event: 'warning', message: warning });
        else out.note(`finlet: warning: ${warning}`);
      }
      const { startGateway } = await loadGateway();
      const running = await listening(host, port, () =>
        startGateway({
          store,
          port,
          host,
          logger,
          assets: gatewayAssets((line) => io.stderr.write(`${line}\n`)),
          ...deployment,
        }),
      );
      out.event({ event: 'listening', url: running.url, database: where });
      out.line(`Finlet gateway listening on ${running.url} (${where})`);
      await untilAborted(stop.signal);
      // Graceful: readiness fails, requests in flight finish, streams end with a retry hint.
      out.event({ event: 'draining' });
      const report = await running.shutdown(shutdown);
      out.event({ event: 'stopped', forced: report.forced, ms: report.ms });
      out.line(
        report.forced
          ? `Finlet gateway stopped after ${report.ms} ms (connections still open were cut)`
          : `Finlet gateway stopped after ${report.ms} ms`,
      );
    } finally {
      stop.dispose();
      await store.close().catch(() => {});
    }
  });
}
