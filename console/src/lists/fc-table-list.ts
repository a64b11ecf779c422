import type { FxTable, RailTable } from '@finlet/contracts';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ConsoleElement, type ShownProblem } from '../app/console-element.js';
import { itemPath } from '../app/route.js';
import { formatDateTime } from '../i18n/translator.js';
import { type Filter, renderFilters, renderStatus } from './filters.js';

/** @summary Rail tables and FX tables (latest version of each), filterable by status. */
@customElement('fc-table-list')
export class FcTableList extends ConsoleElement {
  @state() private filter: Filter = {};
  @state() private rails: RailTable[] | undefined;
  @state() private fx: FxTable[] | undefined;
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
      const [rails, fx] = await Promise.all([
        this.api.list('rail-tables', { status: this.filter.status }),
        this.api.list('fx-tables', { status: this.filter.status }),
      ]);
      if (load !== this.loads) return;
      this.rails = rails;
      this.fx = fx;
    } catch (error) {
      if (load === this.loads) this.error = this.problem(error);
    }
  }

  override render() {
    return html`<section class="stack" aria-labelledby="tables-title">
      <h2 id="tables-title">${this.t('nav.tables')}</h2>
      ${renderFilters(this.t.bind(this), 'tables', this.filter, false, (filter) => {
        this.filter = filter;
        this.load();
      })}
      ${this.renderProblem(this.error, () => this.load())}
      ${this.rails && this.fx ? this.renderTables(this.rails, this.fx) : this.error ? nothing : this.renderLoading()}
    </section>`;
  }

  private renderTables(rails: RailTable[], fx: FxTable[]) {
    return html`<h3 id="rails-title">${this.t('lists.rails.title')}</h3>
      ${
        rails.length === 0
          ? html`<p class="message">${this.t('lists.empty')}</p>`
          : html`<table aria-labelledby="rails-title">
            <thead>
              <tr>
                <th scope="col">${this.t('col.id')}</th>
                <th scope="col">${this.t('col.description')}</th>
                <th scope="col">${this.t('col.legs')}</th>
                <th scope="col">${this.t('col.version')}</th>
                <th scope="col">${this.t('col.status')}</th>
                <th scope="col">${this.t('col.updated')}</th>
              </tr>
            </thead>
            <tbody>
              ${rails.map(
                (r) => html`<tr data-id=${r.id}>
                  <td><a href=${itemPath('rail-tables', r.id)}><code>${r.id}</code></a></td>
                  <td>${r.description ?? this.t('common.none')}</td>
                  <td>${r.legs.length}</td>
                  <td>${r.version}</td>
                  <td>${renderStatus(this.t.bind(this), this.locale, r)}</td>
                  <td>${formatDateTime(r.updatedAt, this.locale)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
      }
      <h3 id="fx-title">${this.t('lists.fx.title')}</h3>
      ${
        fx.length === 0
          ? html`<p class="message">${this.t('lists.empty')}</p>`
          : html`<table aria-labelledby="fx-title">
            <thead>
              <tr>
                <th scope="col">${this.t('col.id')}</th>
                <th scope="col">${this.t('col.asOf')}</th>
                <th scope="col">${this.t('col.rates')}</th>
                <th scope="col">${this.t('col.version')}</th>
                <th scope="col">${this.t('col.status')}</th>
                <th scope="col">${this.t('col.updated')}</th>
              </tr>
            </thead>
            <tbody>
              ${fx.map(
                (f) => html`<tr data-id=${f.id}>
                  <td><a href=${itemPath('fx-tables', f.id)}><code>${f.id}</code></a></td>
                  <td>${formatDateTime(f.asOf, this.locale)}</td>
                  <td>${f.rates.length}</td>
                  <td>${f.version}</td>
                  <td>${renderStatus(this.t.bind(this), this.locale, f)}</td>
                  <td>${formatDateTime(f.updatedAt, this.locale)}</td>
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
