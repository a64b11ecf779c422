import type {
  ChatReplacePart,
  ChatSlots,
  Locale,
  OfferMatch,
  ProductType,
  PublicOffer,
  Scenario,
} from '@finlet/contracts';
import {
  type AdvisorAnswer,
  type AdvisorTools,
  type AnswerPart,
  advise,
  disclaimersFor,
  type KnowledgeIndex,
  MIN_COVERAGE,
  offerPassages,
  promisesReturns,
  statedFigures,
  understand,
  withheldFor,
} from '@finlet/engine';
import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { maskPersonalData } from './mask.js';

/** An OpenAI-compatible chat-completions endpoint: a private vLLM or Ollama, or a hosted model. */
export interface LlmConfig {
  /** e.g. `http://127.0.0.1:11434/v1` for Ollama. */
  baseURL: string;
  model: string;
  apiKey?: string;
  /** Whole exchange, tool rounds included; the default advisor answers after it. Default 8000 ms. */
  timeoutMs?: number;
}

export interface LlmAdviseInput {
  readonly text: string;
  readonly locale?: Locale;
  readonly scenario: Scenario;
  readonly index: KnowledgeIndex;
  readonly tools: AdvisorTools;
  readonly priorFailures?: number;
}

export type LlmFallback = 'policy' | 'no_sources' | 'error' | 'timeout' | 'uncited' | 'unsafe_text';

export type LlmOutcome =
  | { provider: 'llm'; answer: AdvisorAnswer }
  | { provider: 'default'; answer: AdvisorAnswer; fallback: LlmFallback };

/** What `llmAdvise` streams: each part of the answer once it is checked, and `replace` to withdraw them. */
export type LlmStreamPart = AnswerPart | ChatReplacePart;

export interface LlmAdviseOptions {
  /**
   * Receives the answer as it is checked, in order: every part of the returned answer exactly once.
   * When the model's answer fails after some of it was sent, a `replace` part withdraws it and the
   * default advisor's parts follow.
   */
  onPart?: (part: LlmStreamPart) => void;
}

const MAX_TOOL_ROUNDS = 3;

const TOOLS: ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'match_offers',
      description:
        'Find the bank’s published offers for this user, checked against the trusted facts the partner shared. Each result has a source number to cite.',
      parameters: {
        type: 'object',
        properties: {
          product_types: { type: 'array', items: { type: 'string' } },
          amount_minor: { type: 'integer', description: 'Amount in minor units (fen for CNY).' },
          currency: { type: 'string' },
          term_months: { type: 'integer' },
        },
        additionalProperties: false,
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'quote_route',
      description: 'Quote cross-border transfer routes.',
      parameters: {
        type: 'object',
        properties: {
          amount_minor: { type: 'integer' },
          from_currency: { type: 'string' },
          to_currency: { type: 'string' },
          urgency: { type: 'string', enum: ['normal', 'urgent'] },
        },
        required: ['amount_minor', 'from_currency', 'to_currency'],
        additionalProperties: false,
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'start_application',
      description: 'Offer the user a pre-filled application for an offer they are eligible for.',
      parameters: {
        type: 'object',
        properties: {
          offer_id: { type: 'string' },
          amount_minor: { type: 'integer' },
          purpose: { type: 'string' },
          term_months: { type: 'integer' },
        },
        required: ['offer_id'],
        additionalProperties: false,
      },
    },
  },
];

function systemPrompt(locale: Locale): string {
  return [
    'You are the bank’s advisor inside a partner platform.',
    'Answer ONLY from the numbered sources below and from tool results; each tool result names its source number.',
    'Every sentence must end with the source numbers it relies on, like [1] or [2][3]. A sentence without a source is not allowed.',
    'Never promise returns, never say something is risk-free, never give advice beyond the sources.',
    'If the sources do not answer the question, say so in one sentence citing nothing is not allowed: instead reply exactly NO_ANSWER.',
    `Answer in ${locale === 'zh-CN' ? 'Simplified Chinese' : 'English'}, plain text, no markdown, no HTML.`,
  ].join('\n');
}

interface Source {
  kind: 'document' | 'offer';
  id: string;
  version: number;
  title: string;
  passage: string;
  productTypes: readonly ProductType[];
  offer?: PublicOffer;
  /** Text whose figures a sentence citing this source may state (the passage, or all an offer says). */
  facts: string;
}

class UncitedError extends Error {
  override readonly name = 'UncitedError';
}

/**
 * Answers with an OpenAI-compatible model grounded in the same retrieved passages and tools as
 * the default advisor. The policy stays deterministic: unsafe, out-of-scope and human requests
 * never reach the model. The model's answer streams (`stream: true`) and is checked sentence by
 * sentence as each completes: a sentence is sent on (`onPart`) only once it cites a source it was
 * given, states no figure its sources do not, promises no returns, and has personal data masked.
 * No unchecked token ever leaves the gateway. When a sentence fails, or the model errs or times
 * out, the default advisor answers instead: after a `replace` part when some of the model's
 * answer was already sent.
 */
export async function llmAdvise(
  config: LlmConfig,
  input: LlmAdviseInput,
  options: LlmAdviseOptions = {},
): Promise<LlmOutcome> {
  const emit = options.onPart ?? (() => {});
  let relay: SentenceRelay | undefined;
  const fallback = (reason: LlmFallback): LlmOutcome => {
    const answer = advise(input);
    if (relay?.shown && reason !== 'policy' && reason !== 'no_sources') emit({ type: 'replace', reason });
    for (const part of answer.parts) emit(part);
    return { provider: 'default', answer, fallback: reason };
  };
  const u = understand(input.text, input.locale);
  // A portfolio health check is the engine's report, not the model's words.
  if (['unsafe', 'out_of_scope', 'human', 'greeting', 'portfolio_check'].includes(u.intent))
    return fallback('policy');
  const locale = input.locale ?? u.detectedLocale;
  const hits = input.index
    .search(input.text, { locale, scenario: input.scenario, limit: 4, sourceKind: 'document' })
    .filter((h) => h.coverage >= MIN_COVERAGE);
  const sources: Source[] = hits.map((h) => ({
    kind: 'document',
    id: h.passage.sourceId,
    version: h.passage.version,
    title: h.passage.title,
    passage: h.passage.text,
    productTypes: h.passage.productTypes,
    facts: h.passage.text,
  }));
  if (sources.length === 0 && !['apply', 'eligibility', 'compare', 'cross_border'].includes(u.intent)) {
    return fallback('no_sources');
  }

  const timeoutMs = config.timeoutMs ?? 8000;
  const signal = AbortSignal.timeout(timeoutMs);
  const client = new OpenAI({
    baseURL: config.baseURL,
    apiKey: config.apiKey ?? 'not-needed',
    maxRetries: 0,
    timeout: timeoutMs,
  });
  const extra: AnswerPart[] = [];
  const matches = new Map<string, OfferMatch>();
  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: systemPrompt(locale) },
    {
      role: 'system',
      content: `Sources:\n${sources.map((s, i) => `[${i + 1}] ${s.title}: ${s.passage}`).join('\n')}`,
    },
    { role: 'user', content: input.text },
  ];

  const checked = new SentenceRelay(sources, statedFigures(input.text), emit);
  relay = checked;
  try {
    for (let round = 0; round <= MAX_TOOL_ROUNDS; round++) {
      const { content, toolCalls } = await complete(client, config.model, messages, signal, (delta) =>
        checked.push(delta),
      );
      const final = toolCalls.length === 0 || round === MAX_TOOL_ROUNDS;
      checked.endRound(final);
      if (final) {
        return {
          provider: 'llm',
          answer: finish(checked, sources, extra, matches, u.intent, u.slots, locale, emit),
        };
      }
      messages.push({
        role: 'assistant',
        content: content || null,
        tool_calls: toolCalls.map((t) => ({
          id: t.id,
          type: 'function',
          function: { name: t.name, arguments: t.arguments },
        })),
      });
      for (const call of toolCalls) {
        const result = runTool(call.name, call.arguments, input.tools, sources, matches, extra, locale);
        messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) });
      }
    }
    return fallback('error');
  } catch (error) {
    if (error instanceof UncitedError)
      return fallback(error.message === 'unsafe' ? 'unsafe_text' : 'uncited');
    if (
      signal.aborted ||
      (error instanceof Error && /timed? ?out|abort/i.test(`${error.name} ${error.message}`))
    ) {
      return fallback('timeout');
    }
    return fallback('error');
  }
}

interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** One streamed completion, assembled: text deltas and tool-call fragments (by index). */
async function complete(
  client: OpenAI,
  model: string,
  messages: ChatCompletionMessageParam[],
  signal: AbortSignal,
  onText: (delta: string) => void,
): Promise<{ content: string; toolCalls: ToolCall[] }> {
  const stream = await client.chat.completions.create(
    { model, messages, tools: TOOLS, stream: true, temperature: 0 },
    { signal },
  );
  let content = '';
  const calls: ToolCall[] = [];
  let finished = false;
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    if (!choice) continue;
    if (choice.delta?.content) {
      content += choice.delta.content;
      onText(choice.delta.content);
    }
    for (const t of choice.delta?.tool_calls ?? []) {
      let call = calls[t.index];
      if (!call) {
        call = { id: '', name: '', arguments: '' };
        calls[t.index] = call;
      }
      if (t.id) call.id = t.id;
      if (t.function?.name) call.name += t.function.name;
      if (t.function?.arguments) call.arguments += t.function.arguments;
    }
    if (choice.finish_reason) finished = true;
  }
  // A stream cut before its finish reason is a failure, not a short answer.
  if (!finished) throw new Error('stream ended without a finish reason');
  return { content, toolCalls: calls.filter((c) => c.name) };
}

function runTool(
  name: string,
  args: string,
  tools: AdvisorTools,
  sources: Source[],
  matches: Map<string, OfferMatch>,
  extra: AnswerPart[],
  locale: Locale,
): unknown {
  let a: Record<string, unknown>;
  try {
    a = JSON.parse(args || '{}') as Record<string, unknown>;
  } catch {
    return { error: 'arguments are not JSON' };
  }
  const int = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : undefined);
  const currency = typeof a.currency === 'string' ? a.currency.toUpperCase() : 'CNY';
  if (name === 'match_offers') {
    const amount = int(a.amount_minor);
    const term = int(a.term_months);
    const result = tools.matchOffers({
      ...(amount ? { amount: { value: amount, currency: currency as 'CNY' } } : {}),
      ...(term ? { termMonths: term } : {}),
      ...(Array.isArray(a.product_types) ? { productTypes: a.product_types as ProductType[] } : {}),
      includeIneligible: true,
      limit: 5,
    });
    return {
      offers: result.matches.map((m) => {
        matches.set(m.offer.id, m);
        const t = m.offer.texts[locale];
        sources.push({
          kind: 'offer',
          id: m.offer.id,
          version: m.offer.version,
          title: t.name,
          passage: [t.tagline, ...t.highlights].join(locale === 'zh-CN' ? '；' : '; '),
          productTypes: [m.offer.productType],
          offer: m.offer,
          facts: offerFacts(m.offer),
        });
        return {
          source: sources.length,
          id: m.offer.id,
          name: t.name,
          tagline: t.tagline,
          eligible: m.eligible,
          unmet: m.criteria.filter((c) => !c.met).map((c) => c.label[locale]),
          // Withheld for the user's risk level: the model reads the reason in words, never a recommendation.
          ...withheldField(m, locale),
          amount: m.offer.amount,
          aprBps: m.offer.pricing.apr ?? null,
        };
      }),
    };
  }
  if (name === 'quote_route') {
    const amount = int(a.amount_minor);
    if (!tools.quoteRoute || !amount) return { error: 'route quotes are not available' };
    const table = tools.quoteRoute({
      amount: { value: amount, currency: String(a.from_currency ?? 'CNY').toUpperCase() as 'CNY' },
      fromCurrency: String(a.from_currency ?? 'CNY').toUpperCase(),
      toCurrency: String(a.to_currency ?? '').toUpperCase(),
      urgency: a.urgency === 'urgent' ? 'urgent' : 'normal',
    });
    if (!table) return { error: 'no route' };
    extra.push({ type: 'route_table', ...table });
    return { rows: table.rows };
  }
  if (name === 'start_application') {
    const match = matches.get(String(a.offer_id));
    // The model may only hand off into an offer the engine found the user eligible for.
    if (!match?.eligible) return { error: 'the user is not eligible for this offer, or it was not matched' };
    const amount = int(a.amount_minor);
    const term = int(a.term_months);
    extra.push({
      type: 'handoff',
      offerId: match.offer.id,
      offerVersion: match.offer.version,
      prefill: {
        ...(amount ? { amount: { value: amount, currency: match.offer.currency } } : {}),
        ...(typeof a.purpose === 'string' && a.purpose ? { purpose: a.purpose.slice(0, 200) } : {}),
        ...(term ? { termMonths: term } : {}),
      },
    });
    return { ok: true };
  }
  return { error: `unknown tool ${name}` };
}

/** Every figure an offer states (its texts, fees, amounts in minor and major units and in 万, APR in %). */
function offerFacts(offer: PublicOffer): string {
  const money = (offer.amount ? [offer.amount.min.value, offer.amount.max.value] : []).flatMap((v) => [
    v,
    v / 100,
    v / 1_000_000,
  ]);
  const holding = offer.minHoldingDays === undefined ? [] : [offer.minHoldingDays];
  const apr = offer.pricing.apr ? [offer.pricing.apr.min, offer.pricing.apr.max].map((b) => b / 100) : [];
  return [
    ...offerPassages(offer).map((p) => p.text),
    ...money.map(String),
    ...apr.map(String),
    ...holding.map(String),
  ].join(' ');
}

type Failure = 'uncited' | 'unsafe';

/**
 * The model's text, checked one sentence at a time as it streams. A sentence is complete once its
 * end mark and the source marks after it ("…计息。[1]") are followed by something else, or the
 * round ends; it is then checked and, when it passes, sent on with the citations it introduces.
 * The first sentence of a round that fails holds back the rest of the round: when the round ends
 * in tool calls that text was only a preamble and is dropped (nothing of it was shown); when it
 * is the final answer, the whole answer fails.
 */
class SentenceRelay {
  private buffer = '';
  private failure: Failure | undefined;
  /** Citation and text parts sent, in order. */
  readonly parts: AnswerPart[] = [];
  /** Source number (1-based, as the model cites) → citation `ref` in the answer. */
  readonly refOf = new Map<number, number>();
  readonly productTypes = new Set<ProductType>();

  constructor(
    private readonly sources: readonly Source[],
    private readonly userFigures: readonly string[],
    private readonly emit: (part: AnswerPart) => void,
  ) {}

  /** Whether any of the model's answer has been sent. */
  get shown(): boolean {
    return this.parts.length > 0;
  }

  get sentences(): number {
    return this.parts.filter((p) => p.type === 'text').length;
  }

  push(delta: string): void {
    this.buffer += delta;
    for (let end = completeSentence(this.buffer); end > 0; end = completeSentence(this.buffer)) {
      this.take(this.buffer.slice(0, end));
      this.buffer = this.buffer.slice(end);
    }
  }

  /** The round's stream ended: checks what is left; throws on a failed final answer. */
  endRound(final: boolean): void {
    if (this.buffer.trim()) this.take(this.buffer);
    this.buffer = '';
    const failure = this.failure;
    this.failure = undefined;
    if (final && failure) throw new UncitedError(failure);
  }

  private take(raw: string): void {
    if (this.failure) return;
    // "…额度。[1]" and "… limit.[1]" cite the sentence before the mark: move marks inside it.
    const normalised = raw.replace(
      /([。！？；.!?;])\s*((?:\[\d+\]\s*)+)/g,
      (_m, end: string, marks: string) => `${marks.replace(/\s+/g, '')}${end}`,
    );
    const numbers = [...normalised.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    const sentence = maskPersonalData(normalised.replace(/\s*\[\d+\]/g, '').trim());
    if (!sentence) return;
    if (sentence === 'NO_ANSWER') {
      this.failure = 'uncited';
      return;
    }
    if (promisesReturns(sentence)) {
      this.failure = 'unsafe';
      return;
    }
    const cited = numbers.map((n) => this.sources[n - 1]);
    if (cited.length === 0 || cited.some((s) => s === undefined)) {
      this.failure = 'uncited';
      return;
    }
    const facts = cited.map((s) => s!.facts.replace(/,/g, '')).join(' ');
    if (statedFigures(sentence).some((f) => !facts.includes(f) && !this.userFigures.includes(f))) {
      this.failure = 'uncited';
      return;
    }
    const cites = numbers.map((n) => {
      let ref = this.refOf.get(n);
      if (ref === undefined) {
        const s = this.sources[n - 1]!;
        ref = this.refOf.size + 1;
        this.refOf.set(n, ref);
        for (const t of s.productTypes) this.productTypes.add(t);
        this.send({
          type: 'citation',
          ref,
          sourceKind: s.kind,
          id: s.id,
          version: s.version,
          title: s.title,
          passage: s.passage,
        });
      }
      return ref;
    });
    this.send({ type: 'text', delta: sentence, cites: [...new Set(cites)] });
  }

  private send(part: AnswerPart): void {
    this.parts.push(part);
    this.emit(part);
  }
}

/**
 * Where the first complete sentence of `text` ends (after its source marks and the space that
 * follows), or 0 while it may still grow: the end mark is the last thing seen, or marks after it
 * may still be coming.
 */
export function completeSentence(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (next === undefined) return 0;
    const ends =
      ch === '\n' ||
      ('。！？；'.includes(ch) && !'。！？；”'.includes(next)) ||
      ('.!?;'.includes(ch) && /\s/.test(next));
    if (!ends) continue;
    const tail = /^\s*(?:\[\d+\]\s*)*/.exec(text.slice(i + 1))![0];
    const after = i + 1 + tail.length;
    // Still inside the marks (or a mark being written): wait for what follows them.
    if (after >= text.length || /^\[\d*$/.test(text.slice(after))) return 0;
    return after;
  }
  return 0;
}

/** The checked sentences sent so far, completed with offer cards, tool parts and notices (sent too). */
function finish(
  relay: SentenceRelay,
  sources: readonly Source[],
  extra: readonly AnswerPart[],
  matches: Map<string, OfferMatch>,
  intent: AdvisorAnswer['intent'],
  slots: ChatSlots,
  locale: Locale,
  emit: (part: AnswerPart) => void,
): AdvisorAnswer {
  if (relay.sentences === 0) throw new UncitedError('uncited');
  const tail: AnswerPart[] = [];
  for (const [n, ref] of relay.refOf) {
    const s = sources[n - 1]!;
    const m = s.offer ? matches.get(s.offer.id) : undefined;
    if (m) {
      const withheld = withheldFor(m);
      tail.push({
        type: 'offer_card',
        offer: m.offer,
        eligible: m.eligible,
        rank: m.rank,
        cites: [ref],
        ...(withheld?.code && withheld.reason
          ? { withheld: { code: withheld.code, reason: withheld.reason } }
          : {}),
      });
    }
  }
  tail.push(...extra);
  for (const d of disclaimersFor(relay.productTypes, locale))
    tail.push({ type: 'text', delta: d, disclaimer: true });
  for (const part of tail) emit(part);
  return { intent, slots, locale, parts: [...relay.parts, ...tail], found: true };
}

/** The tool output's `withheld` member for a product withheld for the user's risk level. */
function withheldField(m: OfferMatch, locale: Locale): { withheld?: { code: string; reason: string } } {
  const withheld = withheldFor(m);
  if (!withheld?.code || !withheld.reason) return {};
  return { withheld: { code: withheld.code, reason: withheld.reason[locale] } };
}
