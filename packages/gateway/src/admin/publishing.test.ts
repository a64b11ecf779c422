import { AuditList, Offer, type OfferContentInput, OfferList, Problem } from '@finlet/contracts';
import { consumerOffer, DIALECTS, PG_URL, startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGateway, type Gateway } from '../app.js';
import { openStore } from '../storage/index.js';
import type { Store } from '../storage/store.js';

const SECOND = 1000;

describe.each(DIALECTS)('editing, scheduling, rolling back and auditing offers on %s', (dialect) => {
  let gw: TestGateway;
  beforeAll(async () => {
    // A fast scheduler loop, so a due publish shows within milliseconds of the clock reaching it.
    gw = await startTestGateway(dialect, { gateway: { scheduler: { intervalMs: 20 } } });
  });
  afterAll(async () => gw?.close());

  const advance = (ms: number) => {
    gw.clock.now = new Date(gw.clock.now.getTime() + ms);
  };
  const offerWith = (id: string, priority = 50): OfferContentInput => ({
    ...structuredClone(consumerOffer),
    id,
    priority,
  });
  const act = (key: string, id: string, version: number, action: string, body: unknown = {}) =>
    gw.api('POST', `/v1/admin/offers/${id}/versions/${version}/${action}`, { auth: key, body });
  async function approvedVersion(id: string, priority = 50): Promise<number> {
    const { author, approver } = gw.admins;
    const latest = (await gw.store.offers.latestVersionNumber(id)) > 0;
    const created = await gw.api('POST', latest ? `/v1/admin/offers/${id}/versions` : '/v1/admin/offers', {
      auth: author.apiKey,
      body: offerWith(id, priority),
    });
    const version = Offer.parse(created.body).version;
    expect((await act(author.apiKey, id, version, 'submit')).status).toBe(200);
    expect((await act(approver.apiKey, id, version, 'approve')).status).toBe(200);
    return version;
  }

  it('refuses an edit based on a stale read with 412 stale_version (If-Match/ETag)', async () => {
    const { author, author2 } = gw.admins;
    const offer = offerWith('stale-edit-offer');
    expect((await gw.api('POST', '/v1/admin/offers', { auth: author.apiKey, body: offer })).status).toBe(201);
    const path = `/v1/admin/offers/${offer.id}/versions/1`;
    const opened = await gw.api('GET', path, { auth: author.apiKey });
    const etag = opened.headers.get('etag');
    expect(etag).toBe(`"${Offer.parse(opened.body).updatedAt}"`);

    // Someone else saves first (in the same millisecond: the ETag must still change).
    const first = await gw.api('PUT', path, {
      auth: author2.apiKey,
      body: { ...offer, priority: 60 },
      headers: { 'if-match': etag ?? '' },
    });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).not.toBe(etag);

    const stale = await gw.api('PUT', path, {
      auth: author.apiKey,
      body: { ...offer, priority: 70 },
      headers: { 'if-match': etag ?? '' },
    });
    expect(stale.status).toBe(412);
    expect(Problem.parse(stale.body).code).toBe('stale_version');
    expect((await gw.store.offers.getVersion(offer.id, 1))?.priority).toBe(60);

    const fresh = await gw.api('PUT', path, {
      auth: author.apiKey,
      body: { ...offer, priority: 70 },
      headers: { 'if-match': first.headers.get('etag') ?? '' },
    });
    expect(fresh.status).toBe(200);
    // Without If-Match (the CLI) the last write wins, as before.
    const blind = await gw.api('PUT', path, { auth: author.apiKey, body: { ...offer, priority: 80 } });
    expect(Offer.parse(blind.body).priority).toBe(80);
  });

  it('publishes at the scheduled time through the scheduler, and can unschedule', async () => {
    const { approver, author } = gw.admins;
    const id = 'scheduled-offer';
    const version = await approvedVersion(id);
    const at = new Date(gw.clock.now.getTime() + 60 * SECOND).toISOString();

    expect(Problem.parse((await act(author.apiKey, id, version, 'publish', { at })).body).code).toBe(
      'forbidden',
    );
    const scheduled = await act(approver.apiKey, id, version, 'publish', { at, comment: 'launch Monday' });
    expect(scheduled.status).toBe(200);
    expect(Offer.parse(scheduled.body)).toMatchObject({
      status: 'approved',
      scheduledPublishAt: at,
      scheduledBy: approver.admin.id,
    });
    // The clock has not reached `at`: whole passes of the scheduler (run here, not waited for, so a
    // slow machine cannot make this pass before the loop ever looked; the first may join a pass
    // already under way, the second starts after it) publish nothing.
    const scheduler = gw.running.gateway.scheduler!;
    await scheduler.tick();
    expect(await scheduler.tick()).toBe(0);
    expect((await gw.store.offers.getVersion(id, version))?.status).toBe('approved');

    advance(61 * SECOND);
    await vi.waitFor(
      async () => expect((await gw.store.offers.getVersion(id, version))?.status).toBe('published'),
      {
        timeout: 2000,
        interval: 20,
      },
    );
    const published = await gw.store.offers.getVersion(id, version);
    expect(published).toMatchObject({ scheduledPublishAt: null, publishedAt: gw.clock.now.toISOString() });
    const log = AuditList.parse(
      (await gw.api('GET', `/v1/admin/audit?targetId=${id}`, { auth: approver.apiKey })).body,
    );
    expect(log.entries.map((e) => e.action)).toEqual([
      'offer.publish',
      'offer.schedule',
      'offer.approve',
      'offer.submit',
      'offer.create',
    ]);
    expect(log.entries[0]).toMatchObject({
      actor: { kind: 'system' },
      comment: expect.stringContaining(approver.admin.name),
    });

    // A second version scheduled and then unscheduled stays approved.
    const v2 = await approvedVersion(id, 90);
    const later = new Date(gw.clock.now.getTime() + 3600 * SECOND).toISOString();
    expect((await act(approver.apiKey, id, v2, 'publish', { at: later })).status).toBe(200);
    const unscheduled = await act(approver.apiKey, id, v2, 'unschedule', { comment: 'postponed' });
    expect(Offer.parse(unscheduled.body)).toMatchObject({ status: 'approved', scheduledPublishAt: null });
    expect(Problem.parse((await act(approver.apiKey, id, v2, 'unschedule')).body).code).toBe(
      'invalid_state_transition',
    );
    advance(2 * 3600 * SECOND);
    await scheduler.tick();
    expect(await scheduler.tick()).toBe(0);
    expect((await gw.store.offers.getVersion(id, v2))?.status).toBe('approved');
    // `at` within a few seconds of now publishes at once.
    const now = await act(approver.apiKey, id, v2, 'publish', { at: gw.clock.now.toISOString() });
    expect(Offer.parse(now.body).status).toBe('published');
    // Only approved versions can be scheduled.
    const draft = await gw.api('POST', `/v1/admin/offers/${id}/versions`, {
      auth: author.apiKey,
      body: offerWith(id),
    });
    const refused = await act(approver.apiKey, id, Offer.parse(draft.body).version, 'publish', { at: later });
    expect(Problem.parse(refused.body).code).toBe('invalid_state_transition');
  });

  it('rolls back: version N+1 with the old content, published, and the current one retired', async () => {
    const { approver, author } = gw.admins;
    const id = 'rollback-offer';
    const v1 = await approvedVersion(id, 10);
    expect((await act(approver.apiKey, id, v1, 'publish')).status).toBe(200);
    const v2 = await approvedVersion(id, 20);
    expect((await act(approver.apiKey, id, v2, 'publish')).status).toBe(200);
    const draft = await gw.api('POST', `/v1/admin/offers/${id}/versions`, {
      auth: author.apiKey,
      body: offerWith(id, 30),
    });
    const v3 = Offer.parse(draft.body).version;

    expect(Problem.parse((await act(author.apiKey, id, v1, 'rollback', { comment: 'x' })).body).code).toBe(
      'forbidden',
    );
    expect(Problem.parse((await act(approver.apiKey, id, v1, 'rollback', {})).body).code).toBe(
      'invalid_request',
    );
    expect(Problem.parse((await act(approver.apiKey, id, v2, 'rollback', { comment: 'x' })).body).code).toBe(
      'invalid_state_transition',
    );
    expect(Problem.parse((await act(approver.apiKey, id, v3, 'rollback', { comment: 'x' })).body).code).toBe(
      'invalid_state_transition',
    );

    const rolled = await act(approver.apiKey, id, v1, 'rollback', { comment: 'v2 fees were wrong' });
    expect(rolled.status, rolled.text).toBe(201);
    expect(Offer.parse(rolled.body)).toMatchObject({
      version: v3 + 1,
      status: 'published',
      priority: 10,
      restoredFrom: v1,
      approvedBy: approver.admin.id,
    });
    const versions = OfferList.parse(
      (await gw.api('GET', `/v1/admin/offers/${id}`, { auth: author.apiKey })).body,
    );
    expect(versions.offers.map((o) => [o.version, o.status])).toEqual([
      [v3 + 1, 'published'],
      [v3, 'draft'],
      [v2, 'retired'],
      [v1, 'retired'],
    ]);
    const log = AuditList.parse(
      (await gw.api('GET', `/v1/admin/audit?targetId=${id}&action=offer.rollback`, { auth: author.apiKey }))
        .body,
    );
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]).toMatchObject({
      target: { kind: 'offer', id, version: v3 + 1 },
      before: { priority: 20 },
      after: { priority: 10 },
      comment: 'v2 fees were wrong',
    });
  });

  it('searches the audit log by text and time, page by page', async () => {
    const { approver } = gw.admins;
    const start = gw.clock.now.toISOString();
    advance(SECOND);
    const id = 'audit-search-offer';
    const v1 = await approvedVersion(id);
    advance(SECOND);
    const middle = gw.clock.now.toISOString();
    advance(SECOND);
    await act(approver.apiKey, id, v1, 'publish', { comment: 'Go-Live 100%_ready' });
    advance(SECOND);

    const search = async (query: string) =>
      AuditList.parse((await gw.api('GET', `/v1/admin/audit?${query}`, { auth: approver.apiKey })).body);

    const byComment = await search('q=go-live');
    expect(byComment.entries.map((e) => e.action)).toEqual(['offer.publish']);
    expect(byComment.next).toBeNull();
    // LIKE wildcards in the text are literal.
    expect((await search(`q=${encodeURIComponent('100%_r')}`)).entries).toHaveLength(1);
    expect((await search(`q=${encodeURIComponent('1%0')}`)).entries).toHaveLength(0);
    const byActorName = await search(`q=ZHAO%20MIN&targetId=${id}`);
    expect(byActorName.entries.map((e) => e.action)).toEqual(['offer.publish', 'offer.approve']);
    expect((await search('q=AUDIT-SEARCH')).entries.length).toBe(4);

    const before = await search(
      `targetId=${id}&from=${encodeURIComponent(start)}&to=${encodeURIComponent(middle)}`,
    );
    expect(before.entries.map((e) => e.action)).toEqual(['offer.approve', 'offer.submit', 'offer.create']);
    const after = await search(`targetId=${id}&from=${encodeURIComponent(middle)}`);
    expect(after.entries.map((e) => e.action)).toEqual(['offer.publish']);
    // An offset in the query means the same instant.
    const shanghai = new Date(new Date(middle).getTime() + 8 * 3600 * SECOND)
      .toISOString()
      .replace('Z', '+08:00');
    expect((await search(`targetId=${id}&from=${encodeURIComponent(shanghai)}`)).entries).toHaveLength(1);

    const all = await search('limit=500');
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: AuditList = await search(`limit=3${cursor ? `&before=${cursor}` : ''}`);
      expect(page.entries.length).toBeLessThanOrEqual(3);
      paged.push(...page.entries.map((e) => e.id));
      cursor = page.next;
    } while (cursor);
    expect(paged).toEqual(all.entries.map((e) => e.id));
    expect(paged.length).toBeGreaterThan(10);
  });
});

describe('scheduled publishing with two gateway instances on postgres', () => {
  let gw: TestGateway;
  const instances: { store: Store; gateway: Gateway }[] = [];
  beforeAll(async () => {
    gw = await startTestGateway('postgres', { gateway: { scheduler: false } });
    const later = new Date(gw.clock.now.getTime() + 3600 * SECOND);
    for (let i = 0; i < 2; i++) {
      const store = await openStore({ databaseUrl: PG_URL, schema: gw.schema! });
      // Their clocks are past every schedule below; the long interval leaves the ticks to the test.
      const gateway = await createGateway({
        store,
        logger: false,
        clock: () => later,
        webhooks: { worker: false },
        scheduler: { intervalMs: 3_600_000 },
      });
      instances.push({ store, gateway });
    }
  });
  afterAll(async () => {
    for (const { store, gateway } of instances) {
      await gateway.close();
      await store.close();
    }
    await gw?.close();
  });

  it('publishes each due version exactly once', async () => {
    const { author, approver } = gw.admins;
    const ids = ['twin-a', 'twin-b', 'twin-c', 'twin-d'];
    for (const [index, id] of ids.entries()) {
      // Version 1 is published, version 2 scheduled to replace it: both instances race to retire v1.
      await gw.publish({ ...structuredClone(consumerOffer), id });
      const base = `/v1/admin/offers/${id}/versions/2`;
      const body = { ...structuredClone(consumerOffer), id, priority: 90 };
      expect(
        (await gw.api('POST', `/v1/admin/offers/${id}/versions`, { auth: author.apiKey, body })).status,
      ).toBe(201);
      await gw.api('POST', `${base}/submit`, { auth: author.apiKey, body: {} });
      await gw.api('POST', `${base}/approve`, { auth: approver.apiKey, body: {} });
      const at = new Date(gw.clock.now.getTime() + (index + 1) * 60 * SECOND).toISOString();
      expect((await gw.api('POST', `${base}/publish`, { auth: approver.apiKey, body: { at } })).status).toBe(
        200,
      );
    }
    const counts = await Promise.all(instances.map(({ gateway }) => gateway.scheduler!.tick()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(ids.length);
    for (const id of ids) {
      expect((await gw.store.offers.listVersions(id)).map((o) => o.status)).toEqual(['published', 'retired']);
      const log = await gw.store.audit.list({ targetId: id });
      const v2 = log.filter((e) => e.target.version === 2 && e.action === 'offer.publish');
      const v1 = log.filter((e) => e.target.version === 1 && e.action === 'offer.retire');
      expect([v2.length, v1.length]).toEqual([1, 1]);
    }
    expect(await Promise.all(instances.map(({ gateway }) => gateway.scheduler!.tick()))).toEqual([0, 0]);
  });
});
