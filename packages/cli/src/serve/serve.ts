import type { GatewayConfig } from '@finlet/gateway';
import { Command, Option } from 'commander';
import { gatewayAssets } from '../internal/assets.js';
import { usageError } from '../internal/errors.js';
import { loadGateway } from '../internal/gateway.js';
import { type CliIo, Output, stopSignal, untilAborted } from '../internal/io.js';
import { resolveHost, resolvePort, type SettingOptions, withSettings } from '../internal/settings.js';
import { listening, open, requireMigrated } from '../internal/store.js';

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

/** Settings for the gateway that a bank sets once per deployment, read from the environment. */
export function deploymentConfig(
  io: CliIo,
): Pick<GatewayConfig, 'issuer' | 'bankName' | 'signingKey' | 'chat' | 'maxSessionTtlSeconds'> {
  const env = io.env;
  const maxSession = env.FINLET_SESSION_MAX_SECONDS?.trim();
  if (maxSession && (!/^\d{1,4}$/.test(maxSession) || Number(maxSession) < 60 || Number(maxSession) > 900)) {
    throw usageError(`FINLET_SESSION_MAX_SECONDS must be whole seconds from 60 to 900, got "${maxSession}"`);
  }
  return {
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
JWK or PKCS#8 PEM; without it one key is generated and kept in the database),
FINLET_SESSION_MAX_SECONDS (longest embed session, 60–900, default 900).
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
    const { store, where } = await open(options, io, { create: options.migrate === true });
    const stop = stopSignal(io);
    try {
      if (options.migrate) {
        const { applied } = await store.migrate();
        if (applied.length > 0) out.line(`applied ${applied.length} migrations on ${where}`);
      } else {
        await requireMigrated(store, where, ', or start with `finlet serve --migrate`');
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
      await running.close();
    } finally {
      stop.dispose();
      await store.close().catch(() => {});
    }
  });
}
