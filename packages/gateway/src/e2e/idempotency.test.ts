import { Application, Problem } from '@finlet/contracts';
import { DIALECTS, inventoryOffer, PG_URL, startTestGateway, type TestGateway } from '@finlet/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestHash } from '../http/idempotency.js';

const USER = 'merchant-idem';
const LEASE_SECONDS = 10;

describe.each(DIALECTS)('Idempotency-Key across a crash on %s', (dialect) => {
  let gw: TestGateway;
  let token: string;
  let consentId: string;

  beforeAll(async () => {
    gw = await startTestGateway(dialect, { gateway: { idempotencyLeaseSeconds: LEASE_SECONDS } });
    await gw.publish(inventoryOffer);
    token = await gw.session(gw.partnerA, {
      userId: USER,
      scenario: 'supply-chain',
      signals: { 'business.age_months': 30, 'inventory.turnover_days': 62 },
    });
    consentId = (await gw.consent(token, ['application.submit'])).id;
  });
  afterAll(async () => gw?.close());

  const body = (purpose: string) => ({
    offerId: 'scf-inventory-loan',
    amount: { value: 8_000_000, currency: 'CNY' },
    purpose,
    applicant: { name: '陈晓明' },
    consentIds: [consentId],
  });
  const submit = (key: string, purpose: string) =>
    gw.api('POST', '/v1/applications', {
      auth: token,
      headers: { 'idempotency-key': key },
      body: body(purpose),
    });
  const rowsFor = async (purpose: string) =>
    (await gw.store.applications.listForUser(gw.partnerA.partner.id, USER)).filter(
      (a) => a.purpose === purpose,
    );

  it('takes over a claim left started by a gateway that died, once its lease has run out', async () => {
    // What a gateway killed between claiming the key and writing leaves behind: a started claim.
    const now = gw.clock.now;
    const claimed = await gw.store.idempotency.begin({
      partnerId: gw.partnerA.partner.id,
      key: 'orphan-1',
      requestHash: requestHash('POST', '/v1/applications', USER, JSON.stringify(body('orphan-1'))),
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
      leaseExpiresAt: new Date(now.getTime() + LEASE_SECONDS * 1000).toISOString(),
    });
    expect(claimed.state).toBe('started');

    const early = await submit('orphan-1', 'orphan-1');
    expect([early.status, Problem.parse(early.body).code]).toEqual([409, 'idempotency_in_progress']);
    expect(early.headers.get('retry-after')).toBe('1');

    gw.clock.now = new Date(now.getTime() + LEASE_SECONDS * 1000);
    const retried = await submit('orphan-1', 'orphan-1');
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    const created = Application.parse(retried.body);
    expect((await rowsFor('orphan-1')).map((a) => a.id)).toEqual([created.id]);

    const replayed = await submit('orphan-1', 'orphan-1');
    expect(replayed.status).toBe(201);
    expect(replayed.text).toBe(retried.text);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.headers.get('location')).toBe(`/v1/applications/${created.id}`);

    // Past the lease, a different request under the key is still refused.
    const changed = await gw.api('POST', '/v1/applications', {
      auth: token,
      headers: { 'idempotency-key': 'orphan-1' },
      body: { ...body('orphan-1'), purpose: 'something else' },
    });
    expect(Problem.parse(changed.body).code).toBe('idempotency_conflict');
  });

  it('creates one application for concurrent duplicates, each answered with it or told to retry', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => submit('dup-1', 'dup-1')));
    const rows = await rowsFor('dup-1');
    expect(rows).toHaveLength(1);
    for (const answer of answers) {
      if (answer.status === 201) expect(Application.parse(answer.body).id).toBe(rows[0]?.id);
      else expect([answer.status, Problem.parse(answer.body).code]).toEqual([409, 'idempotency_in_progress']);
    }
    expect(answers.filter((a) => a.status === 201 && !a.headers.get('idempotent-replayed'))).toHaveLength(1);
  });

  // PostgreSQL only: holding the request up needs a lock from another connection, which on SQLite
  // (synchronous, one process) would hold up the test as well.
  it.runIf(dialect === 'postgres')(
    'lets a request that outran its lease commit nothing once a retry took its key over',
    async () => {
      const blocker = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${gw.schema}` });
      await blocker.connect();
      const owner = async () =>
        (
          await blocker.query<{ owner: string | null }>(
            `SELECT owner FROM idempotency_keys WHERE key = 'slow-1'`,
          )
        ).rows[0]?.owner;
      try {
        const lock = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${gw.schema}` });
        await lock.connect();
        let slow: ReturnType<typeof submit>;
        let retry: ReturnType<typeof submit>;
        try {
          // The handler reads consents after claiming the key: hold it there.
          await lock.query('BEGIN');
          await lock.query('LOCK TABLE consents IN ACCESS EXCLUSIVE MODE');
          slow = submit('slow-1', 'slow-1');
          await expect.poll(owner, { timeout: 20_000 }).toBeTruthy();
          const first = await owner();
          gw.clock.now = new Date(gw.clock.now.getTime() + LEASE_SECONDS * 1000);
          retry = submit('slow-1', 'slow-1');
          await expect.poll(owner, { timeout: 20_000 }).not.toBe(first);
        } finally {
          await lock.query('COMMIT');
          await lock.end();
        }
        const [late, taken] = await Promise.all([slow, retry]);
        expect([late.status, Problem.parse(late.body).code]).toEqual([409, 'idempotency_in_progress']);
        expect(taken.status).toBe(201);
        const created = Application.parse(taken.body);
        expect((await rowsFor('slow-1')).map((a) => a.id)).toEqual([created.id]);
        const again = await submit('slow-1', 'slow-1');
        expect([again.text, again.headers.get('idempotent-replayed')]).toEqual([taken.text, 'true']);
      } finally {
        await blocker.end();
      }
    },
  );

  it('releases the key when the request fails, so the fixed request runs with it', async () => {
    const refused = await gw.api('POST', '/v1/applications', {
      auth: token,
      headers: { 'idempotency-key': 'fix-1' },
      body: { ...body('fix-1'), consentIds: ['cns_0000000000000000000000'] },
    });
    expect(Problem.parse(refused.body).code).toBe('consent_required');
    const fixed = await gw.api('POST', '/v1/applications', {
      auth: token,
      headers: { 'idempotency-key': 'fix-1' },
      body: body('fix-1'),
    });
    expect(fixed.status).toBe(201);
    expect(await rowsFor('fix-1')).toHaveLength(1);
  });
});
