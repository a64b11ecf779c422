import type { KnowledgeIndex, Passage, RetrievalHit } from './retrieval.js';
import { splitSentences, tokenize } from './text.js';
import type { ConceptMatch } from './thesaurus.js';

/** What a question asks for: a figure, a length of time, a rule (can I / is there), or anything else. */
export type Ask = 'amount' | 'duration' | 'rule' | 'other';

const ASK_DURATION =
  /多久|多长时间|多少天|多少年|多少个月|几天|几年|几个月|几个工作日|最长|最短|什么时候|何时|\b(how long|how many (days|weeks|months|years)|how (fast|quickly|soon))\b/;
const ASK_AMOUNT =
  /多少|几成|几克|最高|最低|最多|最少|\b(how much|how many|what(’|')?s the (maximum|minimum|rate|fee|limit|cost|price|premium)|what is the (maximum|minimum|rate|fee|limit|cost|price|premium|\S+ (rate|fee|limit))|what percentage)\b/;
const ASK_RULE =
  /能不能|可不可以|可否|是否|有没有|会不会|要不要|需不需要|能否|(可以|能|会|要|需要|有|受).{0,24}吗|^\s*(can|could|may|is|are|do|does|will|am)\b/;
/** Figures asked without a question word: "working-capital loan rate", "保费". */
const ASK_AMOUNT_WEAK =
  /额度|上限|起点|费率|利率|手续费|保费|保额|\b(maximum|minimum|limit|rate|fees?|cost|price|premium|up to)\b/;
const ASK_DURATION_WEAK = /期限|\b(term|tenor)\b/;

/** The kind of answer a question wants, from its wording. */
export function askOf(question: string): Ask {
  const q = question.toLowerCase();
  if (ASK_DURATION.test(q)) return 'duration';
  if (ASK_AMOUNT.test(q)) return 'amount';
  if (ASK_RULE.test(q)) return 'rule';
  if (ASK_DURATION_WEAK.test(q)) return 'duration';
  if (ASK_AMOUNT_WEAK.test(q)) return 'amount';
  return 'other';
}

const DURATION =
  /\d+(\.\d+)?\s*(天|日|个月|月|年|周|小时|分钟|个工作日|工作日|期|days?|weeks?|months?|years?|hours?|minutes?|working days?)|当天|当日|次日|实时|same day|next (working )?day|immediately/i;
const FIGURE = /\d/;

function answers(ask: Ask, clause: string): boolean {
  if (ask === 'duration') return DURATION.test(clause);
  if (ask === 'amount') return FIGURE.test(clause);
  return true;
}

/** A sentence cut at commas: a figure belongs to its clause and to what the clauses before it name. */
function clauses(sentence: string): string[] {
  return sentence
    .split(/(?<=[，,；;])/)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

/**
 * Whether a sentence states what was asked: for a figure or a length of time, a clause holding
 * one, with the asked attribute named in it or before it (so "…1年至5年，…以审批结果为准" does not
 * answer how long approval takes). Rules and other questions need no figure.
 */
/** Attributes that name the same figure in other words: a limit is a maximum. */
const SAME_FIGURE: readonly (readonly string[])[] = [
  ['loan-amount', 'maximum', 'transfer-limit', 'sum-insured'],
];

function widen(attributes: ReadonlySet<string>): ReadonlySet<string> {
  const out = new Set(attributes);
  for (const family of SAME_FIGURE)
    if (family.some((a) => attributes.has(a))) for (const a of family) out.add(a);
  return out;
}

export function states(
  index: KnowledgeIndex,
  sentence: string,
  ask: Ask,
  q: Pick<QuestionConcepts, 'attributes' | 'terms'>,
): boolean {
  if (ask === 'rule' || ask === 'other') return true;
  // With no attribute asked (a fee, a term), what the question does ("open an agreement") must be
  // named instead: "how long does opening take" is not answered by how long a transfer takes.
  const attributes = q.attributes.size > 0 ? widen(q.attributes) : q.terms;
  const parts = clauses(sentence);
  let prefix = '';
  for (const clause of parts) {
    prefix += clause;
    if (!answers(ask, clause)) continue;
    if (attributes.size === 0) return true;
    if (index.concepts(prefix).some((c) => attributes.has(c.id))) return true;
  }
  return false;
}

export interface QuestionConcepts {
  /** Products the question names: a figure may come only from a source about one of them. */
  readonly focus: ReadonlySet<string>;
  /** Other things the question names that sources are about (a wedding, a car): preferred, not required. */
  readonly topics: ReadonlySet<string>;
  /** What is asked about the product (a fee, a term, a limit): the quoted clause must name one. */
  readonly attributes: ReadonlySet<string>;
  /** What the question does or names besides products, topics and attributes (open, an agreement, a branch). */
  readonly terms: ReadonlySet<string>;
  readonly all: ReadonlySet<string>;
}

/**
 * The concepts a question names, split into its focus (the products, and topics some source is
 * about) and the attributes it asks.
 */
export function questionConcepts(index: KnowledgeIndex, concepts: readonly ConceptMatch[]): QuestionConcepts {
  const focus = new Set<string>();
  const topics = new Set<string>();
  const attributes = new Set<string>();
  const terms = new Set<string>();
  for (const c of concepts) {
    if (c.kind === 'attribute') attributes.add(c.id);
    else if (c.kind === 'product') focus.add(c.id);
    else if (index.hasTopic(c.id)) topics.add(c.id);
    else terms.add(c.id);
  }
  return { focus, topics, attributes, terms, all: new Set(concepts.map((c) => c.id)) };
}

/** Whether a source is about one of the products the question names (any source, when it names none). */
export function aboutFocus(
  index: KnowledgeIndex,
  passage: Pick<Passage, 'sourceKind' | 'sourceId'>,
  q: QuestionConcepts,
  opening = true,
): boolean {
  if (q.focus.size === 0) return true;
  const topics = index.topicsOf(passage, opening);
  for (const id of q.focus) if (topics.has(id)) return true;
  return false;
}

export interface Evidence {
  readonly passage: Passage;
  /** Sentences of the passage to quote, in their order. */
  readonly sentences: readonly string[];
}

export type EvidenceResult =
  | { readonly kind: 'found'; readonly evidence: Evidence }
  /**
   * `weak`: nothing relevant enough; `other_product`: only sources about other products;
   * `not_stated`: the source about the product does not state what was asked.
   */
  | {
      readonly kind: 'abstain';
      readonly reason: 'weak' | 'other_product' | 'not_stated';
      readonly title?: string;
    };

/**
 * Chooses what may be quoted for a question, or abstains. The evidence comes from one source about
 * the product the question names, and holds a clause naming what was asked with a figure of the
 * asked kind (an amount for "how much", a length of time for "how long"); otherwise the advisor
 * says it does not know rather than quote a neighbouring product or paragraph.
 */
export function selectEvidence(
  index: KnowledgeIndex,
  hits: readonly RetrievalHit[],
  question: string,
  q: QuestionConcepts,
  ask: Ask,
  locale: Passage['locale'],
): EvidenceResult {
  // A product no source is about (a pet insurance, a platinum card): whatever else matches is
  // about something else.
  for (const id of q.focus) if (!index.hasTopic(id)) return { kind: 'abstain', reason: 'other_product' };
  if (hits.length === 0) return { kind: 'abstain', reason: 'weak' };
  const onTopic = (h: RetrievalHit) => [...index.topicsOf(h.passage)].some((t) => q.topics.has(t));
  // Sources whose title names the product first, then those whose opening paragraph does.
  const titled = hits.filter((h) => aboutFocus(index, h.passage, q, false));
  const about = [...titled, ...hits.filter((h) => !titled.includes(h) && aboutFocus(index, h.passage, q))];
  // With no product named, a source about what the question names (a wedding, a car) comes first.
  const hit = (q.focus.size === 0 ? about.find(onTopic) : undefined) ?? about[0];
  if (!hit) return { kind: 'abstain', reason: 'other_product' };
  const passages = index.passagesOf(hit.passage);
  // Quote in the user's language when the source has it, else in the source's own.
  const inLocale = passages.filter((p) => p.locale === locale);
  const candidates = inLocale.length > 0 ? inLocale : passages.filter((p) => p.locale === hit.passage.locale);
  const terms = new Set(tokenize(question));
  let best: { passage: Passage; sentence: string; score: number; order: number } | undefined;
  const scored: { passage: Passage; sentence: string; score: number; order: number; fits: boolean }[] = [];
  let order = 0;
  for (const passage of candidates) {
    for (const sentence of splitSentences(passage.text)) {
      const concepts = new Set(index.concepts(sentence).map((c) => c.id));
      let attributes = 0;
      for (const a of q.attributes) if (concepts.has(a)) attributes++;
      let shared = 0;
      for (const c of q.all) if (concepts.has(c)) shared++;
      const words = tokenize(sentence).filter((t) => terms.has(t)).length;
      const fits = states(index, sentence, ask, q);
      const score = 4 * attributes + 2 * shared + words + (fits ? 3 : 0);
      scored.push({ passage, sentence, score, order: order++, fits });
    }
  }
  for (const s of scored) if (s.fits && (!best || s.score > best.score)) best = s;
  const title = hit.passage.title;
  if (!best) return { kind: 'abstain', reason: 'not_stated', title };
  // Quote the fitting sentence, and the next best sentence of the same passage when it adds to it.
  const companion = scored
    .filter((s) => s.passage === best!.passage && s !== best && s.score >= best!.score / 2 && s.score > 0)
    .sort((a, b) => b.score - a.score)[0];
  const sentences = [best, ...(companion ? [companion] : [])]
    .sort((a, b) => a.order - b.order)
    .map((s) => s.sentence);
  return { kind: 'found', evidence: { passage: best.passage, sentences } };
}
