import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Application, Problem } from '@finlet/contracts';
import {
  bundleFromSource,
  DIALECTS,
  type Dialect,
  inventoryOffer,
  PG_URL,
  startTestGateway,
} from '@finlet/testing';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CYCLES = 20;
const KEYS_PER_CYCLE = 16;
/** Every fourth key is also sent a second time at once: a duplicate in flight. */
const DOUBLED = (i: number) => i % 4 === 0;
const USER = 'merchant-crash';

let bundleDir: string;
let bundle: string;

// The child runs the gateway from source, as these tests see it (its dist may be stale).
beforeAll(async () => {
  bundleDir = mkdtempSync(join(tmpdir(), 'finlet-crash-'));
  bundle = join(bundleDir, 'gateway.cjs');
  await bundleFromSource({
    entry: fileURLToPath(new URL('../index.ts', import.meta.url)),
    outfile: bundle,
    format: 'cjs',
    external: ['better-sqlite3', 'pg', 'pino'],
  });
});
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

interface Child {
  process: ChildProcess;
  /** Opens the database and listens: until then the process is only loaded, as after `exec`. */
  start(): Promise<string>;
}

/**
 * A gateway in its own process on the test's database, with a 1 s lease so retries need not wait
 * long, and no rate limits: one user's hundreds of retries are the load here, not an abuse (on
 * PostgreSQL the counters would outlive the kills). Node and the bundle load before it is started, so a restart takes what a warm one takes.
 */
function spawnChild(database: { dataDir: string } | { databaseUrl: string; schema: string }): Child {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const { openStore, startGateway } = require(${JSON.stringify(bundle)});
      process.stdin.once('data', async () => {
        const store = await openStore(${JSON.stringify(database)});
        const running = await startGateway({ store, port: 0, host: '127.0.0.1', logger: false,
          idempotencyLeaseSeconds: 1, scheduler: false, webhooks: { worker: false }, rateLimits: false });
        process.stdout.write('listening ' + running.url + '\\n');
      });
      process.stdout.write('loaded\\n');`,
    ],
    {
      env: { ...process.env, NODE_PATH: fileURLToPath(new URL('../../node_modules', import.meta.url)) },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  let out = '';
  const waiting: Array<() => void> = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const check of waiting.splice(0)) check();
  });
  const line = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(out);
        if (match) resolve(match[1] ?? '');
        else if (child.exitCode !== null || child.signalCode !== null)
          reject(new Error('gateway exited early'));
        else waiting.push(check);
      };
      child.once('exit', check);
      check();
    });
  return {
    process: child,
    async start() {
      await line(/^loaded\n/m);
      child.stdin?.write('go\n');
      return line(/^listening (\S+)\n/m);
    },
  };
}

async function kill9(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGKILL');
  await exited;
}

/** mulberry32: the kill points come from a seed, printed on failure, so a failing run can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Answer {
  status: number;
  text: string;
  replayed: boolean;
  retryAfter: number;
}

describe.each(DIALECTS)('applications under kill -9 at random points on %s', (dialect: Dialect) => {
  it(`every retried key returns its original application or creates exactly one, over ${CYCLES} kills`, async () => {
    const seed = Number(process.env.FINLET_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const next = random(seed);
    // The in-process gateway sets the database up; then it sits idle while the child serves.
    const gw = await startTestGateway(dialect, {
      gateway: { webhooks: { worker: false }, scheduler: false },
    });
    const database =
      dialect === 'sqlite' ? { dataDir: gw.dataDir ?? '' } : { databaseUrl: PG_URL, schema: gw.schema ?? '' };
    const startedClaims = async (keys: string[]): Promise<number> => {
      const query = `SELECT count(*) AS n FROM idempotency_keys WHERE state = 'started' AND key IN (${keys.map((k) => `'${k}'`).join(',')})`;
      if (dialect === 'sqlite') {
        const db = new SQLite(join(gw.dataDir ?? '', 'finlet.db'), { readonly: true });
        try {
          return Number((db.prepare(query).get() as { n: number }).n);
        } finally {
          db.close();
        }
      }
      const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${gw.schema}` });
      await client.connect();
      try {
        return Number((await client.query<{ n: string }>(query)).rows[0]?.n);
      } finally {
        await client.end();
      }
    };
    let child = spawnChild(database);
    let spare = spawnChild(database);
    try {
      await gw.publish(inventoryOffer);
      let url = await child.start();

      const post = async (url: string, path: string, auth: string, body: unknown, key?: string) => {
        const response = await fetch(`${url}${path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${auth}`,
            'content-type': 'application/json',
            ...(key ? { 'idempotency-key': key } : {}),
          },
          body: JSON.stringify(body),
        });
        return {
          status: response.status,
          text: await response.text(),
          replayed: response.headers.get('idempotent-replayed') === 'true',
          retryAfter: Number(response.headers.get('retry-after') ?? 0),
        } satisfies Answer;
      };
      const ok = async (answer: Promise<Answer>, what: string) => {
        const { status, text } = await answer;
        if (status >= 300) throw new Error(`${what}: ${status} ${text}`);
        return JSON.parse(text) as { token: string; id: string };
      };

      const originals = new Map<string, Answer>();
      const finals = new Map<string, Answer>();
      const bodies = new Map<string, unknown>();
      let leftStarted = 0;
      let toldToWait = 0;
      let stuck = 0;
      for (let cycle = 0; cycle < CYCLES; cycle += 1) {
        const live = { child, url };
        // A fresh session each cycle, so no session outlives its minutes however slow the machine.
        const session = await ok(
          post(live.url, '/v1/embed-sessions', gw.partnerA.secretKey, {
            userId: USER,
            scenario: 'supply-chain',
            signals: { 'business.age_months': 30, 'inventory.turnover_days': 62 },
          }),
          'session',
        );
        const consent = await ok(
          post(live.url, '/v1/consents', session.token, {
            scopes: ['application.submit'],
            purpose: 'loan_application',
          }),
          'consent',
        );
        const keys = Array.from({ length: KEYS_PER_CYCLE }, (_, i) => `crash-${cycle}-${i}`);
        for (const key of keys) {
          bodies.set(key, {
            offerId: 'scf-inventory-loan',
            amount: { value: 8_000_000, currency: 'CNY' },
            // The purpose names the key, so the rows of each key can be counted.
            purpose: key,
            applicant: { name: '陈晓明' },
            consentIds: [consent.id],
          });
        }

        // Kill once `killAfter` answers are in: anywhere from before the first request is read to
        // after all but one are answered, with the rest at every stage of their handling.
        const requests = keys.flatMap((key, i) => (DOUBLED(i) ? [key, key] : [key]));
        const killAfter = Math.floor(next() * requests.length);
        let answered = 0;
        let killing: Promise<void> | undefined;
        if (killAfter === 0) killing = kill9(live.child);
        await Promise.all([
          ...requests.map(async (key) => {
            try {
              const answer = await post(live.url, '/v1/applications', session.token, bodies.get(key), key);
              if (answer.status === 201 && !originals.has(key)) originals.set(key, answer);
            } catch {
              // The connection died with the gateway: the client never learnt what happened.
            }
            answered += 1;
            if (answered === killAfter) killing = kill9(live.child);
          }),
        ]);
        await (killing ?? kill9(live.child));
        // What the dead gateway left claimed but unanswered: each was stuck for 24 h before leases.
        leftStarted += await startedClaims(keys);

        child = spare;
        const restarted = { child, url: await child.start() };
        url = restarted.url;
        spare = spawnChild(database);
        // Every key again, as a client would after losing its connection, honouring Retry-After.
        await Promise.all(
          keys.map(async (key) => {
            let answer = await post(restarted.url, '/v1/applications', session.token, bodies.get(key), key);
            if (answer.status === 409) toldToWait += 1;
            for (let attempt = 0; answer.status === 409 && attempt < 30; attempt += 1) {
              await delay(Math.max(answer.retryAfter, 1) * 1000);
              answer = await post(restarted.url, '/v1/applications', session.token, bodies.get(key), key);
            }
            if (answer.status === 409) stuck += 1;
            finals.set(key, answer);
          }),
        );
      }

      const rows = await gw.store.applications.listForUser(gw.partnerA.partner.id, USER);
      const rowsPerKey = new Map<string, string[]>();
      for (const row of rows)
        rowsPerKey.set(row.purpose ?? '', [...(rowsPerKey.get(row.purpose ?? '') ?? []), row.id]);

      const mismatches: string[] = [];
      let committedUnanswered = 0;
      let ranAfterCrash = 0;
      for (const [key, final] of finals) {
        const ids = rowsPerKey.get(key) ?? [];
        if (final.status !== 201) {
          mismatches.push(`${key}: ${final.status} ${Problem.safeParse(JSON.parse(final.text)).data?.code}`);
          continue;
        }
        const id = Application.parse(JSON.parse(final.text)).id;
        if (ids.length !== 1 || ids[0] !== id)
          mismatches.push(`${key}: rows ${ids.join(',')} vs answer ${id}`);
        const original = originals.get(key);
        if (original && (original.text !== final.text || !final.replayed)) {
          mismatches.push(`${key}: the retry did not replay the original answer`);
        }
        if (!original && final.replayed) committedUnanswered += 1;
        if (!final.replayed) ranAfterCrash += 1;
      }
      const duplicates = [...rowsPerKey.values()].filter((ids) => ids.length > 1).length;
      const summary = {
        seed,
        keys: finals.size,
        answeredBeforeKill: originals.size,
        committedUnanswered,
        ranAfterCrash,
        leftStarted,
        toldToWait,
        stuck,
        duplicates,
        rows: rows.length,
      };
      console.info(`kill -9 × ${CYCLES} on ${dialect}: ${JSON.stringify(summary)}`);
      expect(mismatches, JSON.stringify(summary)).toEqual([]);
      expect({ stuck, duplicates, rows: rows.length }).toEqual({
        stuck: 0,
        duplicates: 0,
        rows: finals.size,
      });
    } finally {
      await kill9(child);
      await kill9(spare);
      await gw.close();
    }
  }, 300_000);
});
