import type { FxTable, RailTable } from '@finlet/contracts';
import { customElement } from 'lit/decorators.js';
import { formatDateTime } from '../i18n/translator.js';
import { listView, VersionedList } from './versioned-list.js';

/** @summary Rail tables and FX tables (latest version of each), filterable by status. */
@customElement('fc-table-list')
export class FcTableList extends VersionedList {
  protected override readonly heading = {
    title: 'nav.tables',
    id: 'tables-title',
    filters: 'tables',
  } as const;
  protected override readonly views = [
    listView<RailTable>({
      kind: 'rail-tables',
      title: 'lists.rails.title',
      columns: [
        { key: 'col.description', cell: (r) => r.description ?? this.t('common.none') },
        { key: 'col.legs', cell: (r) => r.legs.length },
      ],
      scenarios: false,
    }),
    listView<FxTable>({
      kind: 'fx-tables',
      title: 'lists.fx.title',
      columns: [
        { key: 'col.asOf', cell: (f, locale) => formatDateTime(f.asOf, locale) },
        { key: 'col.rates', cell: (f) => f.rates.length },
      ],
      scenarios: false,
    }),
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-table-list': FcTableList;
  }
}
