import { describe, expect, it } from 'vitest';
import { ChatMessageRequest, ChatPart } from './chat.js';
import { KnowledgeDocumentContent, knowledgeFromMarkdown, splitFrontMatter } from './knowledge.js';
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
  it('refuses HTML in a body and a missing locale', () => {
    const html = { ...doc, texts: { ...doc.texts, en: { title: 'x', body: '<b>bold</b>' } } };
    expect(KnowledgeDocumentContent.safeParse(html).success).toBe(false);
    const { en: _en, ...zhOnly } = doc.texts;
    expect(KnowledgeDocumentContent.safeParse({ ...doc, texts: zhOnly }).success).toBe(false);
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
    expect(parsed.texts.en.body).toBe('See terms.');
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
