import { z } from 'zod';
import { type Locale, Scenario, Slug } from './common.js';
import { ProductType } from './offer.js';
import { ScheduledVersionFields, VersionAction, VersionStatus } from './versioned.js';

/** What a knowledge document is for: the advisor cites each kind the same way, the admin UI groups by it. */
export const KnowledgeKind = z.enum(['faq', 'terms', 'fees', 'guide']).meta({ id: 'KnowledgeKind' });
export type KnowledgeKind = z.infer<typeof KnowledgeKind>;

/** Documents follow the offer lifecycle: draft → in_review → approved → published → retired. */
export const KnowledgeStatus = VersionStatus;
export type KnowledgeStatus = VersionStatus;
export const KnowledgeAction = VersionAction;
export type KnowledgeAction = VersionAction;

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

/**
 * A document's texts: a bank writes a document in the languages it has it in, so either locale may
 * be missing, but not both. The advisor answers from the text in the asker's language where there is
 * one and otherwise quotes the other (marked with its language).
 */
export const KnowledgeTexts = z
  .strictObject({ 'zh-CN': KnowledgeText.optional(), en: KnowledgeText.optional() })
  .refine((t) => t['zh-CN'] !== undefined || t.en !== undefined, {
    message: 'write the document in at least one language (zh-CN or en)',
  })
  .meta({ id: 'KnowledgeTexts', description: 'The document in zh-CN, en or both.' });
export type KnowledgeTexts = z.infer<typeof KnowledgeTexts>;

/** The languages a document is written in, the requested one first. */
export function knowledgeLocales(texts: KnowledgeTexts, prefer: Locale): Locale[] {
  const other: Locale = prefer === 'en' ? 'zh-CN' : 'en';
  return [prefer, other].filter((l) => texts[l] !== undefined);
}

/** The text of a document in `locale`, or in its other language when it has none in `locale`. */
export function knowledgeText(texts: KnowledgeTexts, locale: Locale): KnowledgeText & { locale: Locale } {
  const [found] = knowledgeLocales(texts, locale);
  // The contract guarantees one language; a stored record that broke it is a bug, not a user error.
  if (!found) throw new Error('knowledge document without any text');
  return { ...(texts[found] as KnowledgeText), locale: found };
}

/** What a product team writes: the content of one document version. */
export const KnowledgeDocumentContent = z
  .strictObject({
    id: Slug.meta({ description: 'Stable document id, e.g. `faq-inventory-financing`.' }),
    kind: KnowledgeKind,
    scenarios: z.array(Scenario).min(1),
    productTypes: z.array(ProductType).max(20).default([]),
    tags: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
    texts: KnowledgeTexts,
  })
  .meta({ id: 'KnowledgeDocumentContent' });
export type KnowledgeDocumentContent = z.infer<typeof KnowledgeDocumentContent>;
export type KnowledgeDocumentContentInput = z.input<typeof KnowledgeDocumentContent>;

/** One stored version of a knowledge document. */
export const KnowledgeDocument = z
  .object({
    id: Slug,
    kind: KnowledgeKind,
    scenarios: z.array(Scenario),
    productTypes: z.array(ProductType),
    tags: z.array(z.string()),
    texts: KnowledgeTexts,
    ...ScheduledVersionFields.shape,
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
 * `## zh-CN` and a `## en` section, or either one. A file in one language may instead have a plain
 * `title:` and a body without those headings (its language from `locale:` or from its script). The
 * result is validated by the caller with the contract.
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
  const { title: rawTitle, locale: rawLocale, ...rest } = fm;
  // A file in one language needs no `## zh-CN` / `## en` headings: its whole body is in the language
  // front matter names (`locale:`), else the one its script shows.
  const single: Locale | undefined =
    current !== undefined
      ? undefined
      : rawLocale === 'en' || rawLocale === 'zh-CN'
        ? rawLocale
        : /\p{Script=Han}/u.test(`${typeof rawTitle === 'string' ? rawTitle : ''}${body}`)
          ? 'zh-CN'
          : 'en';
  if (single) lines[single] = body.split(/\r?\n/);
  for (const locale of ['zh-CN', 'en'] as const) sections[locale] = markdownToPlain(lines[locale].join('\n'));
  const title: Record<string, string> =
    typeof rawTitle === 'string' && single
      ? { [single]: rawTitle }
      : ((rawTitle ?? {}) as Record<string, string>);
  // A language with neither a title nor a body is not written; one with only one of them is
  // passed on so that validation names what is missing.
  const texts: Partial<Record<Locale, { title: string; body: string }>> = {};
  for (const locale of ['zh-CN', 'en'] as const) {
    const t = { title: title[locale] ?? '', body: sections[locale] ?? '' };
    if (t.title.trim() || t.body.trim()) texts[locale] = t;
  }
  return { ...rest, texts } as unknown as KnowledgeDocumentContentInput;
}
