import { z } from 'zod';
import { Slug } from './common.js';
import { VersionFields } from './versioned.js';

/**
 * What a thesaurus concept names: a product or service (`product`), something asked about one (a
 * fee, a term, a limit: `attribute`), or anything else (`term`). The advisor reads a question's
 * product concepts to pick the document it answers from.
 */
export const ThesaurusConceptKind = z
  .enum(['product', 'attribute', 'term'])
  .meta({ id: 'ThesaurusConceptKind' });
export type ThesaurusConceptKind = z.infer<typeof ThesaurusConceptKind>;

const HAN = /\p{Script=Han}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** One word or phrase for a concept, as a customer or a product team writes it. */
export const ThesaurusTerm = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .refine((t) => LETTER_OR_DIGIT.test(t), 'must contain a letter or a digit')
  // One Chinese character (贷, 卡) is part of too many words: it would pull in every passage.
  .refine((t) => !HAN.test(t) || [...t].filter((ch) => HAN.test(ch)).length >= 2, {
    message: 'a Chinese term needs at least two characters',
  });

const TermList = z.array(ThesaurusTerm).max(50);

/**
 * A concept's words in each language. Either language may be missing, not both: a concept with
 * words in both is what lets a question in one language find a document written in the other.
 */
export const ThesaurusTerms = z
  .strictObject({ 'zh-CN': TermList.optional(), en: TermList.optional() })
  .superRefine((terms, ctx) => {
    const all = [...(terms['zh-CN'] ?? []), ...(terms.en ?? [])];
    if (all.length === 0) {
      ctx.addIssue({ code: 'custom', path: [], message: 'give at least one term (zh-CN or en)' });
    }
    for (const locale of ['zh-CN', 'en'] as const) {
      const seen = new Set<string>();
      (terms[locale] ?? []).forEach((term, i) => {
        const key = term.toLowerCase();
        if (seen.has(key))
          ctx.addIssue({ code: 'custom', path: [locale, i], message: `"${term}" is listed twice` });
        seen.add(key);
      });
    }
  })
  .meta({ id: 'ThesaurusTerms', description: 'The concept’s words in zh-CN, en or both.' });
export type ThesaurusTerms = z.infer<typeof ThesaurusTerms>;

/**
 * What a bank's product team writes: one concept of the bank's thesaurus. Published concepts extend
 * Finlet's built-in finance thesaurus: a concept with a built-in id adds its terms to that concept
 * (it never removes one), any other id is a concept of its own.
 */
export const ThesaurusConceptContent = z
  .strictObject({
    id: Slug.meta({
      description: 'Stable concept id, e.g. `green-car-loan`; a built-in id extends that concept.',
    }),
    kind: ThesaurusConceptKind.default('term'),
    terms: ThesaurusTerms,
    note: z
      .string()
      .trim()
      .max(500)
      .optional()
      .meta({ description: 'Why the bank added it, for reviewers.' }),
  })
  .meta({ id: 'ThesaurusConceptContent' });
export type ThesaurusConceptContent = z.infer<typeof ThesaurusConceptContent>;
export type ThesaurusConceptContentInput = z.input<typeof ThesaurusConceptContent>;

/** One stored version of a thesaurus concept. */
export const ThesaurusConcept = z
  .object({
    id: Slug,
    kind: ThesaurusConceptKind,
    terms: ThesaurusTerms,
    note: z.string().optional(),
    ...VersionFields.shape,
  })
  .meta({ id: 'ThesaurusConcept' });
export type ThesaurusConcept = z.infer<typeof ThesaurusConcept>;

export const ThesaurusConceptList = z
  .object({ concepts: z.array(ThesaurusConcept) })
  .meta({ id: 'ThesaurusConceptList' });
export type ThesaurusConceptList = z.infer<typeof ThesaurusConceptList>;

/**
 * The import format of `finlet thesaurus import`: `concepts:` with one or more concepts (YAML or
 * JSON); a file holding one concept (`terms:`) is read as a list of one.
 */
export const ThesaurusDocument = z
  .strictObject({ concepts: z.array(ThesaurusConceptContent).min(1).max(2_000) })
  .superRefine((doc, ctx) => {
    const ids = new Set<string>();
    doc.concepts.forEach((c, i) => {
      if (ids.has(c.id))
        ctx.addIssue({ code: 'custom', path: ['concepts', i, 'id'], message: `duplicate id ${c.id}` });
      ids.add(c.id);
    });
  })
  .meta({ id: 'ThesaurusDocument' });
export type ThesaurusDocument = z.infer<typeof ThesaurusDocument>;
