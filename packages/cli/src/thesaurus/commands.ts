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
import { fileCommands } from '../internal/file-commands.js';
import { importContent } from '../internal/import.js';
import type { CliIo } from '../internal/io.js';

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
  fileCommands(thesaurus, io, {
    file: 'thesaurus file (YAML or JSON)',
    validate: 'check a thesaurus file offline against the thesaurus contract',
    dryRun:
      'show each concept as new / changed / unchanged against the published version, and what the run would do; changes nothing',
    help: IMPORT_HELP,
    read: readThesaurusFile,
    format: formatFileProblem,
    valid: (doc) => ({
      result: { valid: true, concepts: doc.concepts.map((c) => c.id) },
      line: `${doc.concepts.length} concept(s) valid`,
    }),
    items: (doc) => doc.concepts,
    api: thesaurusApi,
    importOne: importContent,
    label: (o) => `concept ${o.id}`,
    key: 'concepts',
  });
  return thesaurus;
}
