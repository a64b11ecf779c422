import type {
  ChatApplicationCardPart,
  ChatCitationPart,
  ChatHandoffPart,
  ChatPart,
  ChatTextPart,
} from '@finlet/contracts';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { loadApply } from '../apply/load-apply.js';
import { commonMessages } from '../internal/common.messages.js';
import { FinletElement, type ShownError } from '../internal/finlet-element.js';
import { baseStyles } from '../internal/styles.js';
import { type AdviceChatMessages, adviceChatMessages } from './advice-chat.messages.js';
import { adviceChatStyles } from './advice-chat.styles.js';
import { ChatController, queueText, type Turn } from './chat-controller.js';
import type { PartContext } from './parts/rich.js';

type RichParts = typeof import('./parts/rich.js');

/** Whether the answer withholds this offer on a card: then no hand-off to apply for it is shown. */
function withheldIn(parts: readonly ChatPart[], offerId: string): boolean {
  return parts.some((p) => p.type === 'offer_card' && p.offer.id === offerId && p.withheld !== undefined);
}

type Scenario = 'tourism' | 'government' | 'consumption' | 'supply-chain';

/**
 * @tagname finlet-advice-chat
 * @summary The bank's advisor inside the partner's page: answers stream in with a source for every
 * fact, offer cards and route tables inline, and "continue to apply" opens a pre-filled
 * `<finlet-apply>` in place. The conversation survives a reload of the page. When a person from the
 * bank takes over, it shows the place in the queue and the expected wait (announced to screen
 * readers), the agent's messages with their name and role, typing, and application cards that
 * open `<finlet-apply>` pre-filled; the user can leave the queue or end the conversation.
 *
 * @fires finlet-ready - The chat is ready (history restored when there was one).
 * @fires finlet-handoff - The user takes a hand-off into an application. Cancelable:
 * `preventDefault()` stops the chat from opening `<finlet-apply>` in place.
 * @fires finlet-application-submit - From the `<finlet-apply>` opened in place.
 * @fires finlet-error - A call failed; `detail.code` is the gateway's problem code.
 * @fires finlet-session-expired - The session ended and cannot be refreshed.
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - Title and the delete button.
 * @csspart log - The list of messages.
 * @csspart message - One message.
 * @csspart sources - The sources of an answer.
 * @csspart offer-card - An offer shown in an answer.
 * @csspart withheld - Why a product on a card is withheld for the user's risk level (no apply button).
 * @csspart health-check - A portfolio health check in an answer (a `<finlet-health-check>`).
 * @csspart route-table - Payment routes shown in an answer.
 * @csspart suggestions - Suggested questions.
 * @csspart form - The question form.
 * @csspart error - An error message.
 * @csspart handoff - The hand-off bar: queue position and expected wait, or who took over, with the leave/end button.
 * @csspart typing - "… is typing" while the agent writes.
 * @csspart agent-message - A message from a person at the bank (also `message`).
 * @csspart application-card - An application an agent drafted for the user.
 *
 * @cssproperty --finlet-color-primary - Brand colour: buttons, links, highlights.
 * @cssproperty --finlet-color-on-primary - Text on the brand colour.
 * @cssproperty --finlet-color-text - Body text.
 * @cssproperty --finlet-color-muted - Secondary text.
 * @cssproperty --finlet-color-surface - Message background.
 * @cssproperty --finlet-color-background - Chat background.
 * @cssproperty --finlet-color-border - Borders.
 * @cssproperty --finlet-color-danger - Errors.
 * @cssproperty --finlet-color-success - Success marks.
 * @cssproperty --finlet-color-focus - Keyboard focus ring.
 * @cssproperty --finlet-radius - Corner radius.
 * @cssproperty --finlet-font-family - Font stack.
 * @cssproperty --finlet-font-size - Base text size.
 * @cssproperty --finlet-spacing - Base spacing unit.
 * @cssproperty --finlet-advice-chat-height - Largest height of the message list before it scrolls.
 */
export class FinletAdviceChat extends FinletElement<AdviceChatMessages> {
  /** @internal */
  static override messages = [commonMessages, adviceChatMessages];
  static override styles = [baseStyles, adviceChatStyles];

  /** Display hint for the suggested questions; the session's scenario wins when it has one. */
  @property() scenario?: Scenario;

  @state() private draft = '';
  /** The answer parts with figures (parts/rich.ts), loaded beside the first paint rather than before it. */
  @state() private rich: RichParts | undefined;
  /** Why they could not load (offline): shown in their place, with a button to try again. */
  @state() private richFailed: ShownError | undefined;
  #richLoading: Promise<void> | undefined;
  /** How to open `<finlet-apply>` in place, once a hand-off has loaded it. */
  @state() private openApply: Awaited<ReturnType<typeof loadApply>> | undefined;
  /** The conversation: answers streamed from the gateway, the live stream after a hand-off, kept over a reload. */
  readonly #chat = new ChatController(this, {
    client: () => this.client,
    config: () => this.config,
    claims: () => this.claims,
    t: this.t.bind(this),
    fail: (error) => this.fail(error),
    ready: (count) => this.emit('finlet-ready', { element: 'advice-chat', count }),
    shown: () => {
      // Not Lit's `@query`: the decorator would be a chunk of its own shared with the apply form.
      const log = this.renderRoot.querySelector('.log');
      if (log) log.scrollTop = log.scrollHeight;
    },
  });

  get #sessionScenario(): Scenario {
    const scn = this.claims?.scn;
    const scenario = typeof scn === 'string' ? scn : this.scenario;
    return (
      (['tourism', 'government', 'consumption', 'supply-chain'] as const).find((s) => s === scenario) ??
      'consumption'
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#loadRich();
  }

  /**
   * Loads the figure-bearing parts once. A failed load (offline) is reported (`finlet-error`),
   * shown where a part needed them, and tried again with the next question or the retry button,
   * not on every render.
   */
  #loadRich(): void {
    this.#richLoading ??= import('./parts/rich.js').then(
      (rich) => {
        this.rich = rich;
        this.richFailed = undefined;
      },
      (error: unknown) => {
        this.#richLoading = undefined;
        this.richFailed = this.fail(error);
      },
    );
  }

  /** A part from parts/rich.ts, or the loading state until they are here (a moment after the first paint). */
  #rich(turn: Turn, render: (rich: RichParts, context: PartContext) => TemplateResult | typeof nothing) {
    if (!this.rich) {
      return this.richFailed
        ? this.renderError(this.richFailed, () => this.#loadRich())
        : this.renderLoading();
    }
    return render(this.rich, {
      t: this.t.bind(this) as PartContext['t'],
      config: this.config,
      cites: (refs) => this.#renderCites(refs, turn),
    });
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed as never);
    if (this.client && this.credentialed) void this.#chat.restore();
  }

  /** Asks a question, as if the user typed it. */
  ask(text: string): Promise<void> {
    this.#loadRich();
    if (text.trim() && this.client && !this.#chat.streaming) this.draft = '';
    return this.#chat.ask(text);
  }

  /** Leaves the queue, or ends the conversation with the person; the advisor answers again. */
  endHandoff(): Promise<void> {
    return this.#chat.endHandoff();
  }

  /** Stops the answer being streamed. */
  stop(): void {
    this.#chat.stop();
  }

  protected override render() {
    const problem = this.renderConfigProblem();
    const locale = this.config.locale;
    return html`<section part="base" class="base ${this.elder ? 'elder' : ''}" aria-labelledby="title" lang=${locale}>
      <header part="header">
        <h2 id="title">${this.t('chat.title')}</h2>
        ${this.#chat.turns.length > 0 ? html`<button type="button" @click=${() => void this.#chat.clear()}>${this.t('chat.clear')}</button>` : nothing}
      </header>
      ${problem !== nothing ? problem : this.#renderChat()}
    </section>`;
  }

  #renderChat(): TemplateResult {
    const scenario = this.#sessionScenario;
    const suggestions = [1, 2, 3].map((n) => this.t(`chat.suggest.${scenario}.${n}` as 'chat.title'));
    const last = [...this.#chat.turns].reverse().find((t) => t.role === 'user');
    return html`
      <div class="log" part="log" role="log" aria-label=${this.t('chat.title')} tabindex="0">
        ${this.#chat.turns.length === 0 ? html`<p class="muted">${this.t('chat.intro')}</p>` : nothing}
        ${this.#chat.turns.map((turn) => this.#renderTurn(turn, turn === this.#chat.turns.at(-1) ? last?.text : undefined))}
      </div>
      ${this.#renderHandoffState()}
      <p class="visually-hidden" role="status" aria-live="polite">${this.#chat.announcement}</p>
      ${
        this.#chat.turns.length === 0 || this.elder
          ? html`<div class="suggestions" part="suggestions">
              <span class="muted">${this.t('chat.suggestions')}</span>
              ${(this.elder ? suggestions.slice(0, 1) : suggestions).map(
                (q) =>
                  html`<button type="button" @click=${() => void this.ask(q)} ?disabled=${this.#chat.streaming}>${q}</button>`,
              )}
            </div>`
          : nothing
      }
      <form part="form" @submit=${(e: Event) => {
        e.preventDefault();
        void this.ask(this.draft);
      }}>
        <label for="question">${this.t('chat.label')}
          <textarea id="question" rows="2" maxlength="2000" .value=${this.draft} placeholder=${this.t('chat.placeholder')}
            @input=${(e: Event) => {
              this.draft = (e.target as HTMLTextAreaElement).value;
            }}
            @keydown=${(e: KeyboardEvent) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
                e.preventDefault();
                void this.ask(this.draft);
              }
            }}></textarea>
        </label>
        ${
          this.#chat.streaming
            ? html`<button type="button" @click=${() => this.stop()}>${this.t('chat.stop')}</button>`
            : html`<button type="submit" class="primary" ?disabled=${!this.draft.trim()}>${this.t('chat.send')}</button>`
        }
      </form>
    `;
  }

  #renderHandoffState(): TemplateResult | typeof nothing {
    const state = this.#chat.handoff;
    if (!state || state.status === 'closed' || state.status === 'abandoned') return nothing;
    const typing = this.#chat.typing;
    return html`<div class="handoff" part="handoff">
      <p>${state.status === 'waiting' ? queueText(this.t.bind(this), state) : this.t('chat.queue.joined', state.agent?.name ?? this.t('chat.agent.agent'))}</p>
      ${typing ? html`<p class="muted typing" part="typing">${this.t('chat.typing', typing.name)}</p>` : nothing}
      <button type="button" @click=${() => void this.endHandoff()}>${state.status === 'waiting' ? this.t('chat.queue.leave') : this.t('chat.queue.end')}</button>
    </div>`;
  }

  #renderTurn(turn: Turn, retryText: string | undefined): TemplateResult {
    if (turn.role === 'agent') {
      const who = turn.agent
        ? `${turn.agent.name} · ${this.t(turn.agent.role === 'admin' ? 'chat.agent.admin' : 'chat.agent.agent')}`
        : this.t('chat.agent.agent');
      return html`<div class="message agent" part="message agent-message">
        <span class="who">${who}</span>
        ${turn.text ? html`<p>${turn.text}</p>` : nothing}
        ${turn.parts.flatMap((p) => (p.type === 'application_card' ? [this.#renderCard(p, turn)] : []))}
      </div>`;
    }
    if (turn.role === 'user') {
      return html`<div class="message user" part="message"><span class="who">${this.t('chat.you')}</span><span>${turn.text}</span></div>`;
    }
    const citations = turn.parts.filter((p): p is ChatCitationPart => p.type === 'citation');
    return html`<div class="message assistant" part="message" aria-busy=${turn.status === 'streaming' ? 'true' : 'false'}>
      <span class="who">${this.t('chat.advisor')}</span>
      ${turn.parts.length === 0 && turn.status === 'streaming' ? html`<span class="muted">${this.t('chat.thinking')}</span>` : nothing}
      <div class="answer">${this.renderParts(turn)}</div>
      ${
        citations.length > 0
          ? html`<div class="sources" part="sources"><strong>${this.t('chat.sources')}</strong><ol>
              ${citations.map(
                (c) => html`<li lang=${c.lang ?? nothing}><details id=${`source-${turn.id}-${c.ref}`}>
                  <summary>${c.title} <span class="muted">v${c.version}</span></summary>
                  <blockquote>${c.passage}</blockquote>
                </details></li>`,
              )}
            </ol></div>`
          : nothing
      }
      ${turn.replaced ? html`<p class="muted" role="note">${this.t('chat.replaced')}</p>` : nothing}
      ${turn.status === 'error' && turn.error ? this.renderError(turn.error) : nothing}
      ${turn.status === 'stopped' ? html`<p class="muted">${this.t('chat.stopped')}</p>` : nothing}
      ${
        (turn.status === 'error' || turn.status === 'stopped') && retryText
          ? html`<div class="actions"><button type="button" @click=${() => {
              void this.#chat.retry(retryText);
            }}>${this.t('chat.retry')}</button></div>`
          : nothing
      }
    </div>`;
  }

  private renderParts(turn: Turn): Array<TemplateResult | typeof nothing> {
    const out: Array<TemplateResult | typeof nothing> = [];
    let sentences: ChatTextPart[] = [];
    const flush = () => {
      if (sentences.length === 0) return;
      const body = sentences.filter((s) => !s.disclaimer);
      const notices = sentences.filter((s) => s.disclaimer);
      if (body.length > 0) out.push(html`<p>${body.map((s) => this.#renderSentence(s, turn))}</p>`);
      for (const notice of notices)
        out.push(html`<p class="disclaimer" role="note">${this.#renderSentence(notice, turn)}</p>`);
      sentences = [];
    };
    for (const part of turn.parts) {
      if (part.type === 'text') {
        sentences.push(part);
        continue;
      }
      // A streamed answer sends each source just before the first sentence citing it: same paragraph.
      if (part.type === 'citation') continue;
      flush();
      if (part.type === 'offer_card') out.push(this.#rich(turn, (r, c) => r.renderOfferCard(part, c)));
      else if (part.type === 'route_table') out.push(this.#rich(turn, (r, c) => r.renderRouteTable(part, c)));
      else if (part.type === 'health_check')
        out.push(this.#rich(turn, (r, c) => r.renderHealthCheckPart(part, c)));
      else if (part.type === 'handoff') {
        if (!withheldIn(turn.parts, part.offerId)) out.push(this.renderHandoff(part, turn));
      } else if (part.type === 'human_handoff') {
        out.push(
          part.offered
            ? html`<div class="actions"><button type="button" @click=${() => void this.ask(this.t('chat.human'))}>${this.t('chat.human')}</button></div>`
            : html`<p role="note">${this.t('chat.humanRequested')}</p>`,
        );
      }
    }
    flush();
    return out;
  }

  #renderSentence(sentence: ChatTextPart, turn: Turn): TemplateResult {
    return html`${sentence.delta}${this.#renderCites(sentence.cites, turn)}`;
  }

  /** The `[n]` buttons after a sentence or an offer's name: one template for both. */
  #renderCites(cites: readonly number[] | undefined, turn: Turn): TemplateResult[] {
    return (cites ?? []).map(
      (ref) => html`<button type="button" class="cite" aria-label=${this.t('chat.source', ref)}
        @click=${() => this.#openSource(turn, ref)}>[${ref}]</button>`,
    );
  }

  #openSource(turn: Turn, ref: number): void {
    const details = this.renderRoot.querySelector<HTMLDetailsElement>(
      `#source-${CSS.escape(turn.id)}-${ref}`,
    );
    if (!details) return;
    details.open = true;
    details.querySelector('summary')?.focus();
  }

  /** An application an agent drafted: the user opens it in <finlet-apply> and submits it themselves. */
  #renderCard(part: ChatApplicationCardPart, turn: Turn): TemplateResult {
    return html`<div class="card" part="application-card" data-offer=${part.offerId}>
      <h3>${part.title}</h3>
      ${this.#rich(turn, (r, c) => r.renderCardAmount(part, c))}
      ${this.renderHandoff(part, turn, this.t('chat.card.open'))}
    </div>`;
  }

  private renderHandoff(
    part: ChatHandoffPart | ChatApplicationCardPart,
    turn: Turn,
    label = this.t('chat.apply'),
  ): TemplateResult {
    if (turn.applying === part) {
      if (!this.openApply) {
        loadApply().then(
          (open) => {
            this.openApply = open;
          },
          (error: unknown) => this.fail(error),
        );
      }
      return this.openApply?.(this.config, part) ?? this.renderLoading();
    }
    return html`<div class="actions"><button type="button" class="primary" @click=${() => {
      const proceed = this.emit(
        'finlet-handoff',
        {
          offerId: part.offerId,
          offerVersion: part.offerVersion,
          prefill: part.prefill,
          conversationId: this.#chat.conversationId ?? null,
        },
        { cancelable: true },
      );
      if (proceed) {
        turn.applying = part;
        this.requestUpdate();
      }
    }}>${label}</button></div>`;
  }
}
