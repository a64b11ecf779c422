import type { NudgesMessages } from './nudges.messages.js';

/** What <finlet-nudges> says in English; loaded when an element's locale is `en`. */
const en: NudgesMessages = {
  'nudges.title': 'Ready for you',
  'nudges.empty': 'Nothing new for you right now.',
  'nudges.view': 'See details and apply',
  'nudges.dismiss': 'Not interested',
  'nudges.assess': 'Take the risk assessment',
  'nudges.back': 'Back to the list',
  'nudges.expires': (date) => `Available until ${date}`,
  'nudges.amount': (amount) => `Estimated amount ${amount}`,
};

export default en;
