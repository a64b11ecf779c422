import type {
  Application,
  ConsentPurpose,
  ConsentScope,
  Money,
  OfferMatch,
  ProductType,
} from '@finlet/contracts';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { commonMessages } from '../internal/common.messages.js';
import { DisclosureRecorder } from '../internal/disclosures.js';
import { FinletElement, type ShownError } from '../internal/finlet-element.js';
import { formatMoney, parseAmount } from '../internal/format.js';
import { toDecimalInput } from '../internal/input.js';
import { baseStyles } from '../internal/styles.js';
import { type ApplyMessages, applyMessages } from './apply.messages.js';
import { applyStyles } from './apply.styles.js';
import type { StatusView } from './apply-status.js';

type Step = 'details' | 'consent' | 'done';
const STEPS: readonly Step[] = ['details', 'consent', 'done'];

const BUSINESS_PRODUCTS: readonly ProductType[] = [
  'business_loan',
  'startup_loan',
  'inventory_financing',
  'receivables_financing',
  'trade_finance',
  'business_account',
];

function purposeOf(productType: ProductType): ConsentPurpose {
  if (productType === 'business_account') return 'account_opening';
  if (productType === 'credit_card' || productType === 'travel_card') return 'card_application';
  return 'loan_application';
}

interface Prefill {
  amount?: Money;
  termMonths?: number;
  purpose?: string;
  applicantName?: string;
  businessName?: string;
  phone?: string;
}

type Field = 'amount' | 'termMonths' | 'purpose' | 'name' | 'businessName' | 'phone';

/** The status view: code only a page showing an application's status needs, loaded then. */
let statusView: ((view: StatusView) => TemplateResult) | undefined;
let statusViewLoading: Promise<void> | undefined;

function loadStatusView(): Promise<void> {
  statusViewLoading ??= import('./apply-status.js').then(
    (module) => {
      statusView = module.renderStatus;
    },
    (error: unknown) => {
      statusViewLoading = undefined;
      throw error;
    },
  );
  return statusViewLoading;
}

/**
 * @tagname finlet-apply
 * @summary A short application for one offer, pre-filled from the session: the user checks the
 * details, gives an explicit consent that states scope, purpose and expiry, and submits once.
 * With `application`, it shows that application's status and the bank's decision in words, and
 * a form to answer when the bank asks for more information.
 *
 * @fires finlet-ready - The offer loaded and the form is shown, or the application's status is shown.
 * @fires finlet-application-submit - The application was created; `detail.application` is it.
 * @fires finlet-error - A call failed; `detail.code` is the gateway's problem code.
 * @fires finlet-session-expired - The session ended and cannot be refreshed.
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - Title and step indicator.
 * @csspart form - The details form.
 * @csspart consent - The consent statement.
 * @csspart submit - The submit button.
 * @csspart result - The confirmation shown after submitting.
 * @csspart error - An error message.
 * @csspart loading - The loading placeholder.
 * @csspart status - The application's status and the bank's decision.
 * @csspart question - The bank's question, when it asked for more information.
 * @csspart reply - The form that answers the bank's question.
 *
 * @cssproperty --finlet-color-primary - Brand colour: buttons, links, highlights.
 * @cssproperty --finlet-color-on-primary - Text on the brand colour.
 * @cssproperty --finlet-color-text - Body text.
 * @cssproperty --finlet-color-muted - Secondary text.
 * @cssproperty --finlet-color-surface - Panel background.
 * @cssproperty --finlet-color-background - Background behind panels.
 * @cssproperty --finlet-color-border - Borders.
 * @cssproperty --finlet-color-danger - Errors.
 * @cssproperty --finlet-color-success - Success marks.
 * @cssproperty --finlet-color-focus - Keyboard focus ring.
 * @cssproperty --finlet-radius - Corner radius.
 * @cssproperty --finlet-font-family - Font stack.
 * @cssproperty --finlet-font-size - Base text size.
 * @cssproperty --finlet-spacing - Base spacing unit.
 */
export class FinletApply extends FinletElement<ApplyMessages> {
  /** @internal */
  static override messages = [commonMessages, applyMessages];
  static override styles = [baseStyles, applyStyles];

  /** Id of the offer to apply for. */
  @property() offer?: string;
  /** Amount in major units; overrides the session's prefill. */
  @property() amount?: string;
  /** Term in months; overrides the session's prefill. */
  @property({ attribute: 'term-months', type: Number }) termMonths?: number;
  /** What the money is for; overrides the session's prefill. */
  @property() purpose?: string;
  /** The match from `finlet-offer-select`, to skip loading the offer again. */
  @property({ attribute: false }) match?: OfferMatch;
  /** Id of an application the session's user submitted: shows its status instead of the form. */
  @property({ attribute: 'application' }) applicationId?: string;

  @state() private step: Step = 'details';
  @state() private loaded: OfferMatch | undefined;
  @state() private loading = false;
  @state() private loadError: ShownError | undefined;
  @state() private missing = false;
  @state() private values: Record<Field, string> = {
    amount: '',
    termMonths: '',
    purpose: '',
    name: '',
    businessName: '',
    phone: '',
  };
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private agreed = false;
  @state() private agreeError = false;
  @state() private shareStatus = false;
  @state() private submitting = false;
  @state() private submitError: ShownError | undefined;
  @state() private application: Application | undefined;
  /** The application whose status is shown (`application`, or the one just submitted). */
  @state() private tracked: Application | undefined;
  @state() private tracking = false;
  @state() private statusLoading = false;
  @state() private statusError: ShownError | undefined;
  @state() private answer = '';
  @state() private documentsNote = '';
  @state() private answerMissing = false;
  private readonly disclosures = new DisclosureRecorder();
  @state() private replying = false;
  @state() private replyError: ShownError | undefined;
  @state() private replied = false;
  /** What the polite live region says (sending, sent, the status after a refresh). */
  @state() private announcement = '';

  // A getter, not Lit's `@query`: the decorator would be a chunk of its own shared with the chat.
  private get stepHeading(): HTMLElement | null {
    return this.renderRoot.querySelector('h3');
  }

  /** Kept across retries so a retried or double-clicked submit creates one application. */
  private idempotencyKey: string | undefined;
  private consentId: string | undefined;
  private loadedFor: string | undefined;
  private statusFor: string | undefined;

  /** Starts over (e.g. to apply again for another amount). */
  reset(): void {
    this.step = 'details';
    this.application = undefined;
    this.tracking = false;
    this.tracked = undefined;
    this.replied = false;
    this.idempotencyKey = undefined;
    this.consentId = undefined;
    this.agreed = false;
    this.submitError = undefined;
    this.loadedFor = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.match && this.match.offer.id === this.offer && this.loaded !== this.match) {
      this.loaded = this.match;
      this.loadedFor = this.offer;
      this.prefill();
    }
    const statusKey = `${this.applicationId}|${this.config.gateway}`;
    if (
      this.applicationId &&
      this.client &&
      this.credentialed &&
      this.statusFor !== statusKey &&
      !this.statusLoading
    ) {
      this.statusFor = statusKey;
      // Another application: nothing typed or said about the previous one carries over.
      this.tracked = undefined;
      this.answer = '';
      this.documentsNote = '';
      this.replied = false;
      this.replyError = undefined;
      void this.loadStatus(this.applicationId);
    }
    const key = `${this.offer}|${this.config.gateway}`;
    if (
      !this.applicationId &&
      this.offer &&
      this.client &&
      this.credentialed &&
      this.loadedFor !== key &&
      !this.loading &&
      !this.loaded
    ) {
      this.loadedFor = key;
      void this.load();
    }
  }

  private async load(): Promise<void> {
    const client = this.client;
    if (!client || !this.offer) return;
    this.loading = true;
    this.loadError = undefined;
    this.missing = false;
    try {
      const result = await client.offers.match({ includeIneligible: true, limit: 50 });
      const found = result.matches.find((m) => m.offer.id === this.offer);
      if (!found) {
        this.missing = true;
      } else {
        this.loaded = found;
        this.prefill();
        await this.updateComplete;
        this.emit('finlet-ready', { element: 'apply' });
      }
    } catch (error) {
      this.loadError = this.fail(error);
    } finally {
      this.loading = false;
    }
  }

  private prefill(): void {
    const offer = this.loaded?.offer;
    if (!offer) return;
    const pre = (this.claims?.pre ?? {}) as Prefill;
    const attrAmount = this.amount ? parseAmount(this.amount, offer.currency) : undefined;
    const amount = attrAmount ?? (pre.amount?.currency === offer.currency ? pre.amount : undefined);
    const term = this.termMonths ?? pre.termMonths;
    this.values = {
      amount: amount ? toDecimalInput(amount) : '',
      termMonths: term
        ? String(term)
        : offer.termMonths
          ? String(Math.min(Math.max(12, offer.termMonths.min), offer.termMonths.max))
          : '',
      purpose: this.purpose ?? pre.purpose ?? '',
      name: pre.applicantName ?? '',
      businessName: pre.businessName ?? '',
      phone: pre.phone ?? '',
    };
  }

  private get isBusiness(): boolean {
    return this.loaded ? BUSINESS_PRODUCTS.includes(this.loaded.offer.productType) : false;
  }

  private get scopes(): ConsentScope[] {
    const scopes: ConsentScope[] = ['application.submit'];
    if (this.isBusiness) scopes.push('business.profile');
    if (this.shareStatus) scopes.push('status.share_with_partner');
    return scopes;
  }

  protected override render() {
    if (this.applicationId || this.tracking) return this.renderTracking();
    const problem = this.renderConfigProblem();
    const offer = this.loaded?.offer;
    const locale = this.config.locale;
    return html`<section part="base" class="base ${this.elder ? 'elder' : ''}" aria-labelledby="title" lang=${locale}>
      <header part="header">
        <h2 id="title">${offer ? offer.texts[locale].name : this.t('apply.title')}</h2>
        ${offer && problem === nothing ? this.renderSteps() : nothing}
      </header>
      ${problem !== nothing ? problem : this.renderBody()}
    </section>`;
  }

  private renderSteps(): TemplateResult {
    const labels: Record<Step, keyof ApplyMessages> = {
      details: 'apply.step.details',
      consent: 'apply.step.consent',
      done: 'apply.done.title',
    };
    const index = STEPS.indexOf(this.step);
    return html`<p class="hint">${this.t('apply.steps', index + 1, STEPS.length)}</p>
      <ol class="steps">
        ${STEPS.map(
          (step, i) =>
            html`<li aria-current=${step === this.step ? 'step' : 'false'}>${i + 1}. ${this.t(labels[step] as 'apply.step.details')}</li>`,
        )}
      </ol>`;
  }

  private renderBody(): TemplateResult {
    if (this.loadError) return this.renderError(this.loadError, () => void this.load());
    if (this.missing)
      return html`<div class="message error" role="alert" part="error">${this.t('apply.offerMissing')}</div>`;
    if (!this.loaded || this.loading) return this.renderLoading();
    if (!this.loaded.eligible && this.step !== 'done') {
      return html`<div class="message error" role="alert" part="error">${this.t('error.offer_not_eligible')}</div>`;
    }
    if (this.step === 'details') return this.renderDetails();
    if (this.step === 'consent') return this.renderConsent();
    return this.renderDone();
  }

  private input(
    field: Field,
    label: string,
    options: { type?: string; inputmode?: string; autocomplete?: string; hint?: string | undefined } = {},
  ) {
    const error = this.errors[field];
    const id = `f-${field}`;
    return html`<label for=${id}>
      ${label}
      ${options.hint ? html`<span class="hint" id="${id}-hint">${options.hint}</span>` : nothing}
      <input
        id=${id}
        name=${field}
        type=${options.type ?? 'text'}
        inputmode=${options.inputmode ?? 'text'}
        autocomplete=${options.autocomplete ?? 'off'}
        .value=${this.values[field]}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${[options.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing}
        @input=${(e: Event) => {
          this.values = { ...this.values, [field]: (e.target as HTMLInputElement).value };
        }}
      />
      ${error ? html`<span class="field-error" id="${id}-error">${error}</span>` : nothing}
    </label>`;
  }

  private renderDetails(): TemplateResult {
    const offer = this.loaded!.offer;
    const locale = this.config.locale;
    const range =
      offer.amount && `${formatMoney(offer.amount.min, locale)} – ${formatMoney(offer.amount.max, locale)}`;
    return html`<form part="form" novalidate @submit=${this.toConsent}>
      <h3 tabindex="-1">${this.t('apply.step.details')}</h3>
      <p class="hint">${this.t('apply.prefilled')}</p>
      ${
        // A product without an amount range (an account, a debit card) is applied for without an amount.
        range
          ? this.input('amount', `${this.t('apply.amount')} (${offer.currency})`, {
              inputmode: 'decimal',
              hint: range,
            })
          : nothing
      }
      ${offer.termMonths ? this.input('termMonths', this.t('apply.term'), { inputmode: 'numeric', hint: this.t('apply.termRangeLabel', offer.termMonths.min, offer.termMonths.max) }) : nothing}
      ${this.input('purpose', this.t('apply.purpose'))}
      ${this.input('name', this.t('apply.name'), { autocomplete: 'name' })}
      ${this.isBusiness ? this.input('businessName', this.t('apply.businessName'), { autocomplete: 'organization' }) : nothing}
      ${this.input('phone', this.t('apply.phone'), { type: 'tel', inputmode: 'tel', autocomplete: 'tel' })}
      <div class="actions"><button type="submit" class="primary">${this.t('common.next')}</button></div>
    </form>`;
  }

  private renderConsent(): TemplateResult {
    const purpose = purposeOf(this.loaded!.offer.productType);
    const scopeKeys = this.scopes.filter((s) => s !== 'status.share_with_partner');
    return html`<div class="consent" part="consent">
      <h3 tabindex="-1">${this.t('apply.step.consent')}</h3>
      <p>${this.t('apply.consent.intro', this.t('apply.theBank'))}</p>
      <ul>
        ${scopeKeys.map((s) => html`<li>${this.t(`apply.consent.scope.${s}` as 'apply.consent.scope.application.submit')}</li>`)}
      </ul>
      <p>${this.t('apply.consent.purpose', this.t(`apply.purpose.${purpose}` as 'apply.purpose.loan_application'))}</p>
      <p>${this.t('apply.consent.expiry', 30)}</p>
      ${
        this.loaded!.offer.disclosures.length > 0
          ? html`<div class="disclosures" role="note" aria-label=${this.t('apply.disclosures')}>
              <strong>${this.t('apply.disclosures')}</strong>
              <ul>${this.loaded!.offer.disclosures.map((d) => html`<li>${d[this.config.locale]}</li>`)}</ul>
            </div>`
          : nothing
      }
      <p>${this.t('apply.consent.retention', 1825)}</p>
      <label class="check">
        <input type="checkbox" .checked=${this.shareStatus}
          @change=${(e: Event) => {
            this.shareStatus = (e.target as HTMLInputElement).checked;
          }} />
        <span>${this.t('apply.consent.shareStatus', this.t('apply.thisPartner'))}</span>
      </label>
      <label class="check">
        <input type="checkbox" id="agree" .checked=${this.agreed} aria-invalid=${this.agreeError ? 'true' : 'false'}
          aria-describedby=${this.agreeError ? 'agree-error' : nothing}
          @change=${(e: Event) => {
            this.agreed = (e.target as HTMLInputElement).checked;
            if (this.agreed) this.agreeError = false;
          }} />
        <span>${this.t('apply.consent.agree')}</span>
      </label>
      ${this.agreeError ? html`<p class="field-error" id="agree-error" role="alert">${this.t('apply.consent.mustAgree')}</p>` : nothing}
      ${this.submitError ? this.renderError(this.submitError) : nothing}
      <div class="actions">
        <button type="button" @click=${() => this.go('details')} ?disabled=${this.submitting}>${this.t('common.back')}</button>
        <button type="button" class="primary" part="submit" ?disabled=${this.submitting} aria-busy=${this.submitting ? 'true' : 'false'}
          @click=${() => void this.submit()}>${this.submitting ? this.t('apply.submitting') : this.t('apply.submit')}</button>
      </div>
    </div>`;
  }

  private renderDone(): TemplateResult {
    const application = this.application!;
    return html`<div part="result" role="status">
      <h3 tabindex="-1" class="done">${this.t('apply.done.title')}</h3>
      <p>${this.t('apply.done.body', application.id)}</p>
      ${application.amount ? html`<p>${formatMoney(application.amount, this.config.locale)}</p>` : nothing}
      <div class="actions">
        <button type="button" @click=${async () => {
          // The view first, so the keyboard lands on its refresh button; a failed load shows in it.
          await loadStatusView().catch(() => undefined);
          this.tracking = true;
          this.tracked = application;
          await this.updateComplete;
          this.renderRoot.querySelector<HTMLButtonElement>('.status .actions button')?.focus();
          void this.loadStatus(application.id);
        }}>${this.t('apply.status.refresh')}</button>
      </div>
    </div>`;
  }

  private async loadStatus(id: string): Promise<void> {
    const client = this.client;
    if (!client) return;
    const first = !this.tracked;
    this.statusLoading = true;
    this.statusError = undefined;
    try {
      const [application] = await Promise.all([client.applications.get(id), loadStatusView()]);
      const changed = this.tracked !== undefined && this.tracked.status !== application.status;
      this.tracked = application;
      if (first && this.applicationId) {
        await this.updateComplete;
        this.emit('finlet-ready', { element: 'apply' });
      } else if (!first) {
        // A refresh the user asked for: say what the status is now, changed or not.
        this.announcement = '';
        await this.updateComplete;
        this.announcement = this.t(`apply.status.${application.status}` as 'apply.status.submitted');
        if (changed) this.replied = false;
      }
    } catch (error) {
      this.statusError = this.fail(error);
    } finally {
      this.statusLoading = false;
    }
  }

  private renderTracking(): TemplateResult {
    const problem = this.renderConfigProblem();
    return html`<section part="base" class="base ${this.elder ? 'elder' : ''}" aria-labelledby="title" lang=${this.config.locale}>
      <header part="header"><h2 id="title">${this.t('apply.status.title')}</h2></header>
      ${problem !== nothing ? problem : this.renderStatus()}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
    </section>`;
  }

  private renderStatus(): TemplateResult {
    const app = this.tracked;
    if (!app || !statusView) {
      if (this.statusError) {
        const id = app?.id ?? this.applicationId ?? this.application?.id;
        return this.renderError(this.statusError, id ? () => void this.loadStatus(id) : undefined);
      }
      return this.renderLoading();
    }
    return statusView({
      app,
      locale: this.config.locale,
      elder: this.elder,
      t: (key, ...args) => this.t(key, ...args),
      renderError: (error, retry) => this.renderError(error, retry),
      statusError: this.statusError,
      statusLoading: this.statusLoading,
      replied: this.replied,
      answer: this.answer,
      documentsNote: this.documentsNote,
      answerMissing: this.answerMissing,
      replying: this.replying,
      replyError: this.replyError,
      refresh: () => void this.loadStatus(app.id),
      setAnswer: (answer) => {
        this.answer = answer;
        if (answer.trim()) this.answerMissing = false;
      },
      setDocumentsNote: (note) => {
        this.documentsNote = note;
      },
      sendReply: this.sendReply,
    });
  }

  private sendReply = async (event: Event): Promise<void> => {
    event.preventDefault();
    const app = this.tracked;
    const client = this.client;
    if (this.replying || !app || !client) return;
    const answer = this.answer.trim();
    if (!answer) {
      this.answerMissing = true;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLTextAreaElement>('#reply-answer')?.focus();
      return;
    }
    const note = this.documentsNote.trim();
    this.replying = true;
    this.replyError = undefined;
    this.announcement = this.t('apply.reply.sending');
    try {
      this.tracked = await client.applications.reply(app.id, {
        answer,
        ...(note && !this.elder ? { documentsNote: note } : {}),
      });
      this.answer = '';
      this.documentsNote = '';
      this.replied = true;
      this.announcement = this.t('apply.reply.sent');
      await this.updateComplete;
      // The form is gone: keep the keyboard where the answer now shows.
      this.renderRoot.querySelector<HTMLElement>('#answered')?.focus();
    } catch (error) {
      // The error itself is an alert; the live region would say it twice.
      this.announcement = '';
      this.replyError = this.fail(error);
    } finally {
      this.replying = false;
    }
  };

  private validate(): boolean {
    const offer = this.loaded!.offer;
    const locale = this.config.locale;
    const errors: Partial<Record<Field, string>> = {};
    const amount = parseAmount(this.values.amount, offer.currency);
    const range = offer.amount;
    // A product without an amount range (an account, a debit card) asks for no amount.
    if (range && !this.values.amount.trim()) errors.amount = this.t('apply.required');
    else if (range && (!amount || amount.value < range.min.value || amount.value > range.max.value)) {
      errors.amount = this.t(
        'apply.amountRange',
        `${formatMoney(range.min, locale)} – ${formatMoney(range.max, locale)}`,
      );
    }
    if (offer.termMonths) {
      const term = Number(this.values.termMonths);
      if (!Number.isInteger(term) || term < offer.termMonths.min || term > offer.termMonths.max) {
        errors.termMonths = this.t('apply.termRange', offer.termMonths.min, offer.termMonths.max);
      }
    }
    if (!this.values.name.trim()) errors.name = this.t('apply.required');
    if (this.isBusiness && !this.values.businessName.trim()) errors.businessName = this.t('apply.required');
    if (this.values.phone.trim() && !/^\+?[0-9 ()-]{6,20}$/.test(this.values.phone.trim())) {
      errors.phone = this.t('apply.phoneInvalid');
    }
    this.errors = errors;
    return Object.keys(errors).length === 0;
  }

  private toConsent = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!this.validate()) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus();
      return;
    }
    this.go('consent');
  };

  private async go(step: Step): Promise<void> {
    this.step = step;
    await this.updateComplete;
    if (step === 'consent' && this.loaded)
      this.disclosures
        .record(this.client, this.config.locale, this.claims, 'apply', [this.loaded.offer])
        ?.catch((error: unknown) => this.fail(error));
    this.stepHeading?.focus();
  }

  private async submit(): Promise<void> {
    if (this.submitting) return;
    if (!this.agreed) {
      this.agreeError = true;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#agree')?.focus();
      return;
    }
    const client = this.client;
    const offer = this.loaded!.offer;
    if (!client) return;
    this.submitting = true;
    this.submitError = undefined;
    this.idempotencyKey ??= crypto.randomUUID();
    try {
      if (!this.consentId) {
        const consent = await client.consents.create({
          scopes: this.scopes,
          purpose: purposeOf(offer.productType),
          offerId: offer.id,
          dataCategories: ['contact', 'application'],
        });
        this.consentId = consent.id;
      }
      const values = this.values;
      const application = await client.applications.create(
        {
          offerId: offer.id,
          offerVersion: offer.version,
          ...(offer.amount ? { amount: parseAmount(values.amount, offer.currency)! } : {}),
          ...(offer.termMonths ? { termMonths: Number(values.termMonths) } : {}),
          ...(values.purpose.trim() ? { purpose: values.purpose.trim() } : {}),
          applicant: {
            name: values.name.trim(),
            ...(values.phone.trim() ? { phone: values.phone.trim() } : {}),
            ...(this.isBusiness && values.businessName.trim()
              ? { businessName: values.businessName.trim() }
              : {}),
          },
          consentIds: [this.consentId],
        },
        { idempotencyKey: this.idempotencyKey },
      );
      this.application = application;
      this.emit('finlet-application-submit', { application });
      await this.go('done');
    } catch (error) {
      this.submitError = this.fail(error);
    } finally {
      this.submitting = false;
    }
  }
}
