import { relative, resolve } from 'node:path';
import { Command } from 'commander';
import { CliError } from '../internal/errors.js';
import { importContent, importFiles } from '../internal/import.js';
import { type CliIo, Output } from '../internal/io.js';
import { resolveAdminKey, resolveGateway, type SettingOptions, withSettings } from '../internal/settings.js';
import { QuestionnaireApi } from './api.js';
import { formatQuestionnaireProblem, type QuestionnaireProblem, readQuestionnaireFile } from './files.js';

const IMPORT_HELP = `
Risk questionnaires follow the offer workflow (four eyes):
  1. An author runs    FINLET_ADMIN_KEY=<author key> finlet questionnaires import risk.yaml
     A new or changed questionnaire becomes a draft (a new version when one exists) and is submitted.
  2. An approver runs  FINLET_ADMIN_KEY=<approver key> finlet questionnaires import risk.yaml
     A version in review with exactly the content of the file is approved and published.`;

async function readAll(files: string[], cwd: string) {
  const problems: QuestionnaireProblem[] = [];
  const contents = [];
  for (const file of files) {
    const path = resolve(cwd, file);
    const read = await readQuestionnaireFile(path, relative(cwd, path) || file);
    problems.push(...read.problems);
    if (read.content) contents.push({ file, content: read.content });
  }
  return { contents, problems };
}

function summary(problems: QuestionnaireProblem[], files: string[]): string {
  const n = problems.length;
  return `${n} problem${n === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}`;
}

/** `finlet questionnaires validate|import <files>`: the bank's risk questionnaire (YAML or JSON). */
export function questionnairesCommand(io: CliIo): Command {
  const command = new Command('questionnaires').description(
    'check and import risk questionnaires (YAML or JSON)',
  );

  withSettings(
    command
      .command('validate')
      .description('check questionnaire files offline against the contract')
      .argument('<files...>', 'questionnaire files'),
    [],
  ).action(async (files: string[], options: SettingOptions) => {
    const out = new Output(io, options.json === true);
    const { contents, problems } = await readAll(files, io.cwd);
    out.result({ files, questionnaires: contents.map((c) => c.content.id), problems });
    if (problems.length > 0) {
      for (const p of problems) out.line(formatQuestionnaireProblem(p));
      throw new CliError('invalid_input', summary(problems, files));
    }
    out.line(`${contents.length} questionnaire${contents.length === 1 ? '' : 's'} valid`);
  });

  withSettings(
    command
      .command('import')
      .description(
        'create and submit drafts (author), or approve and publish them (approver), through the admin API',
      )
      .argument('<files...>', 'questionnaire files')
      .option('--dry-run', 'show what would change and what the run would do; changes nothing')
      .addHelpText('after', IMPORT_HELP),
    ['gateway'],
  ).action(async (files: string[], options: SettingOptions & { dryRun?: boolean }) => {
    const { contents, problems } = await readAll(files, io.cwd);
    const read = {
      items: contents,
      problems: problems.map(formatQuestionnaireProblem),
      summary: summary(problems, files),
    };
    await importFiles(
      new Output(io, options.json === true),
      read,
      {
        api: () => new QuestionnaireApi(resolveGateway(options, io), resolveAdminKey(io)),
        importOne: async (api, me, { file, content }, o) => ({
          ...(await importContent(api, me, content, o)),
          file,
        }),
        label: (o) => o.id,
        key: 'questionnaires',
      },
      options.dryRun === true,
    );
  });

  return command;
}
