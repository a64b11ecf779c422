import { join } from 'node:path';
import { RiskQuestionnaireContent } from '@finlet/contracts';
import { demoDir } from '../dev/demo.js';
import { type FileProblem, formatFileProblem, readContentFile } from '../internal/content-file.js';
import { CliError } from '../internal/errors.js';

/** One mistake in a questionnaire file: `file: path: reason`. */
export type QuestionnaireProblem = FileProblem;
export const formatQuestionnaireProblem = formatFileProblem;

/**
 * Reads one risk questionnaire (YAML, or JSON by its extension) and validates it with the
 * contract, reporting every mistake with its path. Works offline.
 */
export async function readQuestionnaireFile(
  file: string,
  display: string = file,
): Promise<{ content: RiskQuestionnaireContent | undefined; problems: QuestionnaireProblem[] }> {
  const { doc, problems } = await readContentFile(file, display, RiskQuestionnaireContent);
  return { content: doc, problems };
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
