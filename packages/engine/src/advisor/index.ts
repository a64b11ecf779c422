export {
  type AdviseInput,
  type AdvisorAnswer,
  type AdvisorTools,
  type AnswerPart,
  advise,
  MIN_COVERAGE,
  type OfferMatchToolRequest,
  type RouteQuoteRequest,
  type RouteTable,
} from './advise.js';
export { findAmounts, findTermMonths, parseChineseNumeral } from './amounts.js';
export {
  type Classified,
  NaiveBayes,
  type NaiveBayesModel,
  textFeatures,
  trainNaiveBayes,
} from './classifier.js';
export {
  CROSS_BORDER_DISCLAIMER,
  disclaimersFor,
  PRODUCT_DISCLAIMERS,
  promisesReturns,
} from './compliance.js';
export {
  ANSWER_QUALITY_TARGETS,
  type AnswerQualityReport,
  type BankEvalInput,
  type BankEvalQuestion,
  citationProblems,
  EVAL_TARGETS,
  type EvalInput,
  type EvalQuestion,
  type EvalReport,
  evaluateAdvisor,
  evaluateAnswerQuality,
  evaluateIntents,
  INTENT_TARGETS,
  type IntentEvalCase,
  type IntentEvalInput,
  type IntentEvalLanguage,
  type IntentReport,
  statedFigures,
  wrongFacts,
} from './evaluate.js';
export { type DraftedReply, draftReplies, draftWrapUp, type HandoffTurn, handoffSummary } from './handoff.js';
export {
  findIdentifiers,
  type IdentifierKind,
  type IdentifierSpan,
  maskIdentifiers,
  withoutIdentifiers,
} from './identifiers.js';
export {
  classifyIntent,
  INTENT_THRESHOLD,
  type Understanding,
  type UnsafeKind,
  understand,
} from './intent.js';
export { type ClassifiedIntent, INTENT_EXAMPLES } from './intent-examples.js';
export {
  type AdvisorDocument,
  documentPassages,
  documentTexts,
  KnowledgeIndex,
  type KnowledgeInput,
  offerPassages,
  type Passage,
  type RetrievalHit,
  type SearchOptions,
} from './retrieval.js';
export {
  classifyUnsafe,
  SafetyClassifier,
  type SafetyLabel,
  safetyFeatures,
  UNSAFE_THRESHOLD,
} from './safety.js';
export { SAFETY_EXAMPLES } from './safety-examples.js';
export { mergeSlots, type SummaryTurn, summarizeConversation } from './summary.js';
export { normalizeText, splitParagraphs, splitSentences, stemEnglish, tokenize } from './text.js';
export {
  bankEntryConflict,
  type ConceptKind,
  type ConceptMatch,
  FINANCE_THESAURUS,
  parseThesaurus,
  Thesaurus,
  type ThesaurusEntry,
} from './thesaurus.js';
export { createAdvisorTools, type SessionToolsInput } from './tools.js';
