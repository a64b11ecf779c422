import { spawnSync } from 'node:child_process';
import { createAdminKey, createPartner, openStore, type Store } from '@finlet/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The deployment script under test, as a bank would run it.
import { type Cluster, startCluster } from '../../../../deploy/cluster.mjs';
import { loadDemoOffers, loadDemoPartners } from '../dev/demo.js';
import { GatewayApi } from '../internal/gateway-api.js';
import { seedOffers } from '../offers/publish.js';
import { bundleCli } from '../test/bundle.js';
import { dropSchema, PG_URL } from '../test/run.js';

const haveHaproxy = spawnSync('haproxy', ['-v']).status === 0;
// CI installs HAProxy (.ci/run); a developer machine without it skips this file rather than fail.
const describeCluster = haveHaproxy || process.env.CI ? describe : describe.skip;

/** The client's retry rules (@finlet/client): a retry-safe request is retried on these answers. */
const RETRIED = new Set([408, 429, 500, 502, 503, 504]);

interface Outcome {
  status: number;
  body: Record<string, unknown>;
  tries: number;
}

describeCluster('three instances behind HAProxy on one PostgreSQL', () => {
  let cluster: Cluster;
  let store: Store;
  let bundle: Awaited<ReturnType<typeof bundleCli>>;
  const schema = `finlet_cluster_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  let partnerKey = '';
  let sampleSession: Record<string, unknown> = {};
  const log: string[] = [];

  beforeAll(async () => {
    bundle = await bundleCli();
    cluster = await startCluster({
      instances: 3,
      databaseUrl: PG_URL,
      schema,
      finlet: bundle.command,
      // No budget stands in the way: the load here is the test's, not an abuse.
      env: {
        FINLET_RATE_LIMIT_PARTNER: '100000/60',
        FINLET_RATE_LIMIT_USER: '100000/60',
        FINLET_RATE_LIMIT_CHAT_PARTNER: '100000/60',
        FINLET_RATE_LIMIT_CHAT_USER: '100000/60',
      },
      log: (line) => log.push(line),
    });
    store = await openStore({ databaseUrl: PG_URL, schema });
    const author = await createAdminKey(store, { name: 'author', role: 'author' });
    const approver = await createAdminKey(store, { name: 'approver', role: 'approver' });
    const demo = (await loadDemoPartners()).find((p) => p.handle === 'supply-chain');
    if (!demo) throw new Error('no supply-chain demo partner');
    const partner = await createPartner(store, demo.partner);
    partnerKey = partner.secretKey;
    sampleSession = demo.sampleSession as Record<string, unknown>;
    await seedOffers(
      new GatewayApi(cluster.url, author.apiKey),
      new GatewayApi(cluster.url, approver.apiKey),
      await loadDemoOffers(new Date()),
    );
  }, 240_000);

  afterAll(async () => {
    await cluster?.close();
    await store?.close();
    bundle?.remove();
    await dropSchema(schema);
  });

  /** One request as @finlet/client sends it: a retry-safe one is retried on a network error or RETRIED. */
  const send = async (
    path: string,
    auth: string,
    body: unknown,
    options: { idempotencyKey?: string } = {},
  ): Promise<Outcome> => {
    const retrySafe = options.idempotencyKey !== undefined;
    for (let tries = 1; ; tries++) {
      try {
        const response = await fetch(`${cluster.url}${path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${auth}`,
            'content-type': 'application/json',
            ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
          },
          body: JSON.stringify(body),
        });
        const text = await response.text();
        if (retrySafe && RETRIED.has(response.status) && tries < 4) continue;
        return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : { text }, tries };
      } catch (error) {
        if (retrySafe && tries < 4) continue;
        return { status: 0, body: { error: String(error) }, tries };
      }
    }
  };

  it('serves a steady application and match load through a rolling restart: no failed request, no acknowledged application lost', async () => {
    const failures: string[] = [];
    const acknowledged: string[] = [];
    let requests = 0;
    let stop = false;
    const check = (what: string, outcome: Outcome, expected: number) => {
      requests++;
      if (outcome.status !== expected)
        failures.push(`${what}: ${outcome.status} ${JSON.stringify(outcome.body)}`);
      return outcome.status === expected;
    };
    const worker = async (n: number) => {
      for (let round = 0; !stop; round++) {
        const session = await send('/v1/embed-sessions', partnerKey, {
          ...sampleSession,
          userId: `merchant-${n}-${round}`,
        });
        if (!check('session', session, 201)) continue;
        const token = String(session.body.token);
        const match = await send('/v1/offers/match', token, {
          amount: { value: 50_000_000, currency: 'CNY' },
          termMonths: 6,
        });
        if (!check('match', match, 200)) continue;
        const best = (match.body.matches as { offer: { id: string }; eligible: boolean }[]).find(
          (m) => m.eligible,
        );
        if (!best) {
          failures.push(`no eligible offer: ${JSON.stringify(match.body)}`);
          continue;
        }
        const consent = await send('/v1/consents', token, {
          scopes: ['application.submit'],
          purpose: 'loan_application',
        });
        if (!check('consent', consent, 201)) continue;
        const application = await send(
          '/v1/applications',
          token,
          {
            offerId: best.offer.id,
            amount: { value: 50_000_000, currency: 'CNY' },
            termMonths: 6,
            purpose: `rolling ${n}-${round}`,
            applicant: { name: '陈晓明' },
            consentIds: [consent.body.id],
          },
          { idempotencyKey: `rolling-${n}-${round}` },
        );
        if (check('application', application, 201)) acknowledged.push(String(application.body.id));
      }
    };

    const load = Promise.all([0, 1, 2, 3].map(worker));
    // Some load first, so the restart meets requests in flight.
    await expect
      .poll(() => (failures.length > 0 ? -1 : acknowledged.length), { timeout: 60_000 })
      .toBeGreaterThan(8)
      .catch((error: Error) => {
        throw new Error(`${error.message}\n${failures.slice(0, 3).join('\n')}`);
      });
    await cluster.rollingRestart();
    const duringRestart = requests;
    await expect.poll(() => requests - duringRestart, { timeout: 60_000 }).toBeGreaterThan(8);
    stop = true;
    await load;

    expect(failures, log.slice(-40).join('\n')).toEqual([]);
    expect(cluster.instances.every((i) => i.running)).toBe(true);
    // Every application that was acknowledged is in the database, once.
    const found = await Promise.all(acknowledged.map((id) => store.applications.find(id)));
    expect(found.filter((a) => a === undefined)).toEqual([]);
    expect(new Set(acknowledged).size).toBe(acknowledged.length);
    expect(acknowledged.length).toBeGreaterThan(8);
    console.info(
      `rolling restart: ${requests} requests, ${acknowledged.length} applications acknowledged, 0 failed`,
    );
  }, 300_000);
});
