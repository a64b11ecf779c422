import type { AuditEntry } from '@finlet/contracts';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AuditSearch } from '../api/console-api.js';
import '../diff/fc-diff.js';
import { ConsoleElement, type ShownProblem } from '../app/console-element.js';
import { formatDateTime } from '../i18n/translator.js';

const TARGET_KINDS = ['offer', 'knowledge', 'rail_table', 'fx_table', 'partner', 'admin_key', 'application'];

/**
 * @summary The audit log, newest first: search words, filters, "load more" by cursor; each entry
 * opens to show its before/after diff.
 */
@customElement('fc-audit-log')
export class FcAuditLog extends ConsoleElement {
  static override styles = [
    ...ConsoleElement.styles,
    css`
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--_space);
      }
      li details {
        background: var(--_surface);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: var(--_space) calc(var(--_space) * 1.5);
      }
      summary {
        cursor: pointer;
        display: flex;
        flex-wrap: wrap;
        gap: calc(var(--_space) * 1.5);
        align-items: baseline;
      }
      .action {
        font-weight: 600;
      }
      .search input[type='search'] {
        min-width: min(28rem, 100%);
      }
      pre {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        margin: 0;
      }
    `,
  ];

  /** Entries per page (1–500). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;

  @state() private entries: AuditEntry[] | undefined;
  @state() private next: string | null = null;
  @state() private error: ShownProblem | undefined;
  @state() private loading = false;
  private search: AuditSearch = {};
  private loads = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.load(false);
  }

  private async load(more: boolean) {
    const load = ++this.loads;
    this.error = undefined;
    this.loading = true;
    try {
      const page = await this.api.audit({
        ...this.search,
        limit: this.pageSize,
        ...(more && this.next ? { before: this.next } : {}),
      });
      if (load !== this.loads) return;
      this.entries = more ? [...(this.entries ?? []), ...page.entries] : page.entries;
      this.next = page.next;
    } catch (error) {
      if (load === this.loads) this.error = this.problem(error);
    } finally {
      if (load === this.loads) this.loading = false;
    }
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim() || undefined;
    const time = (name: string) => {
      const value = text(name);
      const date = value ? new Date(value) : undefined;
      return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
    };
    const search: AuditSearch = {};
    const q = text('q');
    const action = text('action');
    const targetKind = text('targetKind');
    const from = time('from');
    const to = time('to');
    if (q) search.q = q;
    if (action) search.action = action;
    if (targetKind) search.targetKind = targetKind;
    if (from) search.from = from;
    if (to) search.to = to;
    this.search = search;
    this.entries = undefined;
    this.next = null;
    this.load(false);
  }

  override render() {
    return html`<section class="stack" aria-labelledby="audit-title">
      <h2 id="audit-title">${this.t('audit.title')}</h2>
      <form class="stack search panel" role="search" @submit=${this.submit}>
        <label
          >${this.t('audit.search')}
          <input type="search" name="q" maxlength="200" />
        </label>
        <div class="row">
          <label
            >${this.t('audit.action')}
            <input name="action" maxlength="80" placeholder="offer.approve" />
          </label>
          <label
            >${this.t('audit.targetKind')}
            <select name="targetKind">
              <option value="">${this.t('filter.all')}</option>
              ${TARGET_KINDS.map((k) => html`<option value=${k}>${k}</option>`)}
            </select>
          </label>
          <label>${this.t('audit.from')} <input type="datetime-local" name="from" /></label>
          <label>${this.t('audit.to')} <input type="datetime-local" name="to" /></label>
          <button type="submit" class="primary">${this.t('audit.searchButton')}</button>
        </div>
      </form>
      ${this.renderProblem(this.error, () => this.load(false))}
      ${this.entries ? this.renderEntries(this.entries) : this.error ? nothing : this.renderLoading()}
    </section>`;
  }

  private renderEntries(entries: AuditEntry[]) {
    if (entries.length === 0) return html`<p class="message" role="status">${this.t('audit.empty')}</p>`;
    return html`<p class="muted" role="status">${this.t('lists.count', entries.length)}</p>
      <ol class="entries">
        ${entries.map((e) => this.renderEntry(e))}
      </ol>
      ${
        this.next
          ? html`<button type="button" class="more" ?disabled=${this.loading} @click=${() => this.load(true)}>
            ${this.t('audit.loadMore')}
          </button>`
          : html`<p class="muted">${this.t('audit.end')}</p>`
      }`;
  }

  private renderEntry(entry: AuditEntry) {
    const actor =
      entry.actor.kind === 'system' ? this.t('actor.system') : (entry.actor.name ?? entry.actor.id);
    const target = `${entry.target.kind} ${entry.target.id}${entry.target.version ? ` v${entry.target.version}` : ''}`;
    return html`<li data-id=${entry.id} data-action=${entry.action}>
      <details>
        <summary class="entry">
          <time datetime=${entry.at}>${formatDateTime(entry.at, this.locale)}</time>
          <span class="action">${entry.action}</span>
          <span class="actor">${actor}</span>
          <code class="target">${target}</code>
          ${entry.comment ? html`<span class="comment">“${entry.comment}”</span>` : nothing}
        </summary>
        ${
          entry.before === null && entry.after === null
            ? html`<p class="muted">${this.t('audit.noDiff')}</p>`
            : html`<fc-diff .beforeValue=${entry.before} .afterValue=${entry.after} locale=${this.locale}></fc-diff>`
        }
      </details>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-audit-log': FcAuditLog;
  }
}
