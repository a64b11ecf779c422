import type { FxTable, RailTable } from '@finlet/contracts';
import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { itemPath } from '../app/route.js';
import { formatDateTime } from '../i18n/translator.js';
import { type ColumnKey, FilteredList } from './filtered-list.js';
import { type Filter, renderStatus } from './filters.js';

interface Tables {
  rails: RailTable[];
  fx: FxTable[];
}

/** @summary Rail tables and FX tables (latest version of each), filterable by status. */
@customElement('fc-table-list')
export class FcTableList extends FilteredList<Tables> {
  protected override async fetch(filter: Filter): Promise<Tables> {
    const [rails, fx] = await Promise.all([
      this.api.list('rail-tables', { status: filter.status }),
      this.api.list('fx-tables', { status: filter.status }),
    ]);
    return { rails, fx };
  }

  override render() {
    return html`<section class="stack" aria-labelledby="tables-title">
      <h2 id="tables-title">${this.t('nav.tables')}</h2>
      ${this.renderFiltered('tables', false, ({ rails, fx }) => this.renderTables(rails, fx))}
    </section>`;
  }

  private renderTables(rails: RailTable[], fx: FxTable[]) {
    return html`${this.renderKind(
      'rail-tables',
      this.t('lists.rails.title'),
      ['col.description', 'col.legs'],
      rails,
      (r) => [r.description ?? this.t('common.none'), r.legs.length],
    )}
      ${this.renderKind('fx-tables', this.t('lists.fx.title'), ['col.asOf', 'col.rates'], fx, (f) => [
        formatDateTime(f.asOf, this.locale),
        f.rates.length,
      ])}`;
  }

  /** One kind's heading and table: id, the kind's own `columns` (from `cells`), version, status, updated. */
  private renderKind<R extends RailTable | FxTable>(
    kind: 'rail-tables' | 'fx-tables',
    title: string,
    columns: readonly ColumnKey[],
    items: readonly R[],
    cells: (item: R) => readonly unknown[],
  ) {
    const titleId = kind === 'rail-tables' ? 'rails-title' : 'fx-title';
    const headers: readonly ColumnKey[] = ['col.id', ...columns, 'col.version', 'col.status', 'col.updated'];
    return html`<h3 id=${titleId}>${title}</h3>
      ${
        items.length === 0
          ? html`<p class="message">${this.t('lists.empty')}</p>`
          : html`<table aria-labelledby=${titleId}>
            <thead>
              <tr>
                ${headers.map((key) => html`<th scope="col">${this.t(key)}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${items.map(
                (item) => html`<tr data-id=${item.id}>
                  <td><a href=${itemPath(kind, item.id)}><code>${item.id}</code></a></td>
                  ${cells(item).map((cell) => html`<td>${cell}</td>`)}
                  <td>${item.version}</td>
                  <td>${renderStatus(this.t.bind(this), this.locale, item)}</td>
                  <td>${formatDateTime(item.updatedAt, this.locale)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-table-list': FcTableList;
  }
}
