import { type AdminIdentity, type AdminRole, VERSION_FIELD_NAMES } from '@finlet/contracts';
import type { StoredVersion, VersionedApi } from './content-api.js';
import {
  type Change,
  diffAgainstStored,
  diffValues,
  type FieldChange,
  formatChanges,
  summaryLine,
} from './diff.js';
import { CliError } from './errors.js';
import type { Output } from './io.js';
import { describeImport, type ImportStep, planImport } from './workflow.js';

/** One admin API call of an import, in the order they are made. */
export type PipelineStep = ImportStep | 'create_version' | 'update_draft';

const WORKFLOW_FIELDS = new Set<string>(VERSION_FIELD_NAMES);

/** The content of a stored version: every field but the workflow's, so it compares with a file. */
export function storedContent(stored: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(stored).filter(([key]) => !WORKFLOW_FIELDS.has(key)));
}

/**
 * Runs `steps` for one object through its admin API, starting from `current` (the latest
 * version, if any): create or update the draft, then submit, approve, publish. Returns the version
 * the steps ended on, or undefined when no step ran. An error names the object.
 */
export async function runSteps<T extends StoredVersion, C extends { id: string }>(
  api: VersionedApi<T, C>,
  content: C,
  steps: readonly PipelineStep[],
  start: { version: number } | undefined,
): Promise<T | undefined> {
  // What the last call answered; until then only the version the steps start from is known.
  let current: T | undefined;
  const version = () => (current ?? start)?.version;
  try {
    for (const step of steps) {
      const at = version();
      if (step === 'create') current = await api.create(content, at !== undefined);
      else if (step === 'create_version') current = await api.create(content, true);
      else if (at === undefined) break;
      else if (step === 'update_draft') {
        if (!api.updateDraft) throw new CliError('invalid_input', 'drafts of this kind cannot be edited');
        current = await api.updateDraft(at, content);
      } else {
        current = await api.transition(content.id, at, step, step === 'approve' ? 'imported' : undefined);
      }
    }
    return current;
  } catch (error) {
    if (error instanceof CliError)
      throw new CliError(error.code, `${content.id}: ${error.message}`, { cause: error });
    throw error;
  }
}

export interface ImportOutcome<S extends string = string> {
  id: string;
  /** Against the published version, or the latest when none is published. */
  change: Change;
  against: { version: number; status: string } | null;
  /** Every field that differs from `against`, as JSON paths. */
  changes: FieldChange[];
  latest: { version: number; status: string } | null;
  /** What this run did (or, in a dry run, would do), in order. */
  steps: ImportStep[];
  /** The version the run ended on (the latest one in a dry run). */
  version: number | null;
  status: S | null;
}

/**
 * The import pipeline of every versioned kind: read the stored versions, diff the file against
 * them, plan the steps the caller's role allows (see `planImport`), and run them. With `dryRun`
 * it only reads: the outcome says what would change and what the run would do.
 */
export async function importVersioned<T extends StoredVersion, C extends { id: string }>(
  api: VersionedApi<T, C>,
  role: AdminRole,
  actorId: string,
  content: C,
  options: { dryRun?: boolean | undefined } = {},
): Promise<ImportOutcome<T['status']>> {
  const versions = await api.versions(content.id);
  const latest = versions[0];
  const published = versions.find((v) => v.status === 'published');
  const state = (stored: T | undefined) =>
    stored && {
      status: stored.status,
      createdBy: stored.createdBy,
      submittedBy: stored.submittedBy,
      same: diffValues(storedContent(stored), content).length === 0,
    };
  const diff = diffAgainstStored(content, versions, storedContent);
  const steps = planImport({ latest: state(latest), published: state(published), role, actorId });
  const start = published && diff.change === 'unchanged' ? published : latest;
  const current = options.dryRun ? start : ((await runSteps(api, content, steps, start)) ?? start);
  return {
    id: content.id,
    ...diff,
    latest: latest ? { version: latest.version, status: latest.status } : null,
    steps,
    version: current?.version ?? null,
    status: current?.status ?? null,
  };
}

/**
 * Demo content the way a bank publishes it: an author drafts and submits each object, then a
 * different approver approves and publishes it. `importAs` imports one object with one key.
 */
export async function seedVersioned<I, O extends ImportOutcome>(
  items: readonly I[],
  importAs: (who: 'author' | 'approver', item: I) => Promise<O>,
): Promise<O[]> {
  const out: O[] = [];
  for (const item of items) {
    const first = await importAs('author', item);
    const second = first.status === 'published' ? first : await importAs('approver', item);
    out.push({ ...second, change: first.change, steps: [...first.steps, ...second.steps] });
  }
  return out;
}

/**
 * Runs `importAll` as `me` and prints what it did (or, in a dry run, would do): who acts where,
 * then one line per object (named by `label`) with its changed fields.
 */
export async function reportImports<O extends ImportOutcome>(
  out: Output,
  session: { me: AdminIdentity; gateway: string; dryRun: boolean },
  label: (outcome: O) => string,
  importAll: (report: (outcome: O) => void) => Promise<void>,
): Promise<void> {
  const { me, gateway, dryRun } = session;
  out.line(`${dryRun ? 'Dry run as' : 'Importing as'} ${me.name} (${me.role}) on ${gateway}`);
  await importAll((outcome) => {
    out.line(
      summaryLine({
        id: label(outcome),
        diff: outcome,
        latest: outcome.latest,
        what: describeImport(outcome, dryRun),
      }),
    );
    for (const line of formatChanges(outcome.changes)) out.line(line);
  });
}

/** An admin API of one kind: whose key it holds, on which gateway. */
export interface AdminApi {
  readonly baseUrl: string;
  me(): Promise<AdminIdentity>;
}

/** Imports one object of a kind as `me` (through {@link importVersioned}). */
export type ImportOne<A, I, O> = (
  api: A,
  me: AdminIdentity,
  item: I,
  options: { dryRun?: boolean },
) => Promise<O>;

/** What the files of one `import` command held once read and validated. */
export interface ReadFiles<I> {
  items: readonly I[];
  /** Each problem already formatted with its file and path; any of them stops the import. */
  problems: readonly string[];
  /** What the problems amount to (`2 problems in 1 file`). */
  summary: string;
}

/**
 * The `import` command of every versioned kind, written once: validate (the files were read into
 * `files`; any problem stops everything), then for each object diff, draft, submit or approve and
 * publish as the key's role allows, print a line for each, and answer `{ [key]: outcomes }` in JSON.
 */
export async function importFiles<A extends AdminApi, I, O extends ImportOutcome>(
  out: Output,
  files: ReadFiles<I>,
  kind: { api: () => A; importOne: ImportOne<A, I, O>; label: (outcome: O) => string; key: string },
  dryRun: boolean,
): Promise<void> {
  if (files.problems.length > 0) {
    for (const problem of files.problems) out.note(problem);
    throw new CliError('invalid_input', `${files.summary}; nothing was imported`);
  }
  const api = kind.api();
  const me = await api.me();
  const outcomes: O[] = [];
  await reportImports<O>(out, { me, gateway: api.baseUrl, dryRun }, kind.label, async (print) => {
    for (const item of files.items) {
      const outcome = await kind.importOne(api, me, item, { dryRun });
      outcomes.push(outcome);
      print(outcome);
    }
  });
  out.result({ dryRun, gateway: api.baseUrl, actor: me, [kind.key]: outcomes });
}

/**
 * Demo content of one kind the way a bank publishes it (see {@link seedVersioned}): `author`'s key
 * drafts and submits each object, `approver`'s approves and publishes it.
 */
export async function seedWith<A extends AdminApi, I, O extends ImportOutcome>(
  keys: { author: A; approver: A },
  items: readonly I[],
  importOne: ImportOne<A, I, O>,
): Promise<O[]> {
  const { author, approver } = keys;
  const [a, b] = await Promise.all([author.me(), approver.me()]);
  return seedVersioned(items, (who, item) =>
    who === 'author' ? importOne(author, a, item, {}) : importOne(approver, b, item, {}),
  );
}

/** One object of any kind through its admin API as `me`: {@link importVersioned} as an {@link ImportOne}. */
export function importContent<T extends StoredVersion, C extends { id: string }>(
  api: VersionedApi<T, C>,
  me: AdminIdentity,
  content: C,
  options: { dryRun?: boolean } = {},
): Promise<ImportOutcome<T['status']>> {
  return importVersioned(api, me.role, me.id, content, options);
}
