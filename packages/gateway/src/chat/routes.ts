import type { ChatPart, ChatSlots, Conversation, HumanHandoff } from '@finlet/contracts';
import {
  type AdvisorAnswer,
  type AnswerPart,
  advise,
  createAdvisorTools,
  mergeSlots,
  summarizeConversation,
  understand,
} from '@finlet/engine';
import { recordShownOffers } from '../disclosures/receipts.js';
import { advisorBack, postMessage, userState } from '../handoffs/service.js';
import type { ConversationStreams } from '../handoffs/stream.js';
import { sessionCaller } from '../http/callers.js';
import type { FeatureHandlers, Handler } from '../http/handler.js';
import { header } from '../http/headers.js';
import { HttpProblem } from '../http/problem.js';
import { type EventWriter, eventStream } from '../http/sse.js';
import type { GatewayDeps } from '../internal/deps.js';
import { newId } from '../internal/ids.js';
import type { ConversationRecord, StoredChatMessage } from '../knowledge/store.js';
import { signalledHoldings } from '../portfolio/health-check.js';
import { previewedOffer } from '../preview/scope.js';
import { overrideContext } from '../suitability-overrides/routes.js';
import { emitWebhookEvent } from '../webhooks/outbox.js';
import { emitBankHandoffEvent } from '../workspace/feed.js';
import type { KnowledgeCatalog } from './catalog.js';
import { type LlmConfig, llmAdvise } from './llm.js';
import { maskPersonalData } from './mask.js';

export interface ChatDeps {
  catalog: KnowledgeCatalog;
  /** Optional OpenAI-compatible model; the default advisor answers when it fails or does not cite. */
  llm?: LlmConfig;
  /** The users' live streams: a message to a person during a hand-off goes through them. */
  streams: ConversationStreams;
}

/** One Server-Sent Event per part: the event name is the part type, the data its JSON (one line). */
function sendPart(writer: EventWriter, part: ChatPart): void {
  writer.event(part.type, part);
}

/** The SSE answer to a message that went to a person: no advisor parts, only `done`. */
function deliveredToAgent(
  c: Parameters<Handler<'sendChatMessage'>>[0],
  conversationId: string,
  messageId: string,
): Response {
  const done: ChatPart = { type: 'done', conversationId, messageId, intent: 'human', provider: 'agent' };
  return eventStream(c, async (_stream, writer) => sendPart(writer, done));
}

export function chatHandlers(deps: GatewayDeps, chat: ChatDeps) {
  return {
    sendChatMessage: async (c, { body: request }) => {
      const { partner, claims } = sessionCaller(c);
      const now = deps.clock();
      const at = now.toISOString();
      const locale = request.locale ?? claims.loc;
      let conversation: ConversationRecord | undefined;
      let history: StoredChatMessage[] = [];
      // A preview answers over the catalogue with the previewed version and stores nothing.
      const previewed = claims.pvw ? await previewedOffer(deps, claims) : undefined;
      if (request.conversationId && !previewed) {
        conversation = await deps.store.chat.getConversation(partner.id, claims.sub, request.conversationId);
        if (!conversation)
          throw new HttpProblem('not_found', { detail: 'No such conversation for this user.' });
        history = await deps.store.chat.listMessages(conversation.id);
        // While a person has the conversation (or the user waits for one), messages go to them.
        const handoff = await deps.store.handoffs.latestFor(conversation.id);
        if (handoff && (handoff.status === 'waiting' || handoff.status === 'claimed')) {
          const current = conversation;
          const posted = await deps.store.transaction(async (tx) => {
            const still = await tx.handoffs.get(handoff.handoff.id);
            if (still?.status !== 'waiting' && still?.status !== 'claimed') return undefined;
            return postMessage(tx, current, {
              role: 'user',
              text: maskPersonalData(request.text),
              parts: [],
              intent: 'human',
              slots: {},
              createdAt: at,
            });
          });
          if (posted) {
            await chat.streams.eventAdded(conversation.id);
            return deliveredToAgent(c, conversation.id, posted.message.id);
          }
        }
      }
      const { index, offers } = previewed
        ? await chat.catalog.withOffer(previewed)
        : await chat.catalog.get();
      let priorFailures = 0;
      for (const m of [...history].reverse()) {
        if (m.role !== 'assistant') continue;
        if (m.parts.some((p) => p.type === 'human_handoff' && p.offered)) priorFailures++;
        else break;
      }
      // The advisor (and an LLM provider) reads the masked text: a phone or ID number is nobody's business there.
      const masked = maskPersonalData(request.text);
      // Holdings are read only for a question about them (one more query, not one per message).
      const holdings =
        understand(masked, locale).intent === 'portfolio_check'
          ? await signalledHoldings(deps, { partnerId: partner.id, claims })
          : undefined;
      const adviseInput = {
        text: masked,
        ...(locale ? { locale } : {}),
        scenario: claims.scn,
        index,
        tools: createAdvisorTools({
          offers,
          signals: claims.sig ?? {},
          scenario: claims.scn,
          partnerId: partner.id,
          now,
          ...(holdings ? { holdings } : {}),
          // A product the user acknowledged above their level (where policy allows) may be handed into an application.
          override: await overrideContext(deps.store, deps.suitabilityOverride, partner.id, claims.sub),
        }),
        priorFailures,
      };
      const existing = conversation;
      const userSeq = history.length + 1;
      const assistantId = newId('msg');
      // Known before the answer streams, so a requested hand-off's part carries its id when it is sent.
      const handoffId = newId('hof');
      const named = (part: AnswerPart): ChatPart =>
        part.type === 'human_handoff' && !part.offered && !previewed ? { ...part, handoffId } : part;
      const log = c.get('log');
      const requestId = c.get('requestId');
      // The answer streams as it is made: at once from the default advisor, sentence by checked
      // sentence from a model. The conversation is stored once the answer stands, and `done`
      // follows only once it is, so a client that saw `done` can always read the conversation back.
      // A client that goes away does not stop the answer: it is stored all the same, and a reload
      // shows it.
      return eventStream(c, async (_stream, writer) => {
        const send = (part: ChatPart) => sendPart(writer, part);
        let provider: 'default' | 'llm' = 'default';
        let answer: AdvisorAnswer;
        if (chat.llm) {
          const outcome = await llmAdvise(chat.llm, adviseInput, {
            onPart: (part) => send(part.type === 'replace' ? part : named(part)),
          });
          provider = outcome.provider;
          answer = outcome.answer;
          if (outcome.provider === 'default' && outcome.fallback !== 'policy') {
            log?.warn({ requestId, fallback: outcome.fallback }, 'llm fallback');
          }
        } else {
          answer = advise(adviseInput);
          for (const part of answer.parts) send(named(part));
        }
        const parts = answer.parts.map(named);
        const record: ConversationRecord = existing ?? {
          id: newId('cnv'),
          partnerId: partner.id,
          userId: claims.sub,
          scenario: claims.scn,
          locale: answer.locale,
          createdAt: at,
          updatedAt: at,
        };
        const userMessage: StoredChatMessage = {
          id: newId('msg'),
          seq: userSeq,
          role: 'user',
          text: masked,
          parts: [],
          intent: answer.intent,
          slots: answer.slots,
          createdAt: at,
        };
        let handoff: HumanHandoff | undefined;
        if (answer.humanHandoff && !previewed) {
          const slots: ChatSlots = mergeSlots(...history.map((m) => m.slots), answer.slots);
          handoff = {
            id: handoffId,
            partnerId: partner.id,
            userId: claims.sub,
            conversationId: record.id,
            scenario: claims.scn,
            reason: answer.humanHandoff,
            summary: summarizeConversation(
              [...history, userMessage].map((m) => ({ role: m.role, text: m.text, intent: m.intent })),
              slots,
              answer.locale,
            ),
            slots,
            status: 'open',
            createdAt: at,
          };
        }
        const assistantMessage: StoredChatMessage = {
          id: assistantId,
          seq: userSeq + 1,
          role: 'assistant',
          text: parts.flatMap((p) => (p.type === 'text' ? [p.delta] : [])).join(' '),
          parts,
          intent: answer.intent,
          slots: {},
          createdAt: new Date(now.getTime() + 1).toISOString(),
        };
        const done: ChatPart = {
          type: 'done',
          conversationId: record.id,
          messageId: assistantMessage.id,
          intent: answer.intent,
          provider,
        };
        // One turn of the event loop before storing: the parts written so far reach the client
        // first, rather than waiting behind the transaction's queries (SQLite's are synchronous).
        await new Promise((resolve) => setImmediate(resolve));
        if (previewed) {
          send(done);
          return;
        }
        try {
          await deps.store.transaction(async (tx) => {
            if (history.length === 0 && !request.conversationId) await tx.chat.createConversation(record);
            await tx.chat.appendMessage(record, userMessage);
            await tx.chat.appendMessage(record, assistantMessage);
            // An offer card in the answer is a display: its disclosures (a wealth product's risk
            // level, warning and past-performance wording included) are kept as evidence.
            const carded = parts.flatMap((p) =>
              p.type === 'offer_card' ? [`${p.offer.id}@${p.offer.version}`] : [],
            );
            await recordShownOffers(tx, {
              partnerId: partner.id,
              userId: claims.sub,
              surface: 'chat',
              locale: answer.locale,
              offers: offers.filter((o) => carded.includes(`${o.id}@${o.version}`)),
              at: now,
            });
            if (handoff) {
              await tx.chat.insertHandoff(handoff, { language: answer.locale, signals: claims.sig ?? {} });
              // The partner learns that a person takes over; the summary stays with the bank.
              await emitWebhookEvent(tx, {
                partnerId: handoff.partnerId,
                type: 'handoff.created',
                data: {
                  id: handoff.id,
                  conversationId: handoff.conversationId,
                  userId: handoff.userId,
                  scenario: handoff.scenario,
                  reason: handoff.reason,
                  createdAt: handoff.createdAt,
                },
                at: now,
              });
              await emitBankHandoffEvent(tx, {
                type: 'handoff.created',
                data: {
                  id: handoff.id,
                  partnerId: handoff.partnerId,
                  conversationId: handoff.conversationId,
                  status: 'waiting',
                  userId: handoff.userId,
                  scenario: handoff.scenario,
                  reason: handoff.reason,
                  at: handoff.createdAt,
                },
                at: now,
              });
            }
          });
          if (handoff) {
            deps.webhooks?.notify();
            await chat.streams.queueMoved();
          }
          send(done);
        } catch (error) {
          log?.error({ requestId, err: String(error) }, 'chat not stored');
          const failed: ChatPart = {
            type: 'error',
            code: 'internal_error',
            message: 'The answer could not be saved; please send the message again.',
          };
          send(failed);
        }
      });
    },

    getConversation: async (c, { params: { id } }) => {
      const { partner, claims } = sessionCaller(c);
      const conversation = await deps.store.chat.getConversation(partner.id, claims.sub, id);
      if (!conversation)
        throw new HttpProblem('not_found', { detail: 'No such conversation for this user.' });
      const [messages, handoff, lastEventId] = await Promise.all([
        deps.store.chat.listMessages(id),
        deps.store.handoffs.latestFor(id),
        deps.store.handoffs.lastEventId(id),
      ]);
      const body: Conversation = {
        id: conversation.id,
        scenario: conversation.scenario,
        locale: conversation.locale,
        messages: messages.map(({ slots: _slots, seq: _seq, ...m }) => m),
        handoff: handoff ? await userState(deps.store, handoff) : null,
        lastEventId,
        createdAt: conversation.createdAt,
        updatedAt: conversation.updatedAt,
      };
      return c.json(body);
    },

    deleteConversation: async (c, { params: { id } }) => {
      const { partner, claims } = sessionCaller(c);
      const deleted = await deps.store.transaction((tx) =>
        tx.chat.deleteConversation(partner.id, claims.sub, id),
      );
      if (!deleted) throw new HttpProblem('not_found', { detail: 'No such conversation for this user.' });
      return c.body(null, 204);
    },

    streamConversationEvents: async (c, { params }) => {
      const { partner, claims } = sessionCaller(c);
      const conversation = await deps.store.chat.getConversation(partner.id, claims.sub, params.id);
      if (!conversation)
        throw new HttpProblem('not_found', { detail: 'No such conversation for this user.' });
      const resume = header(c, 'last-event-id') ?? c.req.query('lastEventId');
      let lastEventId = 0;
      if (resume !== undefined && resume !== '') {
        if (!/^\d{1,15}$/.test(resume)) {
          throw new HttpProblem('invalid_last_event_id', {
            detail: 'Last-Event-ID must be an event id (digits).',
          });
        }
        lastEventId = Number(resume);
      }
      return eventStream(c, (stream, writer) =>
        chat.streams.serve(stream, writer, {
          conversationId: conversation.id,
          lastEventId,
          requestId: c.get('requestId'),
          signal: c.req.raw.signal,
          state: async () => {
            const record = await deps.store.handoffs.latestFor(conversation.id);
            return record ? userState(deps.store, record) : null;
          },
        }),
      );
    },

    endHandoff: async (c, { params }) => {
      const { partner, claims } = sessionCaller(c);
      const conversation = await deps.store.chat.getConversation(partner.id, claims.sub, params.id);
      if (!conversation)
        throw new HttpProblem('not_found', { detail: 'No such conversation for this user.' });
      const record = await deps.store.handoffs.latestFor(conversation.id);
      if (!record)
        throw new HttpProblem('not_found', { detail: 'This conversation was never handed to a person.' });
      const now = deps.clock();
      const at = now.toISOString();
      const ended = await deps.store.transaction(async (tx) => {
        const moved = await tx.handoffs.abandon(record.handoff.id, at);
        if (!moved.ok) return moved;
        const text = advisorBack(conversation.locale, record.status === 'claimed' ? 'ended' : 'left_queue');
        await postMessage(tx, conversation, {
          role: 'assistant',
          text,
          parts: [{ type: 'text', delta: text }],
          intent: null,
          slots: {},
          createdAt: at,
        });
        await emitWebhookEvent(tx, {
          partnerId: moved.record.handoff.partnerId,
          type: 'handoff.closed',
          data: { id: moved.record.handoff.id, conversationId: conversation.id, status: 'abandoned', at },
          at: now,
        });
        await emitBankHandoffEvent(tx, {
          type: 'handoff.closed',
          data: {
            id: moved.record.handoff.id,
            partnerId: moved.record.handoff.partnerId,
            conversationId: conversation.id,
            status: 'abandoned',
            at,
          },
          at: now,
        });
        return moved;
      });
      if (!ended.ok) {
        throw ended.record?.status === 'closed'
          ? new HttpProblem('handoff_closed', {
              detail: 'The bank advisor already closed this conversation.',
            })
          : new HttpProblem('handoff_abandoned', { detail: 'You already left.' });
      }
      deps.webhooks?.notify();
      await chat.streams.eventAdded(conversation.id);
      await chat.streams.stateChanged(conversation.id);
      return c.json(await userState(deps.store, ended.record));
    },
  } satisfies FeatureHandlers;
}
