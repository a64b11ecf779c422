import '../editor/jitless.js';
import {
  type CriterionResult,
  type Locale,
  OfferPreview,
  type OfferPreviewRequest,
  Problem,
  SCENARIOS,
  type Scenario,
} from '@finlet/contracts';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { consoleBaseStyles } from '../editor/editor.styles.js';
import { type Args, type MessageKey, t } from '../editor/messages.js';
import { previewStyles } from './preview.styles.js';
import { defaultSample, parseSignals, previewRequest, SAMPLES, type SampleContext } from './samples.js';

interface ShownError {
  code: string;
  message: string;
  requestId?: string | undefined;
}

const ERROR_CODES = ['unauthorized', 'forbidden', 'not_found', 'csrf_failed', 'network'] as const;

/**
 * The real widgets are not bundled into the console: the page loads `/finlet.js`, which registers the
 * everyday elements and loads the advice chat on first use. Its loader watches the document, not
 * shadow roots, so a hidden placeholder in the document asks for the chat once.
 */
async function ensureDefined(tag: string): Promise<void> {
  if (typeof customElements === 'undefined' || customElements.get(tag)) return;
  const probe = document.createElement(tag);
  probe.hidden = true;
  document.body.append(probe);
  try {
    await Promise.race([customElements.whenDefined(tag), new Promise((r) => setTimeout(r, 10_000))]);
  } finally {
    probe.remove();
  }
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/**
 * @tagname fc-offer-preview
 * @summary Previews one offer version against a sample context the author picks: which criteria
 * pass, whether a nudge would be raised, and the real `<finlet-offers>`, `<finlet-nudges>` and
 * `<finlet-advice-chat>` showing it in zh-CN and en (and elder mode), with a preview token that can
 * submit nothing.
 *
 * @csspart base - The wrapper of everything.
 * @csspart form - The sample context form.
 * @csspart evaluation - The criteria and checks.
 * @csspart widgets - The real widgets in both locales.
 * @csspart chat - The advice chat.
 * @csspart error - An error message.
 */
export class FcOfferPreview extends LitElement {
  static override styles = [consoleBaseStyles, previewStyles];

  /** The offer id. */
  @property({ attribute: 'offer-id' }) offerId = '';
  /** The version to preview (any status). */
  @property({ type: Number }) version = 0;
  /** Base URL of the gateway; default: this page's origin (the console is served by the gateway). */
  @property() gateway = '';
  /** The console session's CSRF token; fetched from `GET /v1/admin/console/session` when not given. */
  @property({ attribute: false }) csrfToken = '';
  /** `zh-CN` (default) or `en`: the console's language (the widgets show both). */
  @property() locale: Locale = 'zh-CN';
  /** The offer's scenarios: the preview starts from the first sample context of one of them. */
  @property({ attribute: false }) scenarios: readonly Scenario[] = [];

  /** The sample the author picked; until then, the default for the offer's scenarios. */
  @state() private chosen: SampleContext['id'] | undefined;
  @state() private scenario: Scenario | '' = '';
  @state() private signalsText = '';
  @state() private invalidLines: number[] = [];
  @state() private elder = false;
  @state() private busy = false;
  @state() private result: OfferPreview | undefined;
  @state() private request: OfferPreviewRequest | undefined;
  @state() private error: ShownError | undefined;
  private csrf: string | undefined;
  private runs = 0;

  private t<K extends MessageKey>(key: K, ...args: Args<K>): string {
    return t(this.locale, key, ...args);
  }

  private get base(): string {
    return (this.gateway || location.origin).replace(/\/+$/, '');
  }

  private get sample(): SampleContext {
    return SAMPLES.find((s) => s.id === this.chosen) ?? defaultSample(this.scenarios).sample;
  }

  /**
   * The offer's own scenario when no sample is for it and the author has not picked one: the
   * first sample's signals then stand in, and the form says so.
   */
  private get scenarioInUse(): Scenario | undefined {
    if (this.scenario) return this.scenario;
    if (this.chosen === undefined && !defaultSample(this.scenarios).fits) return this.scenarios[0];
    return undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('offerId') && changed.get('offerId') !== undefined) {
      // Another offer: start again from the default sample for its scenarios.
      this.chosen = undefined;
      this.scenario = '';
    }
    if ((changed.has('offerId') || changed.has('version')) && this.offerId && this.version > 0) {
      void this.run();
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void ensureDefined('finlet-advice-chat');
  }

  private async csrfHeader(): Promise<string> {
    if (this.csrfToken) return this.csrfToken;
    if (this.csrf) return this.csrf;
    const response = await fetch(`${this.base}/v1/admin/console/session`, {
      headers: { accept: 'application/json' },
    });
    if (!response.ok) throw await this.problem(response);
    this.csrf = ((await response.json()) as { csrfToken: string }).csrfToken;
    return this.csrf;
  }

  private async problem(response: Response): Promise<ShownError> {
    let code = 'internal_error';
    let requestId: string | undefined;
    try {
      const parsed = Problem.safeParse(await response.json());
      if (parsed.success) {
        code = parsed.data.code;
        requestId = parsed.data.requestId;
      }
    } catch {}
    return this.shown(code, requestId);
  }

  private shown(code: string, requestId?: string): ShownError {
    const known = ERROR_CODES.find((c) => c === code);
    return {
      code,
      message: this.t(known ? `preview.error.${known}` : 'preview.error.generic'),
      ...(requestId ? { requestId } : {}),
    };
  }

  /** Asks the gateway to evaluate the version against the chosen context and mint a preview token. */
  async run(): Promise<void> {
    const { signals, invalid } = parseSignals(this.signalsText);
    this.invalidLines = invalid;
    if (invalid.length > 0 || !this.offerId || this.version < 1) return;
    const scenario = this.scenarioInUse;
    const request = previewRequest(this.sample, new Date(), {
      ...(scenario ? { scenario } : {}),
      signals,
    });
    const run = ++this.runs;
    this.busy = true;
    this.error = undefined;
    try {
      const response = await fetch(
        `${this.base}/v1/admin/offers/${encodeURIComponent(this.offerId)}/versions/${this.version}/preview`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            'x-csrf-token': await this.csrfHeader(),
          },
          body: JSON.stringify(request),
        },
      );
      if (!response.ok) throw await this.problem(response);
      const parsed = OfferPreview.safeParse(await response.json());
      if (!parsed.success) throw this.shown('invalid_response');
      if (run !== this.runs) return;
      this.result = parsed.data;
      this.request = request;
    } catch (error) {
      if (run !== this.runs) return;
      this.result = undefined;
      this.error =
        typeof error === 'object' && error !== null && 'code' in error
          ? (error as ShownError)
          : this.shown('network');
    } finally {
      if (run === this.runs) this.busy = false;
    }
  }

  private renderForm(): TemplateResult {
    const invalid = this.invalidLines;
    const sample = this.sample;
    const fallback =
      this.chosen === undefined && !defaultSample(this.scenarios).fits ? this.scenarios[0] : undefined;
    return html`<form
      part="form"
      @submit=${(e: Event) => {
        e.preventDefault();
        void this.run();
      }}
    >
      <div class="field">
        <label for="sample">${this.t('preview.sample')}</label>
        <select
          id="sample"
          aria-describedby=${fallback ? 'sample-note' : nothing}
          @change=${(e: Event) => {
            this.chosen = (e.target as HTMLSelectElement).value as SampleContext['id'];
            this.scenario = '';
            void this.run();
          }}
        >
          ${SAMPLES.map(
            (s) =>
              html`<option value=${s.id} ?selected=${s.id === sample.id}>${this.t(`preview.sample.${s.id}`)}</option>`,
          )}
        </select>
        ${
          fallback
            ? html`<p class="muted" id="sample-note" data-sample-note>
                ${this.t('preview.sample.noneFits', this.scenarios.join(', '), fallback)}
              </p>`
            : nothing
        }
      </div>
      <div class="field">
        <label for="scenario">${this.t('preview.scenario')}</label>
        <select id="scenario" @change=${(e: Event) => (this.scenario = (e.target as HTMLSelectElement).value as Scenario)}>
          ${SCENARIOS.map((s) => {
            const current = this.scenarioInUse ?? sample.request(new Date()).scenario;
            return html`<option value=${s} ?selected=${s === current}>${s}</option>`;
          })}
        </select>
      </div>
      <div class="field">
        <label for="signals">${this.t('preview.signals')}</label>
        <textarea
          id="signals"
          rows="3"
          spellcheck="false"
          placeholder="inventory.turnover_days = 62"
          .value=${this.signalsText}
          aria-invalid=${invalid.length ? 'true' : 'false'}
          aria-describedby=${invalid.length ? 'signals-err' : nothing}
          @input=${(e: Event) => (this.signalsText = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        ${
          invalid.length
            ? html`<ul class="issues" id="signals-err">
              ${invalid.map((n) => html`<li>${this.t('preview.signals.invalid', n)}</li>`)}
            </ul>`
            : nothing
        }
      </div>
      <div class="field">
        <label class="toggle"
          ><input type="checkbox" .checked=${this.elder} @change=${(e: Event) => (this.elder = (e.target as HTMLInputElement).checked)} />
          ${this.t('preview.elder')}</label
        >
        <button type="submit" class="primary" ?disabled=${this.busy}>
          ${this.busy ? this.t('preview.running') : this.t('preview.run')}
        </button>
      </div>
    </form>`;
  }

  private renderCriterion(c: CriterionResult): TemplateResult {
    return html`<li class=${c.met ? 'met' : 'unmet'} data-criterion=${c.id} data-met=${String(c.met)}>
      <span class="mark" aria-hidden="true">${c.met ? '✓' : '✗'}</span>
      <span
        ><strong>${c.met ? this.t('preview.pass') : this.t('preview.fail')}:</strong> ${c.label[this.locale]}
        <span class="detail"
          ><code>${c.signal} ${c.op}</code> · ${this.t('preview.expected', show(c.expected))} ·
          ${c.observed === null ? this.t('preview.missing') : this.t('preview.observed', show(c.observed))}</span
        ></span
      >
    </li>`;
  }

  private renderEvaluation(p: OfferPreview): TemplateResult {
    const e = p.evaluation;
    const verdict = !e.visible
      ? 'preview.notVisible'
      : e.eligible
        ? 'preview.eligible'
        : 'preview.notEligible';
    return html`<div part="evaluation">
      <p class="verdict ${e.visible && e.eligible ? 'yes' : 'no'}" role="status">${this.t(verdict)}</p>
      <div class="results">
        <section aria-labelledby="criteria-h">
          <h3 id="criteria-h">${this.t('preview.criteria')}</h3>
          ${
            e.criteria.length
              ? html`<ul>
                ${e.criteria.map((c) => this.renderCriterion(c))}
              </ul>`
              : html`<p class="muted">${this.t('preview.noCriteria')}</p>`
          }
        </section>
        <section aria-labelledby="checks-h">
          <h3 id="checks-h">${this.t('preview.checks')}</h3>
          <ul>
            ${e.checks.map(
              (
                c,
              ) => html`<li class=${c.met ? 'met' : 'unmet'} data-check=${c.check} data-met=${String(c.met)}>
                <span class="mark" aria-hidden="true">${c.met ? '✓' : '✗'}</span>
                <span
                  ><strong>${c.met ? this.t('preview.pass') : this.t('preview.fail')}:</strong> ${c.check}
                  <span class="detail"
                    >${this.t('preview.expected', c.expected)} ·
                    ${c.observed === null ? this.t('preview.notGiven') : this.t('preview.observed', c.observed)}</span
                  >${c.reason ? html` <span class="reason" data-reason=${c.code ?? ''}>${c.reason[this.locale]}</span>` : nothing}</span
                >
              </li>`,
            )}
          </ul>
        </section>
        <section aria-labelledby="triggers-h">
          <h3 id="triggers-h">${this.t('preview.triggers')}</h3>
          <p data-nudge-reason=${p.nudgeReason}>${this.t(`preview.nudge.${p.nudgeReason}`)}</p>
          <ul>
            ${p.triggers.flatMap((trigger) =>
              trigger.conditions.map(
                (
                  c,
                ) => html`<li class=${c.met ? 'met' : 'unmet'} data-trigger=${trigger.triggerId} data-met=${String(c.met)}>
                  <span class="mark" aria-hidden="true">${c.met ? '✓' : '✗'}</span>
                  <span
                    ><strong>${c.met ? this.t('preview.pass') : this.t('preview.fail')}:</strong>
                    <code>${trigger.triggerId}</code> · ${c.condition.kind} ${c.condition.signal}
                    ${c.text ? html`<span class="detail">${c.text[this.locale]}</span>` : nothing}</span
                  >
                </li>`,
              ),
            )}
          </ul>
        </section>
      </div>
    </div>`;
  }

  private renderWidgets(p: OfferPreview): TemplateResult {
    const mode = this.elder ? 'elder' : 'standard';
    const gateway = this.base;
    const scenario = this.request?.scenario ?? 'supply-chain';
    return html`<section aria-labelledby="widgets-h" part="widgets">
        <h3 id="widgets-h">${this.t('preview.widgets')}</h3>
        <p class="muted">${this.t('preview.token', new Date(p.expiresAt).toLocaleTimeString(this.locale))}</p>
        ${keyed(
          `${p.token}|${mode}`,
          html`<div class="widgets">
            ${(['zh-CN', 'en'] as const).map(
              (locale) => html`<div class="column" lang=${locale} data-locale=${locale}>
                <h4>${this.t(`locale.${locale}`)}</h4>
                <finlet-nudges gateway=${gateway} session-token=${p.token} locale=${locale} mode=${mode}></finlet-nudges>
                <finlet-offers
                  gateway=${gateway}
                  session-token=${p.token}
                  locale=${locale}
                  mode=${mode}
                  scenario=${scenario}
                ></finlet-offers>
              </div>`,
            )}
          </div>`,
        )}
      </section>
      <section aria-labelledby="chat-h" part="chat">
        <h3 id="chat-h">${this.t('preview.chat')}</h3>
        ${keyed(
          `${p.token}|${mode}|${this.locale}`,
          html`<finlet-advice-chat
            gateway=${gateway}
            session-token=${p.token}
            locale=${this.locale}
            mode=${mode}
            scenario=${scenario}
          ></finlet-advice-chat>`,
        )}
      </section>`;
  }

  override render(): TemplateResult {
    return html`<div class="base" part="base" lang=${this.locale}>
      ${this.renderForm()}
      ${
        this.error
          ? html`<div class="message error" role="alert" part="error">
            <span>${this.error.message}</span>
            <span class="detail"
              >${this.t('preview.error.code', this.error.code)}${this.error.requestId ? ` · ${this.error.requestId}` : ''}</span
            >
          </div>`
          : nothing
      }
      ${this.result ? html`${this.renderEvaluation(this.result)} ${this.renderWidgets(this.result)}` : nothing}
    </div>`;
  }
}
