import type { KnowledgeDocument } from '@finlet/contracts';
import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { BASE, itemPath } from '../app/route.js';
import { formatDateTime } from '../i18n/translator.js';
import { titleOf } from './content.js';
import { type ColumnKey, FilteredList } from './filtered-list.js';
import { type Filter, renderScenarios, renderStatus } from './filters.js';

const COLUMNS: readonly ColumnKey[] = [
  'col.title',
  'col.id',
  'col.kind',
  'col.version',
  'col.status',
  'col.scenarios',
  'col.updated',
];

/** @summary Every knowledge document (its latest version), filterable by status and scenario. */
@customElement('fc-knowledge-list')
export class FcKnowledgeList extends FilteredList<KnowledgeDocument[]> {
  protected override fetch(filter: Filter): Promise<KnowledgeDocument[]> {
    return this.api.list('knowledge', filter);
  }

  override render() {
    return html`<section class="stack" aria-labelledby="knowledge-title">
      <div class="row">
        <h2 id="knowledge-title">${this.t('lists.knowledge.title')}</h2>
        ${this.can('author') ? html`<a class="new" href="${BASE}/knowledge/new">${this.t('lists.knowledge.new')}</a>` : nothing}
      </div>
      ${this.renderFiltered('knowledge', true, (documents) =>
        this.renderCounted(
          this.t('lists.knowledge.title'),
          COLUMNS,
          documents,
          (d) => html`<tr data-id=${d.id}>
            <td><a href=${itemPath('knowledge', d.id)}>${titleOf('knowledge', d, this.locale)}</a></td>
            <td><code>${d.id}</code></td>
            <td>${d.kind}</td>
            <td>${d.version}</td>
            <td>${renderStatus(this.t.bind(this), this.locale, d)}</td>
            <td>${renderScenarios(this.t.bind(this), d.scenarios)}</td>
            <td>${formatDateTime(d.updatedAt, this.locale)}</td>
          </tr>`,
        ),
      )}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-knowledge-list': FcKnowledgeList;
  }
}
