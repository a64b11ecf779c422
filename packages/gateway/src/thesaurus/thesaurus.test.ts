import {
  AuditList,
  type KnowledgeDocumentContentInput,
  Problem,
  ThesaurusConcept,
  type ThesaurusConceptContentInput,
  ThesaurusConceptList,
} from '@finlet/contracts';
import { DIALECTS, ORIGIN_A, parseChatParts, startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/** A product document a bank has in English only, under a brand name no built-in term knows. */
const harvestLoan: KnowledgeDocumentContentInput = {
  id: 'faq-harvest-loan',
  kind: 'faq',
  scenarios: ['consumption'],
  texts: {
    en: {
      title: 'Harvest Loan',
      body: 'The Harvest Loan is a seasonal loan for family farms to buy seed and fertiliser before planting.\n\nA family farm can borrow up to 300,000 yuan and repays after the harvest, within 12 months.',
    },
  },
};

/** The bank's concept: what its customers call the product in Chinese, and its English name. */
const springPlough: ThesaurusConceptContentInput = {
  id: 'harvest-loan',
  kind: 'product',
  terms: { 'zh-CN': ['春耕贷', '丰收贷'], en: ['harvest loan'] },
  note: 'Farmers ask for the Harvest Loan by its old branch name 春耕贷.',
};

const QUESTION = '春耕贷是什么？';

describe.each(DIALECTS)('the bank thesaurus on %s', (dialect) => {
  let gw: TestGateway;
  let user: string;

  beforeAll(async () => {
    gw = await startTestGateway(dialect);
    await gw.publishDocument(harvestLoan);
    user = await gw.session(gw.partnerA, { userId: 'farmer-1', scenario: 'consumption', origin: ORIGIN_A });
  });
  afterAll(async () => gw?.close());

  const admin = (key: string, method: string, path: string, body: unknown = {}) =>
    gw.api(method, `/v1/admin/thesaurus${path}`, { auth: key, ...(method === 'GET' ? {} : { body }) });

  async function citedDocuments(url = gw.url): Promise<{ id: string; lang?: string }[]> {
    const response = await fetch(`${url}/v1/chat/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user}`, origin: ORIGIN_A, 'content-type': 'application/json' },
      body: JSON.stringify({ text: QUESTION, locale: 'zh-CN' }),
    });
    expect(response.status).toBe(200);
    return parseChatParts(await response.text()).flatMap((p) =>
      p.type === 'citation' && p.sourceKind === 'document' ? [p as { id: string; lang?: string }] : [],
    );
  }

  it('refuses bad concepts with problem+json and a stable code, and stores none of them', async () => {
    const { author } = gw.admins;
    const cases: [unknown, string, string][] = [
      [{ ...springPlough, id: 'bad-none', terms: {} }, 'invalid_request', 'terms'],
      [{ ...springPlough, id: 'bad-han', terms: { 'zh-CN': ['贷'] } }, 'invalid_request', 'terms.zh-CN.0'],
      [
        { ...springPlough, id: 'bad-twice', terms: { en: ['Harvest loan', 'harvest LOAN'] } },
        'invalid_request',
        'terms.en.1',
      ],
      [{ ...springPlough, id: 'bad-punct', terms: { en: ['--'] } }, 'invalid_request', 'terms.en.0'],
      [{ ...springPlough, id: 'bad-field', synonyms: ['x'] }, 'invalid_request', '(root)'],
      [{ ...springPlough, id: 'Bad Id' }, 'invalid_request', 'id'],
      // A built-in concept's terms can be extended, not its kind.
      [{ id: 'car-loan', kind: 'term', terms: { 'zh-CN': ['座驾贷'] } }, 'thesaurus_kind_conflict', 'kind'],
    ];
    for (const [body, code, path] of cases) {
      const refused = await admin(author.apiKey, 'POST', '', body);
      expect(refused.status, refused.text).toBe(code === 'invalid_request' ? 400 : 422);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = Problem.parse(refused.body);
      expect(problem.code).toBe(code);
      expect(problem.errors?.map((e) => e.path)).toContain(path);
    }
    const listed = ThesaurusConceptList.parse((await admin(author.apiKey, 'GET', '')).body);
    expect(listed.concepts.filter((c) => c.id.startsWith('bad-') || c.id === 'car-loan')).toEqual([]);

    // The same check holds for a new version of an accepted concept.
    const ok = await admin(author.apiKey, 'POST', '', {
      id: 'car-loan',
      kind: 'product',
      terms: { 'zh-CN': ['座驾贷'] },
    });
    expect(ok.status, ok.text).toBe(201);
    const again = await admin(author.apiKey, 'POST', '/car-loan/versions', {
      id: 'car-loan',
      kind: 'attribute',
      terms: { 'zh-CN': ['座驾贷'] },
    });
    expect(Problem.parse(again.body).code).toBe('thesaurus_kind_conflict');
  });

  it('makes a question in Chinese find the English-only document after publish, and not before', async () => {
    const { author, approver } = gw.admins;
    expect(await citedDocuments()).toEqual([]);

    const created = await admin(author.apiKey, 'POST', '', springPlough);
    expect(created.status, created.text).toBe(201);
    const { version } = ThesaurusConcept.parse(created.body);
    expect(await citedDocuments()).toEqual([]); // a draft changes nothing

    const base = `/${springPlough.id}/versions/${version}`;
    expect((await admin(author.apiKey, 'POST', `${base}/submit`)).status).toBe(200);
    expect(await citedDocuments()).toEqual([]); // in review
    const byAuthor = await admin(author.apiKey, 'POST', `${base}/approve`);
    expect(Problem.parse(byAuthor.body).code).toBe('forbidden'); // four eyes: an author does not approve
    expect((await admin(approver.apiKey, 'POST', `${base}/approve`)).status).toBe(200);
    expect(await citedDocuments()).toEqual([]); // approved, not yet published

    const published = await admin(approver.apiKey, 'POST', `${base}/publish`);
    expect(ThesaurusConcept.parse(published.body)).toMatchObject({ status: 'published', kind: 'product' });
    // Right after publishing, with no wait: the publish dropped the advisor's index.
    const cited = await citedDocuments();
    expect(cited[0], JSON.stringify(cited)).toMatchObject({ id: harvestLoan.id, lang: 'en' });

    const audit = await gw.api(
      'GET',
      `/v1/admin/audit?targetKind=thesaurus_concept&targetId=${springPlough.id}`,
      {
        auth: gw.admins.admin.apiKey,
      },
    );
    expect(AuditList.parse(audit.body).entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['thesaurus_concept.create', 'thesaurus_concept.publish']),
    );

    // Retiring it takes the synonym away again.
    expect((await admin(approver.apiKey, 'POST', `${base}/retire`)).status).toBe(200);
    expect(await citedDocuments()).toEqual([]);
  });

  it.runIf(dialect === 'postgres')('reaches another instance as soon as it is published', async () => {
    const { author, approver } = gw.admins;
    const second = await gw.startInstance();
    try {
      expect(await citedDocuments(second.url)).toEqual([]); // warm the second instance's index
      const created = await admin(author.apiKey, 'POST', `/${springPlough.id}/versions`, springPlough);
      const { version } = ThesaurusConcept.parse(created.body);
      const base = `/${springPlough.id}/versions/${version}`;
      await admin(author.apiKey, 'POST', `${base}/submit`);
      await admin(approver.apiKey, 'POST', `${base}/approve`);
      expect((await admin(approver.apiKey, 'POST', `${base}/publish`)).status).toBe(200);
      // The bus carries the change; the instance's own cache lifetime (30 s) is far longer than this bound.
      await vi.waitFor(
        async () => expect((await citedDocuments(second.url))[0]).toMatchObject({ id: harvestLoan.id }),
        { timeout: 10_000, interval: 100 },
      );
    } finally {
      await second.close();
    }
  });
});
