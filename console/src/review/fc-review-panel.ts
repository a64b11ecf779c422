import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ContentKind, ReviewAction, Versioned } from '../api/console-api.js';
import { ConsoleElement, type ShownProblem } from '../app/console-element.js';
import { formatDateTime } from '../i18n/translator.js';

/** Kinds whose versions can be scheduled and rolled back (console API §3–4). */
const SCHEDULABLE: ReadonlySet<ContentKind> = new Set(['offers', 'knowledge']);

export interface FcChangedDetail {
  action: ReviewAction;
  item: Versioned;
}

/**
 * @summary The review steps for one version: submit, approve or reject with a comment, publish now
 * or at a time, unschedule, retire, roll back. Buttons follow the signed-in role and the version's
 * status; the gateway decides (four eyes included) and every refusal is shown in words.
 * @fires fc-changed - A step succeeded; `detail` has the action and the version as it is now.
 */
@customElement('fc-review-panel')
export class FcReviewPanel extends ConsoleElement {
  static override styles = [
    ...ConsoleElement.styles,
    css`
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space);
      }
      fieldset {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: calc(var(--_space) * 1.5);
        margin: 0;
      }
      legend {
        font-weight: 600;
      }
    `,
  ];

  @property() kind: ContentKind = 'offers';
  @property({ attribute: false }) item?: Versioned;
  /** Every version of the item, newest first (a rollback restores an earlier published one). */
  @property({ attribute: false }) versions: readonly Versioned[] = [];

  @state() private busy: ReviewAction | 'schedule' | undefined;
  @state() private error: ShownProblem | undefined;
  @state() private done: string | undefined;
  @state() private commentMissing = false;
  @state() private timeMissing = false;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    const before = changed.get('item') as Versioned | undefined;
    if (changed.has('item') && (before?.id !== this.item?.id || before?.version !== this.item?.version)) {
      this.error = undefined;
      this.done = undefined;
    }
  }

  private field<T extends HTMLElement>(name: string): T {
    return this.renderRoot.querySelector<T>(`[name="${name}"]`)!;
  }

  private async act(action: ReviewAction | 'schedule') {
    const item = this.item;
    if (!item) return;
    const comment = this.field<HTMLTextAreaElement>('comment').value.trim();
    this.error = undefined;
    this.done = undefined;
    this.commentMissing = (action === 'reject' || action === 'rollback') && comment === '';
    this.timeMissing = false;
    let at: string | undefined;
    if (action === 'schedule') {
      const local = this.field<HTMLInputElement>('at').value;
      const time = local ? new Date(local) : undefined;
      if (!time || Number.isNaN(time.getTime())) {
        this.timeMissing = true;
        this.field<HTMLInputElement>('at').focus();
        return;
      }
      at = time.toISOString();
    }
    if (this.commentMissing) {
      this.field<HTMLTextAreaElement>('comment').focus();
      return;
    }
    this.busy = action;
    try {
      const result = await this.api.act(
        this.kind,
        item.id,
        item.version,
        action === 'schedule' ? 'publish' : action,
        {
          ...(comment ? { comment } : {}),
          ...(at ? { at } : {}),
        },
      );
      this.done =
        action === 'schedule'
          ? this.t('review.done.schedule', formatDateTime(at!, this.locale))
          : action === 'rollback'
            ? this.t('review.done.rollback', result.version)
            : this.t(`review.done.${action}`);
      this.field<HTMLTextAreaElement>('comment').value = '';
      this.dispatchEvent(
        new CustomEvent<FcChangedDetail>('fc-changed', {
          detail: { action: action === 'schedule' ? 'publish' : action, item: result },
          bubbles: true,
          composed: true,
        }),
      );
    } catch (error) {
      this.error = this.problem(error);
    } finally {
      this.busy = undefined;
    }
  }

  override render() {
    const item = this.item;
    if (!item) return nothing;
    const me = this.session?.admin.id;
    const author = this.can('author');
    const approver = this.can('approver');
    const schedulable = SCHEDULABLE.has(this.kind);
    const current = this.versions.find((v) => v.status === 'published');
    const restorable =
      schedulable &&
      item.publishedAt !== null &&
      item.status !== 'published' &&
      current?.version !== item.version;
    const own = approver && item.status === 'in_review' && (item.createdBy === me || item.submittedBy === me);
    const button = (action: ReviewAction | 'schedule', label: string, enabled: boolean, primary = false) =>
      html`<button
        type="button"
        class=${primary ? 'primary' : ''}
        data-action=${action}
        ?disabled=${!enabled || this.busy !== undefined}
        aria-busy=${this.busy === action ? 'true' : 'false'}
        @click=${() => this.act(action)}
      >
        ${label}
      </button>`;
    const id = `review-${item.id}-${item.version}`;
    return html`<section class="panel stack" aria-labelledby="${id}-title">
      <h3 id="${id}-title">${this.t('review.title', item.version)}</h3>
      ${own ? html`<p class="muted">${this.t('review.ownHint')}</p>` : nothing}
      <label
        >${this.t('review.comment')}
        <span class="hint" id="${id}-hint">${this.t('review.commentHint')}</span>
        <textarea
          name="comment"
          maxlength="2000"
          aria-describedby="${id}-hint${this.commentMissing ? ` ${id}-missing` : ''}"
          aria-invalid=${this.commentMissing ? 'true' : 'false'}
        ></textarea>
      </label>
      ${this.commentMissing ? html`<p class="message error" id="${id}-missing" role="alert">${this.t('review.needsComment')}</p>` : nothing}
      <fieldset>
        <legend>${this.t('review.actions')}</legend>
        <div class="actions">
          ${button('submit', this.t('review.submit'), author && item.status === 'draft', true)}
          ${button('approve', this.t('review.approve'), approver && item.status === 'in_review', true)}
          ${button('reject', this.t('review.reject'), approver && item.status === 'in_review')}
          ${button('publish', this.t('review.publishNow'), approver && item.status === 'approved', true)}
          ${button('retire', this.t('review.retire'), approver && item.status === 'published')}
          ${schedulable ? button('rollback', this.t('review.rollback'), approver && restorable) : nothing}
        </div>
        ${
          schedulable
            ? html`<div class="row schedule">
              <label
                >${this.t('review.publishAt')}
                <input
                  name="at"
                  type="datetime-local"
                  ?disabled=${!(approver && item.status === 'approved')}
                  aria-invalid=${this.timeMissing ? 'true' : 'false'}
                />
              </label>
              ${button('schedule', this.t('review.schedule'), approver && item.status === 'approved')}
              ${button('unschedule', this.t('review.unschedule'), approver && Boolean(item.scheduledPublishAt))}
            </div>`
            : nothing
        }
        ${this.timeMissing ? html`<p class="message error" role="alert">${this.t('review.needsTime')}</p>` : nothing}
      </fieldset>
      ${this.renderProblem(this.error)}
      <div role="status" aria-live="polite">
        ${this.done ? html`<p class="message success">${this.done}</p>` : nothing}
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-review-panel': FcReviewPanel;
  }
  interface GlobalEventHandlersEventMap {
    'fc-changed': CustomEvent<FcChangedDetail>;
  }
}
