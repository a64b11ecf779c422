import type { FxTableContent, RailsDocument, RailTableContent, RailTableStatus } from '@finlet/contracts';
import { type ImportOne, type ImportOutcome, importContent } from '../internal/import.js';
import type { RailsApi, TableKind } from './api.js';

export type TableImportOutcome = { kind: TableKind } & ImportOutcome<RailTableStatus>;

export type Table =
  | { kind: 'rail-tables'; content: RailTableContent }
  | { kind: 'fx-tables'; content: FxTableContent };

/** One rail or FX table through the import pipeline, with the kind of table it is. */
export const importTable: ImportOne<RailsApi, Table, TableImportOutcome> = async (
  api,
  me,
  table,
  options,
) => {
  const outcome =
    table.kind === 'rail-tables'
      ? await importContent(api['rail-tables'], me, table.content, options)
      : await importContent(api['fx-tables'], me, table.content, options);
  return { kind: table.kind, ...outcome };
};

/** Every table of a rails document, rail tables first. */
export function tablesOf(doc: RailsDocument): Table[] {
  return [
    ...doc.railTables.map((content) => ({ kind: 'rail-tables' as const, content })),
    ...doc.fxTables.map((content) => ({ kind: 'fx-tables' as const, content })),
  ];
}
