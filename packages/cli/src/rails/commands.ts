import { Command } from 'commander';
import { fileCommands } from '../internal/file-commands.js';
import type { CliIo } from '../internal/io.js';
import { RailsApi } from './api.js';
import { formatRailsProblem, readRailsFile } from './files.js';
import { importTable, tablesOf } from './import.js';

const IMPORT_HELP = `
Rail tables and FX tables follow the offer workflow (four eyes):
  1. An author runs    FINLET_ADMIN_KEY=<author key> finlet rails import rails.yaml
     New or changed tables become drafts (a new version when one exists) and are submitted.
  2. An approver runs  FINLET_ADMIN_KEY=<approver key> finlet rails import rails.yaml
     Versions in review with exactly the content of the file are approved and published.
The file holds \`railTables:\` and/or \`fxTables:\` (see packages/cli/demo/rails.yaml), or one table.`;

export function railsCommand(io: CliIo): Command {
  const rails = new Command('rails').description('check and import rail and FX tables (YAML or JSON)');
  fileCommands(rails, io, {
    file: 'rails file (YAML or JSON)',
    validate: 'check a rails file offline against the rails contract',
    dryRun:
      'show each table as new / changed / unchanged against the published version, every changed field with old → new, and what the run would do; changes nothing',
    help: IMPORT_HELP,
    read: readRailsFile,
    format: formatRailsProblem,
    valid: (doc) => {
      const legs = doc.railTables.reduce((n, t) => n + t.legs.length, 0);
      return {
        result: {
          railTables: doc.railTables.map((t) => t.id),
          fxTables: doc.fxTables.map((t) => t.id),
          legs,
        },
        line: `${doc.railTables.length} rail table(s) with ${legs} legs and ${doc.fxTables.length} FX table(s) valid`,
      };
    },
    items: tablesOf,
    api: (gateway, adminKey) => new RailsApi(gateway, adminKey),
    importOne: importTable,
    label: (o) => `${o.kind === 'rail-tables' ? 'rail table' : 'FX table'} ${o.id}`,
    key: 'tables',
  });
  return rails;
}
