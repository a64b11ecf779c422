import {
  type AdminRole,
  type ChatApplicationCardPart,
  HANDOFF_MESSAGE_MAX_LENGTH,
  type HandoffApplicationCardSent,
  type HandoffClosure,
  type HandoffDetail,
  type HandoffMessageSent,
  type HandoffMetrics,
  type HandoffQueue,
  type HandoffSuggestion,
} from '@finlet/contracts';
import { createAdvisorTools, draftReplies, draftWrapUp, handoffSummary, withheldFor } from '@finlet/engine';
import type { KnowledgeCatalog } from '../chat/catalog.js';
import { adminCaller } from '../http/callers.js';
import type { FeatureHandlers } from '../http/handler.js';
import { HttpProblem } from '../http/problem.js';
import { eventStream } from '../http/sse.js';
import { audit } from '../internal/audit.js';
import type { GatewayDeps } from '../internal/deps.js';
import { newId } from '../internal/ids.js';
import type { ConversationRecord } from '../knowledge/store.js';
import type { Store } from '../storage/store.js';
import { overrideContext } from '../suitability-overrides/routes.js';
import { emitWebhookEvent } from '../webhooks/outbox.js';
import { emitBankHandoffEvent } from '../workspace/feed.js';
import type { DeskStreams } from './desk-stream.js';
import { maskForRole } from './mask.js';
import {
  advisorBack,
  agentCaller,
  agentRef,
  chatAgent,
  HANDOFF_READERS,
  postMessage,
  refusal,
  requireHeld,
} from './service.js';
import { type HandoffRecord, queueItem } from './store.js';
import type { ConversationStreams } from './stream.js';

const encodeCursor = (rank: number, createdAt: string, id: string) =>
  Buffer.from(JSON.stringify([rank, createdAt, id])).toString('base64url');

function decodeCursor(cursor: string): { rank: number; createdAt: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      Number.isInteger(value[0]) &&
      typeof value[1] === 'string' &&
      typeof value[2] === 'string' &&
      !Number.isNaN(Date.parse(value[1]))
    ) {
      return { rank: value[0], createdAt: value[1], id: value[2] };
    }
  } catch {}
  throw new HttpProblem('invalid_request', {
    detail: 'The cursor is not one this gateway issued.',
    errors: [{ path: 'cursor', message: 'must be the `next` value of a previous page' }],
  });
}

function percentiles(values: number[]): { count: number; p50: number | null; p90: number | null } {
  if (values.length === 0) return { count: 0, p50: null, p90: null };
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: a percentile is a value that was observed.
  const at = (p: number) => Math.round(sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!);
  return { count: sorted.length, p50: at(0.5), p90: at(0.9) };
}

const bps = (num: number, den: number) => (den === 0 ? null : Math.round((num * 10_000) / den));

export interface HandoffDeps {
  catalog: KnowledgeCatalog;
  streams: ConversationStreams;
  desks: DeskStreams;
}

/** The webhook partners get for a hand-off: its status, never who or what was said. */
async function emitStatus(
  tx: Store,
  record: HandoffRecord,
  type: 'handoff.claimed' | 'handoff.closed',
  at: Date,
) {
  await emitWebhookEvent(tx, {
    partnerId: record.handoff.partnerId,
    type,
    data: {
      id: record.handoff.id,
      conversationId: record.handoff.conversationId,
      status: record.status,
      at: at.toISOString(),
    },
    at,
  });
  await emitBankHandoffEvent(tx, {
    type,
    data: {
      id: record.handoff.id,
      partnerId: record.handoff.partnerId,
      conversationId: record.handoff.conversationId,
      status: record.status,
      at: at.toISOString(),
    },
    at,
  });
}

export function handoffHandlers(deps: GatewayDeps, handoffs: HandoffDeps) {
  const { store, clock } = deps;
  const { streams } = handoffs;

  const load = async (id: string): Promise<HandoffRecord> => {
    const record = await store.handoffs.get(id);
    if (!record) throw new HttpProblem('not_found', { detail: `No hand-off ${id}.` });
    return record;
  };
  /** Partners' display names for a page of rows: a handful of partners, read once each. */
  const partnerNames = async (records: readonly HandoffRecord[]): Promise<Map<string, string | null>> => {
    const ids = [...new Set(records.map((r) => r.handoff.partnerId))];
    const partners = await Promise.all(ids.map((id) => store.partners.get(id)));
    return new Map(ids.map((id, i) => [id, partners[i]?.name ?? null]));
  };
  const item = async (record: HandoffRecord, position: number | null) =>
    queueItem(record, position, (await partnerNames([record])).get(record.handoff.partnerId) ?? null);
  const conversationOf = async (record: HandoffRecord): Promise<ConversationRecord> => {
    const { partnerId, userId, conversationId } = record.handoff;
    const conversation = await store.chat.getConversation(partnerId, userId, conversationId);
    if (!conversation) throw new HttpProblem('not_found', { detail: 'The conversation was deleted.' });
    return conversation;
  };
  const detail = async (record: HandoffRecord, role: AdminRole): Promise<HandoffDetail> => {
    const conversation = await store.chat.getConversation(
      record.handoff.partnerId,
      record.handoff.userId,
      record.handoff.conversationId,
    );
    const messages = conversation ? await store.chat.listMessages(conversation.id) : [];
    const events = conversation ? await store.handoffs.eventsAfter(conversation.id, 0, 10_000) : [];
    const eventOf = new Map<string, number>();
    for (const { seq, event } of events) if (event.type === 'message') eventOf.set(event.message.id, seq);
    const masked = messages.map((m) => ({ ...m, text: maskForRole(m.text, role) }));
    const summary = handoffSummary(masked, record.language);
    const cards = messages.flatMap((m) => m.parts.flatMap((p) => (p.type === 'application_card' ? [p] : [])));
    return {
      handoff: await item(record, await store.handoffs.position(record)),
      summary,
      transcript: masked.map(({ slots: _slots, seq: _seq, ...m }) => ({
        ...m,
        eventId: eventOf.get(m.id) ?? 0,
      })),
      suggestions: await store.handoffs.suggestionsFor(record.handoff.id),
      cards,
      wrapUpDraft: draftWrapUp({
        summary,
        agentMessages: masked.filter((m) => m.role === 'agent'),
        locale: record.language,
      }),
      closure: record.closure,
    };
  };

  return {
    listHandoffs: async (c, { query }) => {
      adminCaller(c, HANDOFF_READERS);
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      const rows = await store.handoffs.queue({
        status: query.status,
        scenario: query.scenario,
        partnerId: query.partnerId,
        language: query.language,
        after,
        limit: query.limit,
      });
      // Positions of the waiting rows follow from the first one's: the page is in queue order.
      let nextPosition: number | undefined;
      const names = await partnerNames(rows.map((r) => r.record));
      const items = [];
      for (const { record } of rows) {
        let position: number | null = null;
        if (record.status === 'waiting') {
          const unfiltered = !query.scenario && !query.partnerId && !query.language;
          position =
            unfiltered && nextPosition !== undefined ? nextPosition : await store.handoffs.position(record);
          nextPosition = (position ?? 0) + 1;
        }
        items.push(queueItem(record, position, names.get(record.handoff.partnerId) ?? null));
      }
      const last = rows.at(-1);
      const body: HandoffQueue = {
        handoffs: items,
        next:
          last && rows.length === query.limit
            ? encodeCursor(last.rank, last.record.handoff.createdAt, last.record.handoff.id)
            : null,
      };
      return c.json(body);
    },

    getHandoffMetrics: async (c, { query }) => {
      adminCaller(c, HANDOFF_READERS);
      // Without `to`, everything up to now counts, including what was made this millisecond.
      const to = query.to ? new Date(query.to) : new Date(clock().getTime() + 1);
      const from = query.from ? new Date(query.from) : new Date(to.getTime() - 7 * 86_400_000);
      if (!(from < to)) {
        throw new HttpProblem('invalid_request', {
          detail: '`from` must be before `to`.',
          errors: [{ path: 'to', message: 'must be after from' }],
        });
      }
      const records = await store.handoffs.inRange(from.toISOString(), to.toISOString(), {
        partnerId: query.partnerId,
        scenario: query.scenario,
      });
      const seconds = (a: string, b: string) => Math.max(0, (Date.parse(b) - Date.parse(a)) / 1000);
      const counts = { waiting: 0, claimed: 0, closed: 0, abandoned: 0 };
      const dispositions: Record<string, number> = {};
      for (const r of records) {
        counts[r.status]++;
        if (r.closure) dispositions[r.closure.disposition] = (dispositions[r.closure.disposition] ?? 0) + 1;
      }
      const outcomes = await store.handoffs.suggestionOutcomes(records.map((r) => r.handoff.id));
      const n = (o: string) => outcomes.filter((x) => x === o).length;
      const accepted = n('accepted');
      const edited = n('edited');
      const discarded = n('discarded');
      const body: HandoffMetrics = {
        from: from.toISOString(),
        to: to.toISOString(),
        handoffs: counts,
        waitSeconds: percentiles(
          records.flatMap((r) => (r.claimedAt ? [seconds(r.handoff.createdAt, r.claimedAt)] : [])),
        ),
        handleSeconds: percentiles(
          records.flatMap((r) =>
            r.status === 'closed' && r.claimedAt && r.closedAt ? [seconds(r.claimedAt, r.closedAt)] : [],
          ),
        ),
        suggestions: {
          drafted: outcomes.length,
          accepted,
          edited,
          discarded,
          acceptanceRateBps: bps(accepted + edited, accepted + edited + discarded),
          editRateBps: bps(edited, accepted + edited),
        },
        dispositions,
      };
      return c.json(body);
    },

    streamHandoffEvents: async (c) => {
      adminCaller(c, HANDOFF_READERS);
      return eventStream(c, (stream, writer) =>
        handoffs.desks.serve(stream, writer, { signal: c.req.raw.signal }),
      );
    },

    getHandoff: async (c, { params }) => {
      const admin = adminCaller(c, HANDOFF_READERS);
      const record = await load(params.id);
      const body = await detail(record, admin.role);
      // Reading a transcript is reading personal data: it is on record who did.
      await audit(store, c, clock(), {
        action: 'handoff.viewed',
        target: { kind: 'handoff', id: record.handoff.id, version: null },
      });
      return c.json(body);
    },

    claimHandoff: async (c, { params }) => {
      const admin = agentCaller(c);
      const now = clock();
      const move = await store.transaction(async (tx) => {
        const moved = await tx.handoffs.claim(params.id, agentRef(admin), now.toISOString());
        if (!moved.ok) return moved;
        await emitStatus(tx, moved.record, 'handoff.claimed', now);
        await audit(tx, c, now, {
          action: 'handoff.claimed',
          target: { kind: 'handoff', id: params.id, version: null },
          after: { status: 'claimed' },
        });
        return moved;
      });
      if (!move.ok) throw refusal(move, params.id, admin.id);
      deps.webhooks?.notify();
      await streams.stateChanged(move.record.handoff.conversationId);
      return c.json(await item(move.record, null));
    },

    releaseHandoff: async (c, { params }) => {
      const admin = agentCaller(c);
      const now = clock();
      const move = await store.transaction(async (tx) => {
        const moved = await tx.handoffs.release(params.id, admin.id);
        if (moved.ok) {
          await audit(tx, c, now, {
            action: 'handoff.released',
            target: { kind: 'handoff', id: params.id, version: null },
            after: { status: 'waiting' },
          });
        }
        return moved;
      });
      if (!move.ok) {
        if (move.record?.status === 'claimed' || move.record?.status === 'waiting') {
          throw new HttpProblem('handoff_not_claimed', { detail: `You do not hold hand-off ${params.id}.` });
        }
        throw refusal(move, params.id, admin.id);
      }
      await streams.stateChanged(move.record.handoff.conversationId);
      return c.json(await item(move.record, await store.handoffs.position(move.record)));
    },

    sendHandoffMessage: async (c, { params, body }) => {
      const admin = agentCaller(c);
      const text = body.text.trim();
      if (!text) throw new HttpProblem('message_empty', { detail: 'Write something before sending.' });
      if (text.length > HANDOFF_MESSAGE_MAX_LENGTH) {
        throw new HttpProblem('message_too_long', {
          detail: `Messages are at most ${HANDOFF_MESSAGE_MAX_LENGTH} characters (this one has ${text.length}).`,
        });
      }
      const now = clock();
      const at = now.toISOString();
      const record = requireHeld(await store.handoffs.get(params.id), params.id, admin.id);
      const conversation = await conversationOf(record);
      const sent = await store.transaction(async (tx) => {
        // Checked again inside the transaction: the user may have left meanwhile.
        requireHeld(await tx.handoffs.get(params.id), params.id, admin.id);
        let suggestion: HandoffSuggestion | null = null;
        if (body.suggestionId) {
          const drafted = await tx.handoffs.getSuggestion(params.id, body.suggestionId);
          if (!drafted) throw new HttpProblem('not_found', { detail: `No suggestion ${body.suggestionId}.` });
          if (drafted.outcome !== 'pending') {
            throw new HttpProblem('invalid_state_transition', {
              detail: `Suggestion ${drafted.id} was already ${drafted.outcome}.`,
            });
          }
          suggestion =
            (await tx.handoffs.decideSuggestion(
              drafted,
              drafted.text.trim() === text ? 'accepted' : 'edited',
              at,
            )) ?? null;
        }
        const posted = await postMessage(tx, conversation, {
          role: 'agent',
          agent: chatAgent(agentRef(admin)),
          text,
          parts: [{ type: 'text', delta: text }],
          intent: null,
          slots: {},
          createdAt: at,
        });
        await audit(tx, c, now, {
          action: 'handoff.message_sent',
          target: { kind: 'handoff', id: params.id, version: null },
          after: {
            messageId: posted.message.id,
            suggestionId: suggestion?.id ?? null,
            outcome: suggestion?.outcome ?? null,
          },
        });
        return { ...posted, suggestion };
      });
      await streams.eventAdded(conversation.id);
      const response: HandoffMessageSent = sent;
      return c.json(response, 201);
    },

    sendHandoffTyping: async (c, { params, body }) => {
      const admin = agentCaller(c);
      const record = requireHeld(await store.handoffs.get(params.id), params.id, admin.id);
      await streams.typing(record.handoff.conversationId, {
        type: 'agent_typing',
        handoffId: record.handoff.id,
        agent: chatAgent(agentRef(admin)),
        typing: body.typing,
      });
      return c.body(null, 204);
    },

    suggestHandoffReplies: async (c, { params, body }) => {
      const admin = adminCaller(c, HANDOFF_READERS);
      const record = await load(params.id);
      if (record.status === 'closed' || record.status === 'abandoned')
        throw refusal({ ok: false, record }, params.id);
      let query = body.query;
      if (!query) {
        const conversation = await conversationOf(record);
        const messages = await store.chat.listMessages(conversation.id);
        query = messages.filter((m) => m.role === 'user').at(-1)?.text;
      }
      if (!query) return c.json({ suggestions: [] }, 201);
      const { index } = await handoffs.catalog.get();
      const drafted = draftReplies(index, {
        query,
        locale: record.language,
        scenario: record.handoff.scenario,
        limit: body.limit,
      });
      const now = clock();
      const at = now.toISOString();
      const suggestions: HandoffSuggestion[] = drafted.map((d) => ({
        id: newId('sug'),
        handoffId: record.handoff.id,
        text: d.text,
        locale: record.language,
        sources: [...d.sources],
        outcome: 'pending',
        createdAt: at,
        decidedAt: null,
      }));
      await store.transaction(async (tx) => {
        for (const s of suggestions) await tx.handoffs.insertSuggestion(s, admin.id);
        await audit(tx, c, now, {
          action: 'handoff.suggestions_drafted',
          target: { kind: 'handoff', id: record.handoff.id, version: null },
          after: { suggestionIds: suggestions.map((s) => s.id) },
        });
      });
      return c.json({ suggestions }, 201);
    },

    discardHandoffSuggestion: async (c, { params }) => {
      adminCaller(c, HANDOFF_READERS);
      const now = clock();
      const decided = await store.transaction(async (tx) => {
        const suggestion = await tx.handoffs.getSuggestion(params.id, params.suggestionId);
        if (!suggestion)
          throw new HttpProblem('not_found', { detail: `No suggestion ${params.suggestionId}.` });
        const result = await tx.handoffs.decideSuggestion(suggestion, 'discarded', now.toISOString());
        if (!result) {
          throw new HttpProblem('invalid_state_transition', {
            detail: `Suggestion ${suggestion.id} was already ${suggestion.outcome}.`,
          });
        }
        await audit(tx, c, now, {
          action: 'handoff.suggestion_discarded',
          target: { kind: 'handoff', id: params.id, version: null },
          after: { suggestionId: suggestion.id },
        });
        return result;
      });
      return c.json(decided);
    },

    sendHandoffApplicationCard: async (c, { params, body }) => {
      const admin = agentCaller(c);
      const record = requireHeld(await store.handoffs.get(params.id), params.id, admin.id);
      const conversation = await conversationOf(record);
      const messages = await store.chat.listMessages(conversation.id);
      const { slots } = handoffSummary(messages, record.language);
      const now = clock();
      const offers = await deps.publishedOffers.list();
      const prefill = {
        ...(slots.amount ? { amount: slots.amount } : {}),
        ...(slots.purpose ? { purpose: slots.purpose } : {}),
        ...(slots.termMonths ? { termMonths: slots.termMonths } : {}),
        ...(body.prefill ?? {}),
      };
      // Eligibility reads the session's trusted signals kept with the hand-off, never the chat.
      const result = createAdvisorTools({
        offers,
        signals: record.signals,
        scenario: record.handoff.scenario,
        partnerId: record.handoff.partnerId,
        now,
        override: await overrideContext(
          store,
          deps.suitabilityOverride,
          record.handoff.partnerId,
          record.handoff.userId,
        ),
      }).matchOffers({
        ...(prefill.amount ? { amount: prefill.amount } : {}),
        ...(prefill.termMonths ? { termMonths: prefill.termMonths } : {}),
        ...(!body.offerId && slots.productTypes?.length ? { productTypes: slots.productTypes } : {}),
        includeIneligible: true,
        limit: 50,
      });
      const match = body.offerId
        ? result.matches.find((m) => m.offer.id === body.offerId)
        : result.matches.find((m) => m.eligible);
      if (!match) {
        throw new HttpProblem(body.offerId ? 'offer_not_available' : 'offer_not_eligible', {
          detail: body.offerId
            ? `Offer ${body.offerId} is not published for this user’s scenario.`
            : 'The user is eligible for no published offer with what the conversation gathered.',
        });
      }
      const withheld = withheldFor(match);
      if (withheld?.code) {
        // The desk reads why: the product is above the user's level, or they have no assessment yet.
        throw new HttpProblem(withheld.code, {
          detail: withheld.reason?.[record.language] ?? withheld.code,
        });
      }
      if (!match.eligible) {
        throw new HttpProblem('offer_not_eligible', {
          detail: `The user does not meet offer ${match.offer.id}’s criteria.`,
        });
      }
      const card: ChatApplicationCardPart = {
        type: 'application_card',
        cardId: newId('crd'),
        offerId: match.offer.id,
        offerVersion: match.offer.version,
        title: match.offer.texts[record.language].name,
        prefill,
      };
      const at = now.toISOString();
      const sent = await store.transaction(async (tx) => {
        requireHeld(await tx.handoffs.get(params.id), params.id, admin.id);
        const posted = await postMessage(tx, conversation, {
          role: 'agent',
          agent: chatAgent(agentRef(admin)),
          text: '',
          parts: [card],
          intent: null,
          slots: {},
          createdAt: at,
        });
        await audit(tx, c, now, {
          action: 'handoff.application_card_sent',
          target: { kind: 'handoff', id: params.id, version: null },
          after: { cardId: card.cardId, offerId: card.offerId, offerVersion: card.offerVersion },
        });
        return posted;
      });
      await streams.eventAdded(conversation.id);
      const response: HandoffApplicationCardSent = { card, ...sent };
      return c.json(response, 201);
    },

    closeHandoff: async (c, { params, body }) => {
      const admin = agentCaller(c);
      const record = requireHeld(await store.handoffs.get(params.id), params.id, admin.id);
      const conversation = await conversationOf(record);
      const now = clock();
      const at = now.toISOString();
      const messages = await store.chat.listMessages(conversation.id);
      const summary = handoffSummary(messages, record.language);
      const drafted = draftWrapUp({
        summary,
        agentMessages: messages.filter((m) => m.role === 'agent'),
        locale: record.language,
        disposition: body.disposition,
      });
      const closure: HandoffClosure = {
        disposition: body.disposition,
        note: body.note || null,
        wrapUp: body.wrapUp ?? drafted,
        wrapUpEdited: body.wrapUp !== undefined && body.wrapUp !== drafted,
        closedBy: agentRef(admin),
        closedAt: at,
      };
      const move = await store.transaction(async (tx) => {
        const moved = await tx.handoffs.close(params.id, admin.id, closure);
        if (!moved.ok) return moved;
        await postMessage(tx, conversation, {
          role: 'assistant',
          text: advisorBack(record.language, 'closed'),
          parts: [{ type: 'text', delta: advisorBack(record.language, 'closed') }],
          intent: null,
          slots: {},
          createdAt: at,
        });
        await emitStatus(tx, moved.record, 'handoff.closed', now);
        await audit(tx, c, now, {
          action: 'handoff.closed',
          target: { kind: 'handoff', id: params.id, version: null },
          after: { status: 'closed', disposition: closure.disposition, wrapUpEdited: closure.wrapUpEdited },
          comment: closure.note,
        });
        return moved;
      });
      if (!move.ok) throw refusal(move, params.id, admin.id);
      deps.webhooks?.notify();
      await streams.eventAdded(conversation.id);
      await streams.stateChanged(conversation.id);
      return c.json(await detail(move.record, admin.role));
    },
  } satisfies FeatureHandlers;
}
