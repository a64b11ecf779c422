import { isAbsolute, resolve } from 'node:path';
import { Command } from 'commander';
import { type CliIo, Output } from '../internal/io.js';
import { resolveAdminKey, resolveGateway, type SettingOptions, withSettings } from '../internal/settings.js';
import { RailsApi } from './api.js';
import { loadRailsFile } from './files.js';
import { importRails } from './import.js';

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
    const doc = await loadRailsFile(resolvePath(io, file));
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
      .addHelpText('after', IMPORT_HELP),
    ['gateway'],
  ).action(async (file: string, options: SettingOptions) => {
    const out = new Output(io, options.json === true);
    const doc = await loadRailsFile(resolvePath(io, file));
    const api = new RailsApi(resolveGateway(options, io), resolveAdminKey(io));
    const me = await api.me();
    out.line(`Importing as ${me.name} (${me.role}) on ${api.baseUrl}`);
    const outcomes = await importRails(api, me.role, me.id, doc);
    for (const o of outcomes) {
      out.line(
        `${o.kind === 'rail-tables' ? 'rail table' : 'FX table'} ${o.id}: ${o.change}${o.steps.length ? `, ${o.steps.join(' → ')}` : ''} → ${
          o.version === null ? 'nothing stored' : `v${o.version} ${o.status}`
        }`,
      );
    }
    out.result({ gateway: api.baseUrl, actor: me, tables: outcomes });
  });

  return rails;
}

function resolvePath(io: CliIo, file: string): string {
  return isAbsolute(file) ? file : resolve(io.cwd, file);
}
