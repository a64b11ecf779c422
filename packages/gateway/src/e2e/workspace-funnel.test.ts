import { randomUUID } from 'node:crypto';
import { FunnelReport, type FunnelRow } from '@finlet/contracts';
import {
  consumerOffer,
  DIALECTS,
  inventoryOffer,
  ORIGIN_A,
  ORIGIN_B,
  publishWorkspaceOffers,
  startTestGateway,
  type TestGateway,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminKey } from '../bootstrap.js';

const DAY1 = Date.parse('2026-11-02T02:00:00.000Z');
const DAY2 = Date.parse('2026-11-03T02:00:00.000Z');

describe.each(DIALECTS)('the acquisition funnel on %s', (dialect) => {
  let gw: TestGateway;
  let agent: string;

  /** One user's journey through the real API, as far as `until`. */
  async function journey(
    partner: 'A' | 'B',
    userId: string,
    until: 'shown' | 'selected' | 'consented' | 'submitted',
    decision?: 'approved' | 'declined',
  ) {
    const [p, origin, offer, scenario, signals] =
      partner === 'A'
        ? ([gw.partnerA, ORIGIN_A, consumerOffer, 'consumption', { 'user.age': 30 }] as const)
        : ([
            gw.partnerB,
            ORIGIN_B,
            inventoryOffer,
            'supply-chain',
            { 'business.age_months': 30, 'inventory.turnover_days': 60 },
          ] as const);
    const token = await gw.session(p, { userId, scenario, signals });
    const auth = { auth: token, headers: { origin } };
    const show = (surface: string) =>
      gw.api('POST', '/v1/disclosures', {
        ...auth,
        body: { surface, locale: 'en', offers: [{ id: offer.id, version: 1 }] },
      });
    expect((await show('offers')).status).toBe(201);
    if (until === 'shown') return;
    expect((await show('apply')).status).toBe(201);
    if (until === 'selected') return;
    const consent = await gw.api('POST', '/v1/consents', {
      ...auth,
      body: { scopes: ['application.submit'], purpose: 'loan_application', offerId: offer.id },
    });
    expect(consent.status).toBe(201);
    if (until === 'consented') return;
    const amount = partner === 'A' ? 500_000 : 10_000_000;
    const created = await gw.api('POST', '/v1/applications', {
      auth: token,
      headers: { origin, 'idempotency-key': randomUUID() },
      body: {
        offerId: offer.id,
        amount: { value: amount, currency: 'CNY' },
        applicant: { name: 'Funnel User' },
        consentIds: [(consent.body as { id: string }).id],
      },
    });
    expect(created.status, created.text).toBe(201);
    if (!decision) return;
    const id = (created.body as { id: string }).id;
    const decided = await gw.api('POST', `/v1/admin/applications/${id}/status`, {
      auth: gw.admins.approver.apiKey,
      body:
        decision === 'approved'
          ? { status: 'approved' }
          : { status: 'declined', reasonCodes: ['debt_too_high'] },
    });
    expect(decided.status, decided.text).toBe(200);
  }

  beforeAll(async () => {
    gw = await startTestGateway(dialect);
    agent = (await createAdminKey(gw.store, { name: 'Agent', role: 'agent' })).apiKey;
    await publishWorkspaceOffers(gw);
    gw.clock.now = new Date(DAY1 - 7 * 86_400_000);
    await journey('A', 'before-range', 'submitted', 'approved');
    gw.clock.now = new Date(DAY1);
    await journey('A', 'a-1', 'submitted', 'approved');
    await journey('A', 'a-2', 'shown');
    await journey('A', 'a-2', 'shown');
    await journey('A', 'a-3', 'submitted', 'declined');
    await journey('B', 'b-1', 'consented');
    gw.clock.now = new Date(DAY2);
    await journey('A', 'a-4', 'selected');
    await journey('B', 'b-2', 'submitted', 'approved');
  });
  afterAll(async () => gw?.close());

  const funnel = (query: string, key = gw.admins.author.apiKey) =>
    gw.api('GET', `/v1/admin/analytics/funnel?${query}`, { auth: key });
  const range = `from=${encodeURIComponent('2026-11-01T00:00:00Z')}&to=${encodeURIComponent('2026-11-04T00:00:00Z')}`;
  const rowsOf = async (query: string): Promise<FunnelRow[]> => {
    const response = await funnel(query);
    expect(response.status, response.text).toBe(200);
    return FunnelReport.parse(response.body).rows;
  };

  it('counts each step per partner, scenario and offer over the range, with conversion', async () => {
    const rows = await rowsOf(range);
    const a = rows.find((r) => r.partnerId === gw.partnerA.partner.id)!;
    expect(a).toMatchObject({
      day: null,
      scenario: 'consumption',
      offerId: consumerOffer.id,
      shown: 4, // a-1, a-2 (twice: one user), a-3, a-4
      selected: 3,
      consented: 2,
      submitted: 2,
      approved: 1,
      declined: 1,
      approvedAmount: [{ value: 500_000, currency: 'CNY' }],
      conversion: { selected: 7_500, consented: 6_667, submitted: 10_000, approved: 5_000 },
    });
    const b = rows.find((r) => r.partnerId === gw.partnerB.partner.id)!;
    expect(b).toMatchObject({
      scenario: 'supply-chain',
      shown: 2,
      selected: 2,
      consented: 2,
      submitted: 1,
      approved: 1,
    });
    expect(rows).toHaveLength(2);
  });

  it('splits by day and filters by partner, scenario and offer', async () => {
    const byDay = await rowsOf(`${range}&by=day&partnerId=${gw.partnerA.partner.id}`);
    expect(byDay.map((r) => [r.day, r.shown, r.selected, r.submitted])).toEqual([
      ['2026-11-02', 3, 2, 2],
      ['2026-11-03', 1, 1, 0],
    ]);
    expect(await rowsOf(`${range}&scenario=supply-chain`)).toHaveLength(1);
    expect(await rowsOf(`${range}&offerId=${inventoryOffer.id}`)).toEqual(
      await rowsOf(`${range}&scenario=supply-chain`),
    );
    expect(await rowsOf('from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z')).toEqual([]);
  });

  it('counts whole days of the bank (Asia/Shanghai), and says so', async () => {
    // 15:30 UTC is 23:30 in Shanghai, 16:30 UTC already the next day there.
    gw.clock.now = new Date('2026-12-10T15:30:00.000Z');
    await journey('B', 'late', 'consented');
    gw.clock.now = new Date('2026-12-10T16:30:00.000Z');
    await journey('B', 'late', 'submitted', 'declined');
    const response = await funnel(
      `from=${encodeURIComponent('2026-12-10T00:00:00Z')}&to=${encodeURIComponent('2026-12-11T00:00:00Z')}&by=day`,
    );
    expect(response.status, response.text).toBe(200);
    const report = FunnelReport.parse(response.body);
    // The range touches Shanghai's 10 and 11 December: both, whole.
    expect([report.from, report.to, report.timeZone]).toEqual([
      '2026-12-09T16:00:00.000Z',
      '2026-12-11T16:00:00.000Z',
      'Asia/Shanghai',
    ]);
    expect(
      report.rows.map((r) => [r.day, r.shown, r.selected, r.consented, r.submitted, r.declined]),
    ).toEqual([
      ['2026-12-10', 1, 1, 1, 0, 0],
      ['2026-12-11', 1, 1, 1, 1, 1],
    ]);
    // Over both days one user counts once a day: a person-day measure, as the API documents.
    const total = FunnelReport.parse(
      (
        await funnel(
          `from=${encodeURIComponent('2026-12-09T16:00:00Z')}&to=${encodeURIComponent('2026-12-11T16:00:00Z')}`,
        )
      ).body,
    ).rows;
    expect(total.map((r) => [r.shown, r.consented, r.submitted, r.declined])).toEqual([[2, 2, 1, 1]]);
  });

  it('refuses bad ranges and callers without a role for it', async () => {
    for (const query of [
      '',
      'from=2026-11-01T00:00:00Z',
      `from=2026-11-05T00:00:00Z&to=2026-11-01T00:00:00Z`,
      'from=2025-01-01T00:00:00Z&to=2026-11-01T00:00:00Z',
      `${range}&by=week`,
    ]) {
      const response = await funnel(query);
      expect(response.status, query).toBe(400);
      expect((response.body as { code: string }).code).toBe('invalid_request');
    }
    expect((await funnel(range, agent)).status).toBe(403);
    expect([401, 403]).toContain((await funnel(range, gw.partnerA.secretKey)).status);
    expect(
      (await funnel(range, (await createAdminKey(gw.store, { name: 'R', role: 'reviewer' })).apiKey)).status,
    ).toBe(200);
  });
});
