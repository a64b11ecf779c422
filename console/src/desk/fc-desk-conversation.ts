import type { ChatApplicationCardPart, ChatSlots } from '@finlet/contracts';
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  DISPOSITIONS,
  type Disposition,
  type HandoffDetail,
  type HandoffSource,
  type HandoffSuggestion,
  type HandoffTranscriptEntry,
} from '../api/handoffs.js';
import type { ShownProblem } from '../app/console-element.js';
import { BASE } from '../app/route.js';
import { formatDateTime } from '../i18n/translator.js';
import { DESK_REFRESH_MS, DeskElement } from './desk-element.js';
import { followDesk } from './feed.js';
import { formatDuration, formatMoney, secondsSince } from './format.js';
import { SuggestionLedger } from './ledger.js';
import { dispositionLabel, roleLabel } from './messages.js';

type Busy = 'claim' | 'release' | 'send' | 'card' | 'close';

/** The agent is shown as typing for a few seconds after a keystroke; say so at most this often. */
const TYPING_EVERY_MS = 3_000;

/**
 * @summary One hand-off as the agent works it: the AI summary (what the user wants, the amounts
 * and details understood, what the advisor already answered and from which sources), the
 * transcript masked for the agent's role, suggested replies with their sources, the composer,
 * the application card and the wrap-up. Nothing reaches the user until the agent presses Send;
 * the send reports what became of each suggested reply (accepted, edited or discarded).
 */
@customElement('fc-desk-conversation')
export class FcDeskConversation extends DeskElement {
  static override styles = [
    ...DeskElement.styles,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
        gap: calc(var(--_space) * 2);
        align-items: start;
      }
      @media (max-width: 900px) {
        .layout {
          grid-template-columns: 1fr;
        }
      }
      ol.transcript {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: var(--_space);
        max-height: 28rem;
        overflow-y: auto;
      }
      ol.transcript li {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: var(--_space) calc(var(--_space) * 1.5);
      }
      ol.transcript li[data-role='agent'] {
        border-inline-start: 4px solid var(--_primary);
      }
      ol.transcript li[data-role='user'] {
        border-inline-start: 4px solid var(--_border);
      }
      .who {
        font-weight: 600;
      }
      .text {
        white-space: pre-wrap;
        margin: 0;
      }
      dl.slots {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: calc(var(--_space) / 2) calc(var(--_space) * 2);
        margin: 0;
      }
      dl.slots dd {
        margin: 0;
      }
      ul.plain {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: var(--_space);
      }
      ul.citations {
        margin: calc(var(--_space) / 2) 0 0;
        padding-inline-start: calc(var(--_space) * 2);
        font-size: 0.92em;
      }
      blockquote {
        margin: calc(var(--_space) / 2) 0 0;
        padding-inline-start: var(--_space);
        border-inline-start: 2px solid var(--_border);
      }
      .suggestion {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: var(--_space) calc(var(--_space) * 1.5);
      }
    `,
  ];

  @property({ attribute: 'handoff-id' }) handoffId = '';

  @state() private detail: HandoffDetail | undefined;
  @state() private loadError: ShownProblem | undefined;
  @state() private actionError: ShownProblem | undefined;
  @state() private busy: Busy | undefined;
  @state() private notice: string | undefined;
  @state() private suggestions: HandoffSuggestion[] = [];
  @state() private suggesting = false;
  @state() private suggestionsError: ShownProblem | undefined;
  @state() private draft = '';
  @state() private draftMissing = false;
  @state() private disposition: Disposition | '' = '';
  @state() private dispositionMissing = false;
  @state() private note = '';
  @state() private wrapUp: string | undefined;
  private readonly ledger = new SuggestionLedger();
  private lastUserMessage: string | undefined;
  private typingSaidAt = 0;
  private loading: Promise<void> | undefined;
  private stop: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.mayWorkDesk) return;
    this.stop = followDesk({
      url: this.handoffs.eventsUrl,
      pollMs: DESK_REFRESH_MS,
      // Its own conversation, or a move of the queue (claimed by someone else, released, left).
      onSignal: (signal) =>
        signal.kind !== 'conversation' || signal.conversationId === this.detail?.handoff.conversationId
          ? this.refresh()
          : undefined,
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop?.();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('handoffId') && this.handoffId && this.mayWorkDesk) {
      this.detail = undefined;
      this.suggestions = [];
      this.ledger.reset([]);
      this.lastUserMessage = undefined;
      this.wrapUp = undefined;
      this.refresh();
    }
  }

  private get mine(): boolean {
    const h = this.detail?.handoff;
    return h?.status === 'claimed' && h.claimedBy?.id === this.session?.admin.id;
  }

  private get open(): boolean {
    const status = this.detail?.handoff.status;
    return status === 'waiting' || status === 'claimed';
  }

  /** Reloads the hand-off (one load at a time); a new message from the user brings new suggested replies. */
  private refresh(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load() {
    if (!this.handoffId || (this.detail && !this.open)) return;
    let detail: HandoffDetail;
    try {
      detail = await this.handoffs.get(this.handoffId);
      this.loadError = undefined;
    } catch (error) {
      this.loadError = this.problem(error);
      return;
    }
    const first = this.detail === undefined;
    this.detail = detail;
    this.wrapUp ??= detail.wrapUpDraft;
    const lastUser = detail.transcript.findLast((m) => m.role === 'user')?.id;
    const newUserMessage = lastUser !== this.lastUserMessage;
    this.lastUserMessage = lastUser;
    if (!this.mine) return;
    if (first && detail.suggestions.some((s) => s.outcome === 'pending')) {
      this.ledger.reset(detail.suggestions);
      this.suggestions = this.ledger.offered;
    } else if (newUserMessage && this.ledger.origin(this.draft) === undefined) {
      // On taking over, the latest message is often just "a person, please": draft from what the
      // user wants (their last words) instead; afterwards, from each new message.
      await this.suggest(first || this.suggestions.length === 0 ? detail.summary.wants : undefined);
    }
  }

  /** Drafts suggested replies to the user's latest message. Nothing is sent. */
  private async suggest(query?: string) {
    this.suggesting = true;
    try {
      this.ledger.reset(await this.handoffs.suggest(this.handoffId, query));
      this.suggestions = this.ledger.offered;
      this.suggestionsError = undefined;
    } catch (error) {
      this.suggestionsError = this.problem(error);
    } finally {
      this.suggesting = false;
    }
  }

  private async run(busy: Busy, action: () => Promise<void>) {
    this.actionError = undefined;
    this.notice = undefined;
    this.busy = busy;
    try {
      await action();
    } catch (error) {
      this.actionError = this.problem(error);
      await this.refresh();
    } finally {
      this.busy = undefined;
    }
  }

  private claim() {
    return this.run('claim', async () => {
      await this.handoffs.claim(this.handoffId);
      this.lastUserMessage = undefined;
      // A load started before the claim answers with the hand-off still waiting: load once more.
      await this.loading;
      await this.refresh();
    });
  }

  private release() {
    return this.run('release', async () => {
      await this.handoffs.release(this.handoffId);
      this.navigate(`${BASE}/desk`);
    });
  }

  private composer(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector<HTMLTextAreaElement>('textarea[name="reply"]');
  }

  private async insert(suggestion: HandoffSuggestion) {
    const text = this.ledger.insert(suggestion.id, this.draft);
    if (text === undefined) return;
    this.draft = text;
    this.draftMissing = false;
    this.suggestions = this.ledger.offered;
    await this.updateComplete;
    const composer = this.composer();
    composer?.focus();
    composer?.setSelectionRange(composer.value.length, composer.value.length);
  }

  private async discard(suggestion: HandoffSuggestion, index: number) {
    this.ledger.discard(suggestion.id);
    this.suggestions = this.ledger.offered;
    await this.updateComplete;
    // Keep the keyboard where it was: the next suggestion's Insert, else the composer.
    const buttons = this.renderRoot.querySelectorAll<HTMLButtonElement>('button.insert');
    (buttons[Math.min(index, buttons.length - 1)] ?? this.composer())?.focus();
    try {
      await this.handoffs.discardSuggestion(this.handoffId, suggestion.id);
    } catch (error) {
      this.suggestionsError = this.problem(error);
    }
  }

  private onInput(event: Event) {
    this.draft = (event.target as HTMLTextAreaElement).value;
    this.ledger.edited(this.draft);
    this.suggestions = this.ledger.offered;
    const now = Date.now();
    if (this.draft.trim() && now - this.typingSaidAt > TYPING_EVERY_MS) {
      this.typingSaidAt = now;
      this.handoffs.typing(this.handoffId, true).catch(() => {});
    }
  }

  private send(event?: Event) {
    event?.preventDefault();
    const text = this.draft.trim();
    this.draftMissing = text === '';
    if (this.draftMissing) {
      this.composer()?.focus();
      return;
    }
    return this.run('send', async () => {
      const origin = this.ledger.origin(text);
      const sent = await this.handoffs.send(this.handoffId, text, origin?.suggestionId);
      this.typingSaidAt = 0;
      this.ledger.sent();
      this.suggestions = this.ledger.offered;
      this.draft = '';
      this.appendMessage(sent.message, sent.eventId);
      this.notice = this.d('composer.sent');
    });
  }

  private appendMessage(
    message: HandoffTranscriptEntry | Omit<HandoffTranscriptEntry, 'eventId'>,
    eventId: number,
  ) {
    const d = this.detail;
    if (!d || d.transcript.some((m) => m.id === message.id)) return;
    this.detail = { ...d, transcript: [...d.transcript, { ...message, eventId }] };
  }

  private onComposerKey(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) this.send(event);
  }

  private sendCard() {
    return this.run('card', async () => {
      const sent = await this.handoffs.sendApplicationCard(this.handoffId);
      this.appendMessage(sent.message, sent.eventId);
      this.notice = this.d('card.sent', sent.card.title);
    });
  }

  private close(event: Event) {
    event.preventDefault();
    const disposition = this.disposition;
    this.dispositionMissing = disposition === '';
    if (disposition === '') {
      this.renderRoot.querySelector<HTMLSelectElement>('select[name="disposition"]')?.focus();
      return;
    }
    return this.run('close', async () => {
      const note = this.note.trim();
      const wrapUp = (this.wrapUp ?? '').trim();
      this.detail = await this.handoffs.close(this.handoffId, {
        disposition,
        ...(note ? { note } : {}),
        ...(wrapUp ? { wrapUp } : {}),
      });
      this.notice = this.d('wrap.closed');
    });
  }

  override render() {
    if (!this.mayWorkDesk) return html`<p class="message">${this.d('desk.agentOnly')}</p>`;
    const d = this.detail;
    const back = html`<p><a href="${BASE}/desk" class="back">${this.d('conv.back')}</a></p>`;
    if (!d) {
      return html`${back}${this.loadError ? this.renderProblem(this.loadError, () => this.refresh()) : this.renderLoading()}`;
    }
    const h = d.handoff;
    const end = h.claimedAt ? new Date(h.claimedAt) : new Date();
    const wait = secondsSince(h.createdAt, end);
    return html`${back}
      <div class="stack">
        <h2>${this.d('conv.title', this.t(`scenario.${h.scenario}`), h.partnerName ?? h.partnerId)}</h2>
        <p class="muted">
          ${this.d(`lang.${h.language}`)} · ${this.d('conv.waited', formatDuration(wait, this.locale))} ·
          <span class="state" data-status=${h.status}>${this.d(`queue.state.${h.status}`)}</span>
        </p>
        ${this.renderProblem(this.loadError, () => this.refresh())} ${this.renderStatus(d)}
        ${this.renderProblem(this.actionError)}
        <div role="status" aria-live="polite" class="notice">
          ${this.notice ? html`<p class="message success">${this.notice}</p>` : nothing}
        </div>
        <div class="layout">
          <div class="stack">${this.renderTranscript(d.transcript)} ${this.mine ? this.renderComposer() : nothing}</div>
          <div class="stack">
            ${this.renderSummary(d)} ${this.mine ? this.renderSuggestions() : nothing}
            ${this.mine ? this.renderCard() : nothing} ${this.mine ? this.renderWrapUp() : nothing}
          </div>
        </div>
      </div>`;
  }

  private renderStatus(d: HandoffDetail) {
    const h = d.handoff;
    if (h.status === 'closed' || h.status === 'abandoned') {
      return html`<p class="message closed">${this.d(h.status === 'closed' ? 'conv.closed' : 'conv.abandoned')}</p>
        ${d.closure ? html`<p>${dispositionLabel(this.locale, d.closure.disposition)} · ${d.closure.wrapUp}</p>` : nothing}`;
    }
    if (h.status === 'waiting') {
      return html`<div class="row">
        <p class="message">${this.d('conv.notClaimed')}</p>
        <button type="button" class="primary claim" ?disabled=${this.busy !== undefined} @click=${this.claim}>
          ${this.busy === 'claim' ? this.d('queue.claiming') : this.d('queue.claim')}
        </button>
      </div>`;
    }
    if (!this.mine)
      return html`<p class="message">${this.d('conv.claimedByOther', h.claimedBy?.name ?? '')}</p>`;
    return html`<div class="row">
      <button type="button" class="release" ?disabled=${this.busy !== undefined} @click=${this.release}>
        ${this.d('conv.release')}
      </button>
    </div>`;
  }

  private renderCitations(citations: readonly HandoffSource[]) {
    if (citations.length === 0) return nothing;
    return html`<ul class="citations" aria-label=${this.d('citations.label')}>
      ${citations.map(
        (c) => html`<li class="citation" data-source=${`${c.sourceKind}:${c.id}`}>
          <cite>${c.title}</cite> · ${this.d('citation.version', c.version)}
          <blockquote>${c.passage}</blockquote>
        </li>`,
      )}
    </ul>`;
  }

  private renderSlots(slots: ChatSlots) {
    const rows: [string, string][] = [];
    if (slots.amount) rows.push([this.d('slot.amount'), formatMoney(slots.amount, this.locale)]);
    if (slots.termMonths) rows.push([this.d('slot.termMonths'), this.d('slot.months', slots.termMonths)]);
    if (slots.purpose) rows.push([this.d('slot.purpose'), slots.purpose]);
    if (slots.productTypes?.length) rows.push([this.d('slot.productTypes'), slots.productTypes.join(', ')]);
    if (slots.fromCurrency) rows.push([this.d('slot.fromCurrency'), slots.fromCurrency]);
    if (slots.toCurrency) rows.push([this.d('slot.toCurrency'), slots.toCurrency]);
    if (slots.urgency) rows.push([this.d('slot.urgency'), slots.urgency]);
    if (rows.length === 0) return html`<p class="muted">${this.d('summary.noSlots')}</p>`;
    return html`<dl class="slots">
      ${rows.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}
    </dl>`;
  }

  private renderSummary(d: HandoffDetail) {
    const s = d.summary;
    return html`<section class="panel stack summary" aria-labelledby="summary-title">
      <h3 id="summary-title">${this.d('summary.title')}</h3>
      <p class="summary-text" lang=${d.handoff.language}>${s.text}</p>
      <h4>${this.d('summary.wants')}</h4>
      <p class="wants" lang=${d.handoff.language}>${s.wants}</p>
      <h4>${this.d('summary.slots')}</h4>
      ${this.renderSlots(s.slots)}
      ${
        s.amounts.length > 1
          ? html`<p class="amounts">${this.d('summary.amounts', s.amounts.map((a) => formatMoney(a, this.locale)).join('、'))}</p>`
          : nothing
      }
      <h4>${this.d('summary.answered')}</h4>
      ${
        s.answered.length === 0
          ? html`<p class="muted">${this.d('summary.noAnswers')}</p>`
          : html`<ul class="plain answered">
              ${s.answered.map(
                (a) => html`<li lang=${d.handoff.language}>
                  <p><span class="who">${roleLabel(this.locale, 'user')}</span>: ${a.question}</p>
                  <p><span class="who">${roleLabel(this.locale, 'assistant')}</span>: ${a.answer}</p>
                  ${this.renderCitations(a.sources)}
                </li>`,
              )}
            </ul>`
      }
    </section>`;
  }

  private renderTranscript(messages: readonly HandoffTranscriptEntry[]) {
    return html`<section class="panel stack" aria-labelledby="transcript-title">
      <h3 id="transcript-title">${this.d('transcript.title')}</h3>
      <p class="muted">${this.d('transcript.masked')}</p>
      ${
        messages.length === 0
          ? html`<p class="muted">${this.d('transcript.empty')}</p>`
          : html`<ol class="transcript" tabindex="0" aria-labelledby="transcript-title">
              ${messages.map((m) => {
                const card = m.parts.find((p): p is ChatApplicationCardPart => p.type === 'application_card');
                return html`<li data-id=${m.id} data-role=${m.role} data-kind=${card ? 'application_card' : 'text'}>
                  <span class="who">${roleLabel(this.locale, m.role)}${m.agent ? ` ${m.agent.name}` : ''}</span>
                  <span class="muted"> · ${formatDateTime(m.createdAt, this.locale)}</span>
                  ${card ? this.renderCardPart(card) : nothing}
                  ${m.text ? html`<p class="text">${m.text}</p>` : nothing}
                </li>`;
              })}
            </ol>`
      }
    </section>`;
  }

  private renderCardPart(card: ChatApplicationCardPart) {
    const { amount, termMonths, purpose } = card.prefill;
    return html`<p class="card-note">${this.d('transcript.card', card.title)}</p>
      <p class="muted">
        ${[
          amount ? formatMoney(amount, this.locale) : undefined,
          termMonths ? this.d('slot.months', termMonths) : undefined,
          purpose,
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>`;
  }

  private renderSuggestions() {
    return html`<section class="panel stack suggestions" aria-labelledby="suggestions-title">
      <h3 id="suggestions-title">${this.d('suggestions.title')}</h3>
      <p class="muted">${this.d('suggestions.hint')}</p>
      ${this.renderProblem(this.suggestionsError, () => this.suggest())}
      ${
        this.suggesting && this.suggestions.length === 0
          ? html`<p role="status" class="muted">${this.d('suggestions.loading')}</p>`
          : this.suggestions.length === 0 && !this.suggestionsError
            ? html`<p class="muted">${this.d('suggestions.empty')}</p>`
            : nothing
      }
      <ul class="plain">
        ${this.suggestions.map(
          (s, i) => html`<li class="suggestion stack" data-id=${s.id}>
            <p class="text" lang=${s.locale}>${s.text}</p>
            ${this.renderCitations(s.sources)}
            <div class="row">
              <button type="button" class="insert" aria-label=${this.d('suggestions.insertLabel', i + 1)} @click=${() => this.insert(s)}>
                ${this.d('suggestions.insert')}
              </button>
              <button type="button" class="discard" aria-label=${this.d('suggestions.discardLabel', i + 1)} @click=${() => this.discard(s, i)}>
                ${this.d('suggestions.discard')}
              </button>
            </div>
          </li>`,
        )}
      </ul>
      <div class="row">
        <button type="button" class="suggest" ?disabled=${this.suggesting} @click=${() => this.suggest()}>
          ${this.d('suggestions.more')}
        </button>
      </div>
    </section>`;
  }

  private renderComposer() {
    return html`<form class="panel stack composer" @submit=${this.send} novalidate>
      <label
        >${this.d('composer.label')}
        <textarea
          name="reply"
          rows="4"
          maxlength="2000"
          .value=${this.draft}
          aria-invalid=${this.draftMissing ? 'true' : 'false'}
          aria-describedby=${this.draftMissing ? 'reply-missing' : nothing}
          @input=${this.onInput}
          @keydown=${this.onComposerKey}
        ></textarea>
      </label>
      ${this.draftMissing ? html`<p class="message error" id="reply-missing" role="alert">${this.d('composer.empty')}</p>` : nothing}
      <div class="row">
        <button type="submit" class="primary send" ?disabled=${this.busy !== undefined} aria-busy=${this.busy === 'send' ? 'true' : 'false'}>
          ${this.busy === 'send' ? this.d('composer.sending') : this.d('composer.send')}
        </button>
      </div>
    </form>`;
  }

  private renderCard() {
    return html`<section class="panel stack" aria-labelledby="card-title">
      <h3 id="card-title">${this.d('card.title')}</h3>
      <p class="muted">${this.d('card.hint')}</p>
      <div class="row">
        <button type="button" class="send-card" ?disabled=${this.busy !== undefined} @click=${this.sendCard}>
          ${this.d('card.send')}
        </button>
      </div>
    </section>`;
  }

  private renderWrapUp() {
    return html`<form class="panel stack wrap-up" aria-labelledby="wrap-title" @submit=${this.close} novalidate>
      <h3 id="wrap-title">${this.d('wrap.title')}</h3>
      <label
        >${this.d('wrap.disposition')}
        <select
          name="disposition"
          aria-invalid=${this.dispositionMissing ? 'true' : 'false'}
          aria-describedby=${this.dispositionMissing ? 'disposition-missing' : nothing}
          @change=${(e: Event) => {
            this.disposition = (e.target as HTMLSelectElement).value as Disposition | '';
            this.dispositionMissing = false;
          }}
        >
          <option value="" ?selected=${this.disposition === ''}>${this.d('wrap.choose')}</option>
          ${DISPOSITIONS.map(
            (code) =>
              html`<option value=${code} ?selected=${this.disposition === code}>${dispositionLabel(this.locale, code)}</option>`,
          )}
        </select>
      </label>
      ${this.dispositionMissing ? html`<p class="message error" id="disposition-missing" role="alert">${this.d('wrap.needsDisposition')}</p>` : nothing}
      <label
        >${this.d('wrap.note')}
        <textarea name="note" rows="2" maxlength="2000" .value=${this.note} @input=${(e: Event) => {
          this.note = (e.target as HTMLTextAreaElement).value;
        }}></textarea>
      </label>
      <label
        >${this.d('wrap.summary')}
        <textarea name="wrap-up" rows="5" maxlength="4000" .value=${this.wrapUp ?? ''} @input=${(
          e: Event,
        ) => {
          this.wrapUp = (e.target as HTMLTextAreaElement).value;
        }}></textarea>
      </label>
      <div class="row">
        <button type="submit" class="primary close" ?disabled=${this.busy !== undefined}>
          ${this.busy === 'close' ? this.d('wrap.closing') : this.d('wrap.close')}
        </button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-desk-conversation': FcDeskConversation;
  }
}
