import { VERSION_FIELD_NAMES } from '@finlet/contracts';
import type { ContentKind, Versioned } from '../api/console-api.js';

/** Fields the gateway keeps about a version's workflow; the rest is what a product team wrote. */
const WORKFLOW = new Set<string>(VERSION_FIELD_NAMES);

/** The content of a version (what an editor edits and a diff compares), without workflow fields. */
export function contentOf(version: Versioned): Record<string, unknown> {
  return Object.fromEntries(Object.entries(version).filter(([key]) => !WORKFLOW.has(key)));
}

/** The name a person knows an item by, in the console's locale. */
export function titleOf(kind: ContentKind, version: Versioned, locale: 'zh-CN' | 'en'): string {
  if (kind === 'offers' && 'texts' in version) {
    const name = (version.texts as Partial<Record<'zh-CN' | 'en', { name?: string }>>)[locale]?.name;
    if (name) return name;
  }
  if (kind === 'knowledge' && 'texts' in version) {
    // A document may be written in one language only: show it in the other one then.
    const texts = version.texts as Partial<Record<'zh-CN' | 'en', { title?: string }>>;
    const title = texts[locale]?.title ?? texts[locale === 'en' ? 'zh-CN' : 'en']?.title;
    if (title) return title;
  }
  if (kind === 'risk-questionnaires' && 'title' in version && 'questions' in version)
    return version.title[locale];
  return version.id;
}
