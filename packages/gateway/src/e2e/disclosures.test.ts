import { createHash } from 'node:crypto';
import { DisclosureReceipt, DisclosureReceiptList } from '@finlet/contracts';
import { consumerOffer, DIALECTS, ORIGIN_A, startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe.each(DIALECTS)('disclosure receipts over real HTTP on %s', (dialect) => {
  let gw: TestGateway;
  let token: string;
  beforeAll(async () => {
    gw = await startTestGateway(dialect);
    await gw.publish(consumerOffer);
    token = await gw.session(gw.partnerA, { userId: 'shopper-dsr', scenario: 'consumption' });
  });
  afterAll(async () => gw?.close());

  const record = (body: unknown, auth = token) =>
    gw.api('POST', '/v1/disclosures', { auth, body, headers: { origin: ORIGIN_A } });

  it('keeps the texts of the stored offer version shown, in the language shown', async () => {
    const response = await record({
      surface: 'offers',
      locale: 'zh-CN',
      offers: [{ id: consumerOffer.id, version: 1 }],
    });
    expect(response.status).toBe(201);
    const receipt = DisclosureReceipt.parse(response.body);
    expect(receipt).toMatchObject({
      partnerId: gw.partnerA.partner.id,
      userId: 'shopper-dsr',
      surface: 'offers',
    });
    expect(receipt.offers).toEqual([
      {
        id: consumerOffer.id,
        version: 1,
        disclosures: ['贷款有风险，借款需谨慎。'],
        digest: createHash('sha256').update('贷款有风险，借款需谨慎。').digest('hex'),
      },
    ]);

    gw.clock.now = new Date(gw.clock.now.getTime() + 60_000);
    await record({ surface: 'apply', locale: 'en', offers: [{ id: consumerOffer.id, version: 1 }] });
    const listed = await gw.api(
      'GET',
      `/v1/admin/disclosures?userId=shopper-dsr&offerId=${consumerOffer.id}`,
      {
        auth: gw.admins.approver.apiKey,
      },
    );
    expect(listed.status).toBe(200);
    const { receipts } = DisclosureReceiptList.parse(listed.body);
    expect(receipts.map((r) => [r.surface, r.locale, r.offers[0]?.disclosures[0]])).toEqual([
      ['apply', 'en', 'Borrow only what you can repay.'],
      ['offers', 'zh-CN', '贷款有风险，借款需谨慎。'],
    ]);
    const other = await gw.api('GET', '/v1/admin/disclosures?userId=someone-else', {
      auth: gw.admins.approver.apiKey,
    });
    expect(DisclosureReceiptList.parse(other.body).receipts).toEqual([]);
  });

  it('refuses versions that were never published and bad bodies, storing nothing', async () => {
    const before = (await gw.store.disclosures.list({ limit: 500 })).length;
    const missing = await record({
      surface: 'offers',
      locale: 'en',
      offers: [{ id: consumerOffer.id, version: 9 }],
    });
    expect(missing.status).toBe(422);
    expect((missing.body as { code: string }).code).toBe('offer_not_available');
    const bad = await record({ surface: 'billboard', locale: 'en', offers: [] });
    expect(bad.status).toBe(400);
    expect((bad.body as { code: string }).code).toBe('invalid_request');
    expect((await gw.store.disclosures.list({ limit: 500 })).length).toBe(before);
  });

  it('takes receipts only from a session and shows them only to the bank', async () => {
    const refused = (status: number) => expect([401, 403]).toContain(status);
    const body = { surface: 'offers', locale: 'en', offers: [{ id: consumerOffer.id, version: 1 }] };
    refused((await record(body, gw.partnerA.secretKey)).status);
    refused((await gw.api('GET', '/v1/admin/disclosures', { auth: gw.partnerA.secretKey })).status);
    refused((await gw.api('GET', '/v1/admin/disclosures', { auth: token })).status);
  });
});
