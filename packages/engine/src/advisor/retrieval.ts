import type {
  KnowledgeText,
  Locale,
  ProductType,
  PublicOffer,
  PublishedKnowledgeDocument,
  Scenario,
} from '@finlet/contracts';
import MiniSearch from 'minisearch';
import { hasHan, splitParagraphs, tokenize } from './text.js';
import {
  type ConceptMatch,
  conceptToken,
  FINANCE_THESAURUS,
  Thesaurus,
  type ThesaurusEntry,
} from './thesaurus.js';

/** One quotable unit: a paragraph of a document, or a block of an offer, in one locale. */
export interface Passage {
  readonly id: string;
  readonly sourceKind: 'document' | 'offer';
  readonly sourceId: string;
  readonly version: number;
  readonly locale: Locale;
  readonly title: string;
  readonly text: string;
  readonly tags: string;
  readonly scenarios: readonly Scenario[];
  readonly productTypes: readonly ProductType[];
  /** Thesaurus concepts of the text (and, on a source's first passage, of its title and tags), as concept tokens. */
  readonly concepts?: string;
  /** The product concepts among them, indexed again with a higher boost: the product asked decides most. */
  readonly products?: string;
}

/**
 * A published document as the advisor reads it: a bank may write a document in one language only,
 * so either locale may be missing.
 */
export type AdvisorDocument = PublishedKnowledgeDocument;

/**
 * The texts of a document in the languages it is really written in. A document whose two locales
 * hold the same text (a one-language document copied into both to pass validation) counts once,
 * in the language of its script.
 */
export function documentTexts(doc: AdvisorDocument): [Locale, KnowledgeText][] {
  const zh = doc.texts['zh-CN'];
  const en = doc.texts.en;
  if (zh && en && zh.body === en.body) return [[hasHan(zh.body) ? 'zh-CN' : 'en', zh]];
  const out: [Locale, KnowledgeText][] = [];
  if (zh) out.push(['zh-CN', zh]);
  if (en) out.push(['en', en]);
  return out;
}

export interface RetrievalHit {
  readonly passage: Passage;
  readonly score: number;
  /** Share of the query's distinct terms known to the index that the source contains, 0–1. */
  readonly coverage: number;
  /** Distinct query terms the source contains. */
  readonly matched: number;
}

export interface SearchOptions {
  readonly locale: Locale;
  readonly scenario?: Scenario;
  /** Distinct sources to return (the best passage of each). */
  readonly limit?: number;
  readonly sourceKind?: 'document' | 'offer';
  readonly productTypes?: readonly ProductType[];
}

/** Words for product types, so that "存货融资" or "inventory loan" finds an offer by its type. */
export const PRODUCT_TYPE_WORDS: Record<ProductType, { 'zh-CN': string; en: string }> = {
  installment: { 'zh-CN': '分期 分期付款', en: 'instalment installment pay monthly' },
  consumer_loan: { 'zh-CN': '消费贷 个人贷款', en: 'consumer loan personal loan' },
  credit_card: { 'zh-CN': '信用卡', en: 'credit card' },
  business_loan: { 'zh-CN': '经营贷 小微贷款 企业贷款', en: 'business loan small business' },
  startup_loan: { 'zh-CN': '创业贷款 创业担保贷款', en: 'startup loan start-up business' },
  inventory_financing: { 'zh-CN': '存货融资 进货 库存', en: 'inventory financing stock' },
  receivables_financing: { 'zh-CN': '应收账款融资 保理', en: 'receivables financing invoice' },
  trade_finance: { 'zh-CN': '贸易融资', en: 'trade finance' },
  business_account: { 'zh-CN': '对公账户 企业开户', en: 'business account' },
  travel_card: { 'zh-CN': '旅行信用卡 旅行卡', en: 'travel card credit card' },
  wealth_management: { 'zh-CN': '理财 理财产品', en: 'wealth management investment product' },
  fund: { 'zh-CN': '基金 公募基金', en: 'fund mutual fund' },
  time_deposit: { 'zh-CN': '定期存款 定期 存款', en: 'time deposit fixed deposit' },
  personal_account: { 'zh-CN': '个人账户 开户', en: 'personal account' },
  debit_card: { 'zh-CN': '借记卡 储蓄卡', en: 'debit card' },
};

/** The passages of one published document: its paragraphs in each locale it is written in. */
export function documentPassages(doc: AdvisorDocument): Passage[] {
  const out: Passage[] = [];
  for (const [locale, text] of documentTexts(doc)) {
    splitParagraphs(text.body).forEach((paragraph, i) => {
      out.push({
        id: `d:${doc.id}:${locale}:${i}`,
        sourceKind: 'document',
        sourceId: doc.id,
        version: doc.version,
        locale,
        title: text.title,
        text: paragraph,
        tags: [...doc.tags, ...doc.productTypes.map((t) => PRODUCT_TYPE_WORDS[t][locale])].join(' '),
        scenarios: doc.scenarios,
        productTypes: doc.productTypes,
      });
    });
  }
  return out;
}

/** The passages of one published offer: what it is, who may apply, and what it costs. */
export function offerPassages(offer: PublicOffer, eligibilityLabels: readonly OfferLabels[] = []): Passage[] {
  const out: Passage[] = [];
  for (const locale of ['zh-CN', 'en'] as const) {
    const t = offer.texts[locale];
    const base = {
      sourceKind: 'offer' as const,
      sourceId: offer.id,
      version: offer.version,
      locale,
      title: t.name,
      tags: PRODUCT_TYPE_WORDS[offer.productType][locale],
      scenarios: offer.scenarios,
      productTypes: [offer.productType],
    };
    const sep = locale === 'zh-CN' ? '。' : '. ';
    const end = (s: string) => (/[。.!?！？]$/.test(s) ? s : `${s}${sep.trim()}`);
    out.push({
      ...base,
      id: `o:${offer.id}:${locale}:0`,
      text: [t.tagline, ...t.highlights].map(end).join(' '),
    });
    const labels = eligibilityLabels.map((l) => l[locale]);
    if (labels.length > 0) {
      const lead = locale === 'zh-CN' ? '申请条件：' : 'Who can apply: ';
      out.push({
        ...base,
        id: `o:${offer.id}:${locale}:1`,
        text: end(`${lead}${labels.join(locale === 'zh-CN' ? '；' : '; ')}`),
      });
    }
    const costs = [
      ...offer.pricing.fees.map((f) => f.label[locale]),
      ...offer.disclosures.map((d) => d[locale]),
    ];
    if (costs.length > 0)
      out.push({ ...base, id: `o:${offer.id}:${locale}:2`, text: costs.map(end).join(' ') });
  }
  return out;
}

export interface OfferLabels {
  readonly 'zh-CN': string;
  readonly en: string;
}

export interface KnowledgeInput {
  readonly documents: readonly AdvisorDocument[];
  /**
   * The bank's own thesaurus entries, added to Finlet's finance thesaurus (an entry with a shipped
   * id adds its terms to that concept). Retrieval, evidence selection and intent all read the merged one.
   */
  readonly thesaurus?: readonly ThesaurusEntry[];
  readonly offers: readonly (PublicOffer & { readonly eligibility?: readonly { label: OfferLabels }[] })[];
}

/** The concepts a source is about: those of its titles and tags, in every locale. */
export interface SourceTopics {
  readonly concepts: ReadonlySet<string>;
}

const MAX_SEARCHED_TERMS = 12;

const sourceKey = (p: Pick<Passage, 'sourceKind' | 'sourceId'>) => `${p.sourceKind}:${p.sourceId}`;

/**
 * A retrieval index over published documents and offers, built with MiniSearch (BM25+) on
 * Finlet's tokeniser and a zh/en finance thesaurus: each passage is indexed under its words and
 * under the concepts they name, and a question is searched by its concepts plus the words the
 * concepts do not cover, so that a Chinese question finds a document written only in English and
 * everyday words find the product team's terms. Build it once per catalogue version and reuse it:
 * building is the costly part.
 */
export class KnowledgeIndex {
  readonly #search: MiniSearch<Passage>;
  readonly #passages = new Map<string, Passage>();
  readonly #bySource = new Map<string, Passage[]>();
  readonly #topics = new Map<string, Set<string>>();
  readonly #mentions = new Map<string, Set<string>>();
  #allTopics: Set<string> | undefined;
  readonly #memo = new Map<string, RetrievalHit[]>();
  /** How many passages hold each term: query terms in none are noise, terms in most carry no signal. */
  readonly #documentFrequency = new Map<string, number>();
  readonly thesaurus: Thesaurus;
  readonly offers: KnowledgeInput['offers'];
  readonly documents: KnowledgeInput['documents'];

  constructor(input: KnowledgeInput) {
    this.offers = input.offers;
    this.documents = input.documents;
    this.thesaurus = new Thesaurus([...FINANCE_THESAURUS, ...(input.thesaurus ?? [])]);
    const fieldTokens = (text: string, field?: string) =>
      field === 'concepts' || field === 'products'
        ? text.split(' ').filter((t) => t.length > 0)
        : tokenize(text);
    this.#search = new MiniSearch<Passage>({
      fields: ['title', 'text', 'tags', 'concepts', 'products'],
      tokenize: fieldTokens,
      // A document's title and tags are indexed once, on its first passage of each locale: repeating
      // them on every paragraph makes the index larger and every title word match every paragraph.
      extractField: (p, field) =>
        (field === 'title' || field === 'tags') && !p.id.endsWith(':0')
          ? ''
          : ((p[field as keyof Passage] as string | undefined) ?? ''),
      processTerm: (term) => term,
      searchOptions: {
        boost: { title: 2, tags: 1.5, concepts: 1.5, products: 3 },
        processTerm: (term) => term,
      },
    });
    const raw = [
      ...input.documents.flatMap(documentPassages),
      ...input.offers.flatMap((o) =>
        offerPassages(
          o,
          (o.eligibility ?? []).map((c) => c.label),
        ),
      ),
    ];
    const conceptsOf = (text: string) => this.thesaurus.analyze(text).concepts;
    const tokens = (cs: readonly ConceptMatch[]) => [...new Set(cs.map((c) => conceptToken(c.id)))];
    const products = (cs: readonly ConceptMatch[]) =>
      tokens(cs.filter((c) => c.kind === 'product')).join(' ');
    const passages = raw.map((p) => {
      const own = conceptsOf(p.text);
      if (!p.id.endsWith(':0')) return { ...p, concepts: tokens(own).join(' '), products: products(own) };
      // What a source is about: its title and tags, and, less surely, the products its opening
      // paragraph names (a title that does not name its product still has a first paragraph that does).
      const about = conceptsOf(`${p.title}\n${p.tags}`);
      const topics = this.#topics.get(sourceKey(p)) ?? new Set<string>();
      for (const c of about) topics.add(c.id);
      this.#topics.set(sourceKey(p), topics);
      const mentions = this.#mentions.get(sourceKey(p)) ?? new Set<string>();
      for (const c of own) if (c.kind === 'product') mentions.add(c.id);
      this.#mentions.set(sourceKey(p), mentions);
      const all = [...own, ...about];
      return { ...p, concepts: tokens(all).join(' '), products: products(all) };
    });
    for (const p of passages) {
      this.#passages.set(p.id, p);
      const list = this.#bySource.get(sourceKey(p)) ?? [];
      list.push(p);
      this.#bySource.set(sourceKey(p), list);
      const fields = p.id.endsWith(':0') ? [p.title, p.text, p.tags] : [p.text];
      const terms = new Set([...fields.flatMap((f) => tokenize(f)), ...p.concepts.split(' ')]);
      for (const term of terms) {
        if (term.length === 0) continue;
        this.#documentFrequency.set(term, (this.#documentFrequency.get(term) ?? 0) + 1);
      }
    }
    this.#search.addAll(passages);
  }

  get size(): number {
    return this.#passages.size;
  }

  /** Every passage of one source, in both locales, in order. */
  passagesOf(passage: Pick<Passage, 'sourceKind' | 'sourceId'>): readonly Passage[] {
    return this.#bySource.get(sourceKey(passage)) ?? [];
  }

  /**
   * The concept ids a source is about: from its titles and tags, or, with `opening`, also the
   * products its opening paragraph names.
   */
  topicsOf(passage: Pick<Passage, 'sourceKind' | 'sourceId'>, opening = false): ReadonlySet<string> {
    const topics = this.#topics.get(sourceKey(passage)) ?? new Set<string>();
    if (!opening) return topics;
    return new Set([...topics, ...(this.#mentions.get(sourceKey(passage)) ?? [])]);
  }

  /** Whether any source is about a concept (by its title, tags or opening paragraph). */
  hasTopic(id: string): boolean {
    if (!this.#allTopics) {
      this.#allTopics = new Set<string>();
      for (const set of [...this.#topics.values(), ...this.#mentions.values()])
        for (const t of set) this.#allTopics.add(t);
    }
    return this.#allTopics.has(id);
  }

  /** The thesaurus concepts of a text (a question or a sentence). */
  concepts(text: string): ConceptMatch[] {
    return this.thesaurus.analyze(text).concepts;
  }

  /**
   * The best passage of each of the best sources for a query. Passages in the user's locale and
   * scenario rank higher; a query in one language finds sources written only in the other through
   * the concepts they share.
   */
  search(query: string, options: SearchOptions): RetrievalHit[] {
    const key = `${query}\u0000${options.locale}\u0000${options.scenario ?? ''}\u0000${options.limit ?? 3}\u0000${options.sourceKind ?? ''}\u0000${options.productTypes?.join(',') ?? ''}`;
    const memo = this.#memo.get(key);
    if (memo) return memo;
    const hits = this.#searchUncached(query, options);
    // One message searches the same words several times (documents, offers, intent rescue), and
    // users ask the same questions: keep the last answers. The index never changes once built.
    if (this.#memo.size >= 512) this.#memo.delete(this.#memo.keys().next().value!);
    this.#memo.set(key, hits);
    return hits;
  }

  #searchUncached(query: string, options: SearchOptions): RetrievalHit[] {
    const { concepts, rest } = this.thesaurus.analyze(query);
    const knownConcepts = concepts
      .map((c) => conceptToken(c.id))
      .filter((t) => this.#documentFrequency.has(t));
    const known = [...new Set(tokenize(rest))].filter((t) => this.#documentFrequency.has(t));
    // Terms in more than a tenth of all passages (融资, loan, the concept of applying…) rank little
    // and cost much: drop them unless nothing else is left.
    const maxFrequency = Math.max(20, this.#passages.size / 10);
    const isRare = (t: string) => this.#documentFrequency.get(t)! <= maxFrequency;
    const rareConcepts = knownConcepts.filter(isRare);
    const rareWords = known.filter(isRare);
    const anyRare = rareConcepts.length + rareWords.length > 0;
    const conceptTerms = anyRare ? rareConcepts : knownConcepts;
    const words = anyRare ? rareWords : known;
    const terms = new Set([...conceptTerms, ...words]);
    if (terms.size === 0) return [];
    // The cost of a search grows with the postings of its terms: past a dozen, the commonest add
    // little to the ranking, so only the rarest dozen are searched (coverage still counts them all).
    const searched =
      terms.size <= MAX_SEARCHED_TERMS
        ? [...terms]
        : [...terms]
            .sort((a, b) => this.#documentFrequency.get(a)! - this.#documentFrequency.get(b)!)
            .slice(0, MAX_SEARCHED_TERMS);
    // A passage can only share words of its own language: coverage counts the concepts and the
    // words written in the passage's script.
    const hanWords = words.filter((w) => hasHan(w)).length;
    const latinWords = words.length - hanWords;
    const wanted = new Set(options.productTypes ?? []);
    const results = this.#search.search(searched.join(' '), {
      tokenize: (q) => q.split(' '),
      boostDocument: (id) => {
        const p = this.#passages.get(String(id));
        if (!p) return 0;
        if (options.sourceKind && p.sourceKind !== options.sourceKind) return 0;
        let boost = p.locale === options.locale ? 1.3 : 1;
        if (options.scenario) boost *= p.scenarios.includes(options.scenario) ? 1.5 : 0.6;
        if (wanted.size > 0 && p.productTypes.some((t) => wanted.has(t))) boost *= 1.3;
        return boost;
      },
    });
    // Rank sources by their best passage; quote the best passage in the user's locale when there is one.
    const best = new Map<
      string,
      { score: number; terms: Set<string>; locales: Set<Locale>; quote: Passage; quoteScore: number }
    >();
    // Only the best few hundred passages can hold the best sources.
    for (const r of results.length > 300 ? results.slice(0, 300) : results) {
      const passage = this.#passages.get(String(r.id));
      if (!passage || r.score <= 0) continue;
      const key = sourceKey(passage);
      const inLocale = passage.locale === options.locale;
      const prev = best.get(key);
      if (!prev) {
        best.set(key, {
          score: r.score,
          terms: new Set(r.terms),
          locales: new Set([passage.locale]),
          quote: passage,
          quoteScore: r.score,
        });
        continue;
      }
      prev.score = Math.max(prev.score, r.score);
      prev.locales.add(passage.locale);
      for (const term of r.terms) prev.terms.add(term);
      const prevInLocale = prev.quote.locale === options.locale;
      if ((inLocale && !prevInLocale) || (inLocale === prevInLocale && r.score > prev.quoteScore)) {
        prev.quote = passage;
        prev.quoteScore = r.score;
      }
    }
    return [...best.values()]
      .map((b) => {
        const countable =
          conceptTerms.length +
          (b.locales.has('zh-CN') ? hanWords : 0) +
          (b.locales.has('en') ? latinWords : 0);
        return {
          passage: b.quote,
          score: b.score,
          coverage: Math.min(1, b.terms.size / Math.max(1, countable)),
          matched: b.terms.size,
        };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, options.limit ?? 3);
  }
}
