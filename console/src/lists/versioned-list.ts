import { html, nothing, type TemplateResult } from 'lit';
import type { ContentKind, Versioned } from '../api/console-api.js';
import { BASE, itemPath } from '../app/route.js';
import type { MessageKey } from '../i18n/messages.js';
import { formatDateTime } from '../i18n/translator.js';
import { titleOf } from './content.js';
import { type ColumnKey, FilteredList } from './filtered-list.js';
import { type Filter, renderScenarios, renderStatus } from './filters.js';

/** A column of its own that one kind shows between the id and the version. */
export interface ListColumn<T> {
  key: ColumnKey;
  cell(item: T, locale: 'zh-CN' | 'en'): unknown;
}

/**
 * How the console lists one versioned kind: the one thing a new kind (a thesaurus, a risk
 * questionnaire) adds to get its list, next to its schema and its gateway registration.
 */
export interface ListView<T extends Versioned> {
  kind: ContentKind;
  title: MessageKey;
  /** Header of the name column, linked to the item; without one the id is the link. */
  name?: ColumnKey;
  columns: readonly ListColumn<T>[];
  /** Whether the kind is filtered and shown by scenario. */
  scenarios: boolean;
}

/** A view of one kind, for a list of several kinds (its cells then see any version). */
export function listView<T extends Versioned>(view: ListView<T>): ListView<Versioned> {
  // Each view only ever gets versions of its own kind: `fetch` asks the gateway for `view.kind`.
  return view as unknown as ListView<Versioned>;
}

/**
 * The console list of versioned content (offers, knowledge documents, rail and FX tables): the
 * latest version of every item of one or more kinds, filterable by status (and scenario), each
 * with its version, status and last change. A list element says what it lists and nothing else.
 */
export abstract class VersionedList extends FilteredList<Versioned[][]> {
  /** The kinds listed, one table each. */
  protected abstract readonly views: readonly ListView<Versioned>[];
  /** The heading's message and element id, and the prefix of the filters' ids. */
  protected abstract readonly heading: { title: MessageKey; id: string; filters: string };
  /** Where an author starts a new item, if the console creates this kind. */
  protected readonly create: { kind: ContentKind; label: MessageKey } | undefined = undefined;

  protected override fetch(filter: Filter): Promise<Versioned[][]> {
    // The gateway filters by scenario only the kinds that have scenarios.
    return Promise.all(this.views.map((view) => this.api.list(view.kind, filter)));
  }

  override render() {
    const { title, id, filters } = this.heading;
    const scenarios = this.views.some((v) => v.scenarios);
    const single = this.views.length === 1;
    return html`<section class="stack" aria-labelledby=${id}>
      <div class="row">
        <h2 id=${id}>${this.t(title)}</h2>
        ${this.create && this.can('author') ? html`<a class="new" href="${BASE}/${this.create.kind}/new">${this.t(this.create.label)}</a>` : nothing}
      </div>
      ${this.renderFiltered(
        filters,
        scenarios,
        (lists) =>
          html`${this.views.map((view, i) =>
            single
              ? this.renderView(view, lists[i] ?? [])
              : html`<h3>${this.t(view.title)}</h3>${this.renderView(view, lists[i] ?? [])}`,
          )}`,
      )}
    </section>`;
  }

  private renderView(view: ListView<Versioned>, items: readonly Versioned[]): TemplateResult {
    const headers: ColumnKey[] = [
      ...(view.name ? [view.name] : []),
      'col.id',
      ...view.columns.map((c) => c.key),
      'col.version',
      'col.status',
      ...(view.scenarios ? (['col.scenarios'] as const) : []),
      'col.updated',
    ];
    const t = this.t.bind(this);
    return this.renderCounted(
      this.t(view.title),
      headers,
      items,
      (item) => html`<tr data-id=${item.id}>
        ${
          view.name
            ? html`<td><a href=${itemPath(view.kind, item.id)}>${titleOf(view.kind, item, this.locale)}</a></td>
              <td><code>${item.id}</code></td>`
            : html`<td><a href=${itemPath(view.kind, item.id)}><code>${item.id}</code></a></td>`
        }
        ${view.columns.map((c) => html`<td>${c.cell(item, this.locale)}</td>`)}
        <td>${item.version}</td>
        <td>${renderStatus(t, this.locale, item)}</td>
        ${view.scenarios && 'scenarios' in item ? html`<td>${renderScenarios(t, item.scenarios)}</td>` : nothing}
        <td>${formatDateTime(item.updatedAt, this.locale)}</td>
      </tr>`,
    );
  }
}
