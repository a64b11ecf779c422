import type { FinletClient } from '@finlet/client/light';
import type {
  ChatAgent,
  ChatApplicationCardPart,
  ChatHandoffPart,
  ChatMessage,
  ChatPart,
  ChatTextPart,
  HandoffUserState,
  Locale,
} from '@finlet/contracts';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CommonMessages } from '../internal/common.messages.js';
import type { ShownError } from '../internal/finlet-element.js';
import type { Args } from '../internal/messages.js';
import type { AdviceChatMessages } from './advice-chat.messages.js';

export interface Turn {
  id: string;
  role: 'user' | 'assistant' | 'agent';
  /** Who wrote an `agent` turn. */
  agent?: ChatAgent;
  text: string;
  parts: ChatPart[];
  status: 'streaming' | 'done' | 'stopped' | 'error';
  /** The gateway withdrew what this answer had shown (a later sentence failed a check): the parts restarted. */
  replaced?: boolean;
  error?: ShownError;
  /** The hand-off (or an agent's application card) opened in place, when the user took it. */
  applying?: ChatHandoffPart | ChatApplicationCardPart;
}

type Texts = CommonMessages & AdviceChatMessages;

/**
 * What the chat needs from the element that hosts it. Each is read when used, so a change of
 * gateway, session or locale applies to the next call.
 */
export interface ChatContext {
  /** The page's client for the configured gateway, if there is one. */
  client(): FinletClient | undefined;
  /** The configured gateway and locale. */
  config(): { gateway?: string | undefined; locale: Locale };
  /** Display-only claims of the current session: `sub` names the user whose conversation is kept. */
  claims(): Record<string, unknown> | undefined;
  t<K extends keyof Texts & string>(key: K, ...args: Args<Texts, K>): string;
  /** Turns a failure into what is shown (and emits `finlet-error`). */
  fail(error: unknown): ShownError;
  /** The conversation there was before a reload is back (`count` turns, 0 when there was none). */
  ready(count: number): void;
  /** Something was added to the log and rendered: bring it into view. */
  shown(): void;
}

const STORAGE_PREFIX = 'finlet-chat:';

/** The queue's state in words: place in the queue and expected wait. */
export function queueText(t: ChatContext['t'], state: HandoffUserState): string {
  const wait =
    state.expectedWaitSeconds !== null
      ? ` ${t('chat.queue.wait', Math.max(1, Math.ceil(state.expectedWaitSeconds / 60)))}`
      : '';
  return state.position !== null
    ? `${t('chat.queue.waiting', state.position)}${wait}`
    : t('chat.humanRequested');
}

/**
 * The conversation of `<finlet-advice-chat>`: the advisor's answers read from the gateway's
 * Server-Sent Events, the live stream after a hand-off (resumed after the last event seen when it
 * drops), and the conversation id kept for the page's session so that a reload brings it back.
 * The hosting element renders `turns`, `handoff`, `typing` and `announcement`; every change asks
 * it to update.
 */
export class ChatController implements ReactiveController {
  turns: Turn[] = [];
  conversationId: string | undefined;
  /** A person from the bank: the queue state while waiting, who took over, or how it ended. */
  handoff: HandoffUserState | null = null;
  /** The agent typing right now. */
  typing: ChatAgent | null = null;
  /** The latest news for screen readers (a polite live region). */
  announcement = '';

  /** Follows the conversation's live stream after a hand-off (until disconnected). @internal */
  following: AbortController | undefined;
  /** The last live event seen: a dropped stream resumes after it. @internal */
  lastEventId: number | undefined;
  /** @internal */
  typingTimer: ReturnType<typeof setTimeout> | undefined;
  #answering: AbortController | undefined;
  #restoredFor: string | undefined;
  #counter = 0;

  readonly #host: ReactiveControllerHost;
  readonly #context: ChatContext;

  constructor(host: ReactiveControllerHost, context: ChatContext) {
    this.#host = host;
    this.#context = context;
    host.addController(this);
  }

  /** @internal */
  get host(): ReactiveControllerHost {
    return this.#host;
  }

  /** @internal */
  get context(): ChatContext {
    return this.#context;
  }

  hostDisconnected(): void {
    this.#answering?.abort();
    this.following?.abort();
    this.following = undefined;
    clearTimeout(this.typingTimer);
  }

  /** An answer is being streamed. */
  get streaming(): boolean {
    return this.turns.some((t) => t.status === 'streaming');
  }

  get #storageKey(): string | undefined {
    const sub = this.#context.claims()?.sub;
    return typeof sub === 'string' ? `${STORAGE_PREFIX}${this.#context.config().gateway}:${sub}` : undefined;
  }

  /** Brings back, once per gateway, the conversation this user had on this page before a reload. */
  async restore(): Promise<void> {
    const context = this.#context;
    const host = this.#host;
    const client = context.client();
    const { gateway } = context.config();
    if (!client || this.#restoredFor === gateway) return;
    this.#restoredFor = gateway;
    // The claims (and so the storage key) are known once the first token is in.
    await client.session.current().catch(() => undefined);
    host.requestUpdate();
    const key = this.#storageKey;
    const id = key ? sessionStorage.getItem(key) : null;
    if (id) {
      try {
        const conversation = await client.chat.get(id);
        this.conversationId = conversation.id;
        this.turns = conversation.messages.map(toTurn);
        this.handoff = conversation.handoff ?? null;
        host.requestUpdate();
        this.lastEventId = conversation.lastEventId;
        this.#follow();
        await host.updateComplete;
        context.shown();
      } catch {
        if (key) sessionStorage.removeItem(key);
      }
    }
    context.ready(this.turns.length);
  }

  /** Asks a question; resolves when the answer ended. Nothing is asked while an answer streams. */
  async ask(text: string): Promise<void> {
    const context = this.#context;
    const host = this.#host;
    const question = text.trim();
    const client = context.client();
    if (!question || !client || this.streaming) return;
    const user: Turn = {
      id: `local-${++this.#counter}`,
      role: 'user',
      text: question,
      parts: [],
      status: 'done',
    };
    const answer: Turn = {
      id: `local-${++this.#counter}`,
      role: 'assistant',
      text: '',
      parts: [],
      status: 'streaming',
    };
    this.turns.push(user, answer);
    this.announcement = context.t('chat.thinking');
    host.requestUpdate();
    this.#answering = new AbortController();
    const signal = this.#answering.signal;
    try {
      const stream = client.chat.send(
        {
          text: question,
          locale: context.config().locale,
          ...(this.conversationId ? { conversationId: this.conversationId } : {}),
        },
        { signal },
      );
      for await (const part of stream) {
        // Sentences arrive one by one, each checked by the gateway; `replace` withdraws them all.
        if (part.type === 'replace') {
          answer.parts = [];
          answer.replaced = true;
        } else answer.parts = [...answer.parts, part];
        if (part.type === 'done') {
          answer.status = 'done';
          this.conversationId = part.conversationId;
          const key = this.#storageKey;
          if (key) sessionStorage.setItem(key, part.conversationId);
          if (part.provider === 'agent') {
            // It went to the person: no advisor answer; the stream echoes the message with its id.
            this.turns = this.turns.filter((t) => t !== answer);
            if (!this.turns.some((t) => t.id === part.messageId)) user.id = part.messageId;
          }
        } else if (part.type === 'human_handoff' && part.handoffId) {
          this.handoff = {
            handoffId: part.handoffId,
            status: 'waiting',
            position: null,
            expectedWaitSeconds: null,
            agent: null,
          };
        } else if (part.type === 'error') {
          answer.status = 'error';
          answer.error = context.fail({
            name: 'FinletApiError',
            code: part.code,
            status: 200,
            message: part.message,
          });
        }
        host.requestUpdate();
        await host.updateComplete;
        context.shown();
      }
      if (answer.status === 'streaming') answer.status = signal.aborted ? 'stopped' : 'done';
      this.announcement =
        answer.status === 'done'
          ? `${context.t('chat.answerReady')} ${plainText(answer.parts)}`
          : context.t('chat.stopped');
    } catch (error) {
      if (signal.aborted) {
        answer.status = 'stopped';
        this.announcement = context.t('chat.stopped');
      } else {
        // The connection dropped before the gateway's last check: what arrived may still have been
        // withdrawn, so none of it stays on screen; the error and "retry" take its place.
        answer.parts = [];
        answer.replaced = false;
        answer.status = 'error';
        answer.error = context.fail(error);
        this.announcement = answer.error.message;
      }
    } finally {
      this.#answering = undefined;
      host.requestUpdate();
    }
    this.#follow();
  }

  /** Asks the last question again in place of its failed or stopped answer. */
  retry(text: string): Promise<void> {
    this.turns.length -= 2;
    this.#host.requestUpdate();
    return this.ask(text);
  }

  /** Stops the answer being streamed. */
  stop(): void {
    this.#answering?.abort();
  }

  /** Leaves the queue, or ends the conversation with the person; the advisor answers again. */
  async endHandoff(): Promise<void> {
    const context = this.#context;
    const client = context.client();
    const id = this.conversationId;
    if (!client || !id) return;
    try {
      this.handoff = await client.chat.endHandoff(id);
      this.announcement = context.t('chat.queue.ended');
    } catch (error) {
      this.announcement = context.fail(error).message;
    }
    this.#host.requestUpdate();
  }

  /** Deletes the conversation at the gateway and forgets it on this page. */
  async clear(): Promise<void> {
    const context = this.#context;
    const client = context.client();
    const id = this.conversationId;
    this.stop();
    if (client && id) {
      try {
        await client.chat.delete(id);
      } catch (error) {
        context.fail(error);
        return;
      }
    }
    const key = this.#storageKey;
    if (key) sessionStorage.removeItem(key);
    this.conversationId = undefined;
    this.turns = [];
    this.announcement = context.t('chat.cleared');
    this.#host.requestUpdate();
  }

  /**
   * Follows the conversation's live stream while a person is, or is about to be, in it
   * (chat-follow.ts, loaded then: most conversations never reach a person).
   */
  #follow(): void {
    const status = this.handoff?.status;
    if (!this.#context.client() || !this.conversationId || this.following) return;
    if (status !== 'waiting' && status !== 'claimed') return;
    const controller = new AbortController();
    this.following = controller;
    import('./chat-follow.js').then(
      (follow) => follow.follow(this, controller.signal),
      () => {
        // Tried again at the next answer or reload.
        if (this.following === controller) this.following = undefined;
      },
    );
  }
}

/** A message the gateway kept, as shown. */
export function toTurn(m: ChatMessage): Turn {
  return {
    id: m.id,
    role: m.role,
    ...(m.agent ? { agent: m.agent } : {}),
    text: m.text,
    parts: m.parts,
    status: 'done',
  };
}

/** The answer's words without citations, for the screen-reader announcement. */
function plainText(parts: ChatPart[]): string {
  return parts
    .filter((p): p is ChatTextPart => p.type === 'text' && !p.disclaimer)
    .map((p) => p.delta)
    .join('')
    .slice(0, 300);
}
