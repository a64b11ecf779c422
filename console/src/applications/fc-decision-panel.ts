import {
  type ApplicationFile,
  type ApplicationStatusUpdate,
  type CurrencyCode,
  DECLINE_REASONS,
  type DecisionRecord,
  type DeclineReasonCode,
  LOCALES,
  minorUnits,
} from '@finlet/contracts';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ConsoleElement, type ShownProblem } from '../app/console-element.js';
import { formatDateTime } from '../i18n/translator.js';
import { formatMoney } from './format.js';

type Choice = 'under_review' | 'more_info_needed' | 'approved' | 'declined';
const FINAL = new Set(['approved', 'declined', 'withdrawn']);
const REASON_CODES = Object.keys(DECLINE_REASONS) as DeclineReasonCode[];

/** "1,234.5" in major units → minor units, or undefined when it is not an amount. */
export function toMinor(text: string, currency: CurrencyCode): number | undefined {
  const digits = minorUnits(currency);
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(text.replace(/[,\s]/g, ''));
  if (!match || (match[2] ?? '').length > digits) return undefined;
  return Number(match[1]) * 10 ** digits + Number((match[2] ?? '').padEnd(digits, '0') || 0);
}

/**
 * @summary The decision panel of one application: under review, ask the applicant (their question),
 * approve (amount, term, rate may differ from the request) or decline with reason codes, each
 * reason previewed as the applicant reads it in both languages; an internal note. Above the
 * four-eyes threshold the first approval waits: the panel shows it, and only another person may
 * confirm it. Sends `If-Match` with the file's `updatedAt`, so a stale decision is refused.
 *
 * @fires fc-decided - a decision (or first approval) was recorded; the file reloads.
 */
@customElement('fc-decision-panel')
export class FcDecisionPanel extends ConsoleElement {
  static override styles = [
    ...ConsoleElement.styles,
    css`
      fieldset {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        display: grid;
        gap: var(--_space);
      }
      fieldset label,
      label.choice {
        display: flex;
        gap: var(--_space);
        align-items: center;
        font-weight: normal;
      }
      .preview blockquote {
        margin: 0;
        padding-inline-start: var(--_space);
        border-inline-start: 3px solid var(--_border);
      }
      ol.decisions {
        margin: 0;
        padding-inline-start: calc(var(--_space) * 2.5);
      }
    `,
  ];

  @property({ attribute: false }) file!: ApplicationFile;

  @state() private choice: Choice | undefined;
  @state() private reasons: DeclineReasonCode[] = [];
  @state() private error: ShownProblem | undefined;
  @state() private done: string | undefined;
  @state() private busy = false;

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('file') && changed.get('file') !== undefined) {
      this.choice = undefined;
      this.reasons = [];
    }
  }

  private async send(update: ApplicationStatusUpdate) {
    this.busy = true;
    this.error = undefined;
    this.done = undefined;
    try {
      const outcome = await this.api.decide(
        this.file.application.id,
        update,
        this.file.application.updatedAt,
      );
      this.done =
        outcome.kind === 'pending'
          ? this.t(
              'decide.pending',
              outcome.pending.firstApproval.by.name,
              this.terms(outcome.pending.firstApproval),
            )
          : this.t('decide.done', this.t(`appStatus.${outcome.application.status}`));
      this.dispatchEvent(new CustomEvent('fc-decided', { bubbles: true, composed: true }));
    } catch (error) {
      this.error = this.problem(error);
    } finally {
      this.busy = false;
    }
  }

  private terms(record: DecisionRecord): string {
    return record.approvedTerms?.amount ? formatMoney(record.approvedTerms.amount, this.locale) : '';
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const comment = text('comment');
    const note = comment ? { comment } : {};
    const { amount } = this.file.application;
    switch (this.choice) {
      case 'under_review':
        return this.send({ status: 'under_review', ...note });
      case 'more_info_needed':
        return this.send({ status: 'more_info_needed', question: text('question'), ...note });
      case 'declined':
        if (this.reasons.length === 0) {
          this.error = { code: 'invalid_request', message: this.t('decide.noReasons'), fields: [] };
          return;
        }
        return this.send({ status: 'declined', reasonCodes: this.reasons, ...note });
      case 'approved': {
        const term = text('termMonths');
        const apr = text('apr');
        // An application without an amount (an account, a debit card) is approved without one.
        const value = amount && toMinor(text('amount'), amount.currency as CurrencyCode);
        const terms = {
          // An amount that does not parse is sent as is: the gateway names the field.
          ...(amount ? { amount: { value: value ?? Number.NaN, currency: amount.currency } } : {}),
          ...(term ? { termMonths: Number(term) } : {}),
          ...(apr ? { aprBps: Math.round(Number(apr) * 100) } : {}),
        };
        return this.send({ status: 'approved', terms, ...note });
      }
    }
  }

  private confirm(first: DecisionRecord) {
    const terms = first.approvedTerms;
    if (!terms) return;
    this.send({
      status: 'approved',
      terms: {
        ...(terms.amount ? { amount: terms.amount } : {}),
        ...(terms.termMonths !== null ? { termMonths: terms.termMonths } : {}),
        ...(terms.aprBps !== null ? { aprBps: terms.aprBps } : {}),
      },
    });
  }

  private toggleReason(code: DeclineReasonCode, on: boolean) {
    this.reasons = on ? [...this.reasons, code] : this.reasons.filter((c) => c !== code);
  }

  override render() {
    const { application, decisions, pendingApproval } = this.file;
    return html`<section class="panel stack decide" aria-labelledby="decide-title">
      <h3 id="decide-title">${this.t('decide.title')}</h3>
      ${this.done ? html`<p class="message success" role="status">${this.done}</p>` : nothing}
      ${this.renderProblem(this.error)}
      ${
        FINAL.has(application.status)
          ? html`<p class="message final">${this.t('decide.final')}</p>`
          : !this.can('approver', 'reviewer')
            ? html`<p class="message">${this.t('decide.readOnly')}</p>`
            : html`${pendingApproval ? this.renderPending(pendingApproval) : nothing}${this.renderForm()}`
      }
      ${
        decisions.length > 0
          ? html`<ol class="decisions">
            ${decisions.map(
              (d) => html`<li data-kind=${d.kind} data-status=${d.status}>
                <time datetime=${d.at}>${formatDateTime(d.at, this.locale)}</time> · ${d.by.name} ·
                ${d.kind === 'pending_approval' ? this.t('timeline.pending_approval') : this.t(`appStatus.${d.status}`)}
                ${d.approvedTerms ? html` · ${this.terms(d)}` : nothing}
                ${d.reasonCodes.length > 0 ? html` · ${d.reasonCodes.join(', ')}` : nothing}
                ${d.question ? html`<br /><q>${d.question}</q>` : nothing}
              </li>`,
            )}
          </ol>`
          : nothing
      }
    </section>`;
  }

  private renderPending(first: DecisionRecord) {
    const mine = first.by.id === this.session?.admin.id;
    return html`<div class="message pending" role="status">
      <p>${this.t('decide.pending', first.by.name, this.terms(first))}</p>
      ${
        mine
          ? html`<p class="own-first">${this.t('decide.ownFirst')}</p>`
          : html`<button type="button" class="primary confirm" ?disabled=${this.busy} @click=${() => this.confirm(first)}>
            ${this.t('decide.confirm')}
          </button>`
      }
    </div>`;
  }

  private renderForm() {
    const { application } = this.file;
    const choices: Choice[] = ['under_review', 'more_info_needed', 'approved', 'declined'].filter(
      (c) => c !== application.status,
    ) as Choice[];
    const requested = application.amount;
    const digits = requested ? minorUnits(requested.currency as CurrencyCode) : 0;
    const asked = requested ? (requested.value / 10 ** digits).toFixed(digits) : '';
    return html`<form class="stack" @submit=${this.submit}>
      <fieldset>
        <legend>${this.t('decide.status')}</legend>
        ${choices.map(
          (c) => html`<label
            ><input
              type="radio"
              name="status"
              value=${c}
              .checked=${this.choice === c}
              @change=${() => {
                this.choice = c;
              }}
            />${this.t(`decide.${c}`)}</label
          >`,
        )}
      </fieldset>
      ${
        this.choice === 'more_info_needed'
          ? html`<label
              >${this.t('decide.question')}
              <span class="hint">${this.t('decide.questionHint')}</span>
              <textarea name="question" required maxlength="1000"></textarea>
            </label>`
          : nothing
      }
      ${
        this.choice === 'approved'
          ? html`${
              requested
                ? html`<label
                    >${this.t('decide.amount', requested.currency)}
                    <input name="amount" inputmode="decimal" required .value=${asked} />
                  </label>`
                : nothing
            }
              <label
                >${this.t('decide.termMonths')}
                <input
                  name="termMonths"
                  type="number"
                  min="1"
                  max="360"
                  .value=${application.termMonths ? String(application.termMonths) : ''}
                />
              </label>
              <label>${this.t('decide.aprPercent')} <input name="apr" type="number" min="0" max="100" step="0.01" /></label>`
          : nothing
      }
      ${this.choice === 'declined' ? this.renderReasons() : nothing}
      ${
        this.choice
          ? html`<label>${this.t('decide.note')} <textarea name="comment" maxlength="2000"></textarea></label>
            <button type="submit" class="primary" ?disabled=${this.busy}>
              ${this.busy ? this.t('decide.submitting') : this.t('decide.submit')}
            </button>`
          : nothing
      }
    </form>`;
  }

  private renderReasons() {
    return html`<fieldset class="reasons">
        <legend>${this.t('decide.reasons')}</legend>
        ${REASON_CODES.map(
          (code) => html`<label
            ><input
              type="checkbox"
              name="reason"
              value=${code}
              .checked=${this.reasons.includes(code)}
              ?disabled=${!this.reasons.includes(code) && this.reasons.length >= 4}
              @change=${(e: Event) => this.toggleReason(code, (e.target as HTMLInputElement).checked)}
            /><code>${code}</code></label
          >`,
        )}
      </fieldset>
      ${
        this.reasons.length > 0
          ? html`<div class="preview stack" aria-live="polite">
            <h4>${this.t('decide.preview')}</h4>
            ${LOCALES.map(
              (locale) => html`<blockquote lang=${locale} data-locale=${locale}>
                ${this.reasons.map((code) => html`<p>${DECLINE_REASONS[code][locale]}</p>`)}
              </blockquote>`,
            )}
          </div>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-decision-panel': FcDecisionPanel;
  }
  interface GlobalEventHandlersEventMap {
    'fc-decided': CustomEvent<void>;
  }
}
