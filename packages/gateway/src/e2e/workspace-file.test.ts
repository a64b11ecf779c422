import { randomUUID } from 'node:crypto';
import { type Application, ApplicationFile } from '@finlet/contracts';
import {
  DIALECTS,
  inventoryOffer,
  ORIGIN_A,
  publishWorkspaceOffers,
  startTestGateway,
  type TestGateway,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminKey } from '../bootstrap.js';

const T0 = Date.parse('2026-11-02T08:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

describe.each(DIALECTS)('one application’s whole file on %s', (dialect) => {
  let gw: TestGateway;
  let reviewer: string;
  let application: Application;
  let consentIds: string[];
  let handoffId: string;
  const turnover = (id: string, days: number, minutes: number) => ({
    id,
    type: 'inventory.turnover_days',
    subject: 'merchant-file',
    occurredAt: at(minutes).toISOString(),
    data: { days },
  });

  beforeAll(async () => {
    gw = await startTestGateway(dialect);
    reviewer = (await createAdminKey(gw.store, { name: 'Sun Li (reviewer)', role: 'reviewer' })).apiKey;
    await publishWorkspaceOffers(gw);
    const sendSignals = async (signals: unknown[]) => {
      const sent = await gw.api('POST', '/v1/signals', { auth: gw.partnerA.secretKey, body: { signals } });
      expect(sent.status, sent.text).toBe(200);
    };
    gw.clock.now = at(0);
    await sendSignals([turnover('t-1', 46, -60 * 24 * 60), turnover('t-2', 63, -30 * 24 * 60)]);
    gw.clock.now = at(1);
    await sendSignals([turnover('t-3', 92, 0)]);
    const signals = { 'business.age_months': 30, 'inventory.turnover_days': 92 };
    const token = await gw.session(gw.partnerA, {
      userId: 'merchant-file',
      scenario: 'supply-chain',
      signals,
    });
    const auth = { auth: token, headers: { origin: ORIGIN_A } };

    gw.clock.now = at(2);
    const chat = await gw.api('POST', '/v1/chat/messages', { ...auth, body: { text: '转人工' } });
    handoffId = /hof_[A-Za-z0-9]+/.exec(chat.text)?.[0] ?? '';
    expect(handoffId, chat.text).not.toBe('');

    const version = { id: inventoryOffer.id, version: 1 };
    gw.clock.now = at(3);
    for (const surface of ['offers', 'apply']) {
      const shown = await gw.api('POST', '/v1/disclosures', {
        ...auth,
        body: { surface, locale: 'zh-CN', offers: [version] },
      });
      expect(shown.status, shown.text).toBe(201);
      gw.clock.now = at(4);
    }
    const submitConsent = await gw.consent(token, ['application.submit', 'business.financials']);
    const idConsent = await gw.consent(token, ['sensitive.id_number']);
    consentIds = [submitConsent.id, idConsent.id];
    gw.clock.now = at(5);
    const created = await gw.api('POST', '/v1/applications', {
      auth: token,
      headers: { origin: ORIGIN_A, 'idempotency-key': randomUUID() },
      body: {
        offerId: inventoryOffer.id,
        amount: { value: 50_000_000, currency: 'CNY' },
        termMonths: 6,
        purpose: 'restock',
        applicant: {
          name: '赵敏',
          businessName: '杭州云仓贸易',
          phone: '13800138000',
          idNumber: '11010519491231002X',
        },
        consentIds,
      },
    });
    expect(created.status, created.text).toBe(201);
    application = created.body as Application;

    // After submission: a newer signal and a withdrawn consent. The first is not part of what was
    // asserted at submission; the second is part of the file as it stands.
    gw.clock.now = at(6);
    await sendSignals([turnover('t-4', 120, 6)]);
    gw.clock.now = at(7);
    expect((await gw.api('DELETE', `/v1/consents/${idConsent.id}`, auth)).status).toBe(200);
  });
  afterAll(async () => gw?.close());

  const read = (key = reviewer, id = application.id) =>
    gw.api('GET', `/v1/admin/applications/${id}`, { auth: key });

  it('holds the applicant, offer version, consents, signals with sources, disclosures, hand-off and timeline', async () => {
    const response = await read();
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get('etag')).toBe(`"${application.updatedAt}"`);
    const file = ApplicationFile.parse(response.body);
    expect(file.application).toMatchObject({
      id: application.id,
      scenario: 'supply-chain',
      applicant: { name: '赵敏', phone: '*******8000', idNumberMasked: '1101**********002X' },
      consentIds,
    });
    expect(file.access.phone).toBe('partial');
    expect(file.offer).toMatchObject({ id: inventoryOffer.id, version: 1 });
    expect(file.consents.map((c) => [c.id, c.status])).toEqual([
      [consentIds[0], 'active'],
      [consentIds[1], 'withdrawn'],
    ]);
    expect(file.signals.recorded).toBe(true);
    expect(file.signals.session).toMatchObject({ claims: { 'inventory.turnover_days': 92 } });
    expect(
      file.signals.partner.map((r) => [
        r.signal.id,
        r.signal.type === 'inventory.turnover_days' && r.signal.data.days,
        r.receivedAt,
      ]),
    ).toEqual([
      ['t-1', 46, at(0).toISOString()],
      ['t-2', 63, at(0).toISOString()],
      ['t-3', 92, at(1).toISOString()],
    ]);
    expect(file.disclosures.map((d) => d.surface)).toEqual(['offers', 'apply']);
    expect(file.disclosures[0]!.offers[0]!.disclosures).toEqual(['贷款有风险，借款需谨慎。']);
    expect(file.handoff?.id).toBe(handoffId);
    expect(file.timeline.map((e) => e.kind)).toEqual([
      'shown',
      'selected',
      'consented',
      'consented',
      'submitted',
      'consent_withdrawn',
    ]);
    expect(JSON.stringify(file)).not.toContain('11010519491231002X');
  });

  it('briefs the reviewer citing the facts of this file only', async () => {
    const file = ApplicationFile.parse((await read()).body);
    const facts = new Set(file.brief.facts.map((f) => f.id));
    for (const statement of file.brief.statements) {
      expect(statement.cites.length, statement.text.en).toBeGreaterThan(0);
      for (const id of statement.cites) expect(facts, `${statement.text.en} cites ${id}`).toContain(id);
    }
    const trend = file.brief.statements.find((s) => s.text.en.startsWith('Inventory turnover'));
    // The reading sent after submission is not part of what the bank decides on.
    expect(trend?.text.en).toBe('Inventory turnover: 46 → 63 → 92 days (3 readings)');
    expect(trend?.cites).toEqual(['signal:t-1', 'signal:t-2', 'signal:t-3']);
    expect(file.brief.facts.find((f) => f.id === 'claim:business.age_months')).toMatchObject({
      source: 'session_claim',
      value: 30,
    });
    // The ID-number consent was withdrawn after submission: the brief says so and will not recommend approval.
    expect(file.brief.recommendation).toBe('decline');
    expect(file.brief.statements.find((s) => s.section === 'consent')?.cites).toEqual([consentIds[1]]);
  });

  it('masks per role, refuses authors, partners and sessions, and says not found', async () => {
    const asAgent = await read((await createAdminKey(gw.store, { name: 'Agent', role: 'agent' })).apiKey);
    expect(ApplicationFile.parse(asAgent.body).application.applicant).toMatchObject({
      name: '赵**',
      phone: null,
      idNumberMasked: null,
    });
    expect((await read(gw.admins.author.apiKey)).status).toBe(403);
    for (const key of [
      gw.partnerA.secretKey,
      await gw.session(gw.partnerA, { userId: 'merchant-file', scenario: 'supply-chain' }),
    ]) {
      const refused = await read(key);
      expect([401, 403]).toContain(refused.status);
      expect(refused.text).not.toContain('赵敏');
    }
    const missing = await read(reviewer, 'app_nothingHere0123456789');
    expect(missing.status).toBe(404);
    expect((missing.body as { code: string }).code).toBe('not_found');
  });
});
