import { describe, expect, it } from 'vitest';
import { ChatMessageRequest, ChatPart } from './chat.js';
import {
  KnowledgeDocumentContent,
  knowledgeFromMarkdown,
  knowledgeLocales,
  knowledgeText,
  splitFrontMatter,
} from './knowledge.js';
import { createOpenApiDocument } from './openapi.js';

const doc = {
  id: 'faq-inventory',
  kind: 'faq',
  scenarios: ['supply-chain'],
  texts: {
    'zh-CN': { title: '存货融资常见问题', body: '第一段。\n\n第二段。' },
    en: { title: 'Inventory financing FAQ', body: 'One.\n\nTwo.' },
  },
};

describe('KnowledgeDocumentContent', () => {
  it('accepts a document in both locales and fills defaults', () => {
    const parsed = KnowledgeDocumentContent.parse(doc);
    expect(parsed.tags).toEqual([]);
    expect(parsed.productTypes).toEqual([]);
  });
  it('refuses HTML in a body and a document in no language at all', () => {
    const html = { ...doc, texts: { ...doc.texts, en: { title: 'x', body: '<b>bold</b>' } } };
    expect(KnowledgeDocumentContent.safeParse(html).success).toBe(false);
    const none = KnowledgeDocumentContent.safeParse({ ...doc, texts: {} });
    expect(none.success).toBe(false);
    expect(none.error?.issues[0]?.message).toMatch(/at least one language/);
    const halfWritten = {
      ...doc,
      texts: { 'zh-CN': doc.texts['zh-CN'], en: { title: 'Only a title', body: '' } },
    };
    expect(KnowledgeDocumentContent.safeParse(halfWritten).success).toBe(false);
  });
  it('accepts a document written in one language only (a bank writes in the languages it has)', () => {
    const { en: _en, ...zhOnly } = doc.texts;
    expect(KnowledgeDocumentContent.parse({ ...doc, texts: zhOnly }).texts).toEqual({
      'zh-CN': doc.texts['zh-CN'],
    });
    const { 'zh-CN': _zh, ...enOnly } = doc.texts;
    expect(KnowledgeDocumentContent.parse({ ...doc, texts: enOnly }).texts.en?.title).toBe(
      'Inventory financing FAQ',
    );
  });
});

describe('knowledgeText', () => {
  it('gives the asked language where written, else the other one, and says which', () => {
    expect(knowledgeText(doc.texts, 'en')).toMatchObject({ title: 'Inventory financing FAQ', locale: 'en' });
    const zhOnly = { 'zh-CN': doc.texts['zh-CN'] };
    expect(knowledgeText(zhOnly, 'en')).toMatchObject({ title: '存货融资常见问题', locale: 'zh-CN' });
    expect(knowledgeLocales(zhOnly, 'en')).toEqual(['zh-CN']);
    expect(knowledgeLocales(doc.texts, 'en')).toEqual(['en', 'zh-CN']);
  });
});

describe('chat contracts', () => {
  it('parses a request and refuses an empty text', () => {
    expect(ChatMessageRequest.parse({ text: ' 你好 ' }).text).toBe('你好');
    expect(ChatMessageRequest.safeParse({ text: '   ' }).success).toBe(false);
  });
  it('discriminates parts by type', () => {
    const part = ChatPart.parse({
      type: 'handoff',
      offerId: 'scf-inventory-financing',
      offerVersion: 1,
      prefill: { amount: { value: 20_000_000, currency: 'CNY' }, purpose: '进货' },
    });
    expect(part.type).toBe('handoff');
    expect(ChatPart.safeParse({ type: 'text' }).success).toBe(false);
  });
});

describe('knowledge Markdown', () => {
  it('reads front matter and the two locale sections as plain text', () => {
    const { frontMatter, body } = splitFrontMatter(
      '---\nid: x\n---\n## zh-CN\n**第一段**。\n\n- 第二段\n## en\nSee [terms](https://x).\n',
    );
    expect(frontMatter).toBe('id: x');
    const doc = knowledgeFromMarkdown(
      { id: 'x-doc', kind: 'guide', scenarios: ['tourism'], title: { 'zh-CN': '标题', en: 'Title' } },
      body,
    );
    const parsed = KnowledgeDocumentContent.parse(doc);
    expect(parsed.texts['zh-CN']).toEqual({ title: '标题', body: '第一段。\n\n第二段' });
    expect(parsed.texts.en?.body).toBe('See terms.');
  });
  it('reads a file in one language: one section, or no headings at all', () => {
    const zhSection = KnowledgeDocumentContent.parse(
      knowledgeFromMarkdown(
        { id: 'zh-doc', kind: 'faq', scenarios: ['government'], title: { 'zh-CN': '社保卡' } },
        '## zh-CN\n社保卡可以在线申领。\n',
      ),
    );
    expect(zhSection.texts).toEqual({ 'zh-CN': { title: '社保卡', body: '社保卡可以在线申领。' } });
    const plainZh = KnowledgeDocumentContent.parse(
      knowledgeFromMarkdown(
        { id: 'zh-plain', kind: 'faq', scenarios: ['government'], title: '养老金账户' },
        '# 养老金\n\n个人养老金账户每年缴存上限为 12000 元。\n',
      ),
    );
    expect(plainZh.texts).toEqual({
      'zh-CN': { title: '养老金账户', body: '养老金\n\n个人养老金账户每年缴存上限为 12000 元。' },
    });
    const plainEn = KnowledgeDocumentContent.parse(
      knowledgeFromMarkdown(
        { id: 'en-plain', kind: 'fees', scenarios: ['tourism'], title: 'Card fees', locale: 'en' },
        'No annual fee in the first year.',
      ),
    );
    expect(plainEn.texts).toEqual({ en: { title: 'Card fees', body: 'No annual fee in the first year.' } });
  });
});

describe('OpenAPI', () => {
  it('documents the chat answer as a text/event-stream of ChatPart', () => {
    const doc = createOpenApiDocument({ version: 'test' });
    const content = doc.paths?.['/v1/chat/messages']?.post?.responses?.['200'] as {
      content?: Record<string, unknown>;
    };
    expect(Object.keys(content.content ?? {})).toEqual(['text/event-stream']);
    expect(doc.paths?.['/v1/admin/knowledge/{id}/versions/{version}/approve']).toBeDefined();
  });
});
