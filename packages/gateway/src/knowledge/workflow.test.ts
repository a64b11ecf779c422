import {
  AuditList,
  KnowledgeDocument,
  type KnowledgeDocumentContentInput,
  KnowledgeDocumentList,
  Problem,
} from '@finlet/contracts';
import { DIALECTS, startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const faq = (id: string, title: string): KnowledgeDocumentContentInput => ({
  id,
  kind: 'faq',
  scenarios: ['supply-chain'],
  productTypes: ['inventory_financing'],
  tags: ['进货'],
  texts: {
    'zh-CN': { title: `${title}（中文）`, body: '存货融资是以存货为担保的流动资金贷款。' },
    en: { title, body: 'Inventory financing is a working-capital loan secured by your stock.' },
  },
});

describe.each(DIALECTS)('knowledge documents share the offer workflow on %s', (dialect) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(dialect, { gateway: { scheduler: { intervalMs: 20 } } });
  });
  afterAll(async () => gw?.close());

  const call = (key: string, method: string, path: string, body: unknown = {}, headers = {}) =>
    gw.api(method, `/v1/admin/knowledge${path}`, { auth: key, body, headers });
  async function approved(id: string, title: string, fresh: boolean): Promise<number> {
    const { author, approver } = gw.admins;
    const created = await call(author.apiKey, 'POST', fresh ? '' : `/${id}/versions`, faq(id, title));
    const { version } = KnowledgeDocument.parse(created.body);
    expect((await call(author.apiKey, 'POST', `/${id}/versions/${version}/submit`)).status).toBe(200);
    expect((await call(approver.apiKey, 'POST', `/${id}/versions/${version}/approve`)).status).toBe(200);
    return version;
  }

  it('refuses a stale edit of a draft with 412 stale_version', async () => {
    const { author, author2 } = gw.admins;
    const id = 'kb-stale';
    expect((await call(author.apiKey, 'POST', '', faq(id, 'First'))).status).toBe(201);
    const opened = await gw.api('GET', `/v1/admin/knowledge/${id}/versions/1`, { auth: author.apiKey });
    const etag = opened.headers.get('etag') ?? '';
    expect(etag).toBe(`"${KnowledgeDocument.parse(opened.body).updatedAt}"`);
    const first = await call(author2.apiKey, 'PUT', `/${id}/versions/1`, faq(id, 'Second'), {
      'if-match': etag,
    });
    expect(KnowledgeDocument.parse(first.body)).toMatchObject({ createdBy: author2.admin.id });
    const stale = await call(author.apiKey, 'PUT', `/${id}/versions/1`, faq(id, 'Third'), {
      'if-match': etag,
    });
    expect(stale.status).toBe(412);
    expect(Problem.parse(stale.body).code).toBe('stale_version');
  });

  it('publishes on schedule and rolls back to an earlier published version', async () => {
    const { approver } = gw.admins;
    const id = 'kb-schedule';
    const v1 = await approved(id, 'Old answer', true);
    const at = new Date(gw.clock.now.getTime() + 60_000).toISOString();
    const scheduled = await call(approver.apiKey, 'POST', `/${id}/versions/${v1}/publish`, { at });
    expect(KnowledgeDocument.parse(scheduled.body)).toMatchObject({
      status: 'approved',
      scheduledPublishAt: at,
    });
    gw.clock.now = new Date(gw.clock.now.getTime() + 61_000);
    await vi.waitFor(
      async () => expect((await gw.store.knowledge.getVersion(id, v1))?.status).toBe('published'),
      { timeout: 2000, interval: 20 },
    );

    const v2 = await approved(id, 'New answer', false);
    expect((await call(approver.apiKey, 'POST', `/${id}/versions/${v2}/publish`)).status).toBe(200);
    const rolled = await call(approver.apiKey, 'POST', `/${id}/versions/${v1}/rollback`, {
      comment: 'the new answer was wrong',
    });
    expect(rolled.status).toBe(201);
    expect(KnowledgeDocument.parse(rolled.body)).toMatchObject({
      version: 3,
      status: 'published',
      restoredFrom: v1,
    });
    const versions = KnowledgeDocumentList.parse(
      (await gw.api('GET', `/v1/admin/knowledge/${id}`, { auth: approver.apiKey })).body,
    );
    expect(versions.documents.map((d) => [d.version, d.status, d.texts.en?.title])).toEqual([
      [3, 'published', 'Old answer'],
      [2, 'retired', 'New answer'],
      [1, 'retired', 'Old answer'],
    ]);
    const log = AuditList.parse(
      (await gw.api('GET', `/v1/admin/audit?targetId=${id}`, { auth: approver.apiKey })).body,
    );
    expect(
      log.entries.find((e) => e.action === 'knowledge.publish' && e.target.version === v1)?.actor.kind,
    ).toBe('system');
    expect(log.entries[0]).toMatchObject({ action: 'knowledge.rollback', target: { version: 3 } });
  });
});
