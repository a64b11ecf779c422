import type { Offer } from '@finlet/contracts';
import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { BASE, itemPath } from '../app/route.js';
import { formatDateTime } from '../i18n/translator.js';
import { type ColumnKey, FilteredList } from './filtered-list.js';
import { type Filter, renderScenarios, renderStatus } from './filters.js';

const COLUMNS: readonly ColumnKey[] = [
  'col.name',
  'col.id',
  'col.version',
  'col.status',
  'col.scenarios',
  'col.updated',
];

/** @summary Every offer (its latest version), filterable by status and scenario. */
@customElement('fc-offer-list')
export class FcOfferList extends FilteredList<Offer[]> {
  protected override fetch(filter: Filter): Promise<Offer[]> {
    return this.api.list('offers', filter);
  }

  override render() {
    return html`<section class="stack" aria-labelledby="offers-title">
      <div class="row">
        <h2 id="offers-title">${this.t('lists.offers.title')}</h2>
        ${this.can('author') ? html`<a class="new" href="${BASE}/offers/new">${this.t('lists.offers.new')}</a>` : nothing}
      </div>
      ${this.renderFiltered('offers', true, (offers) =>
        this.renderCounted(
          this.t('lists.offers.title'),
          COLUMNS,
          offers,
          (o) => html`<tr data-id=${o.id}>
            <td><a href=${itemPath('offers', o.id)}>${o.texts[this.locale].name}</a></td>
            <td><code>${o.id}</code></td>
            <td>${o.version}</td>
            <td>${renderStatus(this.t.bind(this), this.locale, o)}</td>
            <td>${renderScenarios(this.t.bind(this), o.scenarios)}</td>
            <td>${formatDateTime(o.updatedAt, this.locale)}</td>
          </tr>`,
        ),
      )}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-offer-list': FcOfferList;
  }
}
