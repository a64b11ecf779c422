import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { KyselyStore } from './kysely-store.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

export * from './store.js';

export interface StoreOptions {
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
}

/** Opens the database. Migrations are not applied here: call `store.migrate()` (or `finlet migrate`). */
export async function openStore(options: StoreOptions): Promise<Store> {
  const url = options.databaseUrl;
  if (url && /^postgres(?:ql)?:\/\//.test(url)) return openPostgres(url, options);
  if (url)
    throw new Error(
      `unsupported database URL scheme: ${redact(url)} (use postgres://…, or a data dir for SQLite)`,
    );
  return openSqlite(options);
}

function openSqlite(options: StoreOptions): Store {
  const filename = options.filename ?? 'finlet.db';
  let path = filename;
  if (filename !== ':memory:') {
    const dir = options.dataDir ?? '.finlet';
    mkdirSync(dir, { recursive: true });
    path = join(dir, filename);
  }
  let database: SQLite.Database;
  try {
    database = new SQLite(path);
  } catch (error) {
    throw new Error(`cannot open SQLite database ${path}: ${(error as Error).message}`, { cause: error });
  }
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return new KyselyStore(db, 'sqlite', db, () => db.destroy());
}

async function openPostgres(url: string, options: StoreOptions): Promise<Store> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // A pooled connection that dies in the background must not crash the process.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    try {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw new Error(`cannot connect to PostgreSQL at ${redact(url)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return new KyselyStore(db, 'postgres', db, () => db.destroy(), schema);
}

/** The URL without its password, for error messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
