import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Store } from '@finlet/gateway';
import { CliError } from './errors.js';
import { loadGateway } from './gateway.js';
import type { CliIo } from './io.js';
import { describeStore, resolveStoreLocation, type SettingOptions, type StoreLocation } from './settings.js';

/**
 * Opens the gateway's store where the settings point (PostgreSQL URL, else SQLite in the data dir)
 * and hands it to `use`, closing it afterwards whatever happens.
 */
export async function withStore<T>(
  options: SettingOptions,
  io: CliIo,
  use: (store: Store, where: string) => Promise<T>,
  openOptions: OpenOptions = {},
): Promise<T> {
  const { store, where } = await open(options, io, openOptions);
  try {
    return await use(store, where);
  } finally {
    await store.close().catch(() => {});
  }
}

export interface OpenOptions {
  /** Create the SQLite data dir when missing (`migrate`, `dev`, `serve --migrate`); otherwise it must exist. */
  create?: boolean;
  /** Overrides the data dir the settings resolve to (`dev` keeps its own). */
  dataDir?: string;
}

export async function open(
  options: SettingOptions,
  io: CliIo,
  openOptions: OpenOptions = {},
): Promise<{ store: Store; where: string; location: StoreLocation }> {
  const resolved = resolveStoreLocation(options, io);
  const location =
    openOptions.dataDir !== undefined && 'dataDir' in resolved ? { dataDir: openOptions.dataDir } : resolved;
  const where = describeStore(location);
  if ('dataDir' in location) {
    if (openOptions.create) {
      // It will hold the database and keys: only the gateway's user may enter it.
      await mkdir(location.dataDir, { recursive: true, mode: 0o700 });
    } else if (!existsSync(location.dataDir)) {
      throw new CliError(
        'io_error',
        `no database in ${location.dataDir}; run \`finlet migrate\` first, or point --data-dir / --database-url at one`,
      );
    }
  }
  try {
    const { openStore } = await loadGateway();
    const timeZone = io.env.FINLET_TIME_ZONE?.trim();
    return {
      store: await openStore({ ...location, ...masterKeySource(io), ...(timeZone ? { timeZone } : {}) }),
      where,
      location,
    };
  } catch (error) {
    if (error instanceof Error && error.name === 'MasterKeyError')
      throw new CliError('usage', error.message, { cause: error });
    if (error instanceof Error && error.message.startsWith('unknown time zone'))
      throw new CliError('usage', `FINLET_TIME_ZONE: ${error.message}`, { cause: error });
    const why = reason(error);
    // The store's own messages already name the database (with the password redacted).
    const message = why.startsWith('cannot ') ? why : `cannot open the database (${where}): ${why}`;
    throw new CliError('io_error', message, { cause: error });
  }
}

/** `FINLET_MASTER_KEY` or `FINLET_MASTER_KEY_FILE`: the key the store seals secrets at rest with. */
export function masterKeySource(io: CliIo): { masterKey?: string; masterKeyFile?: string } {
  const masterKey = io.env.FINLET_MASTER_KEY?.trim();
  const masterKeyFile = io.env.FINLET_MASTER_KEY_FILE?.trim();
  return {
    ...(masterKey ? { masterKey } : {}),
    ...(masterKeyFile ? { masterKeyFile } : {}),
  };
}

/**
 * What `serve` and `dev` print on start about secrets at rest: a data directory others may read,
 * and no master key. The gateway's own log repeats the latter.
 */
export async function atRestWarnings(store: Store, dataDir: string | undefined): Promise<string[]> {
  const { looseDataDirModes } = await loadGateway();
  const warnings = dataDir === undefined ? [] : looseDataDirModes(dataDir);
  if (store.secrets.masterKeyId === undefined) {
    warnings.push(
      'no master key: set FINLET_MASTER_KEY (or FINLET_MASTER_KEY_FILE) to 32 random bytes, e.g. `openssl rand -base64 32`, to seal the signing key and webhook secrets at rest',
    );
  }
  return warnings;
}

/** Fails unless every migration is applied: bootstrap commands must not write into a half-built schema. */
export async function requireMigrated(store: Store, where: string, alternative = ''): Promise<void> {
  const pending = await store.pendingMigrations();
  if (pending.length > 0) {
    throw new CliError(
      'migrations_pending',
      `the database (${where}) has ${pending.length} pending migration${pending.length === 1 ? '' : 's'} (${pending.join(', ')}); run \`finlet migrate\` first${alternative}`,
    );
  }
}

/** Starts listening, turning socket errors (port in use, bad host) into one readable line. */
export async function listening<T>(host: string, port: number, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    throw new CliError('io_error', `cannot listen on ${host}:${port}: ${reason(error)}`, { cause: error });
  }
}

export function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reason(error.errors[0]);
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
    return error.message || code || error.name;
  }
  return String(error);
}
