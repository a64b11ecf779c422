import type { AdminRole, KnowledgeDocument, KnowledgeDocumentContent } from '@finlet/contracts';
import { type Change, diffAgainstStored, diffValues, type FieldChange } from '../internal/diff.js';
import { CliError } from '../internal/errors.js';
import { type ImportStep, planImport } from '../internal/workflow.js';
import type { KnowledgeApi } from './api.js';

export type DocChange = Change;

export interface DocImportOutcome {
  id: string;
  /** Against the published version, or the latest when none is published. */
  change: DocChange;
  against: { version: number; status: string } | null;
  /** Every field that differs from `against`, as JSON paths. */
  changes: FieldChange[];
  latest: { version: number; status: string } | null;
  /** What this run did (or, in a dry run, would do), in order. */
  steps: ImportStep[];
  /** The version the run ended on (the latest one in a dry run). */
  version: number | null;
  status: KnowledgeDocument['status'] | null;
}

const CONTENT_KEYS = ['id', 'kind', 'scenarios', 'productTypes', 'tags', 'texts'] as const;

function contentOf(doc: KnowledgeDocument): Partial<KnowledgeDocumentContent> {
  return Object.fromEntries(CONTENT_KEYS.map((k) => [k, doc[k]]));
}

function state(doc: KnowledgeDocument | undefined, content: KnowledgeDocumentContent) {
  if (!doc) return undefined;
  return {
    status: doc.status,
    createdBy: doc.createdBy,
    submittedBy: doc.submittedBy,
    same: diffValues(contentOf(doc), content).length === 0,
  };
}

/**
 * Imports one document through the admin API, as far as the caller's role allows (see
 * `planImport`). With `dryRun` it only reads: the outcome says what would change and what the run
 * would do.
 */
export async function importDoc(
  api: KnowledgeApi,
  role: AdminRole,
  actorId: string,
  content: KnowledgeDocumentContent,
  options: { dryRun?: boolean } = {},
): Promise<DocImportOutcome> {
  const versions = await api.versions(content.id);
  const latest = versions[0];
  const published = versions.find((v) => v.status === 'published');
  const diff = diffAgainstStored(content, versions, contentOf);
  const steps = planImport({
    latest: state(latest, content),
    published: state(published, content),
    role,
    actorId,
  });
  let current = published && diff.change === 'unchanged' ? published : latest;
  if (!options.dryRun) {
    try {
      for (const step of steps) {
        if (step === 'create') current = await api.create(content, current !== undefined);
        else if (current)
          current = await api.transition(
            content.id,
            current.version,
            step,
            step === 'approve' ? 'imported' : undefined,
          );
      }
    } catch (error) {
      if (error instanceof CliError)
        throw new CliError(error.code, `${content.id}: ${error.message}`, { cause: error });
      throw error;
    }
  }
  return {
    id: content.id,
    ...diff,
    latest: latest ? { version: latest.version, status: latest.status } : null,
    steps,
    version: current?.version ?? null,
    status: current?.status ?? null,
  };
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
    const second = first.status === 'published' ? first : await importDoc(approver, b.role, b.id, content);
    out.push({ ...second, change: first.change, steps: [...first.steps, ...second.steps] });
  }
  return out;
}
