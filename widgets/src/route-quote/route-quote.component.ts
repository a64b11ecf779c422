import type { Locale, RouteOption, RouteQuote, RouteQuoteRequestInput } from '@finlet/contracts';
import { html, nothing, svg, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { commonMessages } from '../internal/common.messages.js';
import { FinletElement, type ShownError } from '../internal/finlet-element.js';
import { formatDateTime, formatDuration, formatMoney, formatTime, parseAmount } from '../internal/format.js';
import { baseStyles } from '../internal/styles.js';
import { type RouteQuoteMessages, routeQuoteMessages } from './route-quote.messages.js';
import { routeQuoteStyles } from './route-quote.styles.js';

type Direction = 'send' | 'receive';
type Urgency = 'balanced' | 'cheapest' | 'fastest';
type Party = 'consumer' | 'business';

/**
 * @tagname finlet-route-quote
 * @summary Cross-border payment options computed from the bank's own rails and FX rates: what the
 * recipient gets, every fee and exchange-rate margin, and when the money arrives, with the
 * cheapest, the fastest and a recommendation marked and each option explained leg by leg.
 *
 * @fires finlet-ready - Options loaded; `detail.count` is how many are shown.
 * @fires finlet-route-select - The user chose an option; `detail` has the quote id, its expiry and the option.
 * @fires finlet-error - A call failed; `detail.code` is the gateway's problem code.
 * @fires finlet-session-expired - The session ended and cannot be refreshed.
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - The title row.
 * @csspart form - The amount form.
 * @csspart chart - The cost-against-time chart.
 * @csspart options - The list of options.
 * @csspart option - One option.
 * @csspart legs - An option's leg-by-leg details.
 * @csspart select - The button choosing an option.
 * @csspart more - The button showing the other options in elder mode.
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
export class FinletRouteQuote extends FinletElement<RouteQuoteMessages> {
  /** @internal */
  static override messages = [commonMessages, routeQuoteMessages];
  static override styles = [baseStyles, routeQuoteStyles];

  /** Sender's currency (ISO 4217), e.g. `CNY`. */
  @property({ attribute: 'from-currency' }) fromCurrency = 'CNY';
  /** Recipient's currency, e.g. `VND`. */
  @property({ attribute: 'to-currency' }) toCurrency = 'USD';
  /** Sender's country (ISO 3166-1 alpha-2), default `CN`. */
  @property({ attribute: 'from-country' }) fromCountry = 'CN';
  /** Recipient's country, e.g. `VN`. */
  @property({ attribute: 'to-country' }) toCountry = 'US';
  /** Amount in major units; quoted at once when set. In the sender's currency for `send`, the recipient's for `receive`. */
  @property() amount?: string;
  /** `send`: I pay exactly the amount; `receive`: the recipient must get exactly the amount. */
  @property() direction: Direction = 'send';
  /** `consumer` or `business`. */
  @property({ attribute: 'payer-type' }) payerType: Party = 'consumer';
  /** `consumer` or `business`. */
  @property({ attribute: 'payee-type' }) payeeType: Party = 'consumer';
  /** Why the money moves, e.g. `tuition`, `travel`, `goods`, `services`, `family`, `other`. */
  @property() purpose = 'other';
  /** What matters most: `balanced`, `cheapest` or `fastest`; decides the recommendation. */
  @property() urgency: Urgency = 'balanced';

  @state() private input = '';
  @state() private inputError = '';
  @state() private quote: RouteQuote | undefined;
  @state() private loading = false;
  @state() private error: ShownError | undefined;
  @state() private expired = false;
  @state() private expanded = false;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  private quotedFor: string | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.expiryTimer);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed as never);
    if (changed.has('amount') && this.amount !== undefined) this.input = this.amount;
    const key = [
      this.amount,
      this.direction,
      this.fromCurrency,
      this.toCurrency,
      this.fromCountry,
      this.toCountry,
      this.payerType,
      this.payeeType,
      this.purpose,
      this.urgency,
      this.config.gateway,
      this.credentialed,
    ].join('|');
    if (this.amount && this.client && this.credentialed && this.quotedFor !== key) {
      this.quotedFor = key;
      void this.fetchQuote();
    }
  }

  private get amountCurrency(): string {
    return this.direction === 'send' ? this.fromCurrency : this.toCurrency;
  }

  /** Quotes again with the current input (e.g. after the quote expired). */
  async fetchQuote(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const amount = parseAmount(this.input, this.amountCurrency);
    if (!amount || amount.value === 0) {
      this.inputError = this.t('route.invalidAmount');
      return;
    }
    this.inputError = '';
    this.loading = true;
    this.error = undefined;
    const request: RouteQuoteRequestInput = {
      amount,
      direction: this.direction,
      fromCountry: this.fromCountry,
      toCountry: this.toCountry,
      fromCurrency: this.fromCurrency as RouteQuoteRequestInput['fromCurrency'],
      toCurrency: this.toCurrency as RouteQuoteRequestInput['toCurrency'],
      payerType: this.payerType,
      payeeType: this.payeeType,
      purpose: this.purpose as RouteQuoteRequestInput['purpose'],
      urgency: this.urgency,
      locale: this.config.locale,
    };
    try {
      const quote = await client.routes.quote(request);
      this.quote = quote;
      this.expired = false;
      this.expanded = false;
      this.watchExpiry(quote);
      await this.updateComplete;
      this.emit('finlet-ready', { element: 'route-quote', count: quote.options.length });
    } catch (error) {
      this.quote = undefined;
      this.error = this.fail(error);
    } finally {
      this.loading = false;
    }
  }

  /** Counted on this machine's clock from now, so a skewed clock does not expire it early or late. */
  private watchExpiry(quote: RouteQuote): void {
    clearTimeout(this.expiryTimer);
    const lifetime = Date.parse(quote.expiresAt) - Date.parse(quote.createdAt);
    this.expiryTimer = setTimeout(
      () => {
        this.expired = true;
      },
      Math.max(0, lifetime),
    );
  }

  protected override render() {
    const problem = this.renderConfigProblem();
    const locale = this.config.locale;
    return html`<section part="base" class="base ${this.elder ? 'elder' : ''}" aria-labelledby="title" lang=${locale}>
      <header part="header"><h2 id="title">${this.t('route.title')}</h2></header>
      ${problem !== nothing ? problem : html`${this.renderForm()}${this.renderResult(locale)}`}
    </section>`;
  }

  private renderForm(): TemplateResult {
    const currency = this.amountCurrency;
    return html`<form part="form" novalidate @submit=${(e: Event) => {
      e.preventDefault();
      void this.fetchQuote();
    }}>
      <fieldset>
        <legend>${this.t('route.direction')}</legend>
        ${(['send', 'receive'] as const).map(
          (
            d,
          ) => html`<label class="choice"><input type="radio" name="direction" value=${d} .checked=${this.direction === d}
            @change=${() => {
              this.direction = d;
            }} />${d === 'send' ? this.t('route.direction.send', this.fromCurrency) : this.t('route.direction.receive', this.toCurrency)}</label>`,
        )}
      </fieldset>
      <label class="field" for="amount">${this.t('route.amount', currency)}
        <input id="amount" type="text" inputmode="decimal" autocomplete="off" .value=${this.input}
          aria-invalid=${this.inputError ? 'true' : 'false'} aria-describedby=${this.inputError ? 'amount-error' : nothing}
          @input=${(e: Event) => {
            this.input = (e.target as HTMLInputElement).value;
          }} />
        ${this.inputError ? html`<span class="field-error" id="amount-error">${this.inputError}</span>` : nothing}
      </label>
      <label class="field" for="urgency">${this.t('route.urgency')}
        <select id="urgency" @change=${(e: Event) => {
          this.urgency = (e.target as HTMLSelectElement).value as Urgency;
        }}>
          ${(['balanced', 'cheapest', 'fastest'] as const).map(
            (u) =>
              html`<option value=${u} ?selected=${this.urgency === u}>${this.t(`route.urgency.${u}`)}</option>`,
          )}
        </select>
      </label>
      <div class="actions"><button type="submit" class="primary" ?disabled=${this.loading}>${this.t('route.submit')}</button></div>
    </form>`;
  }

  private renderResult(locale: Locale): TemplateResult | typeof nothing {
    if (this.loading) return this.renderLoading();
    if (this.error) return this.renderError(this.error, () => void this.fetchQuote());
    const quote = this.quote;
    if (!quote) return nothing;
    const ordered = [...quote.options].sort((a, b) => Number(b.recommended) - Number(a.recommended));
    const shown = this.elder && !this.expanded ? ordered.slice(0, 1) : ordered;
    const hidden = ordered.length - shown.length;
    return html`
      <p class="visually-hidden" role="status">${this.t('route.found', quote.options.length)}</p>
      ${this.elder ? nothing : this.renderChart(ordered, quote, locale)}
      <ul class="options" part="options">
        ${shown.map((option, i) => this.renderOption(option, ordered.indexOf(option), quote, locale, i === 0))}
      </ul>
      ${
        this.elder && ordered.length > 1
          ? html`<button type="button" part="more" aria-expanded=${this.expanded ? 'true' : 'false'} @click=${() => {
              this.expanded = !this.expanded;
            }}>${hidden > 0 ? this.t('common.more', hidden) : this.t('common.less')}</button>`
          : nothing
      }
      ${
        this.expired
          ? html`<div class="message error" role="alert">${this.t('route.expired')}
              <button type="button" @click=${() => void this.fetchQuote()}>${this.t('route.requote')}</button></div>`
          : html`<p class="validity">${this.t('route.validUntil', formatTime(quote.expiresAt, locale))}</p>`
      }
    `;
  }

  private renderChart(options: RouteOption[], quote: RouteQuote, locale: Locale): TemplateResult {
    const start = Date.parse(quote.createdAt);
    const hours = options.map((o) => Math.max(0, (Date.parse(o.arrivesAt) - start) / 3_600_000));
    const costs = options.map((o) => o.totalCost.value);
    const maxH = Math.max(...hours, 1);
    const maxC = Math.max(...costs, 1);
    const [w, h, pad] = [320, 160, 28];
    const x = (v: number) => pad + (v / maxH) * (w - pad * 2);
    const y = (v: number) => h - pad - (v / maxC) * (h - pad * 2);
    return html`<figure part="chart">
      <svg viewBox="0 0 ${w} ${h}" role="img" aria-labelledby="chart-caption">
        ${svg`<line class="axis" x1=${pad} y1=${h - pad} x2=${w - pad / 2} y2=${h - pad}></line>
          <line class="axis" x1=${pad} y1=${pad / 2} x2=${pad} y2=${h - pad}></line>
          <text class="axis-label" x=${w - pad / 2} y=${h - 8} text-anchor="end">${this.t('route.chartAxisTime')} →</text>
          <text class="axis-label" x=${pad + 4} y=${pad / 2 + 4}>↑ ${this.t('route.chartAxisCost')}</text>`}
        ${options.map(
          (
            o,
            i,
          ) => svg`<circle class="point ${o.recommended ? 'recommended' : ''}" cx=${x(hours[i]!)} cy=${y(costs[i]!)} r="7"></circle>
            <text class="point-label" x=${x(hours[i]!) + 10} y=${y(costs[i]!) + 4}>${letter(i)}</text>`,
        )}
      </svg>
      <figcaption id="chart-caption">${this.t('route.chart')}: ${options
        .map(
          (o, i) =>
            `${letter(i)} ${formatMoney(o.totalCost, locale)}, ${this.t('route.in', formatDuration(Date.parse(o.arrivesAt) - start, locale))}`,
        )
        .join('; ')}</figcaption>
    </figure>`;
  }

  private renderOption(
    option: RouteOption,
    index: number,
    quote: RouteQuote,
    locale: Locale,
    first: boolean,
  ): TemplateResult {
    const id = `option-${index}`;
    const path = option.legs.map((l) => l.networkName).join(' → ');
    const start = Date.parse(quote.createdAt);
    return html`<li class="option ${option.recommended ? 'recommended' : ''}" part="option" aria-labelledby=${id} data-option=${option.id}>
      <h3 id=${id}>
        <span aria-hidden="true">${letter(index)}.</span> ${path}
        ${option.recommended ? html`<span class="badge recommended">${this.t('route.recommended')}</span>` : nothing}
        ${option.cheapest ? html`<span class="badge">${this.t('route.cheapest')}</span>` : nothing}
        ${option.fastest ? html`<span class="badge">${this.t('route.fastest')}</span>` : nothing}
      </h3>
      <dl class="facts">
        <div><dt>${this.t('route.recipientGets')}</dt><dd>${formatMoney(option.recipientGets, locale)}</dd></div>
        <div><dt>${this.t('route.senderPays')}</dt><dd>${formatMoney(option.senderPays, locale)}</dd></div>
        <div>
          <dt>${this.t('route.totalCost')}</dt>
          <dd>${formatMoney(option.totalCost, locale)}
            <span class="sub">${this.t('route.costBreakdown', formatMoney(option.costBreakdown.fees, locale), formatMoney(option.costBreakdown.spread, locale))}</span></dd>
        </div>
        <div>
          <dt>${this.t('route.arrives')}</dt>
          <dd>${formatDateTime(option.arrivesAt, locale)}
            <span class="sub">${this.t('route.in', formatDuration(Date.parse(option.arrivesAt) - start, locale))} · ${this.t('route.arrivesWorst', formatDateTime(option.arrivesAtWorst, locale))}</span></dd>
        </div>
      </dl>
      <details part="legs" ?open=${this.elder && first}>
        <summary>${this.t('route.details')}</summary>
        <ol class="legs">
          ${option.legs.map(
            (leg) => html`<li>
              <strong>${leg.name[locale]}</strong> (${leg.from.country} ${leg.from.currency} → ${leg.to.country} ${leg.to.currency})<br />
              ${formatMoney(leg.sent, locale)} → ${formatMoney(leg.received, locale)} ·
              ${this.t('route.legFee', formatMoney(leg.fee, locale))}
              ${leg.from.currency !== leg.to.currency ? html` · ${this.t('route.legRate', leg.appliedRate, leg.midRate)}` : nothing}
              · ${this.t('route.legArrives', formatDateTime(leg.arrivesAt, locale))}
            </li>`,
          )}
        </ol>
        <ul class="explanation">
          ${option.explanation.map((part) => html`<li>${part.text[locale]}</li>`)}
        </ul>
      </details>
      <div class="actions">
        <button type="button" class="primary" part="select" ?disabled=${this.expired}
          @click=${() => this.emit('finlet-route-select', { quoteId: quote.id, expiresAt: quote.expiresAt, option })}>
          ${this.t('route.select')}<span class="visually-hidden">: ${letter(index)} ${path}</span>
        </button>
      </div>
    </li>`;
  }
}

function letter(i: number): string {
  return String.fromCharCode(65 + i);
}
