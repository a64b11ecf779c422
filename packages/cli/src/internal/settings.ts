import { isAbsolute, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { usageError } from './errors.js';
import type { CliIo } from './io.js';

export const DEFAULTS = {
  port: 4400,
  host: '127.0.0.1',
  dataDir: '.finlet',
  devDataDir: '.finlet/dev',
  gateway: 'http://127.0.0.1:4400',
} as const;

/** Flags shared by several commands; each reads its environment variable when the flag is absent. */
export const SETTING_FLAGS = {
  port: () => new Option('--port <port>', `port to listen on (env FINLET_PORT, default ${DEFAULTS.port})`),
  host: () =>
    new Option('--host <host>', `interface to listen on (env FINLET_HOST, default ${DEFAULTS.host})`),
  dataDir: () =>
    new Option('--data-dir <dir>', 'directory of the SQLite database and local keys (env FINLET_DATA_DIR)'),
  databaseUrl: () =>
    new Option(
      '--database-url <url>',
      'PostgreSQL connection string; without it SQLite in the data dir is used (env FINLET_DATABASE_URL)',
    ),
  databaseSchema: () =>
    new Option(
      '--database-schema <name>',
      'PostgreSQL schema to use, created if missing (env FINLET_DATABASE_SCHEMA, default the search path)',
    ),
  gateway: () =>
    new Option(
      '--gateway <url>',
      `URL of a running gateway (env FINLET_GATEWAY, default ${DEFAULTS.gateway})`,
    ),
  json: () => new Option('--json', 'print machine-readable JSON on stdout'),
} as const;

export type SettingFlag = keyof typeof SETTING_FLAGS;

export function withSettings(command: Command, flags: readonly SettingFlag[]): Command {
  for (const flag of flags) {
    command.addOption(SETTING_FLAGS[flag]());
    if (flag === 'databaseUrl') command.addOption(SETTING_FLAGS.databaseSchema());
  }
  if (!flags.includes('json')) command.addOption(SETTING_FLAGS.json());
  return command;
}

export interface SettingOptions {
  port?: string;
  host?: string;
  dataDir?: string;
  databaseUrl?: string;
  databaseSchema?: string;
  gateway?: string;
  json?: boolean;
}

const nonEmpty = (value: string | undefined): string | undefined =>
  value !== undefined && value.trim() !== '' ? value.trim() : undefined;

export function resolvePort(options: SettingOptions, io: CliIo): number {
  const raw = nonEmpty(options.port) ?? nonEmpty(io.env.FINLET_PORT);
  if (raw === undefined) return DEFAULTS.port;
  const source = nonEmpty(options.port) !== undefined ? '--port' : 'FINLET_PORT';
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65_535) {
    throw usageError(`${source} must be a port number from 0 to 65535, got "${raw}"`);
  }
  return Number(raw);
}

export function resolveHost(options: SettingOptions, io: CliIo): string {
  return nonEmpty(options.host) ?? nonEmpty(io.env.FINLET_HOST) ?? DEFAULTS.host;
}

export function resolveDataDir(
  options: SettingOptions,
  io: CliIo,
  fallback: string = DEFAULTS.dataDir,
): string {
  const dir = nonEmpty(options.dataDir) ?? nonEmpty(io.env.FINLET_DATA_DIR) ?? fallback;
  return isAbsolute(dir) ? dir : resolve(io.cwd, dir);
}

export function resolveDatabaseUrl(options: SettingOptions, io: CliIo): string | undefined {
  const url = nonEmpty(options.databaseUrl) ?? nonEmpty(io.env.FINLET_DATABASE_URL);
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) {
    throw usageError('the database URL must start with postgres:// or postgresql://');
  }
  return url;
}

export function resolveGateway(options: SettingOptions, io: CliIo): string {
  const raw = nonEmpty(options.gateway) ?? nonEmpty(io.env.FINLET_GATEWAY) ?? DEFAULTS.gateway;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usageError(`the gateway must be a URL such as ${DEFAULTS.gateway}, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`the gateway URL must be http or https, got "${raw}"`);
  }
  return url.href.replace(/\/+$/, '');
}

export function resolveAdminKey(io: CliIo): string {
  const key = nonEmpty(io.env.FINLET_ADMIN_KEY);
  if (key === undefined) {
    throw usageError('set FINLET_ADMIN_KEY to an admin key (create one with `finlet admin-keys create`)');
  }
  return key;
}

export type StoreLocation = { databaseUrl: string; schema?: string } | { dataDir: string };

/** Where the store lives, as `openStore` takes it; PostgreSQL wins when a URL is set. */
export function resolveStoreLocation(options: SettingOptions, io: CliIo): StoreLocation {
  const databaseUrl = resolveDatabaseUrl(options, io);
  if (databaseUrl === undefined) return { dataDir: resolveDataDir(options, io) };
  const schema = nonEmpty(options.databaseSchema) ?? nonEmpty(io.env.FINLET_DATABASE_SCHEMA);
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw usageError(`the database schema must be a lower-case SQL identifier, got "${schema}"`);
  }
  return schema === undefined ? { databaseUrl } : { databaseUrl, schema };
}

export function describeStore(location: StoreLocation): string {
  if ('dataDir' in location) return `SQLite in ${location.dataDir}`;
  try {
    const url = new URL(location.databaseUrl);
    return `PostgreSQL ${url.host}${url.pathname}${location.schema ? ` (schema ${location.schema})` : ''}`;
  } catch {
    return 'PostgreSQL';
  }
}
