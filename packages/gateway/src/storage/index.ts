import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { type MasterKeySource, SecretSealer } from '../secrets/sealer.js';
import { checkTimeZone, DEFAULT_FUNNEL_TIME_ZONE } from '../workspace/funnel-days.js';
import { KyselyStore } from './kysely-store.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

export * from './errors.js';
export * from './store.js';

export interface StoreOptions extends MasterKeySource {
  /** `postgres://…`: PostgreSQL. Otherwise SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  /** Directory of the SQLite file `finlet.db` (created if missing). */
  dataDir?: string | undefined;
  /** SQLite file name inside `dataDir`, or `:memory:`. */
  filename?: string | undefined;
  /** PostgreSQL schema to use (created if missing): isolates tests and tenants of a shared server. */
  schema?: string | undefined;
  /** PostgreSQL pool size. */
  poolSize?: number | undefined;
  /** Seals secrets at rest; by default one made from `masterKey` / `masterKeyFile`. */
  sealer?: SecretSealer | undefined;
  /**
   * The bank's IANA time zone (default Asia/Shanghai): the acquisition funnel's days. Changing it
   * later needs `finlet funnel rebuild` so that recorded history is filed under the new days.
   */
  timeZone?: string | undefined;
}

/** Opens the database. Migrations are not applied here: call `store.migrate()` (or `finlet migrate`). */
export async function openStore(options: StoreOptions): Promise<Store> {
  const url = options.databaseUrl;
  const sealer = options.sealer ?? SecretSealer.from(options);
  const timeZone = checkTimeZone(options.timeZone ?? DEFAULT_FUNNEL_TIME_ZONE);
  if (url && /^postgres(?:ql)?:\/\//.test(url)) return openPostgres(url, options, sealer, timeZone);
  if (url)
    throw new Error(
      `unsupported database URL scheme: ${redact(url)} (use postgres://…, or a data dir for SQLite)`,
    );
  return openSqlite(options, sealer, timeZone);
}

function openSqlite(options: StoreOptions, sealer: SecretSealer, timeZone: string): Store {
  const filename = options.filename ?? 'finlet.db';
  let path = filename;
  if (filename !== ':memory:') {
    const dir = options.dataDir ?? '.finlet';
    // Only the gateway's user may list or read what holds the database and keys.
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    path = join(dir, filename);
    // SQLite creates its -wal and -shm files with the mode of the database file, so creating that
    // one 0600 first covers all three.
    if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  }
  let database: SQLite.Database;
  try {
    database = new SQLite(path);
  } catch (error) {
    throw new Error(`cannot open SQLite database ${path}: ${(error as Error).message}`, { cause: error });
  }
  database.pragma('busy_timeout = 5000');
  setWalMode(database);
  database.pragma('foreign_keys = ON');
  database.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  // SQLite bumps data_version on this connection when another one commits, never for its own
  // writes: exactly the changes no in-process invalidation has announced.
  const dataVersion = database.prepare('PRAGMA data_version').pluck();
  const changeStamp = () => (database.open ? (dataVersion.get() as number) : 0);
  return new KyselyStore({
    db,
    dialect: 'sqlite',
    sealer,
    timeZone,
    changeStamp,
    onClose: () => db.destroy(),
  });
}

/**
 * Switch a file database to WAL. The switch needs the file to itself, and SQLite answers BUSY
 * at once (without waiting the busy timeout) when another process is opening the same new file,
 * so several gateways starting together on one fresh data directory retry here for a while.
 */
function setWalMode(database: SQLite.Database, deadlineMs = 10_000): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0, step = 5; ; waited += step, step = Math.min(step * 2, 200)) {
    try {
      database.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || waited >= deadlineMs) throw error;
      Atomics.wait(pause, 0, 0, step);
    }
  }
}

async function openPostgres(
  url: string,
  options: StoreOptions,
  sealer: SecretSealer,
  timeZone: string,
): Promise<Store> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  }
  // A malformed URL makes pg throw an error that carries the whole URL, password included.
  if (!URL.canParse(url)) throw new Error(`invalid PostgreSQL URL: ${redact(url)}`);
  // int8 (counts, bigserial) as a JS number rather than a string; every value stored fits in 2^53.
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, Number);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    types,
    // Set at connection start-up, so every pooled connection sees the same tables.
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // A pooled connection that dies in the background must not crash the process.
  pool.on('error', () => {});
  let tableSchema: string;
  try {
    const client = await pool.connect();
    try {
      if (schema) await createSchema(client, schema);
      const { rows } = await client.query<{ schema: string | null }>('SELECT current_schema() AS schema');
      const current = rows[0]?.schema;
      if (!current) throw new Error('no current schema: check search_path');
      tableSchema = current;
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    const message = (error as Error).message;
    const clean = scrub(message, url);
    throw new Error(
      `cannot connect to PostgreSQL at ${redact(url)}: ${clean}`,
      // A cause that quoted the password would leak it into logs that print causes.
      clean === message ? { cause: error } : {},
    );
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return new KyselyStore({
    db,
    dialect: 'postgres',
    tableSchema,
    pool,
    sealer,
    timeZone,
    onClose: () => db.destroy(),
  });
}

/** Two processes may create the schema at once: `IF NOT EXISTS` alone does not make that safe. */
async function createSchema(client: pg.PoolClient, schema: string): Promise<void> {
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== '23505' && code !== '42P06') throw error;
  }
}

/** The URL without its password, for error messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    const scheme = url.match(/^[a-z][a-z0-9+.-]*:\/\//i)?.[0] ?? '';
    return `${scheme}… (unparseable URL)`;
  }
}

/** Removes the URL's password from a driver message, in case the driver quoted it. */
function scrub(message: string, url: string): string {
  let password = '';
  try {
    password = new URL(url).password;
  } catch {
    return message;
  }
  if (!password) return message;
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // Not percent-encoded: the raw form is the only one to remove.
  }
  return message.replaceAll(password, '***').replaceAll(decoded, '***');
}
