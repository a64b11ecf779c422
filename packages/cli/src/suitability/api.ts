import {
  type RiskQuestionnaire,
  type RiskQuestionnaireContent,
  RiskQuestionnaireList,
  RiskQuestionnaire as RiskQuestionnaireSchema,
} from '@finlet/contracts';
import { ContentApi } from '../internal/content-api.js';

/** The risk questionnaire part of the admin API; answers are checked against the contracts. */
export class QuestionnaireApi extends ContentApi<RiskQuestionnaire, RiskQuestionnaireContent> {
  constructor(baseUrl: string, apiKey: string) {
    super(baseUrl, apiKey, {
      segment: 'risk-questionnaires',
      one: RiskQuestionnaireSchema,
      list: RiskQuestionnaireList,
      listKey: 'questionnaires',
    });
  }
}
