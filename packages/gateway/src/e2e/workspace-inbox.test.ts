import { AdminApplicationList, type Application } from '@finlet/contracts';
import {
  DIALECTS,
  publishWorkspaceOffers,
  type Submission,
  startTestGateway,
  submit,
  type TestGateway,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminKey } from '../bootstrap.js';

const BASE = Date.parse('2026-11-02T08:00:00.000Z');

describe.each(DIALECTS)('the bank’s applications inbox on %s', (dialect) => {
  let gw: TestGateway;
  let reviewer: string;
  let agent: string;
  const apps: Application[] = [];
  const list = (query: string, key = reviewer) =>
    gw.api('GET', `/v1/admin/applications${query ? `?${query}` : ''}`, { auth: key });
  const ids = async (query: string, key = reviewer) => {
    const response = await list(query, key);
    expect(response.status, response.text).toBe(200);
    return AdminApplicationList.parse(response.body).applications.map((a) => a.id);
  };

  beforeAll(async () => {
    gw = await startTestGateway(dialect);
    reviewer = (await createAdminKey(gw.store, { name: 'Sun Li (reviewer)', role: 'reviewer' })).apiKey;
    agent = (await createAdminKey(gw.store, { name: 'Qian Hao (agent)', role: 'agent' })).apiKey;
    await publishWorkspaceOffers(gw);
    const submissions: Submission[] = [
      {
        partner: 'A',
        userId: 'u-1',
        offer: 'consumer',
        amountYuan: 3_000,
        name: '王芳',
        phone: '+86 138 0013 8000',
      },
      {
        partner: 'A',
        userId: 'u-2',
        offer: 'inventory',
        amountYuan: 200_000,
        name: 'Li Lei',
        businessName: 'Cloud Depot 100%',
      },
      {
        partner: 'B',
        userId: 'u-3',
        offer: 'inventory',
        amountYuan: 800_000,
        name: '赵敏',
        businessName: '杭州云仓贸易',
      },
      {
        partner: 'A',
        userId: 'u-4',
        offer: 'consumer',
        amountYuan: 12_000,
        name: 'Zhang Wei',
        email: 'zw@example.com',
      },
      {
        partner: 'B',
        userId: 'u-5',
        offer: 'inventory',
        amountYuan: 60_000,
        name: '周杰',
        businessName: '宁波小商品',
      },
    ];
    for (const [i, s] of submissions.entries()) {
      gw.clock.now = new Date(BASE + i * 3_600_000);
      apps.push(await submit(gw, s));
    }
  });
  afterAll(async () => gw?.close());

  it('lists newest first with each role’s masking', async () => {
    expect(await ids('')).toEqual(apps.map((a) => a.id).reverse());
    const asReviewer = AdminApplicationList.parse((await list('')).body).applications.at(-1)!;
    expect(asReviewer).toMatchObject({
      partnerId: gw.partnerA.partner.id,
      scenario: 'consumption',
      status: 'submitted',
      amount: { value: 300_000, currency: 'CNY' },
      applicant: { name: '王芳', phone: '*********8000' },
      submittedAt: new Date(BASE).toISOString(),
    });
    const asApprover = AdminApplicationList.parse((await list('', gw.admins.approver.apiKey)).body);
    expect(asApprover.applications.at(-1)!.applicant.phone).toBe('+86 138 0013 8000');
    const asAgent = AdminApplicationList.parse((await list('', agent)).body);
    expect(asAgent.applications.at(-1)!.applicant).toMatchObject({ name: '王**', phone: null });
  });

  it('filters by status, partner, scenario, offer, time, amount and q', async () => {
    const [a1, a2, a3, a4, a5] = apps.map((a) => a.id) as [string, string, string, string, string];
    expect(await ids(`partnerId=${gw.partnerB.partner.id}`)).toEqual([a5, a3]);
    expect(await ids('scenario=consumption')).toEqual([a4, a1]);
    expect(await ids('offerId=scf-inventory-loan')).toEqual([a5, a3, a2]);
    expect(await ids('status=submitted&limit=200')).toHaveLength(5);
    expect(await ids('status=approved')).toEqual([]);
    const from = encodeURIComponent(new Date(BASE + 3_600_000).toISOString());
    const to = encodeURIComponent('2026-11-02T19:00:00+08:00'); // 11:00Z: excludes the 11:00 one
    expect(await ids(`submittedFrom=${from}&submittedTo=${to}`)).toEqual([a3, a2]);
    expect(await ids('currency=CNY&amountMin=6000000&amountMax=20000000')).toEqual([a5, a2]);
    expect(await ids(`q=${encodeURIComponent('云仓')}`)).toEqual([a3]);
    expect(await ids('q=ZHANG')).toEqual([a4]);
    expect(await ids(`q=${encodeURIComponent('100%')}`)).toEqual([a2]);
    expect(await ids(`q=${a5}`)).toEqual([a5]);
    // An agent sees names masked, so cannot find people by name; ids still work.
    expect(await ids(`q=${encodeURIComponent('王芳')}`, agent)).toEqual([]);
    expect(await ids(`q=${a1}`, agent)).toEqual([a1]);
  });

  it('pages by cursor, stable while new applications arrive', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      const response = await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const body = AdminApplicationList.parse(response.body);
      seen.push(...body.applications.map((a) => a.id));
      cursor = body.next;
      // New applications land between pages, newer than anything listed so far (and one in the same
      // millisecond as the newest row, which the keyset's id tie-break must still place correctly).
      if (page++ < 2) {
        gw.clock.now = new Date(BASE + (10 + page) * 3_600_000);
        await submit(gw, {
          partner: 'A',
          userId: `late-${page}`,
          offer: 'consumer',
          amountYuan: 1_000,
          name: `Late ${page}`,
        });
      }
    } while (cursor);
    expect(seen).toEqual(apps.map((a) => a.id).reverse());
  });

  it('refuses bad filters, authors, partners and sessions with problem+json', async () => {
    for (const query of [
      'amountMin=abc&currency=CNY',
      'amountMin=100',
      'status=lost',
      'cursor=bm90LWEtY3Vyc29y',
      'limit=0',
      'nope=1',
    ]) {
      const response = await list(query);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect((response.body as { code: string }).code, query).toBe('invalid_request');
    }
    expect((await list('', gw.admins.author.apiKey)).status).toBe(403);
    const byPartner = await list('', gw.partnerA.secretKey);
    expect([401, 403]).toContain(byPartner.status);
    expect(byPartner.text).not.toContain(apps[0]!.id);
    const token = await gw.session(gw.partnerA, { userId: 'u-1', scenario: 'consumption' });
    const bySession = await list('', token);
    expect([401, 403]).toContain(bySession.status);
    expect(bySession.text).not.toContain(apps[0]!.id);
  });
});
