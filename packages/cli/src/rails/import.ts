import type { AdminRole, RailsDocument, RailTableStatus } from '@finlet/contracts';
import { type Change, diffAgainstStored, diffValues, type FieldChange } from '../internal/diff.js';
import { CliError } from '../internal/errors.js';
import { type ImportStep, planImport } from '../internal/workflow.js';
import type { RailsApi, StoredTable, TableContent, TableKind } from './api.js';

export interface TableImportOutcome {
  kind: TableKind;
  id: string;
  /** Against the published version, or the latest when none is published. */
  change: Change;
  against: { version: number; status: string } | null;
  /** Every field that differs from `against`, as JSON paths. */
  changes: FieldChange[];
  latest: { version: number; status: string } | null;
  /** What this run did (or, in a dry run, would do), in order. */
  steps: ImportStep[];
  /** The version the run ended on (the latest one in a dry run). */
  version: number | null;
  status: RailTableStatus | null;
}

const KEYS: Record<TableKind, readonly string[]> = {
  'rail-tables': ['id', 'description', 'legs'],
  'fx-tables': ['id', 'asOf', 'maxAgeSeconds', 'rates'],
};

function contentOf(kind: TableKind) {
  return (stored: StoredTable): Record<string, unknown> => {
    const s = stored as unknown as Record<string, unknown>;
    return Object.fromEntries(KEYS[kind].map((k) => [k, s[k]]));
  };
}

/**
 * Imports one rail or FX table through the admin API, as far as the caller's role allows (see
 * `planImport`). With `dryRun` it only reads: the outcome says what would change and what the run
 * would do.
 */
export async function importTable(
  api: RailsApi,
  role: AdminRole,
  actorId: string,
  kind: TableKind,
  content: TableContent,
  options: { dryRun?: boolean } = {},
): Promise<TableImportOutcome> {
  const versions = await api.versions(kind, content.id);
  const latest = versions[0];
  const published = versions.find((v) => v.status === 'published');
  const pick = contentOf(kind);
  const state = (stored: StoredTable | undefined) =>
    stored && {
      status: stored.status,
      createdBy: stored.createdBy,
      submittedBy: stored.submittedBy,
      same: diffValues(pick(stored), content).length === 0,
    };
  const diff = diffAgainstStored(content, versions, pick);
  const steps = planImport({ latest: state(latest), published: state(published), role, actorId });
  let current = published && diff.change === 'unchanged' ? published : latest;
  if (!options.dryRun) {
    try {
      for (const step of steps) {
        if (step === 'create') current = await api.create(kind, content, current !== undefined);
        else if (current)
          current = await api.transition(
            kind,
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
    kind,
    id: content.id,
    ...diff,
    latest: latest ? { version: latest.version, status: latest.status } : null,
    steps,
    version: current?.version ?? null,
    status: current?.status ?? null,
  };
}

/** Every table of a rails document, rail tables first. */
export async function importRails(
  api: RailsApi,
  role: AdminRole,
  actorId: string,
  doc: RailsDocument,
  options: { dryRun?: boolean } = {},
): Promise<TableImportOutcome[]> {
  const out: TableImportOutcome[] = [];
  for (const t of doc.railTables) out.push(await importTable(api, role, actorId, 'rail-tables', t, options));
  for (const t of doc.fxTables) out.push(await importTable(api, role, actorId, 'fx-tables', t, options));
  return out;
}

/** Demo rails the way a bank would publish them: an author submits, a different approver publishes. */
export async function seedRails(
  author: RailsApi,
  approver: RailsApi,
  doc: RailsDocument,
): Promise<TableImportOutcome[]> {
  const [a, b] = await Promise.all([author.me(), approver.me()]);
  const first = await importRails(author, a.role, a.id, doc);
  const second = await importRails(approver, b.role, b.id, doc);
  return second.map((s, i) => ({ ...s, change: first[i]!.change, steps: [...first[i]!.steps, ...s.steps] }));
}
