import { isFinletApiError } from '@finlet/client/light';
import type {
  CurrencyCode,
  HealthCheckCitation,
  HealthCheckFinding,
  HealthCheckHolding,
  HealthCheckReport,
  HealthCheckSuggestion,
  Holding,
  InvestorRiskLevel,
  ProductRiskLevel,
} from '@finlet/contracts';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { commonMessages } from '../internal/common.messages.js';
import { FinletElement, type ShownError } from '../internal/finlet-element.js';
import { formatBps, formatDate, formatMoney, parseAmount } from '../internal/format.js';
import { baseStyles } from '../internal/styles.js';
import { type HealthCheckMessages, healthCheckMessages } from './health-check.messages.js';
import { healthCheckStyles } from './health-check.styles.js';

/** One holding as the user types it. */
interface Row {
  key: number;
  name: string;
  amount: string;
  risk: ProductRiskLevel | '';
  fee: string;
}

type RowErrors = Partial<Record<'name' | 'amount' | 'fee', true>>;

// Written out rather than imported: the contracts' runtime values would bring zod into the bundle.
const PRODUCT_RISK_LEVELS: readonly ProductRiskLevel[] = ['R1', 'R2', 'R3', 'R4', 'R5'];
const riskRank = (level: ProductRiskLevel | InvestorRiskLevel) => Number(level.slice(1));
const SEVERITY_ORDER = { high: 0, warning: 1, info: 2 } as const;

/**
 * Products a suggestion names, kept only when they are within the investor's level: the gateway
 * already limits them, and the view never shows a product above the level even if a report did.
 */
export function suitableOffers(
  suggestion: HealthCheckSuggestion,
  level: InvestorRiskLevel | null,
): HealthCheckSuggestion['offers'] {
  if (level === null) return [];
  return suggestion.offers.filter((o) => riskRank(o.riskLevel) <= riskRank(level));
}

/**
 * @tagname finlet-health-check
 * @summary A portfolio health check (基金健诊): the user's holdings, from the partner's trusted
 * `portfolio.holdings` signal or entered here, checked for concentration, risk above the assessed
 * level, fee drag and overlap. Each finding is explained in words with what it rests on; the
 * suggested products are never above the user's level.
 *
 * @fires finlet-ready - The report (or the holdings form, when there is nothing to check) is shown.
 * @fires finlet-error - A call failed; `detail.code` is the gateway's problem code.
 * @fires finlet-session-expired - The session ended and cannot be refreshed.
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - The title row.
 * @csspart summary - The one-sentence summary, the total and the user's level.
 * @csspart holdings - The holdings table.
 * @csspart finding - One finding with its explanation and basis.
 * @csspart suggestion - One suggestion with the products it names.
 * @csspart form - The holdings form.
 * @csspart footer - The form's buttons.
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
 * @cssproperty --finlet-color-danger - Errors and important findings.
 * @cssproperty --finlet-color-success - Success marks.
 * @cssproperty --finlet-color-focus - Keyboard focus ring.
 * @cssproperty --finlet-radius - Corner radius.
 * @cssproperty --finlet-font-family - Font stack.
 * @cssproperty --finlet-font-size - Base text size.
 * @cssproperty --finlet-spacing - Base spacing unit.
 */
export class FinletHealthCheck extends FinletElement<HealthCheckMessages> {
  /** @internal */
  static override messages = [commonMessages, healthCheckMessages];
  static override styles = [baseStyles, healthCheckStyles];

  /**
   * A report to show as it is, without calling the gateway (the advice chat's `health_check`
   * answer). Unset: the element checks the session user's holdings itself.
   */
  @property({ attribute: false }) report?: HealthCheckReport;

  @state() private fetched: HealthCheckReport | undefined;
  /** The form is open: nothing to check yet, or the user adds holdings. */
  @state() private entering = false;
  @state() private rows: Row[] = [];
  @state() private rowErrors: RowErrors[] = [];
  @state() private error: ShownError | undefined;
  @state() private checking = false;
  @state() private loaded = false;
  private loadedFor: string | undefined;
  private nextKey = 1;

  /** Checks the holdings again: the partner's, with those entered in the form. */
  async refresh(holdings?: Holding[]): Promise<void> {
    const client = this.client;
    if (!client || !this.credentialed) return;
    this.error = undefined;
    this.checking = true;
    try {
      const report = await client.portfolio.healthCheck({
        ...(holdings ? { holdings } : {}),
        locale: this.config.locale,
      });
      this.fetched = report;
      this.entering = false;
      this.loaded = true;
      await this.updateComplete;
      this.emit('finlet-ready', { element: 'health-check', count: report.findings.length });
      this.renderRoot.querySelector<HTMLElement>('[part~="summary"]')?.focus();
    } catch (error) {
      if (!holdings && isFinletApiError(error) && error.code === 'holdings_required') {
        this.loaded = true;
        this.openForm();
        await this.updateComplete;
        this.emit('finlet-ready', { element: 'health-check', count: 0 });
      } else {
        this.loaded = true;
        this.error = this.fail(error);
      }
    } finally {
      this.checking = false;
    }
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed as never);
    if (this.report) return;
    const key = `${this.config.gateway}|${this.credentialed}`;
    if (this.client && this.credentialed && this.loadedFor !== key) {
      this.loadedFor = key;
      void this.refresh();
    }
  }

  protected override render() {
    const problem = this.report ? nothing : this.renderConfigProblem();
    return html`<section part="base" class="base ${this.elder ? 'elder' : ''}" aria-labelledby="title" lang=${this.config.locale}>
      <header part="header"><h2 id="title">${this.t('health.title')}</h2></header>
      ${problem !== nothing ? problem : this.renderBody()}
    </section>`;
  }

  private renderBody(): TemplateResult {
    const report = this.report ?? this.fetched;
    if (!report && !this.entering) {
      return this.error
        ? this.renderError(this.error, () => void this.refresh())
        : this.loaded
          ? html``
          : this.renderLoading();
    }
    return html`${report ? this.renderReport(report) : html`<p>${this.t('health.intro')}</p>`}
      ${this.entering ? this.renderForm(report?.currency ?? 'CNY') : nothing}
      ${this.error && (report || this.entering) ? this.renderError(this.error) : nothing}
      ${
        report && !this.entering && !this.report
          ? html`<div class="actions" part="footer"><span></span>
              <button type="button" data-action="add" @click=${() => this.openForm()}>${this.t('health.addMore')}</button></div>`
          : nothing
      }`;
  }

  private renderReport(report: HealthCheckReport): TemplateResult {
    const locale = this.config.locale;
    const findings = [...report.findings].sort(
      (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
    );
    const holdings = html`<table part="holdings">
      <thead><tr>
        <th scope="col">${this.t('health.holding.name')}</th>
        <th scope="col">${this.t('health.holding.share')}</th>
        <th scope="col">${this.t('health.holding.risk')}</th>
        <th scope="col">${this.t('health.holding.source')}</th>
      </tr></thead>
      <tbody>${report.holdings.map(
        (h) => html`<tr data-holding=${h.id}>
          <th scope="row">${h.name}<br /><span class="muted">${formatMoney(h.marketValue, locale)}</span></th>
          <td>${formatBps(h.shareBps, locale)}</td>
          <td>${h.riskLevel ?? '—'}</td>
          <td>${this.sourceText(h)}</td>
        </tr>`,
      )}</tbody>
    </table>`;
    return html`<div part="summary" class="summary" tabindex="-1" role="status">
        <p class="lead">${report.summary}</p>
        <p>${this.t('health.total', formatMoney(report.total, locale))}</p>
        <p data-level=${report.investorLevel ?? 'none'}>${this.t('health.level', report.investorLevel)}</p>
      </div>
      <h3>${this.t('health.findings')}</h3>
      ${
        findings.length === 0
          ? html`<p>${this.t('health.noFindings')}</p>`
          : html`<ol class="findings">${findings.map((f) => this.renderFinding(f, report))}</ol>`
      }
      ${
        report.suggestions.length > 0
          ? html`<h3>${this.t('health.suggestions')}</h3>
            <ul class="suggestions">${report.suggestions.map((s) => this.renderSuggestion(s, report))}</ul>`
          : nothing
      }
      ${
        // Elder mode: the findings first, the table on request.
        this.elder
          ? html`<details><summary>${this.t('health.holdings')}</summary>${holdings}</details>`
          : html`<h3>${this.t('health.holdings')}</h3>${holdings}`
      }`;
  }

  private renderFinding(finding: HealthCheckFinding, report: HealthCheckReport): TemplateResult {
    const id = `finding-${finding.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
    return html`<li part="finding" class="finding ${finding.severity}" data-kind=${finding.kind} data-severity=${finding.severity} aria-labelledby=${id}>
      <h4 id=${id}><span class="severity">${this.t('health.severity', finding.severity)}</span> ${this.t('health.kind', finding.kind)}</h4>
      <p>${finding.explanation.text[this.config.locale]}</p>
      ${this.renderBasis(finding.citations, report)}
    </li>`;
  }

  private renderSuggestion(suggestion: HealthCheckSuggestion, report: HealthCheckReport): TemplateResult {
    const locale = this.config.locale;
    const offers = suitableOffers(suggestion, report.investorLevel);
    return html`<li part="suggestion" class="suggestion" data-kind=${suggestion.kind}>
      <p>${suggestion.explanation.text[locale]}</p>
      ${
        offers.length > 0
          ? html`<p>${this.t('health.suggestion.offers')}</p>
            <ul>${offers.map(
              (o) => html`<li data-offer=${o.offerId} data-risk=${o.riskLevel}>${o.name[locale]}
                <span class="muted">(${this.t('health.risk', o.riskLevel)})</span></li>`,
            )}</ul>`
          : nothing
      }
      ${this.renderBasis(suggestion.citations, report)}
    </li>`;
  }

  private renderBasis(citations: HealthCheckCitation[], report: HealthCheckReport): TemplateResult {
    return html`<div class="basis">
      <span class="muted">${this.t('health.basis')}</span>
      <ul>${citations.map((c) => html`<li data-cite=${c.kind}>${this.citationText(c, report)}</li>`)}</ul>
    </div>`;
  }

  private citationText(c: HealthCheckCitation, report: HealthCheckReport): string {
    const locale = this.config.locale;
    switch (c.kind) {
      case 'holding': {
        const holding = report.holdings.find((h) => h.id === c.holdingId);
        return this.t(
          'health.cite.holding',
          holding?.name ?? c.holdingId,
          this.sourceText({ source: c.source }),
        );
      }
      case 'investor_level':
        return this.t('health.cite.level', c.level);
      case 'offer': {
        const named = report.suggestions.flatMap((s) => s.offers).find((o) => o.offerId === c.offerId);
        return this.t('health.cite.offer', named?.name[locale] ?? c.offerId, c.version);
      }
      case 'rule':
        return this.t('health.cite.rule', c.rule, formatBps(c.thresholdBps, locale));
    }
  }

  private sourceText(h: Pick<HealthCheckHolding, 'source'>): string {
    return h.source.kind === 'signal'
      ? this.t('health.source.signal', formatDate(h.source.occurredAt, this.config.locale))
      : this.t('health.source.user');
  }

  private renderForm(currency: CurrencyCode): TemplateResult {
    return html`<form part="form" novalidate @submit=${(e: Event) => {
      e.preventDefault();
      void this.submit(currency);
    }}>
      ${this.rows.map((row, i) => this.renderRow(row, i, currency))}
      <div class="actions" part="footer">
        <button type="button" data-action="add-row" ?disabled=${this.rows.length >= 10} @click=${() => this.addRow()}>${this.t('health.addRow')}</button>
        <button type="submit" class="primary" data-action="check" ?disabled=${this.checking}>
          ${this.checking ? this.t('health.checking') : this.t('health.check')}
        </button>
      </div>
    </form>`;
  }

  private renderRow(row: Row, i: number, currency: CurrencyCode): TemplateResult {
    const n = i + 1;
    const errors = this.rowErrors[i] ?? {};
    const id = (field: string) => `row-${row.key}-${field}`;
    const update = (patch: Partial<Row>) => {
      this.rows = this.rows.map((r) => (r.key === row.key ? { ...r, ...patch } : r));
    };
    const invalid = (field: keyof RowErrors, text: string) =>
      errors[field] ? html`<span class="invalid" id=${id(`${field}-error`)}>${text}</span>` : nothing;
    return html`<fieldset class="row" data-row=${n}>
      <legend>${this.t('health.row', n)}</legend>
      <label for=${id('name')}>${this.t('health.field.name')}</label>
      <input id=${id('name')} name="name" autocomplete="off" maxlength="80" .value=${row.name}
        aria-invalid=${errors.name ? 'true' : 'false'} aria-describedby=${errors.name ? id('name-error') : nothing}
        @input=${(e: Event) => update({ name: (e.target as HTMLInputElement).value })} />
      ${invalid('name', this.t('health.invalid.name'))}
      <label for=${id('amount')}>${this.t('health.field.amount', currency)}</label>
      <input id=${id('amount')} name="amount" inputmode="decimal" autocomplete="off" .value=${row.amount}
        aria-invalid=${errors.amount ? 'true' : 'false'} aria-describedby=${errors.amount ? id('amount-error') : nothing}
        @input=${(e: Event) => update({ amount: (e.target as HTMLInputElement).value })} />
      ${invalid('amount', this.t('health.invalid.amount'))}
      <label for=${id('risk')}>${this.t('health.field.risk')}</label>
      <select id=${id('risk')} name="risk" @change=${(e: Event) => update({ risk: (e.target as HTMLSelectElement).value as Row['risk'] })}>
        <option value="" ?selected=${row.risk === ''}>${this.t('health.field.riskUnknown')}</option>
        ${PRODUCT_RISK_LEVELS.map((l) => html`<option value=${l} ?selected=${row.risk === l}>${l}</option>`)}
      </select>
      <label for=${id('fee')}>${this.t('health.field.fee')}</label>
      <input id=${id('fee')} name="fee" inputmode="decimal" autocomplete="off" .value=${row.fee}
        aria-invalid=${errors.fee ? 'true' : 'false'} aria-describedby=${errors.fee ? id('fee-error') : nothing}
        @input=${(e: Event) => update({ fee: (e.target as HTMLInputElement).value })} />
      ${invalid('fee', this.t('health.invalid.fee'))}
      ${
        this.rows.length > 1
          ? html`<button type="button" data-action="remove-row" @click=${() => this.removeRow(row.key)}>${this.t('health.removeRow', n)}</button>`
          : nothing
      }
    </fieldset>`;
  }

  private openForm(): void {
    if (this.rows.length === 0) this.rows = [this.newRow()];
    this.entering = true;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLInputElement>('[part~="form"] input')?.focus(),
    );
  }

  private newRow(): Row {
    return { key: this.nextKey++, name: '', amount: '', risk: '', fee: '' };
  }

  private async addRow(): Promise<void> {
    const row = this.newRow();
    this.rows = [...this.rows, row];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#row-${row.key}-name`)?.focus();
  }

  private removeRow(key: number): void {
    const at = this.rows.findIndex((r) => r.key === key);
    this.rows = this.rows.filter((r) => r.key !== key);
    this.rowErrors = this.rowErrors.filter((_, i) => i !== at);
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>('[data-action="add-row"]')?.focus(),
    );
  }

  /** The rows as holdings, or the errors of each row (and focus on the first one). */
  private async submit(currency: CurrencyCode): Promise<void> {
    if (this.checking) return;
    const errors: RowErrors[] = [];
    const holdings: Holding[] = [];
    this.rows.forEach((row, i) => {
      const e: RowErrors = {};
      const amount = parseAmount(row.amount, currency);
      const fee = row.fee.trim() === '' ? undefined : Number(row.fee.normalize('NFKC').replace('%', ''));
      if (row.name.trim() === '') e.name = true;
      if (!amount || amount.value <= 0) e.amount = true;
      if (fee !== undefined && !(Number.isFinite(fee) && fee >= 0 && fee <= 100)) e.fee = true;
      errors.push(e);
      if (Object.keys(e).length > 0 || !amount) return;
      holdings.push({
        id: `entered-${i + 1}`,
        name: row.name.trim(),
        marketValue: amount,
        ...(row.risk ? { riskLevel: row.risk } : {}),
        ...(fee !== undefined ? { fees: { managementBps: Math.round(fee * 100) } } : {}),
      });
    });
    this.rowErrors = errors;
    if (holdings.length < this.rows.length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    await this.refresh(holdings);
  }
}
