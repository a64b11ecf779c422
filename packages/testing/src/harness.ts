import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AdminKeyCreated,
  type AdminRole,
  Consent,
  type ConsentScope,
  type KnowledgeDocumentContentInput,
  type OfferContentInput,
  type PartnerCreated,
} from '@finlet/contracts';
import {
  createAdminKey,
  createPartner,
  type GatewayConfig,
  openStore,
  type ResponseMismatch,
  type RunningGateway,
  type Store,
  startGateway,
} from '@finlet/gateway';
import pg from 'pg';

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
  /** Issues one more admin API key (a reviewer, a remote agent, a second approver), dated by the clock. */
  adminKey(input: { name: string; role: AdminRole }): Promise<AdminKeyCreated>;
  api<T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: { auth?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  /** Publishes an offer through the admin API: created and submitted by an author, approved and published by an approver. */
  publish(offer: OfferContentInput): Promise<void>;
  /** Publishes a knowledge document the same way, so the advisor can cite it. */
  publishDocument(document: KnowledgeDocumentContentInput): Promise<void>;
  /**
   * Another gateway instance on this run's database and clock (no scheduler, no webhook worker),
   * as a second instance behind a load balancer; `close()` also closes its store.
   */
  startInstance(gateway?: Partial<Omit<GatewayConfig, 'store' | 'clock'>>): Promise<RunningGateway>;
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
    logger?: GatewayConfig['logger'];
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

  /** Content goes through the workflow as a bank's teams would: the author drafts, the approver publishes. */
  const publishVersion = async (kind: 'offers' | 'knowledge', content: { id: string }) => {
    const created = expectOk(
      await api('POST', `/v1/admin/${kind}`, { auth: admins.author.apiKey, body: content }),
      `create ${content.id}`,
    ).body as { version: number };
    const base = `/v1/admin/${kind}/${content.id}/versions/${created.version}`;
    expectOk(await api('POST', `${base}/submit`, { auth: admins.author.apiKey, body: {} }), 'submit');
    expectOk(await api('POST', `${base}/approve`, { auth: admins.approver.apiKey, body: {} }), 'approve');
    expectOk(await api('POST', `${base}/publish`, { auth: admins.approver.apiKey, body: {} }), 'publish');
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
    adminKey: (input) => createAdminKey(store, input, clock.now),
    api,
    publish: (offer) => publishVersion('offers', offer),
    publishDocument: (document) => publishVersion('knowledge', document),
    async startInstance(gateway = {}) {
      const second = await openStore(
        dialect === 'sqlite'
          ? { dataDir: dataDir!, masterKey }
          : { databaseUrl: PG_URL, schema: schema!, masterKey },
      );
      const instance = await startGateway({
        scheduler: false,
        webhooks: { worker: false },
        ...gateway,
        store: second,
        port: 0,
        host: '127.0.0.1',
        logger: false,
        clock: () => clock.now,
      });
      return {
        ...instance,
        async close() {
          await instance.close();
          await second.close();
        },
      };
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
