import { z } from 'zod';
import { type Locale, Scenario, Slug, Timestamp } from './common.js';
import { OfferAction, OfferStatus, ProductType } from './offer.js';

/** What a knowledge document is for: the advisor cites each kind the same way, the admin UI groups by it. */
export const KnowledgeKind = z.enum(['faq', 'terms', 'fees', 'guide']).meta({ id: 'KnowledgeKind' });
export type KnowledgeKind = z.infer<typeof KnowledgeKind>;

/** Documents follow the offer lifecycle: draft → in_review → approved → published → retired. */
export const KnowledgeStatus = OfferStatus;
export type KnowledgeStatus = OfferStatus;
export const KnowledgeAction = OfferAction;
export type KnowledgeAction = OfferAction;

/**
 * One locale's text. The body is plain text: paragraphs separated by a blank line. No HTML and no
 * markdown reach the browser; the advisor quotes paragraphs as passages.
 */
export const KnowledgeText = z.strictObject({
  title: z.string().trim().min(1).max(200),
  body: z
    .string()
    .trim()
    .min(1)
    .max(20_000)
    .refine((b) => !/<\/?[a-z][^>]*>/i.test(b), 'must be plain text, not HTML'),
});
export type KnowledgeText = z.infer<typeof KnowledgeText>;

/** What a product team writes: the content of one document version. */
export const KnowledgeDocumentContent = z
  .strictObject({
    id: Slug.meta({ description: 'Stable document id, e.g. `faq-inventory-financing`.' }),
    kind: KnowledgeKind,
    scenarios: z.array(Scenario).min(1),
    productTypes: z.array(ProductType).max(20).default([]),
    tags: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
    texts: z.strictObject({ 'zh-CN': KnowledgeText, en: KnowledgeText }),
  })
  .meta({ id: 'KnowledgeDocumentContent' });
export type KnowledgeDocumentContent = z.infer<typeof KnowledgeDocumentContent>;
export type KnowledgeDocumentContentInput = z.input<typeof KnowledgeDocumentContent>;

/** One stored version of a knowledge document. */
export const KnowledgeDocument = z
  .object({
    id: Slug,
    version: z.int().min(1),
    status: KnowledgeStatus,
    kind: KnowledgeKind,
    scenarios: z.array(Scenario),
    productTypes: z.array(ProductType),
    tags: z.array(z.string()),
    texts: z.object({ 'zh-CN': KnowledgeText, en: KnowledgeText }),
    createdBy: z.string(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    submittedBy: z.string().nullable(),
    approvedBy: z.string().nullable(),
    publishedAt: Timestamp.nullable(),
    retiredAt: Timestamp.nullable(),
    /** When an approved version is due to be published by the gateway's scheduler. */
    scheduledPublishAt: Timestamp.nullable().optional(),
    /** Admin id of whoever scheduled the publish. */
    scheduledBy: z.string().nullable().optional(),
    /** The earlier published version this one restores (rollback). */
    restoredFrom: z.int().nullable().optional(),
  })
  .meta({ id: 'KnowledgeDocument' });
export type KnowledgeDocument = z.infer<typeof KnowledgeDocument>;

/** The part of a document the advisor reads: no workflow fields. */
export type PublishedKnowledgeDocument = Pick<
  KnowledgeDocument,
  'id' | 'version' | 'kind' | 'scenarios' | 'productTypes' | 'tags' | 'texts'
>;

export const KnowledgeDocumentList = z
  .object({ documents: z.array(KnowledgeDocument) })
  .meta({ id: 'KnowledgeDocumentList' });
export type KnowledgeDocumentList = z.infer<typeof KnowledgeDocumentList>;

export const KnowledgeListQuery = z.strictObject({
  status: KnowledgeStatus.optional(),
  scenario: z.string().optional(),
});

// The import format of `finlet docs import`: Markdown with front matter.

/** Splits `---\n<yaml>\n---\n<body>`; a file without front matter has an empty one. */
export function splitFrontMatter(text: string): { frontMatter: string; body: string } {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  return m ? { frontMatter: m[1]!, body: m[2]! } : { frontMatter: '', body: text };
}

/** Markdown to the plain text documents hold: no emphasis, code marks, links or list bullets. */
export function markdownToPlain(markdown: string): string {
  return markdown
    .split(/\r?\n/)
    .map((line) =>
      line
        .replace(/^\s{0,3}#{1,6}\s+/, '')
        .replace(/^\s*(?:[-*+]|\d+\.)\s+/, '\n')
        .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/(\*\*|__|`)/g, '')
        .replace(/<[^>]+>/g, ''),
    )
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A knowledge document from a Markdown file: front matter (already parsed by the caller) holds
 * `id`, `kind`, `scenarios`, `productTypes`, `tags` and `title: { zh-CN, en }`; the body has a
 * `## zh-CN` and a `## en` section. The result is validated by the caller with the contract.
 */
export function knowledgeFromMarkdown(frontMatter: unknown, body: string): KnowledgeDocumentContentInput {
  const fm = (frontMatter ?? {}) as Record<string, unknown>;
  const sections: Partial<Record<Locale, string>> = {};
  let current: Locale | undefined;
  const lines: Record<Locale, string[]> = { 'zh-CN': [], en: [] };
  for (const line of body.split(/\r?\n/)) {
    const heading = /^##\s+(zh-CN|en)\s*$/i.exec(line.trim());
    if (heading) {
      current = heading[1]!.toLowerCase() === 'en' ? 'en' : 'zh-CN';
      continue;
    }
    if (current) lines[current].push(line);
  }
  for (const locale of ['zh-CN', 'en'] as const) sections[locale] = markdownToPlain(lines[locale].join('\n'));
  const { title: rawTitle, ...rest } = fm;
  const title = (rawTitle ?? {}) as Record<string, string>;
  return {
    ...rest,
    texts: {
      'zh-CN': { title: title['zh-CN'] ?? '', body: sections['zh-CN'] ?? '' },
      en: { title: title.en ?? '', body: sections.en ?? '' },
    },
  } as unknown as KnowledgeDocumentContentInput;
}
