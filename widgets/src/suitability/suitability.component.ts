import { isFinletApiError } from '@finlet/client/light';
import type { PublishedRiskQuestionnaire, RiskAssessment } from '@finlet/contracts';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { commonMessages } from '../internal/common.messages.js';
import { FinletElement, type ShownError } from '../internal/finlet-element.js';
import { formatDate } from '../internal/format.js';
import { baseStyles } from '../internal/styles.js';
import { type SuitabilityMessages, suitabilityMessages } from './suitability.messages.js';
import { suitabilityStyles } from './suitability.styles.js';

/**
 * @tagname finlet-suitability
 * @summary The bank's risk tolerance questionnaire, one question per step with clear progress,
 * ending with the user's assessed level (C1–C5) in words and until when it holds. The level then
 * applies to every Finlet element of the same session: wealth products above it are not offered.
 *
 * @fires finlet-ready - The questionnaire (or the user's current level) is shown.
 * @fires finlet-assessment-complete - The user submitted the answers; `detail` has the level, its
 * expiry and the questionnaire version.
 * @fires finlet-error - A call failed; `detail.code` is the gateway's problem code.
 * @fires finlet-session-expired - The session ended and cannot be refreshed.
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - The title row.
 * @csspart progress - "Question 2 of 8" and its bar.
 * @csspart question - The current question with its answers.
 * @csspart option - One answer.
 * @csspart footer - The back, next and submit buttons.
 * @csspart result - The assessed level and its expiry.
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
export class FinletSuitability extends FinletElement<SuitabilityMessages> {
  /** @internal */
  static override messages = [commonMessages, suitabilityMessages];
  static override styles = [baseStyles, suitabilityStyles];

  /**
   * Take the keyboard focus once the questionnaire is shown, for a questionnaire opened in place
   * after a click elsewhere (`<finlet-offers>` and `<finlet-nudges>` set it); off by default, so a
   * questionnaire that is simply on the page never steals the focus.
   */
  @property({ type: Boolean, attribute: 'focus-start' }) focusStart = false;

  @state() private questionnaire: PublishedRiskQuestionnaire | undefined;
  @state() private assessment: RiskAssessment | undefined;
  /** -1: the introduction; 0…n-1: the question shown. */
  @state() private step = -1;
  @state() private answers: Record<string, string> = {};
  @state() private error: ShownError | undefined;
  @state() private submitting = false;
  private loadedFor: string | undefined;
  /** One key per set of answers, so a retry after a lost answer is not counted twice. */
  private submission: { key: string; answers: string } | undefined;

  /** Loads the published questionnaire and the user's current level again. */
  async refresh(): Promise<void> {
    const client = this.client;
    if (!client || !this.credentialed) return;
    this.error = undefined;
    try {
      const [questionnaire, current] = await Promise.all([
        client.suitability.questionnaire(),
        client.suitability.current().catch((error: unknown) => {
          if (isFinletApiError(error) && error.code === 'no_risk_assessment') return undefined;
          throw error;
        }),
      ]);
      this.questionnaire = questionnaire;
      this.assessment = current;
      await this.updateComplete;
      // Opened in place from an offer list or a nudge: the keyboard user starts here, not where they clicked.
      if (this.focusStart) this.renderRoot.querySelector<HTMLElement>('button')?.focus();
      this.emit('finlet-ready', { element: 'suitability', count: questionnaire.questions.length });
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

  protected override render() {
    const problem = this.renderConfigProblem();
    return html`<section part="base" class="base ${this.elder ? 'elder' : ''}" aria-labelledby="title" lang=${this.config.locale}>
      <header part="header"><h2 id="title">${this.t('suitability.title')}</h2></header>
      ${problem !== nothing ? problem : this.renderBody()}
    </section>`;
  }

  private renderBody(): TemplateResult {
    const q = this.questionnaire;
    if (!q)
      return this.error ? this.renderError(this.error, () => void this.refresh()) : this.renderLoading();
    if (this.assessment) return this.renderResult(this.assessment);
    if (this.step < 0) {
      return html`<p>${this.t('suitability.intro', q.questions.length)}</p>
        ${this.error ? this.renderError(this.error) : nothing}
        <div class="actions" part="footer">
          <span></span>
          <button type="button" class="primary" data-action="start" @click=${() => this.go(0)}>${this.t('suitability.start')}</button>
        </div>`;
    }
    return this.renderQuestion(q, this.step);
  }

  private renderQuestion(q: PublishedRiskQuestionnaire, index: number): TemplateResult {
    const locale = this.config.locale;
    const question = q.questions[index];
    if (!question) return html``;
    const total = q.questions.length;
    const chosen = this.answers[question.id];
    const last = index === total - 1;
    return html`<div class="progress" part="progress">
        <span id="progress-text">${this.t('suitability.progress', index + 1, total)}</span>
        <progress max=${total} value=${index + 1} aria-labelledby="progress-text"></progress>
      </div>
      <fieldset part="question" data-question=${question.id}>
        <legend id="question" tabindex="-1">${question.text[locale]}</legend>
        ${question.options.map(
          (option) => html`<label class="option" part="option">
            <input
              type="radio"
              name=${question.id}
              value=${option.id}
              .checked=${chosen === option.id}
              @change=${() => this.choose(question.id, option.id)}
            />
            <span>${option.label[locale]}</span>
          </label>`,
        )}
      </fieldset>
      ${this.error ? this.renderError(this.error) : nothing}
      ${chosen ? nothing : html`<p class="hint" id="pick">${this.t('suitability.pick')}</p>`}
      <div class="actions" part="footer">
        ${
          index > 0
            ? html`<button type="button" data-action="back" ?disabled=${this.submitting} @click=${() => this.go(index - 1)}>${this.t('suitability.back')}</button>`
            : html`<span></span>`
        }
        ${
          last
            ? html`<button type="button" class="primary" data-action="submit" aria-describedby=${chosen ? nothing : 'pick'} ?disabled=${!chosen || this.submitting} @click=${() => void this.submit(q)}>
                ${this.submitting ? this.t('suitability.submitting') : this.t('suitability.submit')}
              </button>`
            : html`<button type="button" class="primary" data-action="next" aria-describedby=${chosen ? nothing : 'pick'} ?disabled=${!chosen} @click=${() => this.go(index + 1)}>${this.t('suitability.next')}</button>`
        }
      </div>`;
  }

  private renderResult(a: RiskAssessment): TemplateResult {
    const locale = this.config.locale;
    return html`<div class="result" part="result" role="status" data-level=${a.level}>
        <p>${this.t('suitability.result')}</p>
        <p class="level">${this.t('suitability.level', a.level)}</p>
        <p>${this.t('suitability.levelHint', a.level)}</p>
        <p class="hint" data-expires=${a.expiresAt}>${this.t('suitability.expires', formatDate(a.expiresAt, locale))}</p>
      </div>
      <div class="actions" part="footer">
        <span></span>
        <button type="button" data-action="retake" @click=${() => this.retake()}>${this.t('suitability.retake')}</button>
      </div>`;
  }

  private choose(questionId: string, optionId: string): void {
    this.answers = { ...this.answers, [questionId]: optionId };
  }

  private async go(step: number): Promise<void> {
    this.step = step;
    this.error = undefined;
    await this.updateComplete;
    // The new question is announced and keyboard users start from it.
    this.renderRoot.querySelector<HTMLElement>('#question')?.focus();
  }

  private retake(): void {
    this.assessment = undefined;
    this.answers = {};
    this.submission = undefined;
    void this.go(0);
  }

  private async submit(q: PublishedRiskQuestionnaire): Promise<void> {
    const client = this.client;
    if (!client || this.submitting) return;
    const answers = JSON.stringify(this.answers);
    if (this.submission?.answers !== answers) this.submission = { key: crypto.randomUUID(), answers };
    this.submitting = true;
    this.error = undefined;
    try {
      const assessment = await client.suitability.assess(
        { questionnaireId: q.id, questionnaireVersion: q.version, answers: this.answers },
        { idempotencyKey: this.submission.key },
      );
      this.assessment = assessment;
      this.emit('finlet-assessment-complete', {
        assessmentId: assessment.id,
        level: assessment.level,
        expiresAt: assessment.expiresAt,
        questionnaireId: assessment.questionnaireId,
        questionnaireVersion: assessment.questionnaireVersion,
      });
    } catch (error) {
      this.error = this.fail(error);
      // A newer questionnaire was published meanwhile: load it and start again.
      if (isFinletApiError(error) && error.code === 'risk_questionnaire_outdated') {
        this.questionnaire = undefined;
        this.answers = {};
        this.step = -1;
        const shown = this.error;
        await this.refresh();
        this.error = shown;
      }
    } finally {
      this.submitting = false;
    }
  }
}
