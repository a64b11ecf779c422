import type { AdminRole, KnowledgeDocument, KnowledgeDocumentContent } from '@finlet/contracts';
import { CliError } from '../internal/errors.js';
import type { KnowledgeApi } from './api.js';

export type DocChange = 'new' | 'changed' | 'unchanged';

export interface DocImportOutcome {
  id: string;
  change: DocChange;
  version: number | null;
  status: KnowledgeDocument['status'] | null;
  /** What this run did, in order (create, submit, approve, publish). */
  steps: string[];
}

const CONTENT_KEYS = ['kind', 'scenarios', 'productTypes', 'tags', 'texts'] as const;

function sameContent(doc: KnowledgeDocument, content: KnowledgeDocumentContent): boolean {
  return CONTENT_KEYS.every((k) => JSON.stringify(doc[k]) === JSON.stringify(content[k]));
}

/**
 * Imports one document through the admin API, as far as the caller's role allows:
 * an author creates a draft (a new version when the content changed) and submits it; an
 * approver approves a version in review with exactly this content (never their own) and
 * publishes it. Unchanged published documents are left alone.
 */
export async function importDoc(
  api: KnowledgeApi,
  role: AdminRole,
  actorId: string,
  content: KnowledgeDocumentContent,
): Promise<DocImportOutcome> {
  const versions = await api.versions(content.id);
  const latest = versions[0];
  const published = versions.find((v) => v.status === 'published');
  const change: DocChange = !latest
    ? 'new'
    : published && sameContent(published, content)
      ? 'unchanged'
      : 'changed';
  const steps: string[] = [];
  let current = change === 'unchanged' ? published : latest;
  if (change === 'unchanged') return outcome();
  try {
    const canAuthor = role === 'author' || role === 'admin';
    const canApprove = role === 'approver' || role === 'admin';
    if (canAuthor && (!current || !sameContent(current, content) || current.status === 'retired')) {
      current = await api.create(content, current !== undefined);
      steps.push('create');
    }
    if (canAuthor && current?.status === 'draft') {
      current = await api.transition(content.id, current.version, 'submit');
      steps.push('submit');
    }
    if (canApprove && current && sameContent(current, content)) {
      const own = current.createdBy === actorId || current.submittedBy === actorId;
      if (current.status === 'in_review' && !own) {
        current = await api.transition(content.id, current.version, 'approve', 'imported');
        steps.push('approve');
      }
      if (current.status === 'approved') {
        current = await api.transition(content.id, current.version, 'publish');
        steps.push('publish');
      }
    }
  } catch (error) {
    if (error instanceof CliError)
      throw new CliError(error.code, `${content.id}: ${error.message}`, { cause: error });
    throw error;
  }
  return outcome();

  function outcome(): DocImportOutcome {
    return {
      id: content.id,
      change,
      version: current?.version ?? null,
      status: current?.status ?? null,
      steps,
    };
  }
}

/** Demo content the way a bank would publish it: an author submits, a different approver publishes. */
export async function seedDocs(
  author: KnowledgeApi,
  approver: KnowledgeApi,
  docs: readonly KnowledgeDocumentContent[],
): Promise<DocImportOutcome[]> {
  const [a, b] = await Promise.all([author.me(), approver.me()]);
  const out: DocImportOutcome[] = [];
  for (const content of docs) {
    const first = await importDoc(author, a.role, a.id, content);
    const second = first.change === 'unchanged' ? first : await importDoc(approver, b.role, b.id, content);
    out.push({ ...second, change: first.change, steps: [...first.steps, ...second.steps] });
  }
  return out;
}
