import type { Offer } from '@finlet/contracts';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ConsoleElement, type ShownProblem } from '../app/console-element.js';
import { BASE, itemPath } from '../app/route.js';
import { formatDateTime } from '../i18n/translator.js';
import { type Filter, renderFilters, renderScenarios, renderStatus } from './filters.js';

/** @summary Every offer (its latest version), filterable by status and scenario. */
@customElement('fc-offer-list')
export class FcOfferList extends ConsoleElement {
  @state() private filter: Filter = {};
  @state() private offers: Offer[] | undefined;
  @state() private error: ShownProblem | undefined;
  private loads = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.load();
  }

  private async load() {
    const load = ++this.loads;
    this.error = undefined;
    try {
      const offers = await this.api.list('offers', this.filter);
      if (load === this.loads) this.offers = offers;
    } catch (error) {
      if (load === this.loads) this.error = this.problem(error);
    }
  }

  override render() {
    return html`<section class="stack" aria-labelledby="offers-title">
      <div class="row">
        <h2 id="offers-title">${this.t('lists.offers.title')}</h2>
        ${this.can('author') ? html`<a class="new" href="${BASE}/offers/new">${this.t('lists.offers.new')}</a>` : nothing}
      </div>
      ${renderFilters(this.t.bind(this), 'offers', this.filter, true, (filter) => {
        this.filter = filter;
        this.load();
      })}
      ${this.renderProblem(this.error, () => this.load())}
      ${this.offers ? this.renderTable(this.offers) : this.error ? nothing : this.renderLoading()}
    </section>`;
  }

  private renderTable(offers: Offer[]) {
    if (offers.length === 0) return html`<p class="message" role="status">${this.t('lists.empty')}</p>`;
    return html`<p class="muted" role="status">${this.t('lists.count', offers.length)}</p>
      <table>
        <caption class="visually-hidden">${this.t('lists.offers.title')}</caption>
        <thead>
          <tr>
            <th scope="col">${this.t('col.name')}</th>
            <th scope="col">${this.t('col.id')}</th>
            <th scope="col">${this.t('col.version')}</th>
            <th scope="col">${this.t('col.status')}</th>
            <th scope="col">${this.t('col.scenarios')}</th>
            <th scope="col">${this.t('col.updated')}</th>
          </tr>
        </thead>
        <tbody>
          ${offers.map(
            (o) => html`<tr data-id=${o.id}>
              <td><a href=${itemPath('offers', o.id)}>${o.texts[this.locale].name}</a></td>
              <td><code>${o.id}</code></td>
              <td>${o.version}</td>
              <td>${renderStatus(this.t.bind(this), this.locale, o)}</td>
              <td>${renderScenarios(this.t.bind(this), o.scenarios)}</td>
              <td>${formatDateTime(o.updatedAt, this.locale)}</td>
            </tr>`,
          )}
        </tbody>
      </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-offer-list': FcOfferList;
  }
}
