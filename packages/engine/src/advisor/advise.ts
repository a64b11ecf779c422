import type {
  ChatIntent,
  ChatRouteTablePart,
  ChatSlots,
  HealthCheckReport,
  Locale,
  Money,
  OfferMatch,
  OfferMatchResult,
  ProductType,
  PublicOffer,
  Scenario,
} from '@finlet/contracts';
import { messagesFor } from '@finlet/contracts/messages';
import { withheldFor } from '../offers/suitability.js';
import { ADVISOR_MESSAGES as T } from './advise-messages.js';
import { CROSS_BORDER_DISCLAIMER } from './compliance.js';
import { type AnswerPart, Composer, formatBps, formatMoney } from './compose.js';
import {
  type Ask,
  aboutFocus,
  askOf,
  type QuestionConcepts,
  questionConcepts,
  selectEvidence,
} from './evidence.js';
import { type UnsafeKind, understand } from './intent.js';
import type { KnowledgeIndex, Passage, RetrievalHit } from './retrieval.js';

export type { AnswerPart } from './compose.js';
export { formatBps, formatMoney } from './compose.js';

export interface OfferMatchToolRequest {
  readonly amount?: Money;
  readonly termMonths?: number;
  readonly productTypes?: readonly ProductType[];
  readonly includeIneligible: boolean;
  readonly limit: number;
}

export type RouteQuoteRequest = {
  readonly amount: Money;
  readonly fromCurrency: string;
  readonly toCurrency: string;
  readonly urgency: 'normal' | 'urgent';
};
export type RouteTable = Omit<ChatRouteTablePart, 'type'>;

/**
 * What the advisor may call. The gateway binds them to the session: offer matching sees only the
 * session's trusted signals, never anything the user typed.
 */
export interface AdvisorTools {
  matchOffers(request: OfferMatchToolRequest): OfferMatchResult;
  /** Route quoting, injected by whoever owns the route engine; absent means no quotes. */
  quoteRoute?(request: RouteQuoteRequest): RouteTable | null;
  /**
   * The health check of the session user's holdings (the trusted signal's), or null when none are
   * known; absent means the caller loaded none.
   */
  checkPortfolio?(locale: Locale): HealthCheckReport | null;
}

export interface AdviseInput {
  readonly text: string;
  readonly locale?: Locale;
  readonly scenario: Scenario;
  readonly index: KnowledgeIndex;
  readonly tools: AdvisorTools;
  /** Consecutive earlier turns that found nothing: one more and a person takes over. */
  readonly priorFailures?: number;
}

export interface AdvisorAnswer {
  readonly intent: ChatIntent;
  readonly slots: ChatSlots;
  readonly locale: Locale;
  readonly unsafe?: UnsafeKind;
  readonly parts: AnswerPart[];
  /** Whether retrieval or the tools found something to answer from. */
  readonly found: boolean;
  /** Set when a person should take over; the gateway records the hand-off. */
  readonly humanHandoff?: 'requested' | 'repeated_failure';
}

/** A hit is relevant when it shares enough of the query's words; below this the advisor says it does not know. */
export const MIN_COVERAGE = 0.3;
/** Coverage at which a question without domain words is still answered from a source. */
export const OUT_OF_SCOPE_RESCUE = 0.5;

function relevant(hits: readonly RetrievalHit[]): RetrievalHit[] {
  const top = hits[0];
  if (!top || top.coverage < MIN_COVERAGE) return [];
  return hits.filter((h) => h.coverage >= MIN_COVERAGE && h.score >= top.score * 0.5);
}

function offerSummary(offer: PublicOffer, locale: Locale): string {
  const t = messagesFor(T, locale);
  const facts: string[] = [];
  if (offer.amount)
    facts.push(t.amountFact(`${formatMoney(offer.amount.min)} – ${formatMoney(offer.amount.max)}`));
  if (offer.pricing.apr)
    facts.push(t.aprFact(`${formatBps(offer.pricing.apr.min)} – ${formatBps(offer.pricing.apr.max)}`));
  if (offer.termMonths) facts.push(t.termFact(offer.termMonths.min, offer.termMonths.max));
  return t.compareLine(offer.texts[locale].name, facts.join(t.sep));
}

function offerPitch(offer: PublicOffer, locale: Locale): string {
  const text = offer.texts[locale];
  return [text.tagline, ...text.highlights].join(locale === 'zh-CN' ? '；' : '; ');
}

function offerCard(c: Composer, m: OfferMatch, ref: number): void {
  const withheld = withheldFor(m);
  c.parts.push({
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

/**
 * A product withheld for the user's risk level is presented with the reason in words and never
 * handed into an application: the user takes the assessment, or acknowledges where policy allows.
 */
function sayWithheld(c: Composer, m: OfferMatch): boolean {
  const withheld = withheldFor(m);
  if (!withheld) return false;
  const t = messagesFor(T, c.locale);
  if (withheld.reason) c.say(withheld.reason[c.locale]);
  if (withheld.code === 'needs_risk_assessment') c.say(t.takeAssessment);
  else if (withheld.overridable) c.say(t.overridable);
  return true;
}

/** Product types the question is about: named in the text, else those of the best offer passages. */
function productTypesFor(input: AdviseInput, slots: ChatSlots, locale: Locale): ProductType[] | undefined {
  if (slots.productTypes?.length) return [...slots.productTypes];
  const hits = relevant(
    input.index.search(input.text, { locale, scenario: input.scenario, sourceKind: 'offer', limit: 2 }),
  );
  const types = [...new Set(hits.flatMap((h) => h.passage.productTypes))];
  return types.length > 0 ? types : undefined;
}

function notFound(
  c: Composer,
  input: AdviseInput,
  why?: string,
): Pick<AdvisorAnswer, 'found' | 'humanHandoff'> {
  const t = messagesFor(T, c.locale);
  c.say(why ?? t.notFound);
  if ((input.priorFailures ?? 0) >= 1) {
    c.say(t.repeated);
    c.parts.push({ type: 'human_handoff', handoffId: null, offered: false });
    return { found: false, humanHandoff: 'repeated_failure' };
  }
  c.say(t.offerHuman);
  c.parts.push({ type: 'human_handoff', handoffId: null, offered: true });
  return { found: false };
}

/** What the question names and asks, read once and passed down. */
interface Question {
  readonly concepts: QuestionConcepts;
  readonly ask: Ask;
}

/**
 * Quotes the evidence for a question from the bank's documents and offers, or abstains: a figure
 * is stated only from a source about the product the question names, in a clause about what was
 * asked. An abstention says why and offers a person.
 */
function answerFromDocuments(
  c: Composer,
  input: AdviseInput,
  q: Question,
  hits: readonly RetrievalHit[],
): Pick<AdvisorAnswer, 'found' | 'humanHandoff'> {
  const t = messagesFor(T, c.locale);
  const result = selectEvidence(input.index, hits, input.text, q.concepts, q.ask, c.locale);
  if (result.kind === 'abstain') {
    if (result.reason === 'weak') return notFound(c, input);
    return notFound(
      c,
      input,
      result.reason === 'other_product' ? t.otherProduct : t.notStated(result.title ?? '', q.ask),
    );
  }
  c.say(t.intro);
  quoteEvidence(c, result.evidence.passage, result.evidence.sentences);
  c.disclaimers();
  return { found: true };
}

/** Quotes sentences of one passage, with a note when the passage is in the other language. */
function quoteEvidence(c: Composer, passage: Passage, sentences: readonly string[]): void {
  if (passage.locale !== c.locale) c.say(messagesFor(T, c.locale).quoteNote);
  const ref = c.citePassage(passage);
  for (const s of sentences) c.fact(s, ref);
}

/** Supporting document sentences after an offer answer: only from a source about the product asked. */
function supportingQuote(c: Composer, input: AdviseInput, q: Question, hits: readonly RetrievalHit[]): void {
  const result = selectEvidence(input.index, hits, input.text, q.concepts, q.ask, c.locale);
  if (result.kind === 'found') quoteEvidence(c, result.evidence.passage, result.evidence.sentences);
}

/** Offer matches about the product the question names. */
function aboutAsked<M extends { offer: PublicOffer }>(
  input: AdviseInput,
  q: Question,
  matches: readonly M[],
): M[] {
  const named = matches.filter((m) =>
    aboutFocus(input.index, { sourceKind: 'offer', sourceId: m.offer.id }, q.concepts),
  );
  // A question that names no product but a topic (a car, a trip) is about the offers on that
  // topic: a wealth product sharing a word with "how much down payment for a used car" is not.
  const { focus, topics } = q.concepts;
  if (focus.size > 0 || topics.size === 0) return named;
  return named.filter((m) => {
    const about = input.index.topicsOf({ sourceKind: 'offer', sourceId: m.offer.id }, true);
    for (const id of topics) if (about.has(id)) return true;
    return false;
  });
}

/**
 * The default advisor: understands the message, retrieves passages from the bank's published
 * documents and offers, calls the offer and route tools, and composes parts in which every
 * factual sentence cites a document or offer version. It never answers from anything else.
 *
 * @example
 * const answer = advise({ text: '我想借20万进货', scenario: 'supply-chain', index, tools });
 * answer.parts.find((p) => p.type === 'handoff')?.prefill.amount // { value: 20000000, currency: 'CNY' }
 */
export function advise(input: AdviseInput): AdvisorAnswer {
  const u = understand(input.text, input.locale);
  const locale = input.locale ?? u.detectedLocale;
  const c = new Composer(locale);
  const t = messagesFor(T, locale);
  let intent = u.intent;
  // Words outside the domain vocabulary can still be about the bank's material: if a source
  // shares most of the question's words, answer it as a product question.
  const q: Question = {
    concepts: questionConcepts(input.index, input.index.concepts(input.text)),
    ask: askOf(input.text),
  };
  // A question naming a product some source is about is a product question, whatever its wording.
  if (intent === 'out_of_scope' && [...q.concepts.focus].some((id) => input.index.hasTopic(id)))
    intent = 'product_question';
  if (intent === 'out_of_scope') {
    const top = input.index.search(input.text, { locale, scenario: input.scenario, limit: 1 })[0];
    if (top && top.coverage >= OUT_OF_SCOPE_RESCUE && top.matched >= 2) intent = 'product_question';
  }
  const base = { intent, slots: u.slots, locale, parts: c.parts };
  // Sources enough to find one about the product asked: evidence selection filters them, so no
  // cut relative to the top score here (a source in the other language scores lower).
  const candidates = () =>
    input.index
      .search(input.text, {
        locale,
        scenario: input.scenario,
        limit: 8,
        ...(u.slots.productTypes ? { productTypes: u.slots.productTypes } : {}),
      })
      .filter((h) => h.coverage >= MIN_COVERAGE);
  switch (intent) {
    case 'unsafe':
      c.say(t.unsafe[u.unsafe!]);
      return { ...base, unsafe: u.unsafe!, found: false };
    case 'out_of_scope':
      c.say(t.outOfScope);
      return { ...base, found: false };
    case 'greeting':
      c.say(t.greeting);
      return { ...base, found: false };
    case 'human':
      c.say(t.humanRequested);
      c.parts.push({ type: 'human_handoff', handoffId: null, offered: false });
      return { ...base, found: false, humanHandoff: 'requested' };
    case 'cross_border':
      return { ...base, ...crossBorder(c, input, u.slots, q, candidates()) };
    case 'apply':
      return { ...base, ...apply(c, input, u.slots, q, candidates()) };
    case 'eligibility':
      return { ...base, ...eligibility(c, input, u.slots, q, candidates()) };
    case 'compare':
      return { ...base, ...compare(c, input, u.slots, q, candidates()) };
    case 'portfolio_check':
      return { ...base, ...portfolioCheck(c, input) };
    default:
      return { ...base, ...answerFromDocuments(c, input, q, candidates()) };
  }
}

function apply(
  c: Composer,
  input: AdviseInput,
  slots: ChatSlots,
  q: Question,
  docs: RetrievalHit[],
): Pick<AdvisorAnswer, 'found' | 'humanHandoff'> {
  const t = messagesFor(T, c.locale);
  const productTypes = productTypesFor(input, slots, c.locale);
  const result = input.tools.matchOffers({
    ...(slots.amount ? { amount: slots.amount } : {}),
    ...(slots.termMonths ? { termMonths: slots.termMonths } : {}),
    ...(productTypes ? { productTypes } : {}),
    includeIneligible: true,
    limit: 5,
  });
  // Limits are checked separately: an amount above the limit should still show the offer and its range.
  // The product types are in order of fit for the purpose (进货 → inventory financing first).
  // Only offers about the product the question names: a car loan question gets no shopping instalment.
  const matches = aboutAsked(input, q, result.matches);
  const byPreference = productTypes?.flatMap((type) => matches.filter((m) => m.offer.productType === type));
  const best =
    byPreference?.find((m) => m.eligible) ??
    matches.find((m) => m.eligible) ??
    matches.find((m) => m.criteria.every((r) => r.met) && !withheldFor(m)) ??
    matches[0];
  if (!best) return answerFromDocuments(c, input, q, docs);
  const offer = best.offer;
  const ref = c.citeOffer(offer, offerPitch(offer, c.locale));
  c.fact(`${t.found(offer.texts[c.locale].name)} ${offer.texts[c.locale].tagline}`, ref);
  offerCard(c, best, ref);
  const unmet = best.criteria.filter((r) => !r.met);
  if (sayWithheld(c, best)) {
    // Withheld for the risk level: no application hand-off.
  } else if (unmet.length > 0) {
    const labels = unmet.map((r) => r.label[c.locale]);
    const cref = c.citeOffer(offer, labels.join(t.listSep));
    c.fact(t.unmet(offer.texts[c.locale].name, labels.join(t.listSep)), cref);
    c.say(t.offerHuman);
    c.parts.push({ type: 'human_handoff', handoffId: null, offered: true });
  } else {
    const amountOk = best.checks.find((k) => k.check === 'amount')?.met !== false;
    if (!amountOk && offer.amount) {
      const range = `${formatMoney(offer.amount.min)} – ${formatMoney(offer.amount.max)}`;
      c.fact(
        t.outOfRange(offer.texts[c.locale].name, range),
        c.citeOffer(offer, offerSummary(offer, c.locale)),
      );
    }
    const termOk = best.checks.find((k) => k.check === 'term')?.met !== false;
    c.say(t.applyNow);
    c.parts.push({
      type: 'handoff',
      offerId: offer.id,
      offerVersion: offer.version,
      prefill: {
        ...(slots.amount && amountOk ? { amount: slots.amount } : {}),
        ...(slots.purpose ? { purpose: slots.purpose } : {}),
        ...(slots.termMonths && termOk ? { termMonths: slots.termMonths } : {}),
      },
    });
  }
  supportingQuote(c, input, q, docs);
  c.disclaimers();
  return { found: true };
}

function eligibility(
  c: Composer,
  input: AdviseInput,
  slots: ChatSlots,
  q: Question,
  docs: RetrievalHit[],
): Pick<AdvisorAnswer, 'found' | 'humanHandoff'> {
  const t = messagesFor(T, c.locale);
  const productTypes = productTypesFor(input, slots, c.locale);
  const result = input.tools.matchOffers({
    ...(productTypes ? { productTypes } : {}),
    includeIneligible: true,
    limit: 3,
  });
  const target = aboutAsked(input, q, result.matches)[0];
  if (!target) return answerFromDocuments(c, input, q, docs);
  const offer = target.offer;
  const name = offer.texts[c.locale].name;
  const labels = target.criteria.map((r) => r.label[c.locale]);
  const ref = c.citeOffer(offer, labels.length > 0 ? labels.join(t.listSep) : offerPitch(offer, c.locale));
  const unmet = target.criteria.filter((r) => !r.met);
  if (unmet.length === 0 && withheldFor(target)) {
    offerCard(c, target, ref);
    sayWithheld(c, target);
  } else if (unmet.length === 0) {
    c.fact(t.allMet(name), ref);
    offerCard(c, target, ref);
    c.say(t.applyNow);
    c.parts.push({
      type: 'handoff',
      offerId: offer.id,
      offerVersion: offer.version,
      prefill: handoffPrefill(slots),
    });
  } else {
    c.fact(t.unmet(name, unmet.map((r) => r.label[c.locale]).join(t.listSep)), ref);
    offerCard(c, target, ref);
    c.say(t.offerHuman);
    c.parts.push({ type: 'human_handoff', handoffId: null, offered: true });
  }
  supportingQuote(c, input, q, docs);
  c.disclaimers();
  return { found: true };
}

function handoffPrefill(slots: ChatSlots) {
  return {
    ...(slots.amount ? { amount: slots.amount } : {}),
    ...(slots.purpose ? { purpose: slots.purpose } : {}),
    ...(slots.termMonths ? { termMonths: slots.termMonths } : {}),
  };
}

function compare(
  c: Composer,
  input: AdviseInput,
  slots: ChatSlots,
  q: Question,
  docs: RetrievalHit[],
): Pick<AdvisorAnswer, 'found' | 'humanHandoff'> {
  const offers = input.index.offers;
  const hits = relevant(
    input.index.search(input.text, {
      locale: c.locale,
      scenario: input.scenario,
      sourceKind: 'offer',
      limit: 3,
      ...(slots.productTypes ? { productTypes: slots.productTypes } : {}),
    }),
  );
  const chosen = hits
    .filter((h) => aboutFocus(input.index, h.passage, q.concepts))
    .map((h) => offers.find((o) => o.id === h.passage.sourceId && o.version === h.passage.version))
    .filter((o): o is (typeof offers)[number] => o !== undefined);
  if (chosen.length < 2) return answerFromDocuments(c, input, q, docs);
  const matches = input.tools.matchOffers({ includeIneligible: true, limit: 50 }).matches;
  c.say(messagesFor(T, c.locale).intro);
  for (const offer of chosen) {
    const summary = offerSummary(offer, c.locale);
    const ref = c.citeOffer(offer, summary);
    c.fact(summary, ref);
    const m = matches.find((x) => x.offer.id === offer.id);
    if (m) offerCard(c, m, ref);
  }
  c.disclaimers();
  return { found: true };
}

function crossBorder(
  c: Composer,
  input: AdviseInput,
  slots: ChatSlots,
  q: Question,
  docs: RetrievalHit[],
): Pick<AdvisorAnswer, 'found' | 'humanHandoff'> {
  const t = messagesFor(T, c.locale);
  let table: RouteTable | null = null;
  if (slots.amount && slots.fromCurrency && slots.toCurrency && input.tools.quoteRoute) {
    table = input.tools.quoteRoute({
      amount: slots.amount,
      fromCurrency: slots.fromCurrency,
      toCurrency: slots.toCurrency,
      urgency: slots.urgency ?? 'normal',
    });
  }
  const evidence = selectEvidence(input.index, docs, input.text, q.concepts, q.ask, c.locale);
  if (evidence.kind === 'abstain' && !table) return answerFromDocuments(c, input, q, docs);
  if (evidence.kind === 'found') {
    c.say(t.intro);
    quoteEvidence(c, evidence.evidence.passage, evidence.evidence.sentences);
  }
  if (table) {
    c.say(t.routes);
    c.parts.push({ type: 'route_table', ...table } satisfies ChatRouteTablePart);
  } else if (!slots.amount || !slots.toCurrency) {
    c.say(t.needTransfer);
  }
  c.disclaimers([CROSS_BORDER_DISCLAIMER[c.locale]]);
  return { found: true };
}

const PORTFOLIO_TEXT = {
  'zh-CN': {
    intro: '以下是根据您的持仓所做的基金健诊，每项结论都注明了它依据的持仓、您的风险等级或产品。',
    none: '我还没有您的持仓信息。您可以在“基金健诊”中录入持仓，我再为您检查集中度、风险等级、费用和重叠情况。',
  },
  en: {
    intro:
      'Here is a health check of your holdings; each point names the holdings, your risk level or the products it rests on.',
    none: 'I do not have your holdings yet. Enter them in the portfolio health check and I will look at concentration, risk level, fees and overlap.',
  },
} as const;

/** The user's own holdings, checked: the report travels whole as one structured part. */
function portfolioCheck(c: Composer, input: AdviseInput): Pick<AdvisorAnswer, 'found' | 'humanHandoff'> {
  const report = input.tools.checkPortfolio?.(c.locale) ?? null;
  if (report === null) {
    c.say(messagesFor(PORTFOLIO_TEXT, c.locale).none);
    return { found: false };
  }
  c.say(messagesFor(PORTFOLIO_TEXT, c.locale).intro);
  c.parts.push({ type: 'health_check', report });
  return { found: true };
}
