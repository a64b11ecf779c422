import type { AdminRole, RiskQuestionnaire, RiskQuestionnaireContent } from '@finlet/contracts';
import { type ImportOutcome, importVersioned, seedVersioned } from '../internal/import.js';
import type { QuestionnaireApi } from './api.js';

export type QuestionnaireImportOutcome = ImportOutcome<RiskQuestionnaire['status']>;

/**
 * Imports one risk questionnaire through the admin API, as far as the caller's role allows (see
 * `planImport`): an author drafts and submits, an approver approves and publishes.
 */
export function importQuestionnaire(
  api: QuestionnaireApi,
  role: AdminRole,
  actorId: string,
  content: RiskQuestionnaireContent,
  options: { dryRun?: boolean } = {},
): Promise<QuestionnaireImportOutcome> {
  return importVersioned(api, role, actorId, content, options);
}

/** Demo questionnaires the way a bank would publish them: an author submits, a different approver publishes. */
export async function seedQuestionnaires(
  author: QuestionnaireApi,
  approver: QuestionnaireApi,
  questionnaires: readonly RiskQuestionnaireContent[],
): Promise<QuestionnaireImportOutcome[]> {
  const [a, b] = await Promise.all([author.me(), approver.me()]);
  return seedVersioned(questionnaires, (who, content) =>
    who === 'author'
      ? importQuestionnaire(author, a.role, a.id, content)
      : importQuestionnaire(approver, b.role, b.id, content),
  );
}
