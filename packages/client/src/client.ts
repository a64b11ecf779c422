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
  type OperationId,
  PublishedRiskQuestionnaire,
  RiskAssessment,
  ROUTES,
  type RouteLine,
  RouteQuote,
  type RouteSpec,
  routeTable,
  SuitabilityAcknowledgement,
} from '@finlet/contracts';
import {
  acceptNudge,
  acknowledgeSuitability,
  checkPortfolioHealth,
  createApplication,
  createConsent,
  createRiskAssessment,
  dismissNudge,
  endHandoff,
  getApplication,
  getConsent,
  getConversation,
  getRiskAssessment,
  getRiskQuestionnaire,
  getRouteQuote,
  health,
  listAgentGrants,
  listNudges,
  matchOffers,
  quoteRoutes,
  recordDisclosures,
  replyToApplication,
  revokeAgentGrant,
  sendChatMessage,
  streamConversationEvents,
  withdrawConsent,
} from '@finlet/contracts/route-table';
import { type Call, type CallOptions, createCall } from './call.js';
import { type ClientOptions, type ClientSchemas, createSessionClient, type FinletClient } from './core.js';
import type { Schema } from './http.js';
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

/** The client with answers checked by `schemas`; `createClient` passes the contracts' schemas. */
export function createClientWith(
  schemas: ClientSchemas,
  options: ClientOptions,
  shared?: SessionTokens,
): FinletClient {
  // Each line the client calls, with the schema its answers (or streamed events) are checked against.
  const lines = new Map<unknown, Schema<unknown>>([
    [acceptNudge, schemas.NudgeAccepted],
    [acknowledgeSuitability, schemas.SuitabilityAcknowledgement],
    [checkPortfolioHealth, schemas.HealthCheckReport],
    [createApplication, schemas.Application],
    [createConsent, schemas.Consent],
    [createRiskAssessment, schemas.RiskAssessment],
    [dismissNudge, schemas.Nudge],
    [endHandoff, schemas.HandoffUserState],
    [getApplication, schemas.Application],
    [getConsent, schemas.Consent],
    [getConversation, schemas.Conversation],
    [getRiskAssessment, schemas.RiskAssessment],
    [getRiskQuestionnaire, schemas.PublishedRiskQuestionnaire],
    [getRouteQuote, schemas.RouteQuote],
    [health, schemas.Health],
    [listAgentGrants, schemas.AgentGrantList],
    [listNudges, schemas.NudgeList],
    [matchOffers, schemas.OfferMatchResult],
    [quoteRoutes, schemas.RouteQuote],
    [recordDisclosures, schemas.DisclosureReceipt],
    [replyToApplication, schemas.Application],
    [revokeAgentGrant, schemas.AgentGrant],
    [sendChatMessage, schemas.ChatPart],
    [streamConversationEvents, schemas.ConversationEvent],
    [withdrawConsent, schemas.Consent],
  ]);
  return createSessionClient(options, shared, (line) => lines.get(line));
}

// By operation id and by route line, so either way of naming an operation is checked.
const responses = new Map<unknown, RouteSpec['responses']>(
  ROUTES.flatMap((route) => [
    [route.operationId, route.responses],
    [routeTable[route.operationId], route.responses],
  ]),
);

/** Each answer checked against the schema its route declares for that status. */
function checkWithRoutes(operation: OperationId | RouteLine, status: number): Schema<unknown> | undefined {
  return responses.get(operation)?.[status]?.schema;
}

/** What `createCaller` needs: the gateway, and how to authenticate (a header, or `auth`). */
export interface CallerOptions extends Omit<CallOptions<typeof routeTable>, 'routes' | 'check'> {
  /** Turns each failure into the caller's own error (the CLI's one readable line, the console's refusal). */
  mapError?: ((error: unknown, operation: OperationId | RouteLine) => unknown) | undefined;
}

type Loose = (operation: OperationId | RouteLine, input?: object) => Promise<unknown>;

/**
 * A typed caller of every operation of the route list, each answer checked against its route's
 * schema. The partner and admin SDKs, the CLI and the console call the gateway through it.
 * @example
 * const call = createCaller({ gateway, headers: { authorization: `Bearer ${adminKey}` } });
 * const offer = await call('approveOffer', { params: { id: 'inv-fin', version: 2 }, body: {} });
 */
export function createCaller({ mapError, ...options }: CallerOptions): Call<OperationId> {
  const call = createCall({ ...options, routes: routeTable, check: checkWithRoutes });
  if (!mapError) return call;
  const mapped =
    (send: Loose): Loose =>
    async (operation, input) => {
      try {
        return await send(operation, input);
      } catch (error) {
        throw mapError(error, operation);
      }
    };
  // Both signatures of `call` and `stream` take (operation, input); only the errors change.
  return Object.assign(mapped(call as Loose), {
    stream: mapped(call.stream as Loose),
  }) as unknown as Call<OperationId>;
}
