import type { KnowledgeDocument } from '@finlet/contracts';
import { customElement } from 'lit/decorators.js';
import { listView, VersionedList } from './versioned-list.js';

/** @summary Every knowledge document (its latest version), filterable by status and scenario. */
@customElement('fc-knowledge-list')
export class FcKnowledgeList extends VersionedList {
  protected override readonly heading = {
    title: 'lists.knowledge.title',
    id: 'knowledge-title',
    filters: 'knowledge',
  } as const;
  protected override readonly create = { kind: 'knowledge', label: 'lists.knowledge.new' } as const;
  protected override readonly views = [
    listView<KnowledgeDocument>({
      kind: 'knowledge',
      title: 'lists.knowledge.title',
      name: 'col.title',
      columns: [{ key: 'col.kind', cell: (d) => d.kind }],
      scenarios: true,
    }),
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-knowledge-list': FcKnowledgeList;
  }
}
