import { isAbsolute, resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError } from './errors.js';
import { type AdminApi, type ImportOne, type ImportOutcome, importFiles } from './import.js';
import { type CliIo, Output } from './io.js';
import { resolveAdminKey, resolveGateway, type SettingOptions, withSettings } from './settings.js';

/** One kind read from one file (rail and FX tables, thesaurus concepts): its `validate` and `import`. */
export interface FileKind<D, P, A extends AdminApi, I, O extends ImportOutcome> {
  /** The `<file>` argument's description (`rails file (YAML or JSON)`). */
  file: string;
  validate: string;
  dryRun: string;
  help: string;
  read(path: string, display: string): Promise<{ doc: D | undefined; problems: P[] }>;
  format(problem: P): string;
  /** What `validate` answers for a valid file: the JSON result and the line it prints. */
  valid(doc: D): { result: Record<string, unknown>; line: string };
  items(doc: D): readonly I[];
  api(gateway: string, adminKey: string): A;
  importOne: ImportOne<A, I, O>;
  label(outcome: O): string;
  /** The member of the JSON answer that holds the outcomes (`tables`, `concepts`). */
  key: string;
}

/**
 * `validate <file>` (offline, against the kind's contract) and `import <file> [--dry-run]` (through
 * the admin API, four eyes) under `parent`, written once for every kind read from one file.
 */
export function fileCommands<D, P, A extends AdminApi, I, O extends ImportOutcome>(
  parent: Command,
  io: CliIo,
  kind: FileKind<D, P, A, I, O>,
): void {
  const read = (file: string) => kind.read(isAbsolute(file) ? file : resolve(io.cwd, file), file);

  withSettings(
    parent.command('validate').description(kind.validate).argument('<file>', kind.file),
    [],
  ).action(async (file: string, options: SettingOptions) => {
    const out = new Output(io, options.json === true);
    const { doc, problems } = await read(file);
    if (!doc) {
      out.result({ valid: false, problems });
      for (const p of problems) out.line(kind.format(p));
      throw new CliError('invalid_input', summary(problems.length, file));
    }
    const { result, line } = kind.valid(doc);
    out.result(result);
    out.line(line);
  });

  withSettings(
    parent
      .command('import')
      .description(
        'create and submit drafts (author), or approve and publish them (approver), through the admin API',
      )
      .argument('<file>', kind.file)
      .option('--dry-run', kind.dryRun)
      .addHelpText('after', kind.help),
    ['gateway'],
  ).action(async (file: string, options: SettingOptions & { dryRun?: boolean }) => {
    const { doc, problems } = await read(file);
    await importFiles(
      new Output(io, options.json === true),
      {
        items: doc ? kind.items(doc) : [],
        problems: problems.map((p) => kind.format(p)),
        summary: summary(problems.length, file),
      },
      {
        api: () => kind.api(resolveGateway(options, io), resolveAdminKey(io)),
        importOne: kind.importOne,
        label: (o) => kind.label(o),
        key: kind.key,
      },
      options.dryRun === true,
    );
  });
}

function summary(problems: number, file: string): string {
  return `${problems} problem${problems === 1 ? '' : 's'} in ${file}`;
}
