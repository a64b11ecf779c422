import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ContentKind, Versioned } from '../api/console-api.js';
import { ConsoleElement, type ShownProblem } from '../app/console-element.js';
import { BASE, itemPath } from '../app/route.js';
import { formatDateTime } from '../i18n/translator.js';
import '../diff/fc-diff.js';
import '../editor/fc-knowledge-editor.js';
import '../editor/fc-offer-editor.js';
import '../preview/fc-offer-preview.js';
import '../review/fc-review-panel.js';
import type { FcChangedDetail } from '../review/fc-review-panel.js';
import { contentOf, titleOf } from './content.js';
import { renderStatus } from './filters.js';

const LIST_PATH: Record<ContentKind, string> = {
  offers: `${BASE}/offers`,
  knowledge: `${BASE}/knowledge`,
  'rail-tables': `${BASE}/tables`,
  'fx-tables': `${BASE}/tables`,
  thesaurus: `${BASE}/thesaurus`,
  'risk-questionnaires': `${BASE}/risk-questionnaires`,
};

/**
 * @summary One offer, document or table: every version, and for the selected one its review
 * steps, its editor (drafts), its preview (offers) and its changes against the published version.
 */
@customElement('fc-item-view')
export class FcItemView extends ConsoleElement {
  static override styles = [
    ...ConsoleElement.styles,
    css`
      .versions a[aria-current='true'] {
        font-weight: 700;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space);
        align-items: center;
      }
      pre {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        margin: 0;
        max-height: 24rem;
        overflow: auto;
      }
    `,
  ];

  @property() kind: ContentKind = 'offers';
  @property({ attribute: 'item-id' }) itemId = '';
  /** The version shown; the newest when absent. */
  @property({ type: Number }) version?: number | undefined;

  @state() private versions: Versioned[] | undefined;
  @state() private error: ShownProblem | undefined;
  @state() private editing: 'draft' | 'new-version' | undefined;
  @state() private saveError: ShownProblem | undefined;
  @state() private saved: string | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('kind') || changed.has('itemId')) {
      this.versions = undefined;
      this.load();
    }
    if (changed.has('version') || changed.has('itemId')) {
      this.editing = undefined;
      this.saveError = undefined;
    }
  }

  private async load() {
    this.error = undefined;
    try {
      this.versions = await this.api.versions(this.kind, this.itemId);
    } catch (error) {
      this.error = this.problem(error);
    }
  }

  private get selected(): Versioned | undefined {
    return this.version === undefined
      ? this.versions?.[0]
      : this.versions?.find((v) => v.version === this.version);
  }

  private async changed(event: CustomEvent<FcChangedDetail>) {
    this.saved = undefined;
    await this.load();
    if (event.detail.item.version !== this.selected?.version) {
      this.navigate(itemPath(this.kind, this.itemId, event.detail.item.version));
    }
  }

  private async save(event: CustomEvent<{ content: unknown }>) {
    const item = this.selected;
    if (!item) return;
    this.saveError = undefined;
    this.saved = undefined;
    try {
      const result =
        this.editing === 'draft'
          ? await this.api.updateDraft(this.kind, item.id, item.version, event.detail.content, item.updatedAt)
          : await this.api.createVersion(this.kind, item.id, event.detail.content);
      this.editing = undefined;
      await this.load();
      this.saved = this.t('detail.saved', result.version);
      if (result.version !== item.version) this.navigate(itemPath(this.kind, item.id, result.version));
    } catch (error) {
      this.saveError = this.problem(error);
    }
  }

  override render() {
    return html`<section class="stack" aria-labelledby="item-title">
      <p><a href=${LIST_PATH[this.kind]}>${this.t('detail.back')}</a></p>
      ${this.renderProblem(this.error, () => this.load())}
      ${this.versions ? this.renderItem(this.versions) : this.error ? nothing : this.renderLoading()}
    </section>`;
  }

  private renderItem(versions: Versioned[]) {
    const item = this.selected;
    if (!item) {
      return html`<h2 id="item-title">${this.itemId}</h2>
        <p class="message error" role="alert">${this.t('detail.notFound')}</p>`;
    }
    const editable = this.kind === 'offers' || this.kind === 'knowledge';
    const published = versions.find((v) => v.status === 'published');
    return html`<div class="head">
        <h2 id="item-title">${titleOf(this.kind, item, this.locale)}</h2>
        <code>${item.id}</code>
        <span>${this.t('detail.version', item.version)}</span>
        ${renderStatus(this.t.bind(this), this.locale, item)}
        ${item.restoredFrom ? html`<span class="badge">${this.t('detail.restoredFrom', item.restoredFrom)}</span>` : nothing}
      </div>
      <div role="status" aria-live="polite">${this.saved ? html`<p class="message success">${this.saved}</p>` : nothing}</div>
      ${this.renderVersions(versions, item)}
      <fc-review-panel
        .api=${this.api}
        .session=${this.session}
        locale=${this.locale}
        kind=${this.kind}
        .item=${item}
        .versions=${versions}
        @fc-changed=${this.changed}
      ></fc-review-panel>
      ${editable && this.can('author') ? this.renderEditing(item) : nothing}
      ${this.kind === 'offers' ? this.renderPreview(item) : nothing}
      ${this.renderDiff(item, published)}`;
  }

  private renderVersions(versions: Versioned[], selected: Versioned) {
    return html`<details class="versions panel" ?open=${versions.length > 1}>
      <summary>${this.t('detail.versions')} (${versions.length})</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">${this.t('col.version')}</th>
            <th scope="col">${this.t('col.status')}</th>
            <th scope="col">${this.t('col.updated')}</th>
            <th scope="col">${this.t('col.author')}</th>
            <th scope="col">${this.t('col.published')}</th>
          </tr>
        </thead>
        <tbody>
          ${versions.map(
            (v) => html`<tr data-version=${v.version}>
              <td>
                <a
                  href=${itemPath(this.kind, v.id, v.version)}
                  aria-current=${v.version === selected.version ? 'true' : 'false'}
                  aria-label=${this.t('detail.open', v.version)}
                  >${v.version}</a
                >
              </td>
              <td>${renderStatus(this.t.bind(this), this.locale, v)}</td>
              <td>${formatDateTime(v.updatedAt, this.locale)}</td>
              <td><code>${v.createdBy}</code></td>
              <td>${v.publishedAt ? formatDateTime(v.publishedAt, this.locale) : this.t('common.none')}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </details>`;
  }

  private renderEditing(item: Versioned) {
    if (!this.editing) {
      return html`<div class="row">
        ${item.status === 'draft' ? html`<button type="button" class="edit" @click=${() => (this.editing = 'draft')}>${this.t('detail.edit')}</button>` : nothing}
        <button type="button" class="new-version" @click=${() => (this.editing = 'new-version')}>${this.t('detail.newVersion')}</button>
      </div>`;
    }
    const content = contentOf(item);
    const cancel = () => {
      this.editing = undefined;
      this.saveError = undefined;
    };
    return html`<section class="stack editing" aria-label=${this.editing === 'draft' ? this.t('detail.edit') : this.t('detail.newVersion')}>
      ${this.renderProblem(this.saveError)}
      ${
        this.kind === 'offers'
          ? html`<fc-offer-editor
              .offer=${content}
              locale=${this.locale}
              .serverErrors=${this.saveError?.fields ?? []}
              @fc-save=${this.save}
              @fc-cancel=${cancel}
            ></fc-offer-editor>`
          : html`<fc-knowledge-editor
              .document=${content}
              locale=${this.locale}
              .serverErrors=${this.saveError?.fields ?? []}
              @fc-save=${this.save}
              @fc-cancel=${cancel}
            ></fc-knowledge-editor>`
      }
    </section>`;
  }

  private renderPreview(item: Versioned) {
    return html`<section class="stack preview" aria-labelledby="preview-title">
      <h3 id="preview-title">${this.t('detail.preview')}</h3>
      <fc-offer-preview
        offer-id=${item.id}
        .version=${item.version}
        .scenarios=${'scenarios' in item ? item.scenarios : []}
        .csrfToken=${this.session?.csrfToken ?? ''}
        locale=${this.locale}
      ></fc-offer-preview>
    </section>`;
  }

  private renderDiff(item: Versioned, published: Versioned | undefined) {
    return html`<section class="stack diff" aria-labelledby="diff-title">
      <h3 id="diff-title">${this.t('detail.diff')}</h3>
      ${
        !published
          ? html`<p class="muted">${this.t('detail.diffNone')}</p>`
          : html`<fc-diff
              .beforeValue=${contentOf(published)}
              .afterValue=${contentOf(item)}
              locale=${this.locale}
            ></fc-diff>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-item-view': FcItemView;
  }
}
