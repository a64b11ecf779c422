/**
 * Text normalisation and tokenisation for retrieval and intent detection. Chinese is segmented with
 * `Intl.Segmenter` (ICU's dictionary) and, because ICU splits many finance terms (进货 → 进|货,
 * 跨境 → 跨|境), every run of Han characters also yields its character bigrams. English is
 * lower-cased, stop words are dropped and words are reduced by a light suffix stemmer.
 */

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;

let segmenter: Intl.Segmenter | undefined;
function zhSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  return segmenter;
}

/** Full-width forms to ASCII, lower case, NFKC: `ＡＰＲ` and `apr` are the same word. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

const EN_STOP = new Set(
  "a an and are as at be been but by can could do does for from had has have how i if in into is it its me my of on or our please should so than that the their them then there these they this to was we what when where which who why will with would you your tell about any get i'm im".split(
    ' ',
  ),
);
const ZH_STOP = new Set([
  '的',
  '了',
  '吗',
  '呢',
  '吧',
  '是',
  '我',
  '你',
  '我们',
  '什么',
  '怎么',
  '怎么样',
  '一下',
  '请问',
  '可以',
  '多少',
  '哪些',
  '如何',
  '需要',
  '一个',
  '这个',
  '有没有',
  '是否',
  '我想',
  '我能',
]);

/**
 * A light English stemmer (a subset of Porter's step 1 plus common derivational endings): enough to
 * make `fees`/`fee`, `financing`/`finance`, `repaid`/`repay`, `eligibility`/`eligible` meet.
 */
export function stemEnglish(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  const rules: Array<[RegExp, string]> = [
    [/ibility$/, 'ible'],
    [/ability$/, 'able'],
    [/ational$/, 'ate'],
    [/ization$/, 'ize'],
    [/isation$/, 'ize'],
    [/ments?$/, ''],
    [/ies$/, 'y'],
    [/sses$/, 'ss'],
    [/([^s])s$/, '$1'],
    [/ied$/, 'y'],
    [/([a-z]{3,})ing$/, '$1'],
    [/([a-z]{3,})ed$/, '$1'],
    [/([a-z]{3,})ly$/, '$1'],
  ];
  for (const [re, to] of rules) {
    if (re.test(w)) {
      w = w.replace(re, to);
      break;
    }
  }
  // finance/financ, repay/repai: drop a trailing e and fold doubled consonants so both forms meet.
  if (w.length > 4) w = w.replace(/e$/, '').replace(/([bdfglmnprt])\1$/, '$1');
  return w;
}

/**
 * Tokens of a text for the index and for queries. Mixed-language text works: Han runs are
 * segmented, Latin words are stemmed, numbers are kept.
 */
export function tokenize(text: string): string[] {
  const cached = tokenCache.get(text);
  if (cached) return cached;
  const tokens = tokenizeUncached(text);
  // Segmenting Han text costs about 9 µs a character in ICU: passages, titles and repeated
  // questions are segmented once. Oldest entries go first when the cache is full.
  if (tokenCache.size >= TOKEN_CACHE_SIZE) tokenCache.delete(tokenCache.keys().next().value!);
  tokenCache.set(text, tokens);
  return tokens;
}

const TOKEN_CACHE_SIZE = 50_000;
const tokenCache = new Map<string, string[]>();

function tokenizeUncached(text: string): string[] {
  const norm = normalizeText(text);
  const out: string[] = [];
  // Latin words by a regex (the segmenter adds nothing there and is slow); Han runs by ICU's dictionary.
  for (const part of norm.replace(HAN_RUN, ' ').split(/[^a-z0-9']+/)) {
    const word = part.replace(/^'+|'+$/g, '');
    if (word.length === 0 || EN_STOP.has(word)) continue;
    // Numbers are slots (amounts, terms), not search terms: "50,000" would match every limit.
    if (/^[0-9]+$/.test(word)) continue;
    out.push(stemEnglish(word.replace(/'/g, '')));
  }
  for (const run of norm.match(HAN_RUN) ?? []) {
    for (const seg of zhSegmenter().segment(run)) {
      if (seg.isWordLike && seg.segment.length >= 2 && !ZH_STOP.has(seg.segment)) out.push(seg.segment);
    }
  }
  for (const run of norm.match(HAN_RUN) ?? []) {
    for (let i = 0; i + 2 <= run.length; i++) {
      const bigram = run.slice(i, i + 2);
      if (!ZH_STOP.has(bigram)) out.push(bigram);
    }
  }
  return out;
}

/** Splits plain text into sentences (Chinese and English punctuation), keeping the punctuation. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    current += ch;
    const next = text[i + 1];
    const ends =
      ('。！？；'.includes(ch) && !'。！？；”'.includes(next ?? '')) ||
      ('.!?;'.includes(ch) && (next === undefined || /\s/.test(next)));
    if (ends || ch === '\n') {
      if (current.trim()) out.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/** Splits a plain-text body into paragraphs (blank-line separated). */
export function splitParagraphs(body: string): string[] {
  return body
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p.length > 0);
}
