import type { RiskQuestionnaire } from '@finlet/contracts';
import { customElement } from 'lit/decorators.js';
import { listView, VersionedList } from './versioned-list.js';

/** @summary Risk questionnaires (latest version of each), filterable by status. */
@customElement('fc-questionnaire-list')
export class FcQuestionnaireList extends VersionedList {
  protected override readonly heading = {
    title: 'lists.risk.title',
    id: 'risk-title',
    filters: 'risk',
  } as const;
  protected override readonly views = [
    listView<RiskQuestionnaire>({
      kind: 'risk-questionnaires',
      title: 'lists.risk.title',
      name: 'col.title',
      columns: [
        { key: 'col.questions', cell: (q) => q.questions.length },
        { key: 'col.validity', cell: (q) => q.validityDays },
      ],
      scenarios: false,
    }),
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-questionnaire-list': FcQuestionnaireList;
  }
}
