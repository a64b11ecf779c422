import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { RailsDocument } from '@finlet/contracts';
import { parse } from 'yaml';
import { demoDir } from '../dev/demo.js';
import { CliError } from '../internal/errors.js';

/**
 * Reads a rails file (YAML or JSON, `railTables:` and/or `fxTables:`) and validates it with the
 * contract's RailsDocument. A file holding one rail table (`legs:`) or one FX table (`rates:`) is
 * accepted too. Works offline.
 */
export async function loadRailsFile(file: string): Promise<RailsDocument> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(
      'io_error',
      `${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      {
        cause: error,
      },
    );
  }
  let raw: unknown;
  try {
    raw = extname(file) === '.json' ? JSON.parse(text) : parse(text);
  } catch (error) {
    throw new CliError(
      'invalid_input',
      `${file}: not valid ${extname(file) === '.json' ? 'JSON' : 'YAML'}: ${String(error)}`,
    );
  }
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    if ('legs' in raw) raw = { railTables: [raw] };
    else if ('rates' in raw) raw = { fxTables: [raw] };
  }
  const parsed = RailsDocument.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliError('invalid_input', `${file}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
  }
  return parsed.data;
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
