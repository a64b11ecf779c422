import type { AdminRole, KnowledgeDocument, KnowledgeDocumentContent } from '@finlet/contracts';
import type { Change } from '../internal/diff.js';
import { type ImportOutcome, importVersioned, seedVersioned } from '../internal/import.js';
import type { KnowledgeApi } from './api.js';

export type DocChange = Change;

export type DocImportOutcome = ImportOutcome<KnowledgeDocument['status']>;

/**
 * Imports one document through the admin API, as far as the caller's role allows (see
 * `planImport`). With `dryRun` it only reads: the outcome says what would change and what the run
 * would do.
 */
export function importDoc(
  api: KnowledgeApi,
  role: AdminRole,
  actorId: string,
  content: KnowledgeDocumentContent,
  options: { dryRun?: boolean } = {},
): Promise<DocImportOutcome> {
  return importVersioned(api, role, actorId, content, options);
}

/** Demo content the way a bank would publish it: an author submits, a different approver publishes. */
export async function seedDocs(
  author: KnowledgeApi,
  approver: KnowledgeApi,
  docs: readonly KnowledgeDocumentContent[],
): Promise<DocImportOutcome[]> {
  const [a, b] = await Promise.all([author.me(), approver.me()]);
  return seedVersioned(docs, (who, content) =>
    who === 'author' ? importDoc(author, a.role, a.id, content) : importDoc(approver, b.role, b.id, content),
  );
}
