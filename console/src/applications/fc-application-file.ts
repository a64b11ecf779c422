import {
  APPLICANT_FIELDS,
  type ApplicantField,
  type ApplicationFile,
  type BriefFact,
  type BriefStatement,
} from '@finlet/contracts';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ConsoleElement, type ShownProblem } from '../app/console-element.js';
import { BASE } from '../app/route.js';
import { formatDateTime } from '../i18n/translator.js';
import { formatMoney } from './format.js';
import './fc-decision-panel.js';

const APPLICANT_VALUE: Record<
  ApplicantField,
  (a: ApplicationFile['application']['applicant']) => string | null
> = {
  name: (a) => a.name,
  businessName: (a) => a.businessName,
  phone: (a) => a.phone,
  email: (a) => a.email,
  idNumber: (a) => a.idNumberMasked,
};

/**
 * @summary One application's whole file as the signed-in role may see it: the applicant (masked per
 * role), the application as submitted, the trusted signals of that moment with their origin, the
 * risk brief whose every statement links to the facts it cites, consents, the timeline and the
 * decisions; beside it the decision panel.
 */
@customElement('fc-application-file')
export class FcApplicationFile extends ConsoleElement {
  static override styles = [
    ...ConsoleElement.styles,
    css`
      .layout {
        display: grid;
        gap: calc(var(--_space) * 2);
        grid-template-columns: minmax(0, 2fr) minmax(18rem, 1fr);
        align-items: start;
      }
      @media (max-width: 900px) {
        .layout {
          grid-template-columns: 1fr;
        }
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: calc(var(--_space) / 2) calc(var(--_space) * 2);
        margin: 0;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
      }
      ul.statements,
      ul.facts,
      ol.timeline {
        margin: 0;
        padding-inline-start: calc(var(--_space) * 2.5);
        display: grid;
        gap: var(--_space);
      }
      .statement.warning,
      .statement.critical {
        color: var(--_danger);
      }
      .cites a {
        margin-inline-start: calc(var(--_space) / 2);
      }
      li.fact:focus,
      li.fact.cited {
        outline: 3px solid var(--_focus);
        outline-offset: 2px;
      }
    `,
  ];

  /** The application's id. */
  @property({ attribute: 'application-id' }) applicationId = '';

  @state() private file: ApplicationFile | undefined;
  @state() private error: ShownProblem | undefined;
  @state() private cited: string | undefined;

  protected override willUpdate(changed: Map<string, unknown>): void {
    // The same element shows the next file when the path changes to another application.
    if (changed.has('applicationId')) {
      this.file = undefined;
      this.load();
    }
  }

  private async load() {
    this.error = undefined;
    try {
      this.file = await this.api.applicationFile(this.applicationId);
    } catch (error) {
      this.error = this.problem(error);
    }
  }

  /** A source link moves focus to the fact it names (fragment links do not cross the shadow root). */
  private showFact(event: Event, id: string) {
    event.preventDefault();
    this.cited = id;
    const fact = this.renderRoot.querySelector<HTMLElement>(`li.fact[data-fact="${CSS.escape(id)}"]`);
    fact?.scrollIntoView({ block: 'center' });
    fact?.focus();
  }

  override render() {
    return html`<p><a href="${BASE}/applications">${this.t('file.back')}</a></p>
      ${this.renderProblem(this.error, () => this.load())}
      ${this.file ? this.renderFile(this.file) : this.error ? nothing : this.renderLoading()}`;
  }

  private renderFile(file: ApplicationFile) {
    const a = file.application;
    return html`<section class="stack" aria-labelledby="file-title">
      <h2 id="file-title">
        ${this.t('file.title', a.id)}
        <span class="badge" data-status=${a.status}>${this.t(`appStatus.${a.status}`)}</span>
      </h2>
      <div class="layout">
        <div class="stack">
          ${this.renderApplicant(file)} ${this.renderReplies(file)} ${this.renderSnapshot(file)} ${this.renderSuitability(file)} ${this.renderBrief(file)}
          ${this.renderSignals(file)} ${this.renderConsents(file)} ${this.renderTimeline(file)}
        </div>
        <fc-decision-panel
          .api=${this.api}
          .session=${this.session}
          .file=${file}
          locale=${this.locale}
          @fc-decided=${() => this.load()}
        ></fc-decision-panel>
      </div>
    </section>`;
  }

  private renderApplicant(file: ApplicationFile) {
    const masked = APPLICANT_FIELDS.some((f) => file.access[f] !== 'full');
    return html`<section class="panel stack applicant" aria-labelledby="applicant-title">
      <h3 id="applicant-title">${this.t('file.applicant')}</h3>
      ${masked ? html`<p class="muted">${this.t('file.masked')}</p>` : nothing}
      <dl>
        ${APPLICANT_FIELDS.map((field) => {
          const value = APPLICANT_VALUE[field](file.application.applicant);
          const access = file.access[field];
          return html`<dt>${this.t(`file.field.${field}`)}</dt>
            <dd data-field=${field} data-access=${access}>
              ${value ?? this.t('common.none')}
              ${access !== 'full' ? html`<span class="badge">${this.t(`file.access.${access}`)}</span>` : nothing}
            </dd>`;
        })}
      </dl>
    </section>`;
  }

  /** The applicant's answers to the bank's questions, newest first: what a returning file is about. */
  private renderReplies(file: ApplicationFile) {
    const replies = file.replies;
    if (replies.length === 0) return nothing;
    return html`<section class="panel stack replies" aria-labelledby="replies-title">
      <h3 id="replies-title">${this.t('file.replies')}</h3>
      ${[...replies].reverse().map(
        (r) => html`<div class="reply">
          <p class="muted"><q>${r.question}</q> · <time datetime=${r.at}>${formatDateTime(r.at, this.locale)}</time></p>
          <p class="answer">${r.answer}</p>
          ${r.documentsNote ? html`<p><strong>${this.t('file.reply.documents')}:</strong> ${r.documentsNote}</p>` : nothing}
        </div>`,
      )}
    </section>`;
  }

  /** For a rated product: the applicant's assessment and any "I understand…" acknowledgement. */
  private renderSuitability(file: ApplicationFile) {
    const assessment = file.riskAssessment;
    const acks = file.suitabilityAcknowledgements ?? [];
    if (file.offer?.riskLevel === undefined && !assessment && acks.length === 0) return nothing;
    return html`<section class="panel stack suitability" aria-labelledby="suitability-title">
      <h3 id="suitability-title">${this.t('file.suitability')}</h3>
      ${
        assessment
          ? html`<dl>
              <dt>${this.t('file.suitability.level')}</dt>
              <dd class="level">${assessment.level}</dd>
              <dt>${this.t('file.suitability.expires')}</dt>
              <dd><time datetime=${assessment.expiresAt}>${formatDateTime(assessment.expiresAt, this.locale)}</time></dd>
              <dt>${this.t('file.suitability.questionnaire')}</dt>
              <dd>${this.t('file.offerVersion', assessment.questionnaireId, assessment.questionnaireVersion)}</dd>
            </dl>`
          : html`<p class="muted">${this.t('file.suitability.none')}</p>`
      }
      ${acks.map(
        (a) => html`<p class="acknowledgement">
          <strong>${this.t('file.suitability.acknowledged', a.investorLevel, a.productLevel)}</strong>
          <q lang=${a.locale}>${a.wording}</q>
          <time datetime=${a.acknowledgedAt}>${formatDateTime(a.acknowledgedAt, this.locale)}</time>
        </p>`,
      )}
    </section>`;
  }

  private renderSnapshot(file: ApplicationFile) {
    const a = file.application;
    return html`<section class="panel stack snapshot" aria-labelledby="snapshot-title">
      <h3 id="snapshot-title">${this.t('file.snapshot')}</h3>
      <dl>
        <dt>${this.t('file.amount')}</dt>
        <dd class="amount">${a.amount ? formatMoney(a.amount, this.locale) : this.t('common.none')}</dd>
        <dt>${this.t('file.term')}</dt>
        <dd>${a.termMonths ? this.t('file.months', a.termMonths) : this.t('common.none')}</dd>
        <dt>${this.t('file.purpose')}</dt>
        <dd>${a.purpose ?? this.t('common.none')}</dd>
        <dt>${this.t('apps.offer')}</dt>
        <dd>${this.t('file.offerVersion', a.offerId, a.offerVersion)}</dd>
        <dt>${this.t('apps.partner')}</dt>
        <dd>${a.partnerId}</dd>
        <dt>${this.t('file.scenario')}</dt>
        <dd>${a.scenario ? this.t(`scenario.${a.scenario}`) : this.t('common.none')}</dd>
        <dt>${this.t('file.submittedAt')}</dt>
        <dd><time datetime=${a.submittedAt}>${formatDateTime(a.submittedAt, this.locale)}</time></dd>
      </dl>
    </section>`;
  }

  private renderBrief(file: ApplicationFile) {
    const { brief } = file;
    const text = (s: BriefStatement) => s.text[this.locale];
    return html`<section class="panel stack brief" aria-labelledby="brief-title">
      <h3 id="brief-title">${this.t('file.brief')}</h3>
      ${
        brief.recommendation
          ? html`<p class="recommendation">
            <strong>${this.t('file.brief.recommendation')}:</strong>
            ${this.t(`file.recommendation.${brief.recommendation}`)}
          </p>`
          : nothing
      }
      <ul class="statements">
        ${brief.statements.map(
          (s) => html`<li class="statement ${s.tone}" data-section=${s.section}>
            ${text(s)}
            <span class="cites"
              >${this.t('file.brief.sources')}:${s.cites.map(
                (id) =>
                  html`<a href="#fact-${id}" data-cite=${id} @click=${(e: Event) => this.showFact(e, id)}
                    >${id}</a
                  >`,
              )}</span
            >
          </li>`,
        )}
      </ul>
      <h4>${this.t('file.facts')}</h4>
      <ul class="facts">
        ${brief.facts.map((f) => this.renderFact(f))}
      </ul>
    </section>`;
  }

  private renderFact(f: BriefFact) {
    return html`<li class="fact ${this.cited === f.id ? 'cited' : ''}" data-fact=${f.id} tabindex="-1">
      <code>${f.id}</code> · ${this.t(`file.source.${f.source}`)} · ${f.key}
      ${f.value !== null ? html`= <strong>${String(f.value)}</strong>` : nothing}
      ${f.at ? html`<span class="muted">(<time datetime=${f.at}>${formatDateTime(f.at, this.locale)}</time>)</span>` : nothing}
    </li>`;
  }

  private renderSignals(file: ApplicationFile) {
    const { signals } = file;
    return html`<section class="panel stack signals" aria-labelledby="signals-title">
      <h3 id="signals-title">${this.t('file.signals')}</h3>
      ${
        !signals.recorded
          ? html`<p class="muted">${this.t('file.signals.notRecorded')}</p>`
          : html`${
              signals.session
                ? html`<h4>${this.t('file.signals.session', formatDateTime(signals.session.issuedAt, this.locale))}</h4>
                  <dl>
                    ${Object.entries(signals.session.claims).map(
                      ([key, value]) => html`<dt><code>${key}</code></dt>
                        <dd>${String(value)}</dd>`,
                    )}
                  </dl>`
                : nothing
            }
            ${
              signals.partner.length > 0
                ? html`<h4>${this.t('file.signals.partner')}</h4>
                  <ul>
                    ${signals.partner.map(
                      (s) => html`<li>
                        <code>${s.signal.type}</code>
                        <time datetime=${s.receivedAt}>${formatDateTime(s.receivedAt, this.locale)}</time>
                      </li>`,
                    )}
                  </ul>`
                : nothing
            }`
      }
    </section>`;
  }

  private renderConsents(file: ApplicationFile) {
    return html`<section class="panel stack consents" aria-labelledby="consents-title">
      <h3 id="consents-title">${this.t('file.consents')}</h3>
      <ul>
        ${file.consents.map(
          (c) => html`<li data-consent=${c.id}>
            <code>${c.id}</code> · ${c.scopes.join(', ')} · ${c.purpose}
            ${c.withdrawnAt ? html`<span class="badge">${this.t('file.consent.withdrawn')}</span>` : nothing}
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private renderTimeline(file: ApplicationFile) {
    return html`<section class="panel stack" aria-labelledby="timeline-title">
      <h3 id="timeline-title">${this.t('file.timeline')}</h3>
      <ol class="timeline">
        ${file.timeline.map(
          (e) => html`<li data-kind=${e.kind}>
            <time datetime=${e.at}>${formatDateTime(e.at, this.locale)}</time> ${this.t(`timeline.${e.kind}`)}
            ${e.detail ? html`<span class="muted">${e.detail}</span>` : nothing}
          </li>`,
        )}
      </ol>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-application-file': FcApplicationFile;
  }
}
