import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';

/** One file an import reads: where it is, and how to name it to the user. */
export interface InputFile {
  absolute: string;
  display: string;
}

/** A mistake in the inputs themselves: a path that cannot be read, a directory without files. */
export interface InputProblem {
  file: string;
  path: string;
  message: string;
}

/** Why a file could not be read, in words a person can act on. */
export function systemReason(error: unknown): string {
  if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return 'no such file';
  if (error instanceof Error && 'code' in error && error.code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/**
 * The files the validate step of an import reads: each input as given, or for a directory its
 * files with one of `extensions`, sorted (the first step of the import pipeline, shared by
 * `offers` and `docs`). What cannot be read is reported in `problems`, not thrown, in the order
 * of the inputs: a caller that reads each file as it comes reports every problem in that order.
 */
export async function* expandInputs(
  inputs: readonly string[],
  cwd: string,
  extensions: { names: ReadonlySet<string>; words: string },
  problems: InputProblem[],
): AsyncGenerator<InputFile> {
  for (const input of inputs) {
    const absolute = isAbsolute(input) ? input : resolve(cwd, input);
    let isDir = false;
    try {
      isDir = (await stat(absolute)).isDirectory();
    } catch (error) {
      problems.push({ file: input, path: '', message: `cannot read: ${systemReason(error)}` });
      continue;
    }
    if (!isDir) {
      yield { absolute, display: input };
      continue;
    }
    const names = (await readdir(absolute)).filter((name) => extensions.names.has(extname(name))).sort();
    if (names.length === 0)
      problems.push({ file: input, path: '', message: `no ${extensions.words} files in this directory` });
    for (const name of names) {
      const file = join(absolute, name);
      const rel = relative(cwd, file);
      yield { absolute: file, display: rel.startsWith('..') || isAbsolute(rel) ? file : rel };
    }
  }
}

/** The text of one input file, counted in `files`; undefined (and a problem) when it cannot be read. */
export async function readInput(
  { absolute, display }: InputFile,
  report: { files: string[]; problems: InputProblem[] },
): Promise<string | undefined> {
  report.files.push(display);
  try {
    return await readFile(absolute, 'utf8');
  } catch (error) {
    report.problems.push({ file: display, path: '', message: `cannot read: ${systemReason(error)}` });
    return undefined;
  }
}
