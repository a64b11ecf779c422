import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AdminKeyCreated,
  Consent,
  type ConsentScope,
  type OfferContentInput,
  type PartnerCreated,
} from '@finlet/contracts';
import pg from 'pg';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../app.js';
import { createAdminKey, createPartner } from '../bootstrap.js';
import type { ResponseMismatch } from '../http/responses.js';
import { type RunningGateway, startGateway } from '../server.js';
import { openStore } from '../storage/index.js';
import type { Store } from '../storage/store.js';

export type Dialect = 'sqlite' | 'postgres';
export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];
export const PG_URL = process.env.FINLET_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const ORIGIN_A = 'https://shop-a.example.com';
export const ORIGIN_B = 'https://scf-b.example.com';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

export interface TestGateway {
  url: string;
  store: Store;
  /** PostgreSQL schema of this run (to open a second instance on the same tables). */
  schema: string | undefined;
  /** SQLite directory of this run (to open a second instance, or another process, on the same file). */
  dataDir: string | undefined;
  clock: { now: Date };
  admins: {
    author: AdminKeyCreated;
    author2: AdminKeyCreated;
    approver: AdminKeyCreated;
    admin: AdminKeyCreated;
  };
  partnerA: PartnerCreated;
  partnerB: PartnerCreated;
  api<T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: { auth?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  publish(offer: OfferContentInput): Promise<void>;
  session(partner: PartnerCreated, input: Record<string, unknown>): Promise<string>;
  /** Grants a loan-application consent for the session's user. */
  consent(token: string, scopes: ConsentScope[]): Promise<Consent>;
  /**
   * Answers that disagreed with their route's declared response schema. Every test gateway checks
   * each answer (`checkResponses: 'strict'`): a mismatch is answered with a 500 naming it, and
   * `close()` fails with the list.
   */
  mismatches: ResponseMismatch[];
  close(): Promise<void>;
  /** The running instance (graceful shutdown, lifecycle). */
  running: RunningGateway;
}

/** A real gateway on a real socket over a fresh database of the given dialect. */
export async function startTestGateway(
  dialect: Dialect,
  options: {
    logger?: Logger;
    gateway?: Partial<Omit<GatewayConfig, 'store' | 'clock'>>;
    /**
     * The webhook worker reads `clock.now` too, so a delivery held back until a time (quiet hours)
     * goes out when the test moves the clock there. Off by default: retry backoff then runs on real
     * time while the gateway's clock stands still.
     */
    webhooksOnGatewayClock?: boolean;
    /** Seals the database's secrets under this master key (FINLET_MASTER_KEY). */
    masterKey?: string;
  } = {},
): Promise<TestGateway> {
  let cleanup: () => Promise<void>;
  let store: Store;
  let schema: string | undefined;
  let dataDir: string | undefined;
  const masterKey = options.masterKey;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'finlet-gw-'));
    dataDir = dir;
    store = await openStore({ dataDir: dir, masterKey });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    schema = `finlet_gw_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    store = await openStore({ databaseUrl: PG_URL, schema, masterKey });
    cleanup = async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    };
  }
  await store.migrate();
  const clock = { now: new Date() };
  const mismatches: ResponseMismatch[] = [];
  const running = await startGateway({
    checkResponses: 'strict',
    onResponseMismatch: (mismatch) => mismatches.push(mismatch),
    ...options.gateway,
    ...(options.webhooksOnGatewayClock
      ? { webhooks: { ...options.gateway?.webhooks, clock: () => clock.now } }
      : {}),
    store,
    port: 0,
    host: '127.0.0.1',
    logger: options.logger ?? false,
    clock: () => clock.now,
  });
  const admins = {
    author: await createAdminKey(store, { name: 'Li Na (author)', role: 'author' }),
    author2: await createAdminKey(store, { name: 'Wang Wei (author)', role: 'author' }),
    approver: await createAdminKey(store, { name: 'Zhao Min (approver)', role: 'approver' }),
    admin: await createAdminKey(store, { name: 'Ops admin', role: 'admin' }),
  };
  const partnerA = await createPartner(store, {
    name: 'Shop A',
    origins: [ORIGIN_A],
    scenarios: ['consumption', 'supply-chain'],
  });
  const partnerB = await createPartner(store, {
    name: 'SCF B',
    origins: [ORIGIN_B],
    scenarios: ['supply-chain'],
  });

  const api: TestGateway['api'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.auth) headers.authorization = `Bearer ${opts.auth}`;
    let body: string | undefined = opts.rawBody;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${running.url}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: response.status, headers: response.headers, text, body: parsed as never };
  };

  const expectOk = (response: ApiResponse, what: string) => {
    if (response.status >= 300) throw new Error(`${what}: ${response.status} ${response.text}`);
    return response;
  };

  return {
    url: running.url,
    running,
    store,
    schema,
    dataDir,
    clock,
    admins,
    partnerA,
    partnerB,
    api,
    async publish(offer) {
      const created = expectOk(
        await api('POST', '/v1/admin/offers', { auth: admins.author.apiKey, body: offer }),
        `create ${offer.id}`,
      ).body as { version: number };
      const base = `/v1/admin/offers/${offer.id}/versions/${created.version}`;
      expectOk(await api('POST', `${base}/submit`, { auth: admins.author.apiKey, body: {} }), 'submit');
      expectOk(await api('POST', `${base}/approve`, { auth: admins.approver.apiKey, body: {} }), 'approve');
      expectOk(await api('POST', `${base}/publish`, { auth: admins.approver.apiKey, body: {} }), 'publish');
    },
    async session(partner, input) {
      const response = expectOk(
        await api('POST', '/v1/embed-sessions', { auth: partner.secretKey, body: input }),
        'embed session',
      );
      return (response.body as { token: string }).token;
    },
    async consent(token, scopes) {
      const response = expectOk(
        await api('POST', '/v1/consents', { auth: token, body: { scopes, purpose: 'loan_application' } }),
        'consent',
      );
      return Consent.parse(response.body);
    },
    mismatches,
    async close() {
      await running.close();
      await store.close();
      await cleanup();
      if (mismatches.length > 0) {
        throw new Error(
          `answers against the route list:\n${mismatches
            .map((m) => `${m.method} ${m.path} (${m.operationId}) ${m.status}: ${m.issues.join('; ')}`)
            .join('\n')}`,
        );
      }
    },
  };
}
