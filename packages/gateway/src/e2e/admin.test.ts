import { AuditList, Offer, OfferList, Problem } from '@finlet/contracts';
import { consumerOffer, DIALECTS, startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe.each(DIALECTS)('publishing offers through the admin API on %s', (dialect) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(dialect);
  });
  afterAll(async () => gw?.close());

  const act = (key: string, id: string, version: number, action: string, comment?: string) =>
    gw.api('POST', `/v1/admin/offers/${id}/versions/${version}/${action}`, {
      auth: key,
      body: comment ? { comment } : {},
    });

  it('walks draft → in_review → approved → published with four eyes, and audits each step', async () => {
    const { author, author2, approver, admin } = gw.admins;
    const offer = { ...structuredClone(consumerOffer), id: 'lifecycle-offer' };
    const created = await gw.api('POST', '/v1/admin/offers', { auth: author.apiKey, body: offer });
    expect(created.status).toBe(201);
    expect(Offer.parse(created.body)).toMatchObject({
      version: 1,
      status: 'draft',
      createdBy: author.admin.id,
    });

    expect(
      Problem.parse((await gw.api('POST', '/v1/admin/offers', { auth: author.apiKey, body: offer })).body)
        .code,
    ).toBe('conflict');
    expect(Problem.parse((await act(author.apiKey, offer.id, 1, 'approve')).body).code).toBe('forbidden');
    expect(Problem.parse((await act(approver.apiKey, offer.id, 1, 'publish')).body).code).toBe(
      'invalid_state_transition',
    );

    // Another author edits the draft and so becomes its author.
    const edited = { ...offer, priority: 70 };
    const put = await gw.api('PUT', `/v1/admin/offers/${offer.id}/versions/1`, {
      auth: author2.apiKey,
      body: edited,
    });
    expect(Offer.parse(put.body)).toMatchObject({ priority: 70, createdBy: author2.admin.id });

    expect((await act(author2.apiKey, offer.id, 1, 'submit')).status).toBe(200);
    const locked = await gw.api('PUT', `/v1/admin/offers/${offer.id}/versions/1`, {
      auth: author.apiKey,
      body: offer,
    });
    expect(Problem.parse(locked.body).code).toBe('invalid_state_transition');

    expect(Problem.parse((await act(approver.apiKey, offer.id, 1, 'reject')).body).code).toBe(
      'invalid_request',
    );
    expect(
      Offer.parse((await act(approver.apiKey, offer.id, 1, 'reject', '请补充费用说明')).body).status,
    ).toBe('draft');
    expect((await act(author2.apiKey, offer.id, 1, 'submit')).status).toBe(200);
    expect(Offer.parse((await act(approver.apiKey, offer.id, 1, 'approve')).body)).toMatchObject({
      status: 'approved',
      approvedBy: approver.admin.id,
    });
    expect(Offer.parse((await act(approver.apiKey, offer.id, 1, 'publish')).body).status).toBe('published');

    // Version 2 written and submitted by the admin: the admin may not approve their own version.
    const v2 = await gw.api('POST', `/v1/admin/offers/${offer.id}/versions`, {
      auth: admin.apiKey,
      body: { ...edited, priority: 80 },
    });
    expect(Offer.parse(v2.body)).toMatchObject({ version: 2, status: 'draft' });
    expect((await act(admin.apiKey, offer.id, 2, 'submit')).status).toBe(200);
    const self = await act(admin.apiKey, offer.id, 2, 'approve');
    expect(self.status).toBe(403);
    expect(Problem.parse(self.body).code).toBe('approver_is_author');
    expect((await act(approver.apiKey, offer.id, 2, 'approve')).status).toBe(200);
    expect((await act(approver.apiKey, offer.id, 2, 'publish')).status).toBe(200);

    const versions = OfferList.parse(
      (await gw.api('GET', `/v1/admin/offers/${offer.id}`, { auth: author.apiKey })).body,
    );
    expect(versions.offers.map((o) => [o.version, o.status])).toEqual([
      [2, 'published'],
      [1, 'retired'],
    ]);
    const published = OfferList.parse(
      (await gw.api('GET', '/v1/admin/offers?status=published', { auth: author.apiKey })).body,
    );
    expect(published.offers.map((o) => `${o.id}@${o.version}`)).toContain(`${offer.id}@2`);

    const audit = AuditList.parse(
      (await gw.api('GET', `/v1/admin/audit?targetId=${offer.id}`, { auth: approver.apiKey })).body,
    );
    expect(audit.entries.map((e) => `${e.action}@${e.target.version}`).reverse()).toEqual([
      'offer.create@1',
      'offer.update@1',
      'offer.submit@1',
      'offer.reject@1',
      'offer.submit@1',
      'offer.approve@1',
      'offer.publish@1',
      'offer.create_version@2',
      'offer.submit@2',
      'offer.approve@2',
      'offer.retire@1',
      'offer.publish@2',
    ]);
    const reject = audit.entries.find((e) => e.action === 'offer.reject');
    expect(reject).toMatchObject({
      comment: '请补充费用说明',
      actor: { id: approver.admin.id },
      before: { status: 'in_review' },
    });
  });

  it('validates offer content with field paths before anything is stored', async () => {
    const bad = {
      ...structuredClone(consumerOffer),
      id: 'Bad Id',
      amount: { min: { value: 100, currency: 'USD' }, max: { value: 50, currency: 'CNY' } },
    };
    const response = await gw.api('POST', '/v1/admin/offers', { auth: gw.admins.author.apiKey, body: bad });
    expect(response.status).toBe(400);
    const paths = Problem.parse(response.body).errors?.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['id', 'amount.min.currency', 'amount.min']));
    expect((await gw.api('GET', '/v1/admin/offers/bad-id', { auth: gw.admins.author.apiKey })).status).toBe(
      404,
    );
  });

  it('lets only admins manage partners, and shows the secret once', async () => {
    const denied = await gw.api('POST', '/v1/admin/partners', {
      auth: gw.admins.approver.apiKey,
      body: { name: 'Travel C', origins: ['https://travel-c.example'], scenarios: ['tourism'] },
    });
    expect(Problem.parse(denied.body).code).toBe('forbidden');
    const created = await gw.api<{ partner: { id: string }; secretKey: string }>(
      'POST',
      '/v1/admin/partners',
      {
        auth: gw.admins.admin.apiKey,
        body: { name: 'Travel C', origins: ['https://travel-c.example'], scenarios: ['tourism'] },
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.secretKey).toMatch(/^fsk_/);
    const list = await gw.api('GET', '/v1/admin/partners', { auth: gw.admins.admin.apiKey });
    expect(list.text).toContain(created.body.partner.id);
    expect(list.text).not.toContain(created.body.secretKey);
    const session = await gw.api('POST', '/v1/embed-sessions', {
      auth: created.body.secretKey,
      body: { userId: 'traveller-1', scenario: 'tourism' },
    });
    expect(session.status).toBe(201);
  });

  it('refuses a partner whose webhook URL points at a non-public address, and stores nothing', async () => {
    const before = (await gw.store.partners.list()).length;
    for (const webhookUrl of [
      'http://[::127.0.0.1]/hook',
      'http://[::169.254.169.254]/latest/meta-data',
      'http://[2002:a9fe:a9fe::1]/hook',
      'http://[2002:7f00:1::1]/hook',
      'http://[fec0::1]/hook',
      'http://10.0.0.7/hook',
    ]) {
      const refused = await gw.api('POST', '/v1/admin/partners', {
        auth: gw.admins.admin.apiKey,
        body: { name: 'Hooked', scenarios: ['tourism'], webhookUrl },
      });
      expect(refused.status, webhookUrl).toBe(422);
      expect(Problem.parse(refused.body)).toMatchObject({
        code: 'webhook_url_not_allowed',
        errors: [{ path: 'webhookUrl' }],
      });
    }
    expect(await gw.store.partners.list()).toHaveLength(before);
    const hooked = await gw.api('POST', '/v1/admin/partners', {
      auth: gw.admins.admin.apiKey,
      body: { name: 'Hooked', scenarios: ['tourism'], webhookUrl: 'https://93.184.215.14/hook' },
    });
    expect(hooked.status).toBe(201);
  });
});
