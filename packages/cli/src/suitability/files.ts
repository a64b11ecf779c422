import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { RiskQuestionnaireContent } from '@finlet/contracts';
import { parse } from 'yaml';
import { demoDir } from '../dev/demo.js';
import { CliError } from '../internal/errors.js';

/** One mistake in a questionnaire file: `file: path: reason`. */
export interface QuestionnaireProblem {
  file: string;
  /** Dotted path inside the file, e.g. `questions.2.options.0.score`; empty for the whole file. */
  path: string;
  message: string;
}

export function formatQuestionnaireProblem(p: QuestionnaireProblem): string {
  return p.path ? `${p.file}: ${p.path}: ${p.message}` : `${p.file}: ${p.message}`;
}

/**
 * Reads one risk questionnaire (YAML, or JSON by its extension) and validates it with the
 * contract, reporting every mistake with its path. Works offline.
 */
export async function readQuestionnaireFile(
  file: string,
  display: string = file,
): Promise<{ content: RiskQuestionnaireContent | undefined; problems: QuestionnaireProblem[] }> {
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
      content: undefined,
      problems: [{ file: display, path: '', message: `not valid ${json ? 'JSON' : 'YAML'}: ${reason}` }],
    };
  }
  const parsed = RiskQuestionnaireContent.safeParse(raw);
  if (parsed.success) return { content: parsed.data, problems: [] };
  return {
    content: undefined,
    problems: parsed.error.issues.flatMap((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      return issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({
            file: display,
            path: [...path, key].join('.'),
            message: 'unknown field',
          }))
        : [{ file: display, path: path.join('.'), message: issue.message }];
    }),
  };
}

/** The demo questionnaire of `finlet dev` (eight questions, zh-CN and en). */
export async function loadDemoQuestionnaire(
  file = join(demoDir(), 'risk-questionnaire.yaml'),
): Promise<RiskQuestionnaireContent> {
  const { content, problems } = await readQuestionnaireFile(file);
  if (!content)
    throw new CliError(
      'invalid_input',
      `demo questionnaire is invalid: ${formatQuestionnaireProblem(problems[0]!)}`,
    );
  return content;
}
