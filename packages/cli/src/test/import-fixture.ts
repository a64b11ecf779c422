import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { startTestGateway, type TestGateway } from './gateway.js';
import { type RunResult, run, tempDir } from './run.js';

/** One object of an import's JSON answer, as every kind reports it. */
export interface ImportedObject {
  id: string;
  change: string;
  against: { version: number; status: string } | null;
  changes: { path: string; before?: unknown; after?: unknown }[];
  steps: string[];
  version: number | null;
  status: string | null;
}

export interface ImportFixture {
  /** A real gateway with an author, a second author and an approver key. */
  readonly gw: TestGateway;
  /** The folder the files are written to, the CLI's working directory. */
  readonly dir: string;
  /** Runs `finlet args` in `dir` against the gateway, with `key` as the admin key when given. */
  finlet(args: string[], key?: string): Promise<RunResult>;
  /** Runs `finlet args --json` with `key`, expects it to succeed quietly and returns its answer. */
  json<R>(args: string[], key: string): Promise<R>;
}

/**
 * The set-up every `import` command's tests share: a real gateway and a temporary folder holding
 * `files` (name → text, written before the tests; directories in a name are created). Registers
 * its own `beforeAll`/`afterAll`, so call it inside the `describe`.
 */
export function importFixture(files: () => Promise<Record<string, string>> | Record<string, string>) {
  let gw: TestGateway | undefined;
  let tmp: ReturnType<typeof tempDir> | undefined;
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('importFixture: used outside a test');
    return value;
  };
  const fixture: ImportFixture = {
    get gw() {
      return ready(gw);
    },
    get dir() {
      return ready(tmp).dir;
    },
    finlet: (args, key) =>
      run(args, {
        cwd: fixture.dir,
        env: { FINLET_GATEWAY: fixture.gw.url, ...(key ? { FINLET_ADMIN_KEY: key } : {}) },
      }),
    json: async (args, key) => {
      const result = await fixture.finlet([...args, '--json'], key);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout);
    },
  };
  beforeAll(async () => {
    gw = await startTestGateway();
    tmp = tempDir();
    for (const [name, text] of Object.entries(await files())) {
      const path = join(tmp.dir, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
  });
  afterAll(async () => {
    await gw?.close();
    tmp?.remove();
  });
  return fixture;
}
