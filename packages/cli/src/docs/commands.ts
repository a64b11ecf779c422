import { Command } from 'commander';
import { CliError } from '../internal/errors.js';
import { importContent, importFiles } from '../internal/import.js';
import { type CliIo, Output } from '../internal/io.js';
import { resolveAdminKey, resolveGateway, type SettingOptions, withSettings } from '../internal/settings.js';
import { KnowledgeApi } from './api.js';
import { type DocFilesReport, formatDocProblem, loadDocFiles } from './files.js';

const IMPORT_HELP = `
Knowledge documents follow the offer workflow (four eyes):
  1. An author runs    FINLET_ADMIN_KEY=<author key> finlet docs import docs/
     New or changed documents become drafts (a new version when one exists) and are submitted.
  2. An approver runs  FINLET_ADMIN_KEY=<approver key> finlet docs import docs/
     Versions in review with exactly the content of the files are approved and published.`;

export function docsCommand(io: CliIo): Command {
  const docs = new Command('docs').description(
    'check and import knowledge documents (Markdown with front matter, or JSON)',
  );

  withSettings(
    docs
      .command('validate')
      .description('check document files offline against the knowledge contract')
      .argument('<files...>', 'document files or directories of them'),
    [],
  ).action(async (files: string[], options: SettingOptions) => {
    const out = new Output(io, options.json === true);
    const report = await loadDocFiles(files, io.cwd);
    out.result({
      files: report.files,
      documents: report.docs.map((d) => d.content.id),
      problems: report.problems,
    });
    if (report.problems.length > 0) {
      for (const p of report.problems) out.line(formatDocProblem(p));
      throw new CliError('invalid_input', summary(report));
    }
    out.line(`${report.docs.length} document${report.docs.length === 1 ? '' : 's'} valid`);
  });

  withSettings(
    docs
      .command('import')
      .description(
        'create and submit drafts (author), or approve and publish them (approver), through the admin API',
      )
      .argument('<files...>', 'document files or directories of them')
      .option(
        '--dry-run',
        'show each document as new / changed / unchanged against the published version, every changed field with old → new, and what the run would do; changes nothing',
      )
      .addHelpText('after', IMPORT_HELP),
    ['gateway'],
  ).action(async (files: string[], options: SettingOptions & { dryRun?: boolean }) => {
    const report = await loadDocFiles(files, io.cwd);
    const read = {
      items: report.docs,
      problems: report.problems.map(formatDocProblem),
      summary: summary(report),
    };
    await importFiles(
      new Output(io, options.json === true),
      read,
      {
        api: () => new KnowledgeApi(resolveGateway(options, io), resolveAdminKey(io)),
        importOne: async (api, me, doc, o) => ({
          ...(await importContent(api, me, doc.content, o)),
          file: doc.file,
        }),
        label: (o) => o.id,
        key: 'documents',
      },
      options.dryRun === true,
    );
  });

  return docs;
}

function summary(report: DocFilesReport): string {
  const n = report.problems.length;
  return `${n} problem${n === 1 ? '' : 's'} in ${report.files.length} file${report.files.length === 1 ? '' : 's'}`;
}
