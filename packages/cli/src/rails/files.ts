import { join } from 'node:path';
import { RailsDocument } from '@finlet/contracts';
import { demoDir } from '../dev/demo.js';
import { type FileProblem, formatFileProblem, readContentFile } from '../internal/content-file.js';
import { CliError } from '../internal/errors.js';

/** One mistake in a rails file: `file: path: reason`. */
export type RailsProblem = FileProblem;

export const formatRailsProblem = formatFileProblem;

/**
 * Reads a rails file (YAML or JSON, `railTables:` and/or `fxTables:`) and validates it with the
 * contract's RailsDocument, reporting every mistake with its path. A file holding one rail table
 * (`legs:`) or one FX table (`rates:`) is accepted too. `display` is the name used in problems
 * (the path as the user wrote it). Works offline.
 */
export function readRailsFile(
  file: string,
  display: string = file,
): Promise<{ doc: RailsDocument | undefined; problems: RailsProblem[] }> {
  return readContentFile(file, display, RailsDocument, (raw) => {
    if ('legs' in raw) return { raw: { railTables: [raw] }, prefix: ['railTables', 0] };
    if ('rates' in raw) return { raw: { fxTables: [raw] }, prefix: ['fxTables', 0] };
    return undefined;
  });
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
