import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { RailsDocument } from '@finlet/contracts';
import { parse } from 'yaml';
import { demoDir } from '../dev/demo.js';
import { CliError } from '../internal/errors.js';

/** One mistake in a rails file: `file: path: reason`. */
export interface RailsProblem {
  file: string;
  /** Dotted path inside the file, e.g. `railTables.0.legs.3.fee`; empty for the whole file. */
  path: string;
  message: string;
}

export function formatRailsProblem(p: RailsProblem): string {
  return p.path ? `${p.file}: ${p.path}: ${p.message}` : `${p.file}: ${p.message}`;
}

/**
 * Reads a rails file (YAML or JSON, `railTables:` and/or `fxTables:`) and validates it with the
 * contract's RailsDocument, reporting every mistake with its path. A file holding one rail table
 * (`legs:`) or one FX table (`rates:`) is accepted too. `display` is the name used in problems
 * (the path as the user wrote it). Works offline.
 */
export async function readRailsFile(
  file: string,
  display: string = file,
): Promise<{ doc: RailsDocument | undefined; problems: RailsProblem[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(
      'io_error',
      `${display}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      { cause: error },
    );
  }
  const json = extname(file) === '.json';
  let raw: unknown;
  try {
    raw = json ? JSON.parse(text) : parse(text);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return {
      doc: undefined,
      problems: [{ file: display, path: '', message: `not valid ${json ? 'JSON' : 'YAML'}: ${reason}` }],
    };
  }
  // A single table is wrapped; paths in problems then still start at the table's own fields.
  let prefix: (string | number)[] = [];
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    if ('legs' in raw) [raw, prefix] = [{ railTables: [raw] }, ['railTables', 0]];
    else if ('rates' in raw) [raw, prefix] = [{ fxTables: [raw] }, ['fxTables', 0]];
  }
  const parsed = RailsDocument.safeParse(raw);
  if (parsed.success) return { doc: parsed.data, problems: [] };
  const problems = parsed.error.issues.flatMap((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const own = prefix.length > 0 && prefix.every((p, i) => path[i] === p) ? path.slice(prefix.length) : path;
    // One problem per unknown key, each at its own path.
    return issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ file: display, path: [...own, key].join('.'), message: 'unknown field' }))
      : [{ file: display, path: own.join('.'), message: issue.message }];
  });
  return { doc: undefined, problems };
}

/** `readRailsFile` for trusted files (the demo): the first problem becomes a CliError. */
export async function loadRailsFile(file: string): Promise<RailsDocument> {
  const { doc, problems } = await readRailsFile(file);
  if (!doc) throw new CliError('invalid_input', formatRailsProblem(problems[0]!));
  return doc;
}

/** FX rates in `finlet dev` stay usable this long: the demo must not go stale while it runs. */
export const DEV_FX_MAX_AGE_SECONDS = 30 * 86_400;

/**
 * The demo rails of `finlet dev`, with every FX table stamped as observed `now` and valid for
 * 30 days, so quotes work from a fresh start and for as long as the demo runs.
 */
export async function loadDemoRails(now: Date, file = join(demoDir(), 'rails.yaml')): Promise<RailsDocument> {
  const doc = await loadRailsFile(file);
  return {
    ...doc,
    fxTables: doc.fxTables.map((t) => ({
      ...t,
      asOf: now.toISOString(),
      maxAgeSeconds: DEV_FX_MAX_AGE_SECONDS,
    })),
  };
}
