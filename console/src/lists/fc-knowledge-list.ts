import type { KnowledgeDocument } from '@finlet/contracts';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ConsoleElement, type ShownProblem } from '../app/console-element.js';
import { BASE, itemPath } from '../app/route.js';
import { formatDateTime } from '../i18n/translator.js';
import { type Filter, renderFilters, renderScenarios, renderStatus } from './filters.js';

/** @summary Every knowledge document (its latest version), filterable by status and scenario. */
@customElement('fc-knowledge-list')
export class FcKnowledgeList extends ConsoleElement {
  @state() private filter: Filter = {};
  @state() private documents: KnowledgeDocument[] | undefined;
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
      const documents = await this.api.list('knowledge', this.filter);
      if (load === this.loads) this.documents = documents;
    } catch (error) {
      if (load === this.loads) this.error = this.problem(error);
    }
  }

  override render() {
    return html`<section class="stack" aria-labelledby="knowledge-title">
      <div class="row">
        <h2 id="knowledge-title">${this.t('lists.knowledge.title')}</h2>
        ${this.can('author') ? html`<a class="new" href="${BASE}/knowledge/new">${this.t('lists.knowledge.new')}</a>` : nothing}
      </div>
      ${renderFilters(this.t.bind(this), 'knowledge', this.filter, true, (filter) => {
        this.filter = filter;
        this.load();
      })}
      ${this.renderProblem(this.error, () => this.load())}
      ${this.documents ? this.renderTable(this.documents) : this.error ? nothing : this.renderLoading()}
    </section>`;
  }

  private renderTable(documents: KnowledgeDocument[]) {
    if (documents.length === 0) return html`<p class="message" role="status">${this.t('lists.empty')}</p>`;
    return html`<p class="muted" role="status">${this.t('lists.count', documents.length)}</p>
      <table>
        <caption class="visually-hidden">${this.t('lists.knowledge.title')}</caption>
        <thead>
          <tr>
            <th scope="col">${this.t('col.title')}</th>
            <th scope="col">${this.t('col.id')}</th>
            <th scope="col">${this.t('col.kind')}</th>
            <th scope="col">${this.t('col.version')}</th>
            <th scope="col">${this.t('col.status')}</th>
            <th scope="col">${this.t('col.scenarios')}</th>
            <th scope="col">${this.t('col.updated')}</th>
          </tr>
        </thead>
        <tbody>
          ${documents.map(
            (d) => html`<tr data-id=${d.id}>
              <td><a href=${itemPath('knowledge', d.id)}>${d.texts[this.locale].title}</a></td>
              <td><code>${d.id}</code></td>
              <td>${d.kind}</td>
              <td>${d.version}</td>
              <td>${renderStatus(this.t.bind(this), this.locale, d)}</td>
              <td>${renderScenarios(this.t.bind(this), d.scenarios)}</td>
              <td>${formatDateTime(d.updatedAt, this.locale)}</td>
            </tr>`,
          )}
        </tbody>
      </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-knowledge-list': FcKnowledgeList;
  }
}
