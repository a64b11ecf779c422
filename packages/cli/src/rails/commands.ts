import { isAbsolute, resolve } from 'node:path';
import { Command } from 'commander';
import { CliError } from '../internal/errors.js';
import { importFiles } from '../internal/import.js';
import { type CliIo, Output } from '../internal/io.js';
import { resolveAdminKey, resolveGateway, type SettingOptions, withSettings } from '../internal/settings.js';
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

  withSettings(
    rails
      .command('validate')
      .description('check a rails file offline against the rails contract')
      .argument('<file>', 'rails file (YAML or JSON)'),
    [],
  ).action(async (file: string, options: SettingOptions) => {
    const out = new Output(io, options.json === true);
    const { doc, problems } = await readRailsFile(resolvePath(io, file), file);
    if (!doc) {
      out.result({ valid: false, problems });
      for (const p of problems) out.line(formatRailsProblem(p));
      throw new CliError('invalid_input', summary(problems.length, file));
    }
    const legs = doc.railTables.reduce((n, t) => n + t.legs.length, 0);
    out.result({
      railTables: doc.railTables.map((t) => t.id),
      fxTables: doc.fxTables.map((t) => t.id),
      legs,
    });
    out.line(
      `${doc.railTables.length} rail table(s) with ${legs} legs and ${doc.fxTables.length} FX table(s) valid`,
    );
  });

  withSettings(
    rails
      .command('import')
      .description(
        'create and submit drafts (author), or approve and publish them (approver), through the admin API',
      )
      .argument('<file>', 'rails file (YAML or JSON)')
      .option(
        '--dry-run',
        'show each table as new / changed / unchanged against the published version, every changed field with old → new, and what the run would do; changes nothing',
      )
      .addHelpText('after', IMPORT_HELP),
    ['gateway'],
  ).action(async (file: string, options: SettingOptions & { dryRun?: boolean }) => {
    const { doc, problems } = await readRailsFile(resolvePath(io, file), file);
    const tables = doc ? tablesOf(doc) : [];
    await importFiles(
      new Output(io, options.json === true),
      { items: tables, problems: problems.map(formatRailsProblem), summary: summary(problems.length, file) },
      {
        api: () => new RailsApi(resolveGateway(options, io), resolveAdminKey(io)),
        importOne: importTable,
        label: (o) => `${o.kind === 'rail-tables' ? 'rail table' : 'FX table'} ${o.id}`,
        key: 'tables',
      },
      options.dryRun === true,
    );
  });

  return rails;
}

function summary(problems: number, file: string): string {
  return `${problems} problem${problems === 1 ? '' : 's'} in ${file}`;
}

function resolvePath(io: CliIo, file: string): string {
  return isAbsolute(file) ? file : resolve(io.cwd, file);
}
