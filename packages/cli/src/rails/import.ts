import type {
  AdminRole,
  FxTableContent,
  RailsDocument,
  RailTableContent,
  RailTableStatus,
} from '@finlet/contracts';
import { type ImportOutcome, importVersioned, seedVersioned } from '../internal/import.js';
import type { RailsApi, TableKind } from './api.js';

export type TableImportOutcome = { kind: TableKind } & ImportOutcome<RailTableStatus>;

type Table =
  | { kind: 'rail-tables'; content: RailTableContent }
  | { kind: 'fx-tables'; content: FxTableContent };

/**
 * Imports one rail or FX table through the admin API, as far as the caller's role allows (see
 * `planImport`). With `dryRun` it only reads: the outcome says what would change and what the run
 * would do.
 */
export async function importTable(
  api: RailsApi,
  role: AdminRole,
  actorId: string,
  table: Table,
  options: { dryRun?: boolean } = {},
): Promise<TableImportOutcome> {
  const outcome =
    table.kind === 'rail-tables'
      ? await importVersioned(api['rail-tables'], role, actorId, table.content, options)
      : await importVersioned(api['fx-tables'], role, actorId, table.content, options);
  return { kind: table.kind, ...outcome };
}

/** Every table of a rails document, rail tables first. */
function tablesOf(doc: RailsDocument): Table[] {
  return [
    ...doc.railTables.map((content) => ({ kind: 'rail-tables' as const, content })),
    ...doc.fxTables.map((content) => ({ kind: 'fx-tables' as const, content })),
  ];
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
  for (const table of tablesOf(doc)) out.push(await importTable(api, role, actorId, table, options));
  return out;
}

/** Demo rails the way a bank would publish them: an author submits, a different approver publishes. */
export async function seedRails(
  author: RailsApi,
  approver: RailsApi,
  doc: RailsDocument,
): Promise<TableImportOutcome[]> {
  const [a, b] = await Promise.all([author.me(), approver.me()]);
  return seedVersioned(tablesOf(doc), (who, table) =>
    who === 'author' ? importTable(author, a.role, a.id, table) : importTable(approver, b.role, b.id, table),
  );
}
