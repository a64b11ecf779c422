import type { SuitabilityMessages } from './suitability.messages.js';

/** What <finlet-suitability> says in English; loaded when an element's locale is `en`. */
const en: SuitabilityMessages = {
  'suitability.title': 'Risk tolerance assessment',
  'suitability.intro': (count) =>
    `${count} questions, one answer each, about 3 minutes. The result decides which investment products we recommend to you.`,
  'suitability.start': 'Start',
  'suitability.progress': (n, total) => `Question ${n} of ${total}`,
  'suitability.back': 'Previous question',
  'suitability.next': 'Next question',
  'suitability.submit': 'Submit',
  'suitability.submitting': 'Submitting…',
  'suitability.pick': 'Choose one answer to go on.',
  'suitability.result': 'Your risk tolerance level',
  'suitability.level': (level) =>
    ({ C1: 'C1 Conservative', C2: 'C2 Cautious', C3: 'C3 Balanced', C4: 'C4 Growth', C5: 'C5 Aggressive' })[
      level
    ],
  'suitability.levelHint': (level) => `We only recommend products rated R${level.slice(1)} or lower to you.`,
  'suitability.expires': (date) => `Valid until ${date}; take it again after that.`,
  'suitability.retake': 'Take it again',
  'error.no_risk_questionnaire': 'The bank has not published its risk questionnaire yet. Please try later.',
  'error.risk_answers_invalid':
    'A question is unanswered or an answer is not valid. Please check and submit again.',
  'error.risk_questionnaire_outdated': 'The questionnaire has changed. Please answer it again.',
  'error.idempotency_conflict': 'This differs from what you sent before. Please answer again.',
};

export default en;
