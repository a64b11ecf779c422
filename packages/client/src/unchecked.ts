import { type ClientOptions, createClientWith, type FinletClient } from './core.js';
import { unchecked } from './http.js';
import type { SessionTokens } from './session.js';

export type { ClientOptions, FinletClient } from './core.js';
export * from './errors.js';
export {
  decodeClaims,
  decodeExpiry,
  REFRESH_MARGIN_MS,
  type SessionState,
  type SessionTokenSource,
  SessionTokens,
} from './session.js';

/**
 * The same client without zod: answers are trusted to match the contracts. For browser bundles
 * served by the gateway itself (same build, same contracts), where zod would triple the size.
 */
export function createUncheckedClient(options: ClientOptions, shared?: SessionTokens): FinletClient {
  return createClientWith(
    {
      AgentGrant: unchecked(),
      AgentGrantList: unchecked(),
      Application: unchecked(),
      Consent: unchecked(),
      Health: unchecked(),
      OfferMatchResult: unchecked(),
      Nudge: unchecked(),
      NudgeList: unchecked(),
      NudgeAccepted: unchecked(),
      RouteQuote: unchecked(),
      ChatPart: unchecked(),
      DisclosureReceipt: unchecked(),
      HealthCheckReport: unchecked(),
      SuitabilityAcknowledgement: unchecked(),
      Conversation: unchecked(),
      ConversationEvent: unchecked(),
      HandoffUserState: unchecked(),
      PublishedRiskQuestionnaire: unchecked(),
      RiskAssessment: unchecked(),
    },
    options,
    shared,
  );
}
