import type { ContentKind, Versioned } from '../api/console-api.js';

/** Fields the gateway keeps about a version's workflow; the rest is what a product team wrote. */
const WORKFLOW = new Set([
  'version',
  'status',
  'createdBy',
  'createdAt',
  'updatedAt',
  'submittedBy',
  'approvedBy',
  'publishedAt',
  'retiredAt',
  'scheduledPublishAt',
  'restoredFrom',
]);

/** The content of a version (what an editor edits and a diff compares), without workflow fields. */
export function contentOf(version: Versioned): Record<string, unknown> {
  return Object.fromEntries(Object.entries(version).filter(([key]) => !WORKFLOW.has(key)));
}

/** The name a person knows an item by, in the console's locale. */
export function titleOf(kind: ContentKind, version: Versioned, locale: 'zh-CN' | 'en'): string {
  if (kind === 'offers' && 'texts' in version && 'name' in version.texts[locale])
    return version.texts[locale].name;
  if (kind === 'knowledge' && 'texts' in version && 'title' in version.texts[locale])
    return version.texts[locale].title;
  return version.id;
}
