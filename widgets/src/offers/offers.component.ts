import type {
  CheckResult,
  Locale,
  OfferMatch,
  OfferMatchResult,
  ProductType,
  SignalValue,
} from '@finlet/contracts';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { commonMessages } from '../internal/common.messages.js';
import { afterPaint } from '../internal/define.js';
import { DisclosureRecorder } from '../internal/disclosures.js';
import { FinletElement, type ShownError } from '../internal/finlet-element.js';
import { formatBps, formatFee, formatMoney, formatNumber, parseAmount } from '../internal/format.js';
import { repaymentExample } from '../internal/repayment.js';
import { baseStyles } from '../internal/styles.js';
import { loadAssessment } from '../suitability/load.js';
import type { openAssessment } from '../suitability/open.js';
import { type OffersMessages, offersMessages } from './offers.messages.js';
import { offersStyles } from './offers.styles.js';

/**
 * @tagname finlet-offers
 * @summary Financing offers matched to the session's trusted signals, each with its price, a worked
 * repayment example, the required disclosures and "why this offer". Matches again when the user
 * finishes the risk assessment (`finlet-assessment-complete`), since rated products follow the level.
 *
 * @fires finlet-ready - Offers loaded; `detail.count` is how many are shown.
 * @fires finlet-offer-select - The user chose an offer; `detail` has the offer id, version and match.
 * @fires finlet-error - A call failed; `detail.code` is the gateway's problem code.
 * @fires finlet-session-expired - The session ended and cannot be refreshed.
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - The title row.
 * @csspart list - The list of offers.
 * @csspart offer - One offer card.
 * @csspart disclosures - The offer's required disclosures, past returns with their warning included (restyle them; they cannot be removed).
 * @csspart why - The "why this offer" explanation.
 * @csspart select - The button choosing an offer.
 * @csspart withheld - Why a product is withheld for the user's risk level, with the "I understand…" step where the bank allows it.
 * @csspart acknowledge - The button recording the user's "I understand…" acknowledgement.
 * @csspart assess - Why rated products wait for the risk assessment, with the button opening `<finlet-suitability>` in place.
 * @csspart more - The button showing the other offers in elder mode.
 * @csspart empty - The message shown when no offer fits.
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
export class FinletOffers extends FinletElement<OffersMessages> {
  /** @internal */
  static override messages = [commonMessages, offersMessages];
  static override styles = [baseStyles, offersStyles];

  /** Display hint only: the session's scenario decides what is matched. */
  @property() scenario?: string;
  /** The amount the user has in mind, in major units (`8000`); used for limits, ranking and the example. */
  @property() amount?: string;
  /** Currency of `amount` (ISO 4217), default `CNY`. */
  @property() currency = 'CNY';
  /** Term in months for the worked example and term checks. */
  @property({ attribute: 'term-months', type: Number }) termMonths?: number;
  /** Most offers to show (1–50), default 5. */
  @property({ type: Number }) limit = 5;
  /**
   * Kinds of product to show, space-separated (`installment consumer_loan`, `wealth_management fund`),
   * so a checkout shows credit and a member area investments. Unset: every kind the session may see.
   */
  @property({ attribute: 'product-types' }) productTypes?: string;

  @state() private expanded = false;
  /** Offer ids whose "I understand…" box the user ticked; the one being recorded; its failure. */
  @state() private agreed = new Set<string>();
  @state() private acking: string | undefined;
  @state() private ackError: string | undefined;
  /** The user opened the risk assessment from the list: `<finlet-suitability>` shows above it. */
  @state() private assessing: typeof openAssessment | undefined;
  private error: ShownError | undefined;

  private readonly disclosures = new DisclosureRecorder();
  private readonly offers = new Task(this, {
    task: async ([client, credentialed, amount, currency, termMonths, limit, types]) => {
      this.error = undefined;
      if (!client || !credentialed) return undefined;
      const money = amount ? parseAmount(amount, currency) : undefined;
      try {
        const matched = client.offers.match({
          // Ineligible ones come too: a product above the level the bank's policy lets the user choose is shown withheld.
          includeIneligible: true,
          ...(money ? { amount: money } : {}),
          ...(termMonths ? { termMonths } : {}),
          ...(types?.trim() ? { productTypes: types.trim().split(/\s+/) as ProductType[] } : {}),
          limit: Math.min(Math.max(Math.trunc(limit) || 5, 1), 50),
        });
        const result = await matched;
        this.expanded = false;
        this.updateComplete.then(() =>
          this.emit('finlet-ready', { element: 'offers', count: shownOf(result).length }),
        );
        return result;
      } catch (error) {
        this.error = this.fail(error);
        throw error;
      }
    },
    args: () =>
      [
        this.client,
        this.credentialed,
        this.amount,
        this.currency,
        this.termMonths,
        this.limit,
        this.productTypes,
      ] as const,
  });

  /** Loads the offers again (e.g. after the partner's page changed the session). */
  refresh(): void {
    this.offers.run();
  }

  /**
   * The user's level changed (a `<finlet-suitability>` on the page, or the one opened here): the
   * matches change with it, and focus comes back to the first product the level now allows.
   */
  private readonly onAssessed = async (): Promise<void> => {
    await this.offers.run();
    await this.updateComplete;
    if (this.assessing) this.renderRoot.querySelector<HTMLElement>('[part=select]')?.focus();
  };

  /**
   * A placeholder the page's server rendered into the tag (a declarative shadow root, see
   * `finletPlaceholder`) gives way to the first render, in the same task: no frame goes blank.
   */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    this.shadowRoot?.replaceChildren();
    return super.createRenderRoot();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('finlet-assessment-complete', this.onAssessed);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('finlet-assessment-complete', this.onAssessed);
  }

  protected override sessionChanged(status: 'active' | 'expired'): void {
    if (status === 'active' && this.offers.status === TaskStatus.ERROR) this.offers.run();
  }

  protected override render() {
    const locale = this.config.locale;
    const problem = this.renderConfigProblem();
    return html`<section part="base" class="base ${this.elder ? 'elder' : ''}" aria-labelledby="title" lang=${locale}>
      <header part="header"><h2 id="title">${this.t('offers.title')}</h2></header>
      ${this.assessing?.(this.config)}
      ${
        problem !== nothing
          ? problem
          : this.offers.render({
              initial: () => this.renderLoading(),
              pending: () => this.renderLoading(),
              error: () => this.renderError(this.error ?? this.unknownError(), () => this.offers.run()),
              complete: (result) => (result ? this.renderResult(result, locale) : this.renderLoading()),
            })
      }
    </section>`;
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed as never);
    const result = this.offers.value;
    if (this.offers.status !== TaskStatus.COMPLETE || !result) return;
    const listed = shownOf(result);
    const shown = this.elder && !this.expanded ? listed.slice(0, 1) : listed;
    // Recorded once the frame showing these offers is painted: the request (and building it)
    // stays off the path between the match's answer and the offers on screen.
    afterPaint(() =>
      this.disclosures
        .record(
          this.client,
          this.config.locale,
          this.claims,
          'offers',
          shown.map((m) => m.offer),
        )
        ?.catch((error: unknown) => this.fail(error)),
    );
  }

  private renderResult(result: OfferMatchResult, locale: Locale): TemplateResult {
    const matches = shownOf(result);
    const prompt = result.suitability;
    // Rated products wait for the assessment: the reason, and the way to take it right here.
    const assess =
      prompt && !this.assessing
        ? html`<div class="withheld" part="assess" role="note"><p>${prompt.message[locale]}</p>
            <button type="button" class="primary" @click=${() =>
              loadAssessment().then(
                (open) => {
                  this.assessing = open;
                },
                (error: unknown) => this.fail(error),
              )}>${this.t('offers.assess')}</button></div>`
        : nothing;
    if (matches.length === 0) {
      return html`${assess}<div class="message" part="empty" role="status">${this.t('offers.empty')}</div>`;
    }
    const shown = this.elder && !this.expanded ? matches.slice(0, 1) : matches;
    const hidden = matches.length - shown.length;
    return html`${assess}
      <p class="visually-hidden" role="status">${this.t('offers.found', matches.length)}</p>
      <ul part="list">
        ${shown.map((match) => this.renderOffer(match, locale))}
      </ul>
      ${
        this.elder && matches.length > 1
          ? html`<button type="button" part="more" aria-expanded=${this.expanded ? 'true' : 'false'}
              @click=${() => {
                this.expanded = !this.expanded;
              }}>${hidden > 0 ? this.t('common.more', hidden) : this.t('common.less')}</button>`
          : nothing
      }
    `;
  }

  private renderOffer(match: OfferMatch, locale: Locale): TemplateResult {
    const { offer } = match;
    const withheld = match.eligible ? undefined : withheldFor(match);
    const text = offer.texts[locale];
    const apr = offer.pricing.apr;
    const headingId = `offer-${offer.id}`;
    // Past returns only ever appear with our own warning, whatever the bank's notice says.
    const past = offer.pastPerformance?.periods.map(
      (p) => `${p.label[locale]}: ${formatBps(p.returnBps, locale)}`,
    );
    const notes = [
      ...(past ? [...past, this.t('offers.past')] : []),
      ...offer.disclosures.map((d) => d[locale]),
    ];
    return html`<li class="offer" part="offer" aria-labelledby=${headingId} data-offer=${offer.id}>
      <h3 id=${headingId}>
        ${text.name}
        ${match.rank === 1 ? html`<span class="badge">${this.t('offers.recommended')}</span>` : nothing}
      </h3>
      <p class="tagline">${text.tagline}</p>
      <dl class="facts">
        ${apr ? fact(this.t('offers.apr'), this.t('offers.aprRange', formatBps(apr.min, locale), formatBps(apr.max, locale))) : nothing}
        ${offer.amount ? fact(this.t('offers.amount'), `${formatMoney(offer.amount.min, locale)} – ${formatMoney(offer.amount.max, locale)}`) : nothing}
        ${offer.termMonths ? fact(this.t('offers.termLabel'), this.t('offers.term', offer.termMonths.min, offer.termMonths.max)) : nothing}
        ${offer.riskLevel ? fact(this.t('offers.risk'), offer.riskLevel) : nothing}
        ${offer.liquidity ? fact(this.t('offers.liq'), this.t(`offers.liq.${offer.liquidity}`) + (offer.minHoldingDays ? this.t('offers.hold', offer.minHoldingDays) : '')) : nothing}
        ${fact(
          this.t('offers.fees'),
          offer.pricing.fees.length === 0
            ? this.t('offers.noFees')
            : offer.pricing.fees.map((f) => formatFee(f, locale)).join(locale === 'zh-CN' ? '；' : '; '),
        )}
      </dl>
      ${this.renderExample(match, locale)}
      ${
        notes.length > 0
          ? html`<div class="disclosures" part="disclosures" role="note" aria-label=${this.t('offers.disclosures')}>
              <strong>${this.t('offers.disclosures')}</strong>
              <ul>${notes.map((d) => html`<li>${d}</li>`)}</ul>
            </div>`
          : nothing
      }
      ${
        match.criteria.some((c) => c.met)
          ? html`<details part="why">
              <summary>${this.t('offers.why')}</summary>
              <ul class="criteria">
                ${match.criteria
                  .filter((c) => c.met)
                  .map(
                    (c) =>
                      html`<li>${c.label[locale]}${c.observed !== null ? this.t('offers.criterionObserved', formatObserved(c.observed, locale)) : ''}</li>`,
                  )}
              </ul>
            </details>`
          : nothing
      }
      ${
        withheld
          ? this.renderWithheld(match, withheld, locale)
          : html`<div class="actions">
              <button type="button" class="primary" part="select" @click=${() => this.select(match)}>
                ${this.t('offers.select')}
                <span class="visually-hidden">: ${text.name}</span>
              </button>
            </div>`
      }
    </li>`;
  }

  /** Above the user's level: the reason in words, then (where the policy allows) a box to tick and a button that records it. */
  private renderWithheld(match: OfferMatch, check: CheckResult, locale: Locale): TemplateResult {
    const id = match.offer.id;
    const words = check.acknowledgement?.[locale] ?? '';
    const agreed = this.agreed.has(id);
    // Not for this user (two levels above, or no assessment yet): the reason alone, nothing to choose.
    if (!words) {
      return html`<div class="withheld" part="withheld" role="note"><p>${check.reason?.[locale]}</p></div>`;
    }
    return html`<div class="withheld" part="withheld" role="note">
      <p>${check.reason?.[locale]}</p>
      <label><input type="checkbox" .checked=${agreed} @change=${(e: Event) => {
        const next = new Set(this.agreed);
        if ((e.target as HTMLInputElement).checked) next.add(id);
        else next.delete(id);
        this.agreed = next;
      }} />${words}</label>
      ${this.ackError ? html`<p role="alert">${this.ackError}</p>` : nothing}
      <div class="actions">
        <button type="button" part="acknowledge" ?disabled=${!agreed || this.acking !== undefined}
          @click=${() => this.acknowledge(match, words, locale)}>${this.t('offers.ack')}</button>
      </div>
    </div>`;
  }

  private async acknowledge(match: OfferMatch, wording: string, locale: Locale): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.acking = match.offer.id;
    this.ackError = undefined;
    try {
      await client.suitability.acknowledge({
        offerId: match.offer.id,
        offerVersion: match.offer.version,
        wording,
        locale,
      });
      // Matched again: with the acknowledgement recorded, the product is eligible and selectable,
      // and stays in view (a new match folds the elder list back to one).
      await this.offers.run();
      this.expanded = true;
    } catch (error) {
      this.ackError = this.fail(error).message;
    } finally {
      this.acking = undefined;
    }
  }

  private renderExample(match: OfferMatch, locale: Locale): TemplateResult | typeof nothing {
    const { offer } = match;
    const amount = this.amount ? parseAmount(this.amount, this.currency) : undefined;
    const limits = offer.amount;
    // A product without an amount range (an account, a card) has no limits and no repayment example.
    if (!amount || !limits || amount.currency !== offer.currency) return nothing;
    const range = `${formatMoney(limits.min, locale)} – ${formatMoney(limits.max, locale)}`;
    if (amount.value < limits.min.value || amount.value > limits.max.value) {
      return html`<p class="example">${this.t('offers.outOfRange', range)}</p>`;
    }
    const terms = offer.termMonths;
    if (!terms || !offer.pricing.apr) return nothing;
    const wanted = this.termMonths ?? 12;
    const months = Math.min(Math.max(wanted, terms.min), terms.max);
    const example = repaymentExample(amount, months, offer.pricing.apr.min, offer.pricing.fees);
    return html`<div class="example" part="example">
      <p>${this.t('offers.example', formatMoney(amount, locale), months)}</p>
      <p><strong>${this.t('offers.exampleMonthly', formatMoney(example.monthly, locale))}</strong></p>
      <p>${this.t('offers.exampleTotal', formatMoney(example.total, locale), formatMoney(example.cost, locale))}</p>
      <p class="note">${this.t('offers.exampleNote')}</p>
    </div>`;
  }

  private select(match: OfferMatch): void {
    this.emit('finlet-offer-select', { offerId: match.offer.id, offerVersion: match.offer.version, match });
  }
}

/**
 * The risk check of a product withheld only for the user's risk level (above it, or no valid
 * assessment yet): every criterion and other check is met. Shown with the reason in words; the
 * "I understand…" step only where the bank's policy lets the user choose it (`overridable`).
 */
function withheldFor(match: OfferMatch): CheckResult | undefined {
  const risk = match.checks.find((c) => c.check === 'risk_level');
  return risk &&
    !risk.met &&
    match.criteria.every((c) => c.met) &&
    match.checks.every((c) => c === risk || c.met)
    ? risk
    : undefined;
}

/**
 * What the list shows: eligible offers first, then those withheld for the user's risk level, the
 * ones the user may still choose first (a refusal is said in words, not by leaving the product out).
 */
const shownOf = (result: OfferMatchResult) => {
  const rank = (m: OfferMatch) =>
    m.eligible ? 0 : withheldFor(m) ? (withheldFor(m)?.overridable ? 1 : 2) : 3;
  return result.matches.filter((m) => rank(m) < 3).sort((a, b) => rank(a) - rank(b));
};

/** One row of an offer's facts (APR, amount, term, risk, liquidity, fees). */
const fact = (label: string, value: string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;

function formatObserved(value: SignalValue, locale: Locale): string {
  return typeof value === 'number' ? formatNumber(value, locale) : String(value);
}
