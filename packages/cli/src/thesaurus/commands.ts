import { isAbsolute, resolve } from 'node:path';
import {
  type ThesaurusConcept,
  type ThesaurusConceptContent,
  ThesaurusConceptList,
  ThesaurusConcept as ThesaurusConceptSchema,
  ThesaurusDocument,
} from '@finlet/contracts';
import { Command } from 'commander';
import { ContentApi } from '../internal/content-api.js';
import { type FileProblem, formatFileProblem, readContentFile } from '../internal/content-file.js';
import { CliError } from '../internal/errors.js';
import { importContent, importFiles } from '../internal/import.js';
import { type CliIo, Output } from '../internal/io.js';
import { resolveAdminKey, resolveGateway, type SettingOptions, withSettings } from '../internal/settings.js';

const IMPORT_HELP = `
Thesaurus concepts follow the offer workflow (four eyes):
  1. An author runs    FINLET_ADMIN_KEY=<author key> finlet thesaurus import thesaurus.yaml
     New or changed concepts become drafts (a new version when one exists) and are submitted.
  2. An approver runs  FINLET_ADMIN_KEY=<approver key> finlet thesaurus import thesaurus.yaml
     Versions in review with exactly the content of the file are approved and published.
The file holds \`concepts:\`, each with an \`id\`, a \`kind\` (product, attribute or term) and
\`terms:\` in \`zh-CN\` and/or \`en\`; or one concept. Published concepts extend Finlet's built-in
finance thesaurus: a built-in id gains the terms, another id is a concept of its own.`;

/** Reads a thesaurus file; a file holding one concept (`terms:`) is read as a list of one. */
export function readThesaurusFile(
  file: string,
  display: string = file,
): Promise<{ doc: ThesaurusDocument | undefined; problems: FileProblem[] }> {
  return readContentFile(file, display, ThesaurusDocument, (raw) =>
    'terms' in raw ? { raw: { concepts: [raw] }, prefix: ['concepts', 0] } : undefined,
  );
}

function thesaurusApi(gateway: string, apiKey: string) {
  return new ContentApi<ThesaurusConcept, ThesaurusConceptContent>(gateway, apiKey, {
    segment: 'thesaurus',
    one: ThesaurusConceptSchema,
    list: ThesaurusConceptList,
    listKey: 'concepts',
  });
}

export function thesaurusCommand(io: CliIo): Command {
  const thesaurus = new Command('thesaurus').description(
    "check and import the bank's thesaurus concepts (YAML or JSON)",
  );
  const read = async (file: string) =>
    readThesaurusFile(isAbsolute(file) ? file : resolve(io.cwd, file), file);

  withSettings(
    thesaurus
      .command('validate')
      .description('check a thesaurus file offline against the thesaurus contract')
      .argument('<file>', 'thesaurus file (YAML or JSON)'),
    [],
  ).action(async (file: string, options: SettingOptions) => {
    const out = new Output(io, options.json === true);
    const { doc, problems } = await read(file);
    if (!doc) {
      out.result({ valid: false, problems });
      for (const p of problems) out.line(formatFileProblem(p));
      throw new CliError('invalid_input', summary(problems.length, file));
    }
    out.result({ valid: true, concepts: doc.concepts.map((c) => c.id) });
    out.line(`${doc.concepts.length} concept(s) valid`);
  });

  withSettings(
    thesaurus
      .command('import')
      .description(
        'create and submit drafts (author), or approve and publish them (approver), through the admin API',
      )
      .argument('<file>', 'thesaurus file (YAML or JSON)')
      .option(
        '--dry-run',
        'show each concept as new / changed / unchanged against the published version, and what the run would do; changes nothing',
      )
      .addHelpText('after', IMPORT_HELP),
    ['gateway'],
  ).action(async (file: string, options: SettingOptions & { dryRun?: boolean }) => {
    const { doc, problems } = await read(file);
    await importFiles(
      new Output(io, options.json === true),
      {
        items: doc?.concepts ?? [],
        problems: problems.map(formatFileProblem),
        summary: summary(problems.length, file),
      },
      {
        api: () => thesaurusApi(resolveGateway(options, io), resolveAdminKey(io)),
        importOne: importContent,
        label: (o) => `concept ${o.id}`,
        key: 'concepts',
      },
      options.dryRun === true,
    );
  });

  return thesaurus;
}

function summary(problems: number, file: string): string {
  return `${problems} problem${problems === 1 ? '' : 's'} in ${file}`;
}
