import type {
  AdminIdentity,
  ChatAgent,
  ChatMessage,
  ConversationEvent,
  HandoffAgentRef,
  HandoffUserState,
  Locale,
} from '@finlet/contracts';
import type { Context } from 'hono';
import type { GatewayEnv } from '../http/context.js';
import { HttpProblem } from '../http/problem.js';
import { newId } from '../internal/ids.js';
import type { ConversationRecord, StoredChatMessage } from '../knowledge/store.js';
import type { Store } from '../storage/store.js';
import type { HandoffMove, HandoffRecord } from './store.js';

/** Roles that read the queue and hand-offs (admin always may). */
export const HANDOFF_READERS = ['agent', 'reviewer', 'approver'] as const;

/** How many recent waits the expected wait is estimated from. */
const WAIT_SAMPLE = 50;

/** Only the agent role takes over: claims, writes to users and closes. */
export function agentCaller(c: Context<GatewayEnv>): AdminIdentity {
  const caller = c.get('caller');
  if (caller?.kind !== 'admin') throw new HttpProblem('unauthorized');
  if (caller.admin.role !== 'agent') {
    throw new HttpProblem('handoff_role_not_allowed', {
      detail: `The ${caller.admin.role} role cannot take over hand-offs; use an agent key.`,
    });
  }
  return caller.admin;
}

export const agentRef = (admin: AdminIdentity): HandoffAgentRef => ({
  id: admin.id,
  name: admin.name,
  role: admin.role,
});

/** What the user sees of the person: their name and whether they are an agent or a supervisor. */
export const chatAgent = (agent: HandoffAgentRef): ChatAgent => ({
  name: agent.name,
  role: agent.role === 'admin' ? 'admin' : 'agent',
});

/** Median of recent waits, in whole seconds; undefined without history. */
function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function userState(store: Store, record: HandoffRecord): Promise<HandoffUserState> {
  const position = await store.handoffs.position(record);
  let expectedWaitSeconds: number | null = null;
  if (position !== null) {
    const typical = median(await store.handoffs.recentWaits(WAIT_SAMPLE));
    if (typical !== undefined) expectedWaitSeconds = Math.round(typical * position);
  }
  return {
    handoffId: record.handoff.id,
    status: record.status,
    position,
    expectedWaitSeconds,
    agent: record.claimedBy ? chatAgent(record.claimedBy) : null,
  };
}

/** The problem a refused move answers with, from the state the hand-off is in instead. */
export function refusal(move: HandoffMove & { ok: false }, id: string, agentId?: string): HttpProblem {
  const record = move.record;
  if (!record) return new HttpProblem('not_found', { detail: `No hand-off ${id}.` });
  switch (record.status) {
    case 'closed':
      return new HttpProblem('handoff_closed', { detail: `Hand-off ${id} was closed.` });
    case 'abandoned':
      return new HttpProblem('handoff_abandoned', { detail: `The user left hand-off ${id}.` });
    case 'claimed':
      return record.claimedBy?.id === agentId
        ? new HttpProblem('handoff_not_claimed', { detail: `You already hold hand-off ${id}.` })
        : new HttpProblem('handoff_already_claimed', {
            detail: `${record.claimedBy?.name ?? 'Another agent'} has taken hand-off ${id}.`,
          });
    default:
      return new HttpProblem('handoff_not_claimed', { detail: `Claim hand-off ${id} first.` });
  }
}

/** Requires the hand-off to be claimed by this agent (to write to its user, send a card, close it). */
export function requireHeld(record: HandoffRecord | undefined, id: string, agentId: string): HandoffRecord {
  if (record?.status === 'claimed' && record.claimedBy?.id === agentId) return record;
  if (record?.status === 'claimed') {
    throw new HttpProblem('handoff_not_claimed', {
      detail: `${record.claimedBy?.name ?? 'Another agent'} holds hand-off ${id}.`,
    });
  }
  throw refusal({ ok: false, record }, id, agentId);
}

/**
 * Appends a message to the conversation and to its event log, in the caller's transaction. Tell
 * the streams (`ConversationStreams.eventAdded`) once the transaction has committed.
 */
export async function postMessage(
  tx: Store,
  conversation: ConversationRecord,
  message: Omit<StoredChatMessage, 'seq' | 'id'> & { id?: string },
): Promise<{ message: ChatMessage; eventId: number }> {
  // The event id first: it locks the conversation, so concurrent writers number messages in turn.
  const eventId = await tx.handoffs.nextEventId(conversation.id);
  const history = await tx.chat.listMessages(conversation.id);
  const stored: StoredChatMessage = {
    ...message,
    id: message.id ?? newId('msg'),
    seq: (history.at(-1)?.seq ?? 0) + 1,
  };
  await tx.chat.appendMessage(conversation, stored);
  const { slots: _slots, seq: _seq, ...wire } = stored;
  const event: ConversationEvent = { type: 'message', message: wire };
  await tx.handoffs.insertEvent(conversation.id, eventId, event, stored.createdAt);
  return { message: wire, eventId };
}

/** What the advisor says when a person hands the conversation back (or the user left the queue). */
export function advisorBack(locale: Locale, how: 'closed' | 'left_queue' | 'ended'): string {
  const zh = locale === 'zh-CN';
  switch (how) {
    case 'closed':
      return zh
        ? '人工客服已结束本次服务。您可以继续向智能顾问提问。'
        : 'The bank advisor has closed this conversation. You can keep asking the assistant.';
    case 'left_queue':
      return zh
        ? '您已离开排队。您可以继续向智能顾问提问。'
        : 'You left the queue. You can keep asking the assistant.';
    case 'ended':
      return zh
        ? '您已结束与人工客服的对话。您可以继续向智能顾问提问。'
        : 'You ended the conversation with the bank advisor. You can keep asking the assistant.';
  }
}
