import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { ConsoleElement, type ShownProblem } from '../app/console-element.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Filter } from './filters.js';
import { renderFilters } from './filters.js';

/** The message key of a column header. */
export type ColumnKey = Extract<MessageKey, `col.${string}`>;

/**
 * What every console list shares: a status (and optionally scenario) filter, loading what matches
 * on connect and on every filter change (only the latest answer counts), and the loading, problem
 * and empty states. Subclasses say what to fetch and how to show it.
 */
export abstract class FilteredList<T> extends ConsoleElement {
  @state() protected filter: Filter = {};
  @state() protected rows: T | undefined;
  @state() protected error: ShownProblem | undefined;
  private loads = 0;

  /** Fetches what the list shows for `filter`. */
  protected abstract fetch(filter: Filter): Promise<T>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.load();
  }

  protected async load(): Promise<void> {
    const load = ++this.loads;
    this.error = undefined;
    try {
      const rows = await this.fetch(this.filter);
      if (load === this.loads) this.rows = rows;
    } catch (error) {
      if (load === this.loads) this.error = this.problem(error);
    }
  }

  /** The filters (ids prefixed with `idPrefix`), then the problem, the loading state or `body(rows)`. */
  protected renderFiltered(
    idPrefix: string,
    withScenario: boolean,
    body: (rows: T) => TemplateResult,
  ): TemplateResult {
    return html`${renderFilters(this.t.bind(this), idPrefix, this.filter, withScenario, (filter) => {
      this.filter = filter;
      this.load();
    })}
      ${this.renderProblem(this.error, () => this.load())}
      ${this.rows ? body(this.rows) : this.error ? nothing : this.renderLoading()}`;
  }

  /** A counted table of `items` under `caption` with one header per column, or the empty message. */
  protected renderCounted<R>(
    caption: string,
    columns: readonly ColumnKey[],
    items: readonly R[],
    row: (item: R) => TemplateResult,
  ): TemplateResult {
    if (items.length === 0) return html`<p class="message" role="status">${this.t('lists.empty')}</p>`;
    return html`<p class="muted" role="status">${this.t('lists.count', items.length)}</p>
      <table>
        <caption class="visually-hidden">${caption}</caption>
        <thead>
          <tr>
            ${columns.map((key) => html`<th scope="col">${this.t(key)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${items.map(row)}
        </tbody>
      </table>`;
  }
}
