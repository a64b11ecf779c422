import type { Locale, Nudge } from '@finlet/contracts';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { loadApply } from '../apply/load-apply.js';
import { commonMessages } from '../internal/common.messages.js';
import { FinletElement, type ShownError } from '../internal/finlet-element.js';
import { formatDate, formatMoney } from '../internal/format.js';
import { baseStyles } from '../internal/styles.js';
import { loadAssessment } from '../suitability/load.js';
import { type NudgesMessages, nudgesMessages } from './nudges.messages.js';
import { nudgesStyles } from './nudges.styles.js';

/**
 * @tagname finlet-nudges
 * @summary Proactive offers the bank raised for this user from the partner's business signals
 * ("the service finds the customer"), each explained, with "apply" opening a pre-filled application.
 * A nudge asking the user to take the risk assessment first opens `<finlet-suitability>` instead.
 *
 * @fires finlet-ready - Nudges loaded; `detail.count` is how many are shown.
 * @fires finlet-nudge-action - The user accepted or dismissed a nudge. Cancelable: on accept,
 * `preventDefault()` stops the element from opening `<finlet-apply>` (or `<finlet-suitability>`) in place.
 * @fires finlet-application-submit - From the `<finlet-apply>` opened in place.
 * @fires finlet-error - A call failed; `detail.code` is the gateway's problem code.
 * @fires finlet-session-expired - The session ended and cannot be refreshed.
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - The title row.
 * @csspart list - The list of nudges.
 * @csspart nudge - One nudge.
 * @csspart accept - The button that opens the application (or the risk assessment).
 * @csspart dismiss - The "not interested" button.
 * @csspart footer - Under a risk assessment opened in place: the button back to the list.
 * @csspart empty - The message shown when there is nothing.
 * @csspart error - An error message.
 * @csspart loading - The loading placeholder.
 *
 * @cssproperty --finlet-color-primary - Brand colour: buttons, links, highlights.
 * @cssproperty --finlet-color-on-primary - Text on the brand colour.
 * @cssproperty --finlet-color-text - Body text.
 * @cssproperty --finlet-color-muted - Secondary text.
 * @cssproperty --finlet-color-surface - Card background.
 * @cssproperty --finlet-color-background - Background behind cards.
 * @cssproperty --finlet-color-border - Borders.
 * @cssproperty --finlet-color-danger - Errors.
 * @cssproperty --finlet-color-success - Success marks.
 * @cssproperty --finlet-color-focus - Keyboard focus ring.
 * @cssproperty --finlet-radius - Corner radius.
 * @cssproperty --finlet-font-family - Font stack.
 * @cssproperty --finlet-font-size - Base text size.
 * @cssproperty --finlet-spacing - Base spacing unit.
 */
export class FinletNudges extends FinletElement<NudgesMessages> {
  /** @internal */
  static override messages = [commonMessages, nudgesMessages];
  static override styles = [baseStyles, nudgesStyles];

  /** `banner`: the newest nudge only, for the top of a page; `inbox`: all of them. */
  @property() variant: 'banner' | 'inbox' = 'inbox';
  /** In `banner`, render nothing at all when there is no nudge (instead of the empty message). */
  @property({ type: Boolean, attribute: 'hide-empty' }) hideEmpty = false;

  @state() private nudges: Nudge[] | undefined;
  @state() private error: ShownError | undefined;
  @state() private busy: string | undefined;
  /**
   * The accepted nudge's next step, opened in place once its code has loaded: `<finlet-apply>`
   * pre-filled, or `<finlet-suitability>` when the gateway says the assessment comes first.
   */
  @state() private opened: (() => TemplateResult) | undefined;
  /** The opened step is the risk assessment. */
  @state() private assessing = false;
  private loadedFor: string | undefined;

  /** Loads the nudges again (e.g. after the partner's server sent signals). */
  async refresh(): Promise<void> {
    const client = this.client;
    if (!client || !this.credentialed) return;
    this.error = undefined;
    try {
      const nudges = await client.nudges.list();
      this.nudges = nudges.filter((n) => n.status === 'active');
      await this.updateComplete;
      this.emit('finlet-ready', { element: 'nudges', count: this.shown.length });
    } catch (error) {
      this.error = this.fail(error);
    }
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed as never);
    const key = `${this.config.gateway}|${this.credentialed}`;
    if (this.client && this.credentialed && this.loadedFor !== key) {
      this.loadedFor = key;
      void this.refresh();
    }
  }

  private get shown(): Nudge[] {
    const all = this.nudges ?? [];
    return this.variant === 'banner' || this.elder ? all.slice(0, 1) : all;
  }

  protected override render() {
    const problem = this.renderConfigProblem();
    const locale = this.config.locale;
    if (this.variant === 'banner' && this.hideEmpty && this.nudges?.length === 0 && !this.opened) {
      return nothing;
    }
    return html`<section part="base" class="base ${this.variant} ${this.elder ? 'elder' : ''}" aria-labelledby="title" lang=${locale}>
      <header part="header"><h2 id="title" tabindex="-1">${this.t('nudges.title')}</h2></header>
      ${problem !== nothing ? problem : this.renderBody(locale)}
    </section>`;
  }

  private renderBody(locale: Locale): TemplateResult {
    if (this.opened) {
      if (!this.assessing) return this.opened();
      // The questionnaire has no way out of its own: this one leads back, and takes the focus once it is done.
      return html`<div @finlet-assessment-complete=${this.onAssessed}>${this.opened()}</div>
        <div class="actions" part="footer">
          <button type="button" data-action="back" @click=${this.closeAssessment}>${this.t('nudges.back')}</button>
        </div>`;
    }
    if (this.error) return this.renderError(this.error, () => void this.refresh());
    if (!this.nudges) return this.renderLoading();
    if (this.nudges.length === 0) {
      return html`<div class="message" part="empty" role="status">${this.t('nudges.empty')}</div>`;
    }
    return html`<ul part="list" aria-live="polite">
      ${this.shown.map((nudge) => this.renderNudge(nudge, locale))}
    </ul>`;
  }

  private renderNudge(nudge: Nudge, locale: Locale): TemplateResult {
    const busy = this.busy === nudge.id;
    const id = `nudge-${nudge.id}`;
    return html`<li class="nudge" part="nudge" aria-labelledby=${id} data-nudge=${nudge.id}>
      <h3 id=${id}>${nudge.offer.name[locale]}</h3>
      <p>${nudge.explanation[locale]}</p>
      <p class="meta">
        ${nudge.amount ? html`<span class="amount">${this.t('nudges.amount', formatMoney(nudge.amount, locale))}</span>` : nothing}
        <span>${this.t('nudges.expires', formatDate(nudge.expiresAt, locale))}</span>
      </p>
      <div class="actions">
        <button type="button" part="dismiss" ?disabled=${busy} @click=${() => void this.act(nudge, 'dismiss')}>
          ${this.t('nudges.dismiss')}<span class="visually-hidden">: ${nudge.offer.name[locale]}</span>
        </button>
        <button type="button" class="primary" part="accept" ?disabled=${busy} @click=${() => void this.act(nudge, 'accept')}>
          ${nudge.suitability ? this.t('nudges.assess') : this.t('nudges.view')}<span class="visually-hidden">: ${nudge.offer.name[locale]}</span>
        </button>
      </div>
    </li>`;
  }

  /**
   * The user completed the questionnaire opened from a nudge: its result (the level) stays in view,
   * and the keyboard focus, which was on the vanished submit button, moves to the way back.
   */
  private readonly onAssessed = (): void => {
    this.renderRoot.querySelector<HTMLElement>('[data-action=back]')?.focus();
  };

  /**
   * Back from the questionnaire (completed or not) to the list, loaded again since a new level can
   * change it; the focus goes to the list's heading, whatever is left in it.
   */
  private readonly closeAssessment = async (): Promise<void> => {
    this.opened = undefined;
    this.assessing = false;
    await this.refresh();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#title')?.focus();
  };

  private async act(nudge: Nudge, action: 'accept' | 'dismiss'): Promise<void> {
    const client = this.client;
    if (!client || this.busy) return;
    this.busy = nudge.id;
    try {
      if (action === 'dismiss') {
        await client.nudges.dismiss(nudge.id);
        this.nudges = this.nudges?.filter((n) => n.id !== nudge.id);
        this.emit('finlet-nudge-action', { nudgeId: nudge.id, offerId: nudge.offer.id, action });
      } else {
        const accepted = await client.nudges.accept(nudge.id);
        const proceed = this.emit(
          'finlet-nudge-action',
          { nudgeId: nudge.id, offerId: nudge.offer.id, action },
          { cancelable: true },
        );
        this.nudges = this.nudges?.filter((n) => n.id !== nudge.id);
        if (proceed) {
          // No application before the assessment: the gateway says which step comes next.
          if (accepted.next === 'apply') {
            const open = await loadApply();
            this.opened = () => open(this.config, accepted.apply);
          } else {
            const open = await loadAssessment();
            this.assessing = true;
            this.opened = () => open(this.config);
          }
        }
      }
    } catch (error) {
      this.error = this.fail(error);
    } finally {
      this.busy = undefined;
    }
  }
}
