import type { AdminRole, RailsDocument, RailTableStatus } from '@finlet/contracts';
import { CliError } from '../internal/errors.js';
import type { RailsApi, StoredTable, TableContent, TableKind } from './api.js';

export interface TableImportOutcome {
  kind: TableKind;
  id: string;
  change: 'new' | 'changed' | 'unchanged';
  version: number | null;
  status: RailTableStatus | null;
  steps: string[];
}

const KEYS: Record<TableKind, readonly string[]> = {
  'rail-tables': ['id', 'description', 'legs'],
  'fx-tables': ['id', 'asOf', 'maxAgeSeconds', 'rates'],
};

/** Stable JSON: key order never makes two equal tables look different. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function sameContent(kind: TableKind, stored: StoredTable, content: TableContent): boolean {
  const s = stored as unknown as Record<string, unknown>;
  const c = content as unknown as Record<string, unknown>;
  return KEYS[kind].every((k) => canonical(s[k]) === canonical(c[k]));
}

/**
 * Imports one rail or FX table through the admin API, as far as the caller's role allows: an
 * author creates a draft (a new version when the content changed) and submits it; an approver
 * approves a version in review with exactly this content (never their own) and publishes it.
 * Unchanged published tables are left alone.
 */
export async function importTable(
  api: RailsApi,
  role: AdminRole,
  actorId: string,
  kind: TableKind,
  content: TableContent,
): Promise<TableImportOutcome> {
  const versions = await api.versions(kind, content.id);
  const latest = versions[0];
  const published = versions.find((v) => v.status === 'published');
  const change = !latest
    ? 'new'
    : published && sameContent(kind, published, content)
      ? 'unchanged'
      : 'changed';
  const steps: string[] = [];
  let current = change === 'unchanged' ? published : latest;
  if (change !== 'unchanged') {
    try {
      const canAuthor = role === 'author' || role === 'admin';
      const canApprove = role === 'approver' || role === 'admin';
      if (canAuthor && (!current || !sameContent(kind, current, content) || current.status === 'retired')) {
        current = await api.create(kind, content, current !== undefined);
        steps.push('create');
      }
      if (canAuthor && current?.status === 'draft') {
        current = await api.transition(kind, content.id, current.version, 'submit');
        steps.push('submit');
      }
      if (canApprove && current && sameContent(kind, current, content)) {
        const own = current.createdBy === actorId || current.submittedBy === actorId;
        if (current.status === 'in_review' && !own) {
          current = await api.transition(kind, content.id, current.version, 'approve', 'imported');
          steps.push('approve');
        }
        if (current.status === 'approved') {
          current = await api.transition(kind, content.id, current.version, 'publish');
          steps.push('publish');
        }
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
    change,
    version: current?.version ?? null,
    status: current?.status ?? null,
    steps,
  };
}

/** Every table of a rails document, rail tables first. */
export async function importRails(
  api: RailsApi,
  role: AdminRole,
  actorId: string,
  doc: RailsDocument,
): Promise<TableImportOutcome[]> {
  const out: TableImportOutcome[] = [];
  for (const t of doc.railTables) out.push(await importTable(api, role, actorId, 'rail-tables', t));
  for (const t of doc.fxTables) out.push(await importTable(api, role, actorId, 'fx-tables', t));
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
