import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type OfferContentInput,
  SignalBatchResult,
  WebhookEndpointList,
  WebhookEndpointSecret,
  WebhookEventList,
  WebhookEventRecord,
} from '@finlet/contracts';
import { verifyWebhook } from '@finlet/node';
import {
  DIALECTS,
  eventually,
  inventoryOffer,
  PG_URL,
  type Receiver,
  startReceiver,
  startTestGateway,
  type TestGateway,
} from '@finlet/testing';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPartner } from '../bootstrap.js';
import { startGateway } from '../server.js';
import { openStore } from '../storage/index.js';
import { WebhookWorker } from '../webhooks/worker.js';

const DAY = 86_400_000;

/** Every receivables signal ≥ 1 CNY raises a nudge (no cap worth the name, no cool-down). */
const eager: OfferContentInput = {
  ...inventoryOffer,
  id: 'scf-eager',
  triggers: [
    {
      id: 'any-receivable',
      when: [{ kind: 'threshold', signal: 'receivables.outstanding', op: 'gte', value: 100 }],
      weeklyCap: 50,
      cooldownDays: 0,
    },
  ],
};

// Four attempts take under a second on a quiet machine; the horizon leaves a busy one five times that.
const fastRetry = { baseMs: 40, maxMs: 200, horizonMs: 5_000 };

describe.each(DIALECTS)('webhooks over real HTTP on %s', (dialect) => {
  let gw: TestGateway;
  const receivers: Receiver[] = [];
  let n = 0;
  const receiver = async (...args: Parameters<typeof startReceiver>) => {
    const r = await startReceiver(...args);
    receivers.push(r);
    return r;
  };
  const register = async (url: string, auth = gw.partnerA.secretKey, eventTypes = ['nudge.created']) => {
    const response = await gw.api('POST', '/v1/webhook-endpoints', { auth, body: { url, eventTypes } });
    expect(response.status, response.text).toBe(201);
    return WebhookEndpointSecret.parse(response.body);
  };
  const disable = (id: string) =>
    gw.api('DELETE', `/v1/webhook-endpoints/${id}`, { auth: gw.partnerA.secretKey });
  /** Raises one nudge (one `nudge.created` event) for a fresh user. */
  const raise = async (auth = gw.partnerA.secretKey) => {
    n += 1;
    const response = await gw.api('POST', '/v1/signals', {
      auth,
      body: {
        signals: [
          {
            id: `w-${n}`,
            type: 'receivables.outstanding',
            subject: `wh-user-${n}`,
            occurredAt: gw.clock.now.toISOString(),
            data: { amount: { value: 5_000, currency: 'CNY' } },
          },
        ],
      },
    });
    const [nudgeId] = SignalBatchResult.parse(response.body).nudges;
    if (!nudgeId) throw new Error('no nudge raised');
    return nudgeId;
  };
  const events = async (query = '') =>
    WebhookEventList.parse(
      (await gw.api('GET', `/v1/webhook-events${query}`, { auth: gw.partnerA.secretKey })).body,
    ).events;
  const eventFor = async (nudgeId: string) => {
    const found = (await events()).find((e) => (e.payload.data as { id?: string }).id === nudgeId);
    if (!found) throw new Error(`no event for ${nudgeId}`);
    return found;
  };

  beforeAll(async () => {
    gw = await startTestGateway(dialect, {
      gateway: {
        webhooks: { allowLoopback: true, pollIntervalMs: 100, timeoutMs: 500, retry: fastRetry },
      },
    });
    await gw.publish(eager);
    // The partner owns the clock of events: keep it at the real time so that timestamps verify.
    gw.clock.now = new Date();
  });
  afterAll(async () => {
    await gw?.close();
    await Promise.all(receivers.map((r) => r.close()));
  });

  it('refuses endpoints on private, link-local or (without the dev setting) loopback addresses', async () => {
    for (const url of [
      'http://10.0.0.7/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[fd00::1]/hook',
      'http://192.168.1.10:8080/hook',
    ]) {
      const response = await gw.api('POST', '/v1/webhook-endpoints', {
        auth: gw.partnerA.secretKey,
        body: { url },
      });
      expect(response.status, url).toBe(422);
      expect(response.body).toMatchObject({ code: 'webhook_url_not_allowed' });
    }
    const strict = await startTestGateway('sqlite', { gateway: { webhooks: { worker: false } } });
    try {
      const response = await strict.api('POST', '/v1/webhook-endpoints', {
        auth: strict.partnerA.secretKey,
        body: { url: 'http://localhost:9/hook' },
      });
      expect(response.body).toMatchObject({ status: 422, code: 'webhook_url_not_allowed' });
    } finally {
      await strict.close();
    }
  });

  it('retries a flaky receiver with backoff until it answers, recording every attempt', async () => {
    const flaky = await receiver((count) => (count <= 3 ? 'fail' : 'ok'));
    const { endpoint, secret } = await register(flaky.url);
    // The horizon counts from the event's time: make it now, or a slow start of the file (the
    // clock was set in beforeAll) leaves the event past its horizon before the fourth attempt.
    gw.clock.now = new Date();
    const nudgeId = await raise();
    await flaky.until((r) => r.length === 1);
    expect(flaky.requests).toBe(4);
    const [delivered] = flaky.received;
    const event = verifyWebhook({
      secret,
      headers: delivered?.headers as never,
      body: delivered?.body ?? '',
    });
    expect(event).toMatchObject({ type: 'nudge.created', data: { id: nudgeId } });
    const record = await eventually(async () => {
      const r = await eventFor(nudgeId);
      expect(r.deliveries[0]?.status).toBe('delivered');
      return r;
    });
    expect(record.deliveries[0]?.attempts.map((a) => [a.attempt, a.ok, a.httpStatus])).toEqual([
      [1, false, 503],
      [2, false, 503],
      [3, false, 503],
      [4, true, 204],
    ]);
    await disable(endpoint.id);
  });

  it('cuts off a hanging endpoint after the timeout without delaying another one', async () => {
    const hanging = await receiver(() => 'hang');
    // When the healthy endpoint gets its delivery, the hanging one must not have been given up on
    // yet: deliveries run side by side, not one after the other's timeout.
    let abandonedBeforeHealthy = -1;
    const healthy = await receiver(() => {
      abandonedBeforeHealthy = hanging.abandoned;
      return 'ok';
    });
    const slow = await register(hanging.url);
    const fast = await register(healthy.url);
    const nudgeId = await raise();
    await healthy.until((r) => r.length === 1);
    expect(abandonedBeforeHealthy).toBe(0);
    const record = await eventually(async () => {
      const r = await eventFor(nudgeId);
      const attempts = r.deliveries.find((d) => d.endpointId === slow.endpoint.id)?.attempts ?? [];
      expect(attempts.length).toBeGreaterThan(0);
      return r;
    });
    const attempt = record.deliveries.find((d) => d.endpointId === slow.endpoint.id)?.attempts[0];
    expect(attempt?.error).toMatch(/timed out/);
    expect(attempt?.durationMs).toBeGreaterThanOrEqual(450);
    await disable(slow.endpoint.id);
    await disable(fast.endpoint.id);
  });

  it('dead-letters after the retry horizon; the event stays listable and can be replayed', async () => {
    let down = true;
    const outage = await receiver(() => (down ? 'fail' : 'ok'));
    const { endpoint, secret } = await register(outage.url);
    // The horizon counts from the event's time: make it now, however long the earlier tests took.
    gw.clock.now = new Date();
    const nudgeId = await raise();
    const dead = await eventually(async () => {
      const r = await eventFor(nudgeId);
      expect(r.deliveries[0]?.status).toBe('dead');
      return r;
    }, 30_000);
    expect(dead.deliveries[0]?.attempts.length).toBeGreaterThan(2);
    expect((await events('?status=dead')).map((e) => e.id)).toContain(dead.id);

    down = false;
    const replay = await gw.api('POST', `/v1/webhook-events/${dead.id}/replay`, {
      auth: gw.partnerA.secretKey,
      body: { endpointId: endpoint.id },
    });
    expect(replay.status).toBe(202);
    expect(WebhookEventRecord.parse(replay.body).deliveries).toHaveLength(2);
    await outage.until((r) => r.length === 1);
    expect(outage.received[0]?.headers['webhook-id']).toBe(dead.id);
    expect(
      verifyWebhook({
        secret,
        headers: outage.received[0]?.headers as never,
        body: outage.received[0]?.body ?? '',
      }),
    ).toMatchObject({ id: dead.id });
    // Another partner can neither list nor replay it.
    const foreign = await gw.api('POST', `/v1/webhook-events/${dead.id}/replay`, {
      auth: gw.partnerB.secretKey,
      body: {},
    });
    expect(foreign.status).toBe(404);
    await disable(endpoint.id);
  });

  it('rotates the secret with an overlap during which both signatures are sent', async () => {
    const sink = await receiver();
    const { endpoint, secret: oldSecret } = await register(sink.url);
    const rotated = await gw.api('POST', `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, {
      auth: gw.partnerA.secretKey,
      body: { overlapHours: 1 },
    });
    expect(rotated.status).toBe(200);
    const { secret: newSecret, endpoint: after } = WebhookEndpointSecret.parse(rotated.body);
    expect(newSecret).not.toBe(oldSecret);
    expect(Date.parse(after.previousSecretExpiresAt ?? '') - Date.now()).toBeGreaterThan(3_500_000);
    await raise();
    await sink.until((r) => r.length === 1);
    const [hook] = sink.received;
    expect(String(hook?.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [oldSecret, newSecret]) {
      expect(() =>
        verifyWebhook({ secret, headers: hook?.headers as never, body: hook?.body ?? '' }),
      ).not.toThrow();
    }
    // With no overlap the old secret stops signing at once.
    await gw.api('POST', `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, {
      auth: gw.partnerA.secretKey,
      body: { overlapHours: 0 },
    });
    await raise();
    await sink.until((r) => r.length === 2);
    expect(String(sink.received[1]?.headers['webhook-signature']).split(' ')).toHaveLength(1);
    const listed = WebhookEndpointList.parse(
      (await gw.api('GET', '/v1/webhook-endpoints', { auth: gw.partnerA.secretKey })).body,
    );
    expect(listed.endpoints.map((e) => e.id)).toContain(endpoint.id);
    expect(JSON.stringify(listed)).not.toContain(newSecret);
    const other = WebhookEndpointList.parse(
      (await gw.api('GET', '/v1/webhook-endpoints', { auth: gw.partnerB.secretKey })).body,
    );
    expect(other.endpoints).toEqual([]);
    await disable(endpoint.id);
  });

  it('treats the webhookUrl given at partner creation as an endpoint signed with the partner’s webhook secret', async () => {
    const sink = await receiver();
    const created = await createPartner(gw.store, {
      name: 'Hooked from the start',
      scenarios: ['supply-chain'],
      webhookUrl: sink.url,
    });
    const listed = WebhookEndpointList.parse(
      (await gw.api('GET', '/v1/webhook-endpoints', { auth: created.secretKey })).body,
    ).endpoints;
    expect(listed).toMatchObject([
      { url: sink.url, status: 'active', eventTypes: expect.arrayContaining(['nudge.created']) },
    ]);
    gw.clock.now = new Date();
    await raise(created.secretKey);
    await sink.until((r) => r.length === 1);
    const [hook] = sink.received;
    expect(
      verifyWebhook({
        secret: created.webhookSecret,
        headers: hook?.headers as never,
        body: hook?.body ?? '',
      }).type,
    ).toBe('nudge.created');
  });

  it('writes events for nothing but committed changes, and keeps 30 days of them', async () => {
    const before = (await events('?limit=200')).length;
    const bad = await gw.api('POST', '/v1/signals', {
      auth: gw.partnerA.secretKey,
      body: {
        signals: [
          { id: 'x', type: 'receivables.outstanding', subject: 'u', occurredAt: 'yesterday', data: {} },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect((await events('?limit=200')).length).toBe(before);
    const old = new Date(Date.now() - 31 * DAY);
    gw.clock.now = old;
    await raise();
    gw.clock.now = new Date();
    expect((await events('?limit=200')).length).toBe(before);
  });
});

describe('two gateway instances on one PostgreSQL database', () => {
  it('deliver every event exactly once between them', async () => {
    const gw = await startTestGateway('postgres', {
      gateway: { webhooks: { allowLoopback: true, pollIntervalMs: 50, retry: fastRetry } },
    });
    const store2 = await openStore({ databaseUrl: PG_URL, schema: gw.schema });
    const second = await startGateway({
      store: store2,
      port: 0,
      host: '127.0.0.1',
      logger: false,
      webhooks: { allowLoopback: true, pollIntervalMs: 50, retry: fastRetry },
    });
    // Each request takes a little while, so both instances are busy at the same time.
    const sink = await startReceiver();
    let stopped = false;
    try {
      await gw.publish(eager);
      gw.clock.now = new Date();
      await gw.api('POST', '/v1/webhook-endpoints', {
        auth: gw.partnerA.secretKey,
        body: { url: sink.url, eventTypes: ['nudge.created'] },
      });
      const total = 60;
      // Half the events enter through each instance.
      await Promise.all(
        Array.from({ length: total }, async (_, i) => {
          const base = i % 2 === 0 ? gw.url : second.url;
          const response = await fetch(`${base}/v1/signals`, {
            method: 'POST',
            headers: { authorization: `Bearer ${gw.partnerA.secretKey}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              signals: [
                {
                  id: `two-${i}`,
                  type: 'receivables.outstanding',
                  subject: `two-user-${i}`,
                  occurredAt: new Date(Date.now() - 60_000).toISOString(),
                  data: { amount: { value: 5_000, currency: 'CNY' } },
                },
              ],
            }),
          });
          expect(response.status).toBe(200);
        }),
      );
      await sink.until((r) => r.length >= total);
      // A stopped worker has finished every delivery it started: a duplicate would be in by now.
      await second.close();
      await gw.close();
      stopped = true;
      const ids = sink.received.map((r) => String(r.headers['webhook-id']));
      expect(ids).toHaveLength(total);
      expect(new Set(ids).size).toBe(total);
    } finally {
      if (!stopped) {
        await second.close();
        await gw.close();
      }
      await store2.close();
      await sink.close();
    }
  });
});

describe('a gateway killed with SIGKILL mid-delivery', () => {
  it('loses no event: another instance delivers every one once the lease lapses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'finlet-kill-'));
    const bundle = join(dir, 'gateway.cjs');
    const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));
    await build({
      entryPoints: [src('../index.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['better-sqlite3', 'pg', 'pino'],
      // Workspace packages from source, as the tests see them (their dist may be stale).
      plugins: [
        {
          name: 'finlet-source',
          setup(b) {
            b.onResolve({ filter: /^@finlet\/[a-z-]+(\/[a-z-]+)?$/ }, (args) => {
              const [, pkg, sub] = /^@finlet\/([a-z-]+)(?:\/([a-z-]+))?$/.exec(args.path) ?? [];
              return { path: src(`../../../${pkg}/src/${sub ?? 'index'}.ts`) };
            });
          },
        },
      ],
      outfile: bundle,
      logLevel: 'silent',
    });
    // The API instance runs no worker: only the child process delivers, until it is killed.
    const gw = await startTestGateway('postgres', {
      gateway: { webhooks: { worker: false, allowLoopback: true } },
    });
    let phase: 'hang' | 'ok' = 'hang';
    const sink = await startReceiver(() => phase);
    let rescuer: WebhookWorker | undefined;
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const { openStore, startGateway } = require(${JSON.stringify(bundle)});
        (async () => {
          const store = await openStore({ databaseUrl: ${JSON.stringify(PG_URL)}, schema: ${JSON.stringify(gw.schema)} });
          await startGateway({ store, port: 0, host: '127.0.0.1', logger: false,
            webhooks: { allowLoopback: true, pollIntervalMs: 50, timeoutMs: 5000, leaseMarginMs: 500 } });
          process.stdout.write('ready\\n');
        })();`,
      ],
      {
        env: { ...process.env, NODE_PATH: fileURLToPath(new URL('../../node_modules', import.meta.url)) },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
        child.once('exit', (code) => reject(new Error(`child exited early with ${code}`)));
      });
      await gw.publish(eager);
      gw.clock.now = new Date(Date.now() - 1_000);
      const registered = await gw.api('POST', '/v1/webhook-endpoints', {
        auth: gw.partnerA.secretKey,
        body: { url: sink.url, eventTypes: ['nudge.created'] },
      });
      expect(registered.status).toBe(201);
      const total = 12;
      const sent = await gw.api('POST', '/v1/signals', {
        auth: gw.partnerA.secretKey,
        body: {
          signals: Array.from({ length: total }, (_, i) => ({
            id: `kill-${i}`,
            type: 'receivables.outstanding',
            subject: `kill-user-${i}`,
            occurredAt: new Date(Date.now() - 60_000).toISOString(),
            data: { amount: { value: 5_000, currency: 'CNY' } },
          })),
        },
      });
      expect(SignalBatchResult.parse(sent.body).nudges).toHaveLength(total);
      // The child has claimed the deliveries and is in the middle of sending them.
      await eventually(async () => expect(sink.requests).toBeGreaterThanOrEqual(total));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      expect(sink.received).toHaveLength(0);

      phase = 'ok';
      rescuer = new WebhookWorker({ store: gw.store, allowLoopback: true, pollIntervalMs: 50 });
      rescuer.start();
      await sink.until((r) => new Set(r.map((w) => w.headers['webhook-id'])).size === total, 20_000);
      const events = WebhookEventList.parse(
        (await gw.api('GET', '/v1/webhook-events?limit=200', { auth: gw.partnerA.secretKey })).body,
      ).events;
      expect(events).toHaveLength(total);
      expect(new Set(sink.received.map((w) => String(w.headers['webhook-id'])))).toEqual(
        new Set(events.map((e) => e.id)),
      );
      await eventually(async () => {
        const now = WebhookEventList.parse(
          (await gw.api('GET', '/v1/webhook-events?limit=200', { auth: gw.partnerA.secretKey })).body,
        ).events;
        expect(now.every((e) => e.deliveries[0]?.status === 'delivered')).toBe(true);
      });
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rescuer?.stop();
      await sink.close();
      await gw.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
