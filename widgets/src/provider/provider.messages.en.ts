import type { ProviderMessages } from './provider.messages.js';

/** What <finlet-provider> (the agent grants it lists) says in English; loaded when an element's locale is `en`. */
const en: ProviderMessages = {
  'grants.title': 'AI assistants that can act for you',
  'grants.summary': (tools, cap, until) => `May use: ${tools}; up to ${cap}; until ${until}`,
  'grants.revoke': 'Revoke',
  'grants.revokeLabel': (agent) => `Revoke access for ${agent}`,
  'grants.revoked': (agent) => `Access for ${agent} revoked.`,
  'grants.tool.ask_advisor': 'questions',
  'grants.tool.match_offers': 'matching offers',
  'grants.tool.explain_offer': 'explaining offers',
  'grants.tool.quote_route': 'transfer quotes',
  'grants.tool.list_nudges': 'suggestions',
  'grants.tool.start_application': 'preparing applications (you confirm)',
};

export default en;
