import type { ThesaurusConcept } from '@finlet/contracts';
import { customElement } from 'lit/decorators.js';
import { listView, VersionedList } from './versioned-list.js';

/** @summary The bank's thesaurus concepts (latest version of each), filterable by status. */
@customElement('fc-thesaurus-list')
export class FcThesaurusList extends VersionedList {
  protected override readonly heading = {
    title: 'lists.thesaurus.title',
    id: 'thesaurus-title',
    filters: 'thesaurus',
  } as const;
  protected override readonly create = { kind: 'thesaurus', label: 'lists.thesaurus.new' } as const;
  protected override readonly views = [
    listView<ThesaurusConcept>({
      kind: 'thesaurus',
      title: 'lists.thesaurus.title',
      columns: [
        { key: 'col.conceptKind', cell: (c) => this.t(`concept.kind.${c.kind}`) },
        { key: 'col.terms', cell: (c) => [...(c.terms['zh-CN'] ?? []), ...(c.terms.en ?? [])].join(', ') },
      ],
      scenarios: false,
    }),
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-thesaurus-list': FcThesaurusList;
  }
}
