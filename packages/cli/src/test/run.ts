import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../index.js';

export { tempDir } from './temp.js';

export const CLI_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(CLI_ROOT, 'bin', 'finlet.js');
export const PG_URL = process.env.FINLET_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** An environment with no FINLET_* variables of the developer's shell leaking in. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('FINLET_')) env[key] = value;
  return { ...env, ...extra };
}

/** Runs `main` in-process with captured output. */
export async function run(
  argv: string[],
  options: {
    env?: Record<string, string>;
    cwd?: string;
    signal?: AbortSignal;
    onStdout?: (all: string) => void;
  } = {},
): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: {
      write: (chunk: string) => {
        stdout += chunk;
        options.onStdout?.(stdout);
        return true;
      },
    },
    stderr: {
      write: (chunk: string) => {
        stderr += chunk;
        return true;
      },
    },
    env: cleanEnv(options.env),
    cwd: options.cwd ?? process.cwd(),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { code, stdout, stderr };
}

/** Spawns the real `finlet` binary (needs the built dist). */
export function spawnCli(argv: string[], options: { env?: Record<string, string>; cwd?: string } = {}) {
  const child = spawn(process.execPath, [BIN, ...argv], {
    cwd: options.cwd ?? CLI_ROOT,
    env: cleanEnv(options.env) as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
    /** Resolves with the first stdout line matching `pattern`; rejects if the process exits first. */
    waitFor(pattern: RegExp): Promise<RegExpExecArray> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stdout);
          if (match) {
            child.stdout.off('data', check);
            resolve(match);
          }
        };
        child.stdout.on('data', check);
        check();
        exited.then(({ code }) =>
          reject(new Error(`finlet exited with ${code} before printing ${pattern}: ${stderr}`)),
        );
      });
    },
  };
}

/**
 * Drops a PostgreSQL schema a test made. pg is the gateway's dependency; the CLI's tests borrow it
 * only for this.
 */
export async function dropSchema(schema: string): Promise<void> {
  const pg = createRequire(join(CLI_ROOT, '..', 'gateway', 'package.json'))('pg') as {
    Client: new (options: {
      connectionString: string;
    }) => {
      connect(): Promise<void>;
      query(sql: string): Promise<unknown>;
      end(): Promise<void>;
    };
  };
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
