import type { ConversationEvent } from '@finlet/contracts';
import { type ChatController, queueText, toTurn } from './chat-controller.js';

/*
 * The live stream of a conversation a person from the bank is in (or about to be): the queue
 * state, the agent's messages and typing. Loaded when a hand-off starts; most conversations never
 * reach one, so the chat paints without it.
 */

/**
 * Reads the conversation's live stream until `signal` aborts. A dropped stream is opened again
 * after a growing pause, resuming after the last event seen.
 */
export async function follow(chat: ChatController, signal: AbortSignal): Promise<void> {
  const client = chat.context.client();
  const id = chat.conversationId;
  if (!client || !id) return;
  let pause = 1_000;
  while (!signal.aborted) {
    try {
      for await (const { id: eventId, event } of client.chat.events(id, {
        ...(chat.lastEventId !== undefined ? { lastEventId: chat.lastEventId } : {}),
        signal,
      })) {
        if (eventId !== undefined) chat.lastEventId = eventId;
        onEvent(chat, event);
        pause = 1_000;
      }
    } catch {
      // Reconnect below, unless the element is gone.
    }
    if (signal.aborted) break;
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 30_000);
  }
}

function onEvent(chat: ChatController, event: ConversationEvent): void {
  const { host, context } = chat;
  const t = context.t;
  if (event.type === 'handoff_state') {
    const before = chat.handoff;
    const state = event.state;
    chat.handoff = state;
    if (state.status === 'claimed' && state.agent && before?.status !== 'claimed') {
      chat.announcement = t('chat.queue.joined', state.agent.name);
    } else if (state.status === 'waiting' && state.position !== null && state.position !== before?.position) {
      chat.announcement = queueText(t, state);
    } else if (
      (state.status === 'closed' || state.status === 'abandoned') &&
      before?.status !== state.status
    ) {
      chat.announcement = t('chat.queue.ended');
      chat.typing = null;
    }
    host.requestUpdate();
    return;
  }
  if (event.type === 'agent_typing') {
    clearTimeout(chat.typingTimer);
    chat.typing = event.typing ? event.agent : null;
    host.requestUpdate();
    // A typing notice that is never stopped fades on its own.
    if (event.typing)
      chat.typingTimer = setTimeout(() => {
        chat.typing = null;
        host.requestUpdate();
      }, 8_000);
    return;
  }
  const m = event.message;
  if (chat.turns.some((turn) => turn.id === m.id)) return;
  const local =
    m.role === 'user'
      ? chat.turns.find(
          (turn) => turn.role === 'user' && turn.id.startsWith('local-') && turn.text === m.text,
        )
      : undefined;
  if (local) {
    local.id = m.id;
    host.requestUpdate();
    return;
  }
  if (m.role === 'agent') {
    chat.typing = null;
    chat.announcement = `${m.agent?.name ?? t('chat.agent.agent')}: ${m.text}`;
  } else if (m.role === 'assistant') {
    chat.announcement = m.text;
  }
  chat.turns.push(toTurn(m));
  host.requestUpdate();
  void host.updateComplete.then(() => context.shown());
}
