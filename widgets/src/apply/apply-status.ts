import type { Application, Locale } from '@finlet/contracts';
import { html, nothing, type TemplateResult } from 'lit';
import type { CommonMessages } from '../internal/common.messages.js';
import type { ShownError } from '../internal/finlet-element.js';
import { formatBps, formatDateTime, formatMoney } from '../internal/format.js';
import type { Args } from '../internal/messages.js';
import type { ApplyMessages } from './apply.messages.js';

type Messages = CommonMessages & ApplyMessages;

/**
 * What the status view of `<finlet-apply application="…">` shows, and how it reaches back to the
 * element, which keeps all the state. The view is loaded only when a page shows an application's
 * status, so a page with the application form alone never carries it.
 */
export interface StatusView {
  app: Application;
  locale: Locale;
  elder: boolean;
  t: <K extends keyof Messages & string>(key: K, ...args: Args<Messages, K>) => string;
  renderError: (error: ShownError, retry?: () => void) => TemplateResult;
  statusError: ShownError | undefined;
  statusLoading: boolean;
  replied: boolean;
  answer: string;
  documentsNote: string;
  answerMissing: boolean;
  replying: boolean;
  replyError: ShownError | undefined;
  refresh: () => void;
  setAnswer: (answer: string) => void;
  setDocumentsNote: (note: string) => void;
  sendReply: (event: Event) => void;
}

/** The application's status, the bank's decision in words, and the reply form when asked. */
export function renderStatus(view: StatusView): TemplateResult {
  const { app, locale, t } = view;
  const decision = app.decision?.status === app.status ? app.decision : undefined;
  const terms = app.status === 'approved' ? decision?.approvedTerms : undefined;
  const lastReply = app.status === 'under_review' ? app.replies?.at(-1) : undefined;
  return html`<div part="status" class="status">
      <p class="hint">${t('apply.status.number', app.id)}</p>
      <p class="state ${app.status}"><strong>${t(`apply.status.${app.status}` as 'apply.status.submitted')}</strong></p>
      <p class="hint">${app.amount ? `${formatMoney(app.amount, locale)} · ` : ''}${t('apply.status.updated', formatDateTime(app.updatedAt, locale))}</p>
      ${
        terms
          ? html`<h3>${t('apply.status.terms')}</h3>
            <ul>
              ${terms.amount ? html`<li>${t('apply.status.amount', formatMoney(terms.amount, locale))}</li>` : nothing}
              ${terms.termMonths !== null ? html`<li>${t('apply.status.term', terms.termMonths)}</li>` : nothing}
              ${terms.aprBps !== null ? html`<li>${t('apply.status.apr', formatBps(terms.aprBps, locale))}</li>` : nothing}
            </ul>`
          : nothing
      }
      ${
        app.status === 'declined' && decision && decision.reasons.length > 0
          ? html`<h3>${t('apply.status.reasons')}</h3>
            <ul>${decision.reasons.map((r) => html`<li>${r.text[locale]}</li>`)}</ul>`
          : nothing
      }
      ${app.status === 'more_info_needed' && decision?.question ? renderReply(view, decision.question) : nothing}
      ${
        lastReply
          ? html`<div class="answered">
              <h3 tabindex="-1" id="answered">${t('apply.status.answered')}</h3>
              ${view.replied ? html`<p class="done">${t('apply.reply.sent')}</p>` : nothing}
              <blockquote>${lastReply.answer}</blockquote>
            </div>`
          : nothing
      }
      ${view.statusError ? view.renderError(view.statusError) : nothing}
      <div class="actions">
        <button type="button" ?disabled=${view.statusLoading || view.replying} aria-busy=${view.statusLoading ? 'true' : 'false'}
          @click=${view.refresh}>${t('apply.status.refresh')}</button>
      </div>
    </div>`;
}

function renderReply(view: StatusView, question: string): TemplateResult {
  const { t } = view;
  const invalid = view.answerMissing;
  return html`<form part="reply" class="reply" novalidate @submit=${view.sendReply}>
      <h3>${t('apply.status.question')}</h3>
      <blockquote part="question" id="question">${question}</blockquote>
      <label for="reply-answer">
        ${t('apply.reply.answer')}
        <textarea id="reply-answer" name="answer" rows="4" maxlength="2000" .value=${view.answer}
          ?disabled=${view.replying}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${invalid ? 'question reply-answer-error' : 'question'}
          @input=${(e: Event) => view.setAnswer((e.target as HTMLTextAreaElement).value)}></textarea>
        ${invalid ? html`<span class="field-error" id="reply-answer-error">${t('apply.required')}</span>` : nothing}
      </label>
      ${
        // Elder mode asks one thing at a time: the answer alone.
        view.elder
          ? nothing
          : html`<label for="reply-documents">
              ${t('apply.reply.documents')}
              <span class="hint" id="reply-documents-hint">${t('apply.reply.documentsHint')}</span>
              <input id="reply-documents" name="documentsNote" type="text" maxlength="500" autocomplete="off"
                .value=${view.documentsNote} ?disabled=${view.replying} aria-describedby="reply-documents-hint"
                @input=${(e: Event) => view.setDocumentsNote((e.target as HTMLInputElement).value)} />
            </label>`
      }
      ${view.replyError ? view.renderError(view.replyError) : nothing}
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${view.replying} aria-busy=${view.replying ? 'true' : 'false'}>
          ${view.replying ? t('apply.reply.sending') : t('apply.reply.send')}
        </button>
      </div>
    </form>`;
}
