import { AuditList, FxTable, FxTableList, Problem, RailTable, RouteQuote } from '@finlet/contracts';
import { DIALECTS, startTestGateway, type TestGateway, testFx, testRails } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const quoteBody = (over: Record<string, unknown> = {}) => ({
  amount: { value: 1_000_000, currency: 'CNY' },
  fromCountry: 'CN',
  toCountry: 'HK',
  fromCurrency: 'CNY',
  toCurrency: 'HKD',
  payerType: 'consumer',
  payeeType: 'consumer',
  purpose: 'family_support',
  ...over,
});

describe.each(DIALECTS)('cross-border routing on %s', (dialect) => {
  let gw: TestGateway;
  let token: string;
  let other: string;
  beforeAll(async () => {
    gw = await startTestGateway(dialect);
    token = await gw.session(gw.partnerA, { userId: 'traveller-1', scenario: 'consumption' });
    other = await gw.session(gw.partnerA, { userId: 'traveller-2', scenario: 'consumption' });
  });
  afterAll(async () => gw?.close());

  const act = (segment: string, key: string, id: string, version: number, action: string) =>
    gw.api('POST', `/v1/admin/${segment}/${id}/versions/${version}/${action}`, { auth: key, body: {} });

  async function publish(segment: 'rail-tables' | 'fx-tables', body: { id: string }) {
    const { author, approver } = gw.admins;
    const created = await gw.api('POST', `/v1/admin/${segment}`, { auth: author.apiKey, body });
    expect(created.status, created.text).toBe(201);
    const version = (created.body as { version: number }).version;
    expect((await act(segment, author.apiKey, body.id, version, 'submit')).status).toBe(200);
    expect((await act(segment, approver.apiKey, body.id, version, 'approve')).status).toBe(200);
    const published = await act(segment, approver.apiKey, body.id, version, 'publish');
    expect(published.status).toBe(200);
    return published.body;
  }

  it('refuses to quote before any rails are published', async () => {
    const r = await gw.api('POST', '/v1/routes/quote', { auth: token, body: quoteBody() });
    expect(r.status).toBe(422);
    expect(Problem.parse(r.body).code).toBe('route_corridor_not_supported');
  });

  it('publishes rail and FX tables with four eyes, and audits every step', async () => {
    const { author, approver, admin } = gw.admins;
    const created = await gw.api('POST', '/v1/admin/rail-tables', { auth: author.apiKey, body: testRails });
    expect(RailTable.parse(created.body)).toMatchObject({
      version: 1,
      status: 'draft',
      createdBy: author.admin.id,
    });
    expect(
      Problem.parse((await act('rail-tables', author.apiKey, testRails.id, 1, 'approve')).body).code,
    ).toBe('forbidden');
    expect((await act('rail-tables', author.apiKey, testRails.id, 1, 'submit')).status).toBe(200);
    expect(
      RailTable.parse((await act('rail-tables', approver.apiKey, testRails.id, 1, 'approve')).body)
        .approvedBy,
    ).toBe(approver.admin.id);
    expect(
      RailTable.parse((await act('rail-tables', approver.apiKey, testRails.id, 1, 'publish')).body).status,
    ).toBe('published');

    // An admin may not approve a version they wrote and submitted.
    const fx = testFx('fx-own', new Date(gw.clock.now.getTime() - 60_000));
    expect((await gw.api('POST', '/v1/admin/fx-tables', { auth: admin.apiKey, body: fx })).status).toBe(201);
    expect((await act('fx-tables', admin.apiKey, 'fx-own', 1, 'submit')).status).toBe(200);
    const self = await act('fx-tables', admin.apiKey, 'fx-own', 1, 'approve');
    expect(self.status).toBe(403);
    expect(Problem.parse(self.body).code).toBe('approver_is_author');
    const list = FxTableList.parse(
      (await gw.api('GET', '/v1/admin/fx-tables?status=in_review', { auth: approver.apiKey })).body,
    );
    expect(list.tables.map((t) => t.id)).toEqual(['fx-own']);

    const bad = await gw.api('POST', '/v1/admin/rail-tables', {
      auth: author.apiKey,
      body: {
        ...testRails,
        id: 'broken',
        legs: [{ ...testRails.legs[0], fxSpreadBps: 10, to: { country: 'CN', currency: 'CNY' } }],
      },
    });
    expect(bad.status).toBe(400);
    expect(Problem.parse(bad.body).errors?.[0]?.path).toContain('fxSpreadBps');

    const audit = AuditList.parse(
      (
        await gw.api('GET', `/v1/admin/audit?targetKind=rail_table&targetId=${testRails.id}`, {
          auth: approver.apiKey,
        })
      ).body,
    );
    expect(audit.entries.map((e) => e.action).reverse()).toEqual([
      'rail_table.create',
      'rail_table.submit',
      'rail_table.approve',
      'rail_table.publish',
    ]);
  });

  it('refuses stale FX rates and says how old they are', async () => {
    const stale = testFx('fx-stale', new Date(gw.clock.now.getTime() - 7_200_000));
    FxTable.parse(await publish('fx-tables', stale));
    const r = await gw.api('POST', '/v1/routes/quote', { auth: token, body: quoteBody() });
    expect(r.status).toBe(503);
    const problem = Problem.parse(r.body);
    expect(problem.code).toBe('fx_rates_stale');
    expect(problem.detail).toContain('at most 3600 s');
  });

  it('quotes options with an id and expiry, and reads the quote back for its owner only', async () => {
    await publish('fx-tables', testFx('fx-main', new Date(gw.clock.now.getTime() - 1_000)));
    const r = await gw.api('POST', '/v1/routes/quote', { auth: token, body: quoteBody() });
    expect(r.status, r.text).toBe(201);
    const quote = RouteQuote.parse(r.body);
    expect(quote.id).toMatch(/^rq_/);
    expect(Date.parse(quote.expiresAt)).toBeGreaterThan(gw.clock.now.getTime());
    expect(quote.fx).toMatchObject({ tableId: 'fx-main', version: 1 });
    expect(quote.railTables).toEqual([{ id: 'asia-test', version: 1 }]);
    expect(quote.options.length).toBeGreaterThanOrEqual(2);
    expect(quote.options.some((o) => o.cheapest)).toBe(true);
    expect(quote.options.filter((o) => o.recommended)).toHaveLength(1);
    for (const o of quote.options) {
      expect(o.senderPays).toEqual({ value: 1_000_000, currency: 'CNY' });
      const b = o.costBreakdown;
      expect(b.fees.value + b.spread.value + b.roundingMinor).toBe(o.totalCost.value);
    }
    const wallet = quote.options.find((o) => o.id === 'wallet-cn-hk')!;
    expect(wallet.legs[0]!.fee).toEqual({ value: 8_000, currency: 'CNY' }); // 0.80 % of 10,000.00

    const read = await gw.api('GET', `/v1/routes/quotes/${quote.id}`, { auth: token });
    expect(RouteQuote.parse(read.body)).toEqual(quote);
    expect((await gw.api('GET', `/v1/routes/quotes/${quote.id}`, { auth: other })).status).toBe(404);

    const receive = await gw.api('POST', '/v1/routes/quote', {
      auth: token,
      body: quoteBody({ direction: 'receive', amount: { value: 1_000_000, currency: 'HKD' } }),
    });
    for (const o of RouteQuote.parse(receive.body).options)
      expect(o.recipientGets).toEqual({ value: 1_000_000, currency: 'HKD' });
  });

  it('says which constraint failed: currency, corridor, purpose, party, amount', async () => {
    const code = async (over: Record<string, unknown>) => {
      const r = await gw.api('POST', '/v1/routes/quote', { auth: token, body: quoteBody(over) });
      return Problem.parse(r.body);
    };
    expect((await code({ toCurrency: 'XYZ' })).code).toBe('invalid_request');
    const corridor = await code({ toCountry: 'JP', toCurrency: 'JPY' });
    expect(corridor.code).toBe('route_corridor_not_supported');
    expect(corridor.detail).toContain('JP (JPY)');
    const purpose = await code({ purpose: 'investment' });
    expect(purpose.code).toBe('route_purpose_not_supported');
    expect(purpose.errors?.[0]).toMatchObject({ path: 'purpose' });
    const party = await code({ payerType: 'business', toCountry: 'TH', toCurrency: 'THB' });
    expect(party.code).toBe('route_party_not_supported');
    expect(party.detail).toContain('business payer');
    const tiny = await code({ amount: { value: 50, currency: 'CNY' } });
    expect(tiny.code).toBe('route_amount_out_of_limits');
    expect(tiny.detail).toContain('0.50 CNY');
    expect(
      (await gw.api('POST', '/v1/routes/quote', { auth: gw.partnerA.secretKey, body: quoteBody() })).status,
    ).toBe(403);
  });
});
