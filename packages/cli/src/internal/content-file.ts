import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { CliError } from './errors.js';

/** One mistake in a content file: `file: path: reason`. */
export interface FileProblem {
  file: string;
  /** Dotted path inside the file, e.g. `railTables.0.legs.3.fee`; empty for the whole file. */
  path: string;
  message: string;
}

export function formatFileProblem(p: FileProblem): string {
  return p.path ? `${p.file}: ${p.path}: ${p.message}` : `${p.file}: ${p.message}`;
}

/**
 * A file holding one object where the format wants a list: the wrapped value, and the path of the
 * object inside it, so that problems still start at the object's own fields.
 */
export type Wrap = (raw: object) => { raw: unknown; prefix: (string | number)[] } | undefined;

/**
 * Reads a content file (YAML, or JSON by its `.json` extension) and validates it with `schema`,
 * reporting every mistake with its path. `display` is the name used in problems (the path as the
 * user wrote it). Works offline.
 */
export async function readContentFile<S extends z.ZodType>(
  file: string,
  display: string,
  schema: S,
  wrap: Wrap = () => undefined,
): Promise<{ doc: z.output<S> | undefined; problems: FileProblem[] }> {
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
  let prefix: (string | number)[] = [];
  const wrapped = raw && typeof raw === 'object' && !Array.isArray(raw) ? wrap(raw) : undefined;
  if (wrapped) ({ raw, prefix } = wrapped);
  const parsed = schema.safeParse(raw);
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
