import type { Partner } from '@finlet/contracts';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ConsoleElement, type ShownProblem } from '../app/console-element.js';
import { formatDateTime } from '../i18n/translator.js';
import { renderScenarios } from './filters.js';

/** @summary The partners whose sites embed the widgets (admins only, as in the admin API). */
@customElement('fc-partner-list')
export class FcPartnerList extends ConsoleElement {
  @state() private partners: Partner[] | undefined;
  @state() private error: ShownProblem | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.can()) this.load();
  }

  private async load() {
    this.error = undefined;
    try {
      this.partners = await this.api.partners();
    } catch (error) {
      this.error = this.problem(error);
    }
  }

  override render() {
    return html`<section class="stack" aria-labelledby="partners-title">
      <h2 id="partners-title">${this.t('lists.partners.title')}</h2>
      ${
        !this.can()
          ? html`<p class="message" role="status">${this.t('lists.partners.adminOnly')}</p>`
          : html`${this.renderProblem(this.error, () => this.load())}
            ${this.partners ? this.renderTable(this.partners) : this.error ? nothing : this.renderLoading()}`
      }
    </section>`;
  }

  private renderTable(partners: Partner[]) {
    if (partners.length === 0) return html`<p class="message">${this.t('lists.empty')}</p>`;
    return html`<table aria-labelledby="partners-title">
      <thead>
        <tr>
          <th scope="col">${this.t('col.name')}</th>
          <th scope="col">${this.t('col.id')}</th>
          <th scope="col">${this.t('col.scenarios')}</th>
          <th scope="col">${this.t('col.origins')}</th>
          <th scope="col">${this.t('col.status')}</th>
          <th scope="col">${this.t('col.updated')}</th>
        </tr>
      </thead>
      <tbody>
        ${partners.map(
          (p) => html`<tr data-id=${p.id}>
            <td>${p.name}</td>
            <td><code>${p.id}</code></td>
            <td>${renderScenarios(this.t.bind(this), p.scenarios)}</td>
            <td>${p.origins.map((o) => html`<code>${o}</code> `)}</td>
            <td>${p.status}</td>
            <td>${formatDateTime(p.createdAt, this.locale)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-partner-list': FcPartnerList;
  }
}
