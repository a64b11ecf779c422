import {
  AgentGrant,
  AgentGrantList,
  Application,
  ChatPart,
  Consent,
  Conversation,
  ConversationEvent,
  DisclosureReceipt,
  HandoffUserState,
  Health,
  HealthCheckReport,
  Nudge,
  NudgeAccepted,
  NudgeList,
  OfferMatchResult,
  PublishedRiskQuestionnaire,
  RiskAssessment,
  RouteQuote,
  SuitabilityAcknowledgement,
} from '@finlet/contracts';
import { type ClientOptions, createClientWith, type FinletClient } from './core.js';
import type { SessionTokens } from './session.js';

export type { ClientOptions, ClientSchemas, FinletClient } from './core.js';

/**
 * Creates the typed client; every answer is validated against the contracts' schemas.
 * @example
 * const client = createClient({ gateway: 'https://finlet.bank.example', fetchSessionToken: () => fetch('/finlet-session').then((r) => r.json()) });
 * const { matches } = await client.offers.match({ amount: { value: 800000, currency: 'CNY' } });
 */
export function createClient(options: ClientOptions, shared?: SessionTokens): FinletClient {
  return createClientWith(
    {
      AgentGrant,
      AgentGrantList,
      Application,
      ChatPart,
      Consent,
      Conversation,
      ConversationEvent,
      DisclosureReceipt,
      HandoffUserState,
      Health,
      HealthCheckReport,
      OfferMatchResult,
      Nudge,
      NudgeList,
      NudgeAccepted,
      PublishedRiskQuestionnaire,
      RiskAssessment,
      RouteQuote,
      SuitabilityAcknowledgement,
    },
    options,
    shared,
  );
}
