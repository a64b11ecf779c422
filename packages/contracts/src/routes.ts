import { z } from 'zod';
import { AdminIdentity, AuditList, AuditQuery } from './admin.js';
import {
  AgentGrant,
  AgentGrantCreate,
  AgentGrantCreated,
  AgentGrantList,
  AgentGrantParams,
} from './agents.js';
import {
  Application,
  ApplicationCreate,
  ApplicationReplyCreate,
  ApplicationStatusUpdate,
  PartnerApplicationView,
} from './application.js';
import {
  BankEventList,
  BankEventQuery,
  BankWebhookEndpoint,
  BankWebhookEndpointCreate,
  BankWebhookEndpointList,
  BankWebhookEndpointSecret,
} from './bank-feed.js';
import {
  ChatMessageRequest,
  ChatPart,
  Conversation,
  ConversationEvent,
  HandoffEnd,
  HandoffUserState,
} from './chat.js';
import { Consent, ConsentCreate } from './consent.js';
import { ConsoleSession, ConsoleSessionCreate } from './console.js';
import {
  DisclosureReceipt,
  DisclosureReceiptCreate,
  DisclosureReceiptList,
  DisclosureReceiptQuery,
} from './disclosure.js';
import {
  HandoffApplicationCardCreate,
  HandoffApplicationCardSent,
  HandoffClose,
  HandoffDeskEvent,
  HandoffDetail,
  HandoffMessageCreate,
  HandoffMessageSent,
  HandoffMetrics,
  HandoffMetricsQuery,
  HandoffQueue,
  HandoffQueueItem,
  HandoffQueueQuery,
  HandoffSuggestion,
  HandoffSuggestionList,
  HandoffSuggestionRequest,
  HandoffTyping,
} from './handoffs.js';
import { Health, Jwks } from './health.js';
import {
  AdminKeyList,
  AdminKeySummary,
  PartnerKey,
  PartnerKeyList,
  PartnerKeyRotate,
  PartnerKeyRotated,
  SigningKeyRotated,
} from './keys.js';
import {
  KnowledgeDocument,
  KnowledgeDocumentContent,
  KnowledgeDocumentList,
  KnowledgeListQuery,
} from './knowledge.js';
import { OfferMatchRequest, OfferMatchResult } from './match.js';
import { Nudge, NudgeAccepted, NudgeList } from './nudges.js';
import {
  Offer,
  type OfferAction,
  OfferContent,
  OfferList,
  OfferPublish,
  OfferRollback,
  OfferStatus,
  OfferTransition,
} from './offer.js';
import { Partner, PartnerCreate, PartnerCreated, PartnerList, PartnerRateLimits } from './partner.js';
import { HealthCheckReport, HealthCheckRequest } from './portfolio.js';
import { OfferPreview, OfferPreviewRequest } from './preview.js';
import {
  FxTable,
  FxTableContent,
  FxTableList,
  RailTable,
  RailTableContent,
  RailTableList,
  RailTableListQuery,
  RouteQuote,
  RouteQuoteRequest,
} from './rails.js';
import { EmbedSession, EmbedSessionCreate } from './session.js';
import { SignalBatch, SignalBatchResult } from './signals.js';
import {
  FeishuCallback,
  FeishuCallbackAck,
  SocialBot,
  SocialBotCreate,
  SocialBotList,
  SocialBotParams,
  SocialContinuation,
  SocialContinuationRedeem,
} from './social.js';
import {
  PublishedRiskQuestionnaire,
  RiskAssessment,
  RiskAssessmentCreate,
  RiskAssessmentList,
  RiskAssessmentQuery,
  RiskQuestionnaire,
  RiskQuestionnaireContent,
  RiskQuestionnaireList,
  SuitabilityAcknowledgement,
  SuitabilityAcknowledgementInput,
} from './suitability.js';
import { ThesaurusConcept, ThesaurusConceptContent, ThesaurusConceptList } from './thesaurus.js';
import {
  WebhookEndpoint,
  WebhookEndpointCreate,
  WebhookEndpointList,
  WebhookEndpointSecret,
  WebhookEventList,
  WebhookEventQuery,
  WebhookEventRecord,
  WebhookReplay,
  WebhookSecretRotate,
} from './webhooks.js';
import {
  AdminApplicationList,
  AdminApplicationQuery,
  ApplicationFile,
  FunnelQuery,
  FunnelReport,
  PendingApproval,
} from './workspace.js';

/**
 * How a route authenticates:
 * - `secretKey`: the partner's server, `Authorization: Bearer <secret key>`;
 * - `session`: a widget, `Authorization: Bearer <embed-session JWT>`;
 * - `sessionOrSecretKey`: either (the answer differs: partners see less);
 * - `admin`: a bank product team's admin key;
 * - `none`: public.
 */
export type RouteAuth = 'none' | 'secretKey' | 'session' | 'sessionOrSecretKey' | 'admin';

export interface RouteSpec {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI-style path: `/v1/applications/{id}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly auth: RouteAuth;
  readonly tags: readonly string[];
  readonly body?: z.ZodType;
  readonly query?: z.ZodObject;
  readonly params?: z.ZodObject;
  readonly idempotencyKey?: 'required' | 'optional';
  /**
   * The largest body this route accepts, when it needs more than the gateway's default (which
   * still applies when it is larger).
   */
  readonly bodyLimitBytes?: number;
  /**
   * A session read the widgets send on a page's critical path: it is also accepted as a CORS simple
   * request (`Content-Type: text/plain`, body a `SimpleRequestEnvelope` holding the token), which
   * browsers send without a preflight. Only for routes that change nothing.
   */
  readonly simpleRequest?: true;
  readonly responses: Readonly<
    Record<
      number,
      {
        readonly description: string;
        readonly schema?: z.ZodType;
        /** Media type of the response; `application/json` when absent. */
        readonly contentType?: string;
      }
    >
  >;
}

const resourceId = z.string().min(1).max(64);
const idParam = z.object({ id: resourceId.meta({ param: { description: 'Resource id' } }) });
const offerVersionParams = z.object({
  id: resourceId,
  version: z.coerce.number().int().min(1).max(1_000_000),
});
const partnerKeyParams = z.object({ id: resourceId, keyId: resourceId });

/** A bank's rail table runs to thousands of legs: admins may send more than the default body limit. */
const ADMIN_TABLE_BODY_LIMIT = 4 * 1024 * 1024;

/**
 * The five workflow transitions of a versioned admin resource, one route each. The tuple keeps
 * every route's literal operation id (`submitOffer`, …) and its own body schema.
 */
function transitionRoutes<
  const Segment extends string,
  const Noun extends string,
  One extends z.ZodType,
  Publish extends z.ZodType,
>(segment: Segment, noun: Noun, one: One, publishBody: Publish, summary: (action: OfferAction) => string) {
  const route = <const Action extends OfferAction, Body extends z.ZodType>(action: Action, body: Body) =>
    ({
      method: 'post',
      path: `/v1/admin/${segment}/{id}/versions/{version}/${action}`,
      operationId: `${action}${noun}`,
      summary: summary(action),
      auth: 'admin',
      tags: ['admin'],
      params: offerVersionParams,
      body,
      responses: { 200: { description: 'New state', schema: one } },
    }) as const satisfies RouteSpec;
  return [
    route('submit', OfferTransition),
    route('approve', OfferTransition),
    route('reject', OfferTransition),
    route('publish', publishBody),
    route('retire', OfferTransition),
  ] as const;
}

/**
 * Rail tables, FX tables, thesaurus concepts and risk questionnaires: the same versioned admin API
 * (list, create, versions, new version, the five transitions) over kinds published as a whole,
 * without draft edits or scheduling. `bodyLimitBytes` is the largest body a create takes.
 */
function tableRoutes<
  const Segment extends string,
  const Noun extends string,
  Content extends z.ZodType,
  One extends z.ZodType,
  List extends z.ZodType,
>(
  segment: Segment,
  noun: Noun,
  words: string,
  content: Content,
  one: One,
  list: List,
  bodyLimitBytes: number = ADMIN_TABLE_BODY_LIMIT,
) {
  return [
    {
      method: 'get',
      path: `/v1/admin/${segment}`,
      operationId: `list${noun}s`,
      summary: `Latest version of every ${words}, filterable by status.`,
      auth: 'admin',
      tags: ['admin'],
      query: RailTableListQuery,
      responses: { 200: { description: `${words}s`, schema: list } },
    },
    {
      method: 'post',
      path: `/v1/admin/${segment}`,
      operationId: `create${noun}`,
      summary: `Create a ${words} as draft version 1.`,
      auth: 'admin',
      tags: ['admin'],
      body: content,
      bodyLimitBytes,
      responses: { 201: { description: 'Draft created', schema: one } },
    },
    {
      method: 'get',
      path: `/v1/admin/${segment}/{id}`,
      operationId: `get${noun}Versions`,
      summary: `Every version of a ${words}, newest first.`,
      auth: 'admin',
      tags: ['admin'],
      params: idParam,
      responses: { 200: { description: 'Versions', schema: list } },
    },
    {
      method: 'post',
      path: `/v1/admin/${segment}/{id}/versions`,
      operationId: `create${noun}Version`,
      summary: `Start a new draft version of a ${words}.`,
      auth: 'admin',
      tags: ['admin'],
      params: idParam,
      body: content,
      bodyLimitBytes,
      responses: { 201: { description: 'Draft created', schema: one } },
    },
    ...transitionRoutes(
      segment,
      noun,
      one,
      OfferTransition,
      (action) =>
        `${action[0]!.toUpperCase()}${action.slice(1)} a ${words} version (same rules as offers; the approver must not be the author).`,
    ),
  ] as const satisfies readonly RouteSpec[];
}

export const OfferListQuery = z.strictObject({
  status: OfferStatus.optional(),
  scenario: z.string().optional(),
});

/** Every HTTP route of the gateway. The OpenAPI document is generated from this list. */
export const ROUTES = [
  {
    method: 'get',
    path: '/healthz',
    operationId: 'health',
    summary: 'Liveness: the process answers.',
    auth: 'none',
    tags: ['operations'],
    responses: { 200: { description: 'Alive', schema: Health } },
  },
  {
    method: 'get',
    path: '/readyz',
    operationId: 'ready',
    summary: 'Readiness: the database answers and migrations are applied.',
    auth: 'none',
    tags: ['operations'],
    responses: { 200: { description: 'Ready', schema: Health }, 503: { description: 'Not ready' } },
  },
  {
    method: 'get',
    path: '/.well-known/jwks.json',
    operationId: 'jwks',
    summary: 'Public keys that sign embed-session tokens.',
    auth: 'none',
    tags: ['sessions'],
    responses: { 200: { description: 'JSON Web Key Set', schema: Jwks } },
  },
  {
    method: 'get',
    path: '/v1/openapi.json',
    operationId: 'openapi',
    summary: 'This OpenAPI document.',
    auth: 'none',
    tags: ['operations'],
    responses: { 200: { description: 'OpenAPI 3.1 document' } },
  },
  {
    method: 'post',
    path: '/v1/embed-sessions',
    operationId: 'createEmbedSession',
    summary: 'Mint a short-lived session token for the widgets (partner server only).',
    auth: 'secretKey',
    tags: ['sessions'],
    body: EmbedSessionCreate,
    responses: { 201: { description: 'Session created', schema: EmbedSession } },
  },
  {
    method: 'post',
    path: '/v1/offers/match',
    operationId: 'matchOffers',
    summary: 'Ranked offers for the session’s trusted signals, each criterion explained.',
    auth: 'session',
    tags: ['offers'],
    body: OfferMatchRequest,
    simpleRequest: true,
    responses: { 200: { description: 'Matches', schema: OfferMatchResult } },
  },
  {
    method: 'post',
    path: '/v1/portfolio/health-check',
    operationId: 'checkPortfolioHealth',
    summary:
      'Portfolio health check (基金健诊) of the session user’s holdings: the trusted `portfolio.holdings` signal’s and those entered in the body; concentration, risk against the assessed level, fee drag and overlap, each cited.',
    auth: 'session',
    tags: ['portfolio'],
    body: HealthCheckRequest,
    responses: {
      200: { description: 'The report', schema: HealthCheckReport },
      422: {
        description: 'No holdings: none in the body and no `portfolio.holdings` signal (holdings_required)',
      },
    },
  },
  {
    method: 'post',
    path: '/v1/consents',
    operationId: 'createConsent',
    summary: 'Record the user’s consent.',
    auth: 'session',
    tags: ['consents'],
    body: ConsentCreate,
    responses: { 201: { description: 'Consent recorded', schema: Consent } },
  },
  {
    method: 'get',
    path: '/v1/consents/{id}',
    operationId: 'getConsent',
    summary: 'Read one of the session user’s consents.',
    auth: 'session',
    tags: ['consents'],
    params: idParam,
    responses: { 200: { description: 'Consent', schema: Consent } },
  },
  {
    method: 'delete',
    path: '/v1/consents/{id}',
    operationId: 'withdrawConsent',
    summary: 'Withdraw a consent; processing under it stops from now on.',
    auth: 'session',
    tags: ['consents'],
    params: idParam,
    responses: { 200: { description: 'Consent withdrawn', schema: Consent } },
  },
  {
    method: 'post',
    path: '/v1/applications',
    operationId: 'createApplication',
    summary: 'Submit an application (needs a live consent and an Idempotency-Key).',
    auth: 'session',
    tags: ['applications'],
    body: ApplicationCreate,
    idempotencyKey: 'required',
    responses: { 201: { description: 'Application created', schema: Application } },
  },
  {
    method: 'get',
    path: '/v1/applications/{id}',
    operationId: 'getApplication',
    summary: 'Read an application: the applicant sees it whole, the partner server sees its status.',
    auth: 'sessionOrSecretKey',
    tags: ['applications'],
    params: idParam,
    responses: {
      200: { description: 'Application', schema: z.union([Application, PartnerApplicationView]) },
    },
  },
  {
    method: 'post',
    path: '/v1/applications/{id}/reply',
    operationId: 'replyToApplication',
    summary:
      'The applicant answers the bank’s question (status more_info_needed); the application returns to the bank’s inbox under review.',
    auth: 'session',
    tags: ['applications'],
    params: idParam,
    body: ApplicationReplyCreate,
    responses: {
      200: { description: 'The application, under review again, with the reply', schema: Application },
      409: { description: 'No question is waiting for an answer (no_question_pending)' },
    },
  },
  {
    method: 'post',
    path: '/v1/signals',
    operationId: 'sendSignals',
    summary: 'Send business signals about your users (partner server); may raise nudges.',
    auth: 'secretKey',
    tags: ['signals'],
    body: SignalBatch,
    responses: { 200: { description: 'Stored; nudges raised', schema: SignalBatchResult } },
  },
  {
    method: 'get',
    path: '/v1/nudges',
    operationId: 'listNudges',
    summary: 'The session user’s nudges: proactive, explained, pre-qualified offers.',
    auth: 'session',
    tags: ['nudges'],
    responses: { 200: { description: 'Nudges, newest first', schema: NudgeList } },
  },
  {
    method: 'post',
    path: '/v1/nudges/{id}/dismiss',
    operationId: 'dismissNudge',
    summary: 'Dismiss a nudge.',
    auth: 'session',
    tags: ['nudges'],
    params: idParam,
    responses: { 200: { description: 'Dismissed', schema: Nudge } },
  },
  {
    method: 'post',
    path: '/v1/nudges/{id}/accept',
    operationId: 'acceptNudge',
    summary:
      'Accept a nudge; answers the next step: what <finlet-apply> needs to open pre-filled, or the risk assessment first (a rated product and no valid assessment).',
    auth: 'session',
    tags: ['nudges'],
    params: idParam,
    responses: { 200: { description: 'Accepted', schema: NudgeAccepted } },
  },
  {
    method: 'get',
    path: '/v1/webhook-endpoints',
    operationId: 'listWebhookEndpoints',
    summary: 'Your webhook endpoints.',
    auth: 'secretKey',
    tags: ['webhooks'],
    responses: { 200: { description: 'Endpoints', schema: WebhookEndpointList } },
  },
  {
    method: 'post',
    path: '/v1/webhook-endpoints',
    operationId: 'createWebhookEndpoint',
    summary: 'Register a webhook endpoint; its signing secret is returned once.',
    auth: 'secretKey',
    tags: ['webhooks'],
    body: WebhookEndpointCreate,
    responses: { 201: { description: 'Registered', schema: WebhookEndpointSecret } },
  },
  {
    method: 'post',
    path: '/v1/webhook-endpoints/{id}/rotate-secret',
    operationId: 'rotateWebhookSecret',
    summary: 'Rotate the signing secret; both secrets sign during the overlap.',
    auth: 'secretKey',
    tags: ['webhooks'],
    params: idParam,
    body: WebhookSecretRotate,
    responses: { 200: { description: 'New secret', schema: WebhookEndpointSecret } },
  },
  {
    method: 'delete',
    path: '/v1/webhook-endpoints/{id}',
    operationId: 'deleteWebhookEndpoint',
    summary: 'Disable a webhook endpoint.',
    auth: 'secretKey',
    tags: ['webhooks'],
    params: idParam,
    responses: { 200: { description: 'Disabled', schema: WebhookEndpoint } },
  },
  {
    method: 'get',
    path: '/v1/webhook-events',
    operationId: 'listWebhookEvents',
    summary: 'Events of the last 30 days with every delivery attempt.',
    auth: 'secretKey',
    tags: ['webhooks'],
    query: WebhookEventQuery,
    responses: { 200: { description: 'Events, newest first', schema: WebhookEventList } },
  },
  {
    method: 'post',
    path: '/v1/webhook-events/{id}/replay',
    operationId: 'replayWebhookEvent',
    summary: 'Send an event again to your endpoints.',
    auth: 'secretKey',
    tags: ['webhooks'],
    params: idParam,
    body: WebhookReplay,
    responses: { 202: { description: 'Queued', schema: WebhookEventRecord } },
  },
  {
    method: 'post',
    path: '/v1/admin/applications/{id}/status',
    operationId: 'updateApplicationStatus',
    summary:
      'The bank decides (reviewer, approver or admin): under review, more information needed (with the applicant’s question), approved (terms may differ from the request; above the four-eyes threshold a second reviewer confirms) or declined with reason codes. `If-Match` refuses a decision on a stale file. The partner is told the status only, by an application.updated webhook.',
    auth: 'admin',
    tags: ['admin'],
    params: idParam,
    body: ApplicationStatusUpdate,
    responses: {
      200: { description: 'Updated application', schema: Application },
      202: {
        description: 'First of two approvals recorded; a second reviewer must confirm',
        schema: PendingApproval,
      },
    },
  },
  {
    method: 'get',
    path: '/v1/admin/applications',
    operationId: 'listAdminApplications',
    summary:
      'The bank’s inbox: applications newest first, filtered, paged by cursor; personal data masked by role.',
    auth: 'admin',
    tags: ['admin'],
    query: AdminApplicationQuery,
    responses: { 200: { description: 'Applications, newest first', schema: AdminApplicationList } },
  },
  {
    method: 'get',
    path: '/v1/admin/analytics/funnel',
    operationId: 'getFunnel',
    summary:
      'The acquisition funnel by partner, scenario and offer (and day): shown → selected → consented → submitted → approved/declined, read from daily rollups kept with the events they count. Days are whole days in the bank’s time zone (`timeZone` in the answer); people steps count distinct users per day, summed over the days of a row.',
    auth: 'admin',
    tags: ['admin'],
    query: FunnelQuery,
    responses: { 200: { description: 'Funnel rows', schema: FunnelReport } },
  },
  {
    method: 'get',
    path: '/v1/admin/applications/{id}',
    operationId: 'getApplicationFile',
    summary:
      'The whole file of one application: applicant (masked by role), offer version, consents, the signals it was submitted with and their sources, disclosures shown, the hand-off before it, and a timeline.',
    auth: 'admin',
    tags: ['admin'],
    params: idParam,
    responses: {
      200: { description: 'The file; `ETag` is what a decision’s `If-Match` names', schema: ApplicationFile },
    },
  },
  {
    method: 'get',
    path: '/v1/admin/webhook-endpoints',
    operationId: 'listBankWebhookEndpoints',
    summary: 'The bank’s own webhook endpoints (its loan-origination feed), distinct from partners’.',
    auth: 'admin',
    tags: ['admin', 'webhooks'],
    responses: { 200: { description: 'Endpoints', schema: BankWebhookEndpointList } },
  },
  {
    method: 'post',
    path: '/v1/admin/webhook-endpoints',
    operationId: 'createBankWebhookEndpoint',
    summary:
      'Register a bank endpoint for application and consent events, masked for a role; its signing secret is returned once.',
    auth: 'admin',
    tags: ['admin', 'webhooks'],
    body: BankWebhookEndpointCreate,
    responses: {
      201: { description: 'Registered', schema: BankWebhookEndpointSecret },
      422: { description: 'The URL resolves to a private or loopback address (webhook_url_not_allowed)' },
    },
  },
  {
    method: 'post',
    path: '/v1/admin/webhook-endpoints/{id}/rotate-secret',
    operationId: 'rotateBankWebhookSecret',
    summary: 'Rotate a bank endpoint’s signing secret; both secrets sign during the overlap.',
    auth: 'admin',
    tags: ['admin', 'webhooks'],
    params: idParam,
    body: WebhookSecretRotate,
    responses: { 200: { description: 'New secret', schema: BankWebhookEndpointSecret } },
  },
  {
    method: 'delete',
    path: '/v1/admin/webhook-endpoints/{id}',
    operationId: 'deleteBankWebhookEndpoint',
    summary: 'Disable a bank endpoint.',
    auth: 'admin',
    tags: ['admin', 'webhooks'],
    params: idParam,
    responses: { 200: { description: 'Disabled', schema: BankWebhookEndpoint } },
  },
  {
    method: 'get',
    path: '/v1/admin/webhook-events',
    operationId: 'listBankWebhookEvents',
    summary: 'The bank feed’s events of the last 30 days with every delivery attempt, newest first.',
    auth: 'admin',
    tags: ['admin', 'webhooks'],
    query: BankEventQuery,
    responses: { 200: { description: 'Events, newest first', schema: BankEventList } },
  },
  {
    method: 'post',
    path: '/v1/disclosures',
    operationId: 'recordDisclosures',
    summary:
      'A widget reports the offers whose disclosures it showed; the gateway keeps the texts as evidence.',
    auth: 'session',
    tags: ['disclosures'],
    body: DisclosureReceiptCreate,
    responses: { 201: { description: 'Receipt recorded', schema: DisclosureReceipt } },
  },
  {
    method: 'post',
    path: '/v1/suitability/acknowledgements',
    operationId: 'acknowledgeSuitability',
    summary:
      'The user acknowledges that a product exceeds their risk level ("I understand…"), where the bank’s policy allows; the application route then accepts that offer version.',
    auth: 'session',
    tags: ['suitability'],
    body: SuitabilityAcknowledgementInput,
    idempotencyKey: 'required',
    responses: { 201: { description: 'Acknowledgement recorded', schema: SuitabilityAcknowledgement } },
  },
  {
    method: 'get',
    path: '/v1/admin/disclosures',
    operationId: 'listDisclosures',
    summary: 'Disclosure receipts, newest first: who was shown which texts, when (compliance evidence).',
    auth: 'admin',
    tags: ['admin'],
    query: DisclosureReceiptQuery,
    responses: { 200: { description: 'Receipts', schema: DisclosureReceiptList } },
  },
  {
    method: 'post',
    path: '/v1/admin/console/session',
    operationId: 'createConsoleSession',
    summary:
      'Sign in to the console: exchange an admin key for a session cookie (HttpOnly, SameSite=Strict, Secure outside loopback http; 8 h at most, 30 min idle).',
    auth: 'none',
    tags: ['admin'],
    body: ConsoleSessionCreate,
    responses: { 201: { description: 'Signed in; the cookie is set', schema: ConsoleSession } },
  },
  {
    method: 'get',
    path: '/v1/admin/console/session',
    operationId: 'getConsoleSession',
    summary: 'The console session behind the cookie, with its CSRF token.',
    auth: 'admin',
    tags: ['admin'],
    responses: { 200: { description: 'Session', schema: ConsoleSession } },
  },
  {
    method: 'delete',
    path: '/v1/admin/console/session',
    operationId: 'deleteConsoleSession',
    summary: 'Sign out: revoke the console session and clear the cookie (needs the CSRF token).',
    auth: 'admin',
    tags: ['admin'],
    responses: { 204: { description: 'Signed out' } },
  },
  {
    method: 'get',
    path: '/v1/admin/me',
    operationId: 'adminMe',
    summary: 'The admin identity behind the key.',
    auth: 'admin',
    tags: ['admin'],
    responses: { 200: { description: 'Identity', schema: AdminIdentity } },
  },
  {
    method: 'get',
    path: '/v1/admin/partners',
    operationId: 'listPartners',
    summary: 'List partners.',
    auth: 'admin',
    tags: ['admin'],
    responses: { 200: { description: 'Partners', schema: PartnerList } },
  },
  {
    method: 'post',
    path: '/v1/admin/partners',
    operationId: 'createPartner',
    summary: 'Create a partner; the secret key is returned once.',
    auth: 'admin',
    tags: ['admin'],
    body: PartnerCreate,
    responses: { 201: { description: 'Partner created', schema: PartnerCreated } },
  },
  {
    method: 'put',
    path: '/v1/admin/partners/{id}/rate-limits',
    operationId: 'setPartnerRateLimits',
    summary: "Replace a partner's own rate-limit budgets (`{}` returns it to the gateway's defaults).",
    auth: 'admin',
    tags: ['admin'],
    params: idParam,
    body: PartnerRateLimits,
    responses: {
      200: { description: 'The partner with its budgets', schema: Partner },
      404: { description: 'No such partner' },
    },
  },
  {
    method: 'post',
    path: '/v1/admin/partners/{id}/disable',
    operationId: 'disablePartner',
    summary: 'Disable a partner: its keys and live sessions stop working on every instance within 1 s.',
    auth: 'admin',
    tags: ['admin'],
    params: idParam,
    responses: { 200: { description: 'Partner', schema: Partner } },
  },
  {
    method: 'post',
    path: '/v1/admin/partners/{id}/enable',
    operationId: 'enablePartner',
    summary: 'Enable a disabled partner again: its live keys and sessions work again.',
    auth: 'admin',
    tags: ['admin'],
    params: idParam,
    responses: { 200: { description: 'Partner', schema: Partner } },
  },
  {
    method: 'get',
    path: '/v1/admin/partners/{id}/keys',
    operationId: 'listPartnerKeys',
    summary: 'The partner’s secret keys with their status and overlap end (never the secrets).',
    auth: 'admin',
    tags: ['admin'],
    params: idParam,
    responses: { 200: { description: 'Keys', schema: PartnerKeyList } },
  },
  {
    method: 'post',
    path: '/v1/admin/partners/{id}/keys/rotate',
    operationId: 'rotatePartnerKey',
    summary:
      'Issue a new secret key (returned once); the current keys keep working for the overlap (default 24 h).',
    auth: 'admin',
    tags: ['admin'],
    params: idParam,
    body: PartnerKeyRotate,
    responses: { 201: { description: 'New key', schema: PartnerKeyRotated } },
  },
  {
    method: 'post',
    path: '/v1/admin/partners/{id}/keys/{keyId}/revoke',
    operationId: 'revokePartnerKey',
    summary: 'Revoke one secret key now.',
    auth: 'admin',
    tags: ['admin'],
    params: partnerKeyParams,
    responses: { 200: { description: 'The revoked key', schema: PartnerKey } },
  },
  {
    method: 'get',
    path: '/v1/admin/admin-keys',
    operationId: 'listAdminKeys',
    summary: 'Every admin key with its role and status (never the secrets).',
    auth: 'admin',
    tags: ['admin'],
    responses: { 200: { description: 'Admin keys', schema: AdminKeyList } },
  },
  {
    method: 'post',
    path: '/v1/admin/admin-keys/{id}/revoke',
    operationId: 'revokeAdminKey',
    summary: 'Revoke an admin key now; its console sessions end with it.',
    auth: 'admin',
    tags: ['admin'],
    params: idParam,
    responses: { 200: { description: 'The revoked key', schema: AdminKeySummary } },
  },
  {
    method: 'post',
    path: '/v1/admin/signing-keys/rotate',
    operationId: 'rotateSigningKey',
    summary:
      'A new session-signing key signs from now on; the JWKS keeps the previous public key until its last token has expired.',
    auth: 'admin',
    tags: ['admin'],
    responses: { 201: { description: 'Rotated', schema: SigningKeyRotated } },
  },
  {
    method: 'get',
    path: '/v1/admin/offers',
    operationId: 'listOffers',
    summary: 'Latest version of every offer, filterable by status and scenario.',
    auth: 'admin',
    tags: ['admin'],
    query: OfferListQuery,
    responses: { 200: { description: 'Offers', schema: OfferList } },
  },
  {
    method: 'post',
    path: '/v1/admin/offers',
    operationId: 'createOffer',
    summary: 'Create a new offer as draft version 1.',
    auth: 'admin',
    tags: ['admin'],
    body: OfferContent,
    responses: { 201: { description: 'Draft created', schema: Offer } },
  },
  {
    method: 'get',
    path: '/v1/admin/offers/{id}',
    operationId: 'getOfferVersions',
    summary: 'Every version of an offer, newest first.',
    auth: 'admin',
    tags: ['admin'],
    params: idParam,
    responses: { 200: { description: 'Versions', schema: OfferList } },
  },
  {
    method: 'post',
    path: '/v1/admin/offers/{id}/versions',
    operationId: 'createOfferVersion',
    summary: 'Start a new draft version of an existing offer.',
    auth: 'admin',
    tags: ['admin'],
    params: idParam,
    body: OfferContent,
    responses: { 201: { description: 'Draft created', schema: Offer } },
  },
  {
    method: 'put',
    path: '/v1/admin/offers/{id}/versions/{version}',
    operationId: 'updateOfferDraft',
    summary: 'Replace the content of a draft version.',
    auth: 'admin',
    tags: ['admin'],
    params: offerVersionParams,
    body: OfferContent,
    responses: {
      200: { description: 'Draft updated; `ETag` is its new updatedAt', schema: Offer },
      412: { description: '`If-Match` names an older updatedAt (stale_version)' },
    },
  },
  {
    method: 'get',
    path: '/v1/admin/offers/{id}/versions/{version}',
    operationId: 'getOfferVersion',
    summary: 'One version of an offer; `ETag` is its updatedAt, to send back as `If-Match` when editing.',
    auth: 'admin',
    tags: ['admin'],
    params: offerVersionParams,
    responses: { 200: { description: 'Version', schema: Offer } },
  },
  ...transitionRoutes('offers', 'Offer', Offer, OfferPublish, (action) => {
    return {
      submit: 'Submit a draft for review.',
      approve: 'Approve a version in review (the approver must not be its author).',
      reject: 'Send a version in review back to draft, with a comment.',
      publish:
        'Publish an approved version now (the previously published one is retired), or at `at`: it then stays approved with `scheduledPublishAt` until the scheduler publishes it.',
      retire: 'Retire a published version.',
    }[action];
  }),

  {
    method: 'post',
    path: '/v1/admin/offers/{id}/versions/{version}/unschedule',
    operationId: 'unscheduleOffer',
    summary: 'Cancel the scheduled publish of an approved version.',
    auth: 'admin',
    tags: ['admin'],
    params: offerVersionParams,
    body: OfferTransition,
    responses: { 200: { description: 'Approved, no longer scheduled', schema: Offer } },
  },
  {
    method: 'post',
    path: '/v1/admin/offers/{id}/versions/{version}/rollback',
    operationId: 'rollbackOffer',
    summary:
      'Restore an earlier published version: its content is published as a new version (`restoredFrom`) and the current one is retired.',
    auth: 'admin',
    tags: ['admin'],
    params: offerVersionParams,
    body: OfferRollback,
    responses: { 201: { description: 'The new published version', schema: Offer } },
  },
  {
    method: 'post',
    path: '/v1/admin/offers/{id}/versions/{version}/preview',
    operationId: 'previewOfferVersion',
    summary:
      'Evaluate a version of any status against a sample context, and mint a 15-minute preview token with which the real widgets show it as if published (they can submit nothing).',
    auth: 'admin',
    tags: ['admin'],
    params: offerVersionParams,
    body: OfferPreviewRequest,
    responses: { 200: { description: 'Evaluation, would-be nudge and preview token', schema: OfferPreview } },
  },
  {
    method: 'post',
    path: '/v1/chat/messages',
    operationId: 'sendChatMessage',
    summary:
      'Ask the advisor. The answer streams as Server-Sent Events: each event is named after a ChatPart type and carries the part as JSON; the last is `done` (or `error`). With a model configured, the answer streams sentence by sentence, each checked before it is sent; a `replace` part withdraws what was shown and the default advisor’s answer follows.',
    auth: 'session',
    tags: ['chat'],
    body: ChatMessageRequest,
    responses: {
      200: { description: 'Stream of ChatPart events', schema: ChatPart, contentType: 'text/event-stream' },
      429: { description: 'Too many messages; see Retry-After' },
    },
  },
  {
    method: 'get',
    path: '/v1/chat/conversations/{id}',
    operationId: 'getConversation',
    summary: 'The session user’s conversation, personal data masked.',
    auth: 'session',
    tags: ['chat'],
    params: idParam,
    responses: { 200: { description: 'Conversation', schema: Conversation } },
  },
  {
    method: 'delete',
    path: '/v1/chat/conversations/{id}',
    operationId: 'deleteConversation',
    summary: 'Delete the session user’s conversation and its messages.',
    auth: 'session',
    tags: ['chat'],
    params: idParam,
    responses: { 204: { description: 'Deleted' } },
  },
  {
    method: 'get',
    path: '/v1/chat/conversations/{id}/events',
    operationId: 'streamConversationEvents',
    summary:
      'The conversation’s live stream (Server-Sent Events) after a hand-off: the queue state (position, expected wait), messages from the agent and the user, typing. Events with an `id` are stored: send `Last-Event-ID` to resume without missing one.',
    auth: 'session',
    tags: ['chat'],
    params: idParam,
    responses: {
      200: {
        description: 'Stream of ConversationEvent events',
        schema: ConversationEvent,
        contentType: 'text/event-stream',
      },
    },
  },
  {
    method: 'post',
    path: '/v1/chat/conversations/{id}/handoff/end',
    operationId: 'endHandoff',
    summary:
      'The user leaves the queue (while waiting) or ends the conversation with the agent (once claimed); the advisor answers again.',
    auth: 'session',
    tags: ['chat'],
    params: idParam,
    body: HandoffEnd,
    responses: { 200: { description: 'The hand-off, now abandoned', schema: HandoffUserState } },
  },
  {
    method: 'get',
    path: '/v1/admin/handoffs',
    operationId: 'listHandoffs',
    summary:
      'The hand-off queue: oldest waiting first (then by creation), filtered by status, scenario, partner and language, paged by cursor.',
    auth: 'admin',
    tags: ['admin', 'handoffs'],
    query: HandoffQueueQuery,
    responses: { 200: { description: 'Hand-offs', schema: HandoffQueue } },
  },
  {
    method: 'get',
    path: '/v1/admin/handoffs/metrics',
    operationId: 'getHandoffMetrics',
    summary: 'Wait and handle times (p50, p90), suggestion acceptance and edit rates, dispositions.',
    auth: 'admin',
    tags: ['admin', 'handoffs'],
    query: HandoffMetricsQuery,
    responses: { 200: { description: 'Metrics', schema: HandoffMetrics } },
  },
  {
    method: 'get',
    path: '/v1/admin/handoffs/events',
    operationId: 'streamHandoffEvents',
    summary:
      'The desk’s live stream (Server-Sent Events), across gateway instances: the queue changed, a conversation under hand-off changed, or read everything again. Replaces polling.',
    auth: 'admin',
    tags: ['admin', 'handoffs'],
    responses: {
      200: {
        description: 'Stream of HandoffDeskEvent events',
        schema: HandoffDeskEvent,
        contentType: 'text/event-stream',
      },
    },
  },
  {
    method: 'get',
    path: '/v1/admin/handoffs/{id}',
    operationId: 'getHandoff',
    summary:
      'One hand-off: the AI summary (what the user wants, amounts and slots, what the advisor answered with its sources), the transcript masked per role, suggestions, cards and the drafted wrap-up.',
    auth: 'admin',
    tags: ['admin', 'handoffs'],
    params: idParam,
    responses: { 200: { description: 'Hand-off', schema: HandoffDetail } },
  },
  {
    method: 'post',
    path: '/v1/admin/handoffs/{id}/claim',
    operationId: 'claimHandoff',
    summary:
      'Take a waiting hand-off (agent role). Atomic: of two agents claiming at once exactly one wins; the other gets `handoff_already_claimed`.',
    auth: 'admin',
    tags: ['admin', 'handoffs'],
    params: idParam,
    responses: { 200: { description: 'Claimed', schema: HandoffQueueItem } },
  },
  {
    method: 'post',
    path: '/v1/admin/handoffs/{id}/release',
    operationId: 'releaseHandoff',
    summary: 'Put a hand-off you claimed back in the queue, in its original place.',
    auth: 'admin',
    tags: ['admin', 'handoffs'],
    params: idParam,
    responses: { 200: { description: 'Waiting again', schema: HandoffQueueItem } },
  },
  {
    method: 'post',
    path: '/v1/admin/handoffs/{id}/messages',
    operationId: 'sendHandoffMessage',
    summary:
      'Send the user a message in the chat (the agent who claimed it). Name the suggestion it came from to record it accepted or edited.',
    auth: 'admin',
    tags: ['admin', 'handoffs'],
    params: idParam,
    body: HandoffMessageCreate,
    responses: { 201: { description: 'Sent', schema: HandoffMessageSent } },
  },
  {
    method: 'post',
    path: '/v1/admin/handoffs/{id}/typing',
    operationId: 'sendHandoffTyping',
    summary: 'Show the user that the agent is typing (or stopped).',
    auth: 'admin',
    tags: ['admin', 'handoffs'],
    params: idParam,
    body: HandoffTyping,
    responses: { 204: { description: 'Sent' } },
  },
  {
    method: 'post',
    path: '/v1/admin/handoffs/{id}/suggestions',
    operationId: 'suggestHandoffReplies',
    summary:
      'Draft replies from the published knowledge documents, each citing its sources. Nothing is sent: the agent sends, edits or discards each.',
    auth: 'admin',
    tags: ['admin', 'handoffs'],
    params: idParam,
    body: HandoffSuggestionRequest,
    responses: { 201: { description: 'Suggestions (possibly none)', schema: HandoffSuggestionList } },
  },
  {
    method: 'post',
    path: '/v1/admin/handoffs/{id}/suggestions/{suggestionId}/discard',
    operationId: 'discardHandoffSuggestion',
    summary: 'Record that the agent discarded a suggested reply.',
    auth: 'admin',
    tags: ['admin', 'handoffs'],
    params: z.object({ id: z.string(), suggestionId: z.string() }),
    responses: { 200: { description: 'Discarded', schema: HandoffSuggestion } },
  },
  {
    method: 'post',
    path: '/v1/admin/handoffs/{id}/application-card',
    operationId: 'sendHandoffApplicationCard',
    summary:
      'Send the user a pre-filled application for an offer they are eligible for, from the slots the conversation gathered; the user opens and submits it in <finlet-apply> (the agent never can).',
    auth: 'admin',
    tags: ['admin', 'handoffs'],
    params: idParam,
    body: HandoffApplicationCardCreate,
    responses: { 201: { description: 'Card sent', schema: HandoffApplicationCardSent } },
  },
  {
    method: 'post',
    path: '/v1/admin/handoffs/{id}/close',
    operationId: 'closeHandoff',
    summary:
      'Close a hand-off with a disposition, a note and the wrap-up summary (drafted, editable); the advisor answers the user again. Emits `handoff.closed`.',
    auth: 'admin',
    tags: ['admin', 'handoffs'],
    params: idParam,
    body: HandoffClose,
    responses: { 200: { description: 'Closed', schema: HandoffDetail } },
  },
  {
    method: 'get',
    path: '/v1/admin/knowledge',
    operationId: 'listKnowledgeDocuments',
    summary: 'Latest version of every knowledge document, filterable by status and scenario.',
    auth: 'admin',
    tags: ['admin'],
    query: KnowledgeListQuery,
    responses: { 200: { description: 'Documents', schema: KnowledgeDocumentList } },
  },
  {
    method: 'post',
    path: '/v1/admin/knowledge',
    operationId: 'createKnowledgeDocument',
    summary: 'Create a knowledge document as draft version 1.',
    auth: 'admin',
    tags: ['admin'],
    body: KnowledgeDocumentContent,
    responses: { 201: { description: 'Draft created', schema: KnowledgeDocument } },
  },
  {
    method: 'get',
    path: '/v1/admin/knowledge/{id}',
    operationId: 'getKnowledgeDocumentVersions',
    summary: 'Every version of a knowledge document, newest first.',
    auth: 'admin',
    tags: ['admin'],
    params: idParam,
    responses: { 200: { description: 'Versions', schema: KnowledgeDocumentList } },
  },
  {
    method: 'post',
    path: '/v1/admin/knowledge/{id}/versions',
    operationId: 'createKnowledgeDocumentVersion',
    summary: 'Start a new draft version of a knowledge document.',
    auth: 'admin',
    tags: ['admin'],
    params: idParam,
    body: KnowledgeDocumentContent,
    responses: { 201: { description: 'Draft created', schema: KnowledgeDocument } },
  },
  {
    method: 'get',
    path: '/v1/admin/knowledge/{id}/versions/{version}',
    operationId: 'getKnowledgeDocumentVersion',
    summary: 'One version of a knowledge document; `ETag` is its updatedAt.',
    auth: 'admin',
    tags: ['admin'],
    params: offerVersionParams,
    responses: { 200: { description: 'Version', schema: KnowledgeDocument } },
  },
  {
    method: 'put',
    path: '/v1/admin/knowledge/{id}/versions/{version}',
    operationId: 'updateKnowledgeDocumentDraft',
    summary: 'Replace the content of a draft document version (`If-Match` as for offers).',
    auth: 'admin',
    tags: ['admin'],
    params: offerVersionParams,
    body: KnowledgeDocumentContent,
    responses: {
      200: { description: 'Draft updated; `ETag` is its new updatedAt', schema: KnowledgeDocument },
      412: { description: '`If-Match` names an older updatedAt (stale_version)' },
    },
  },
  {
    method: 'post',
    path: '/v1/admin/knowledge/{id}/versions/{version}/unschedule',
    operationId: 'unscheduleKnowledgeDocument',
    summary: 'Cancel the scheduled publish of an approved document version.',
    auth: 'admin',
    tags: ['admin'],
    params: offerVersionParams,
    body: OfferTransition,
    responses: { 200: { description: 'Approved, no longer scheduled', schema: KnowledgeDocument } },
  },
  {
    method: 'post',
    path: '/v1/admin/knowledge/{id}/versions/{version}/rollback',
    operationId: 'rollbackKnowledgeDocument',
    summary:
      'Restore an earlier published document version as a new published version; the current one is retired.',
    auth: 'admin',
    tags: ['admin'],
    params: offerVersionParams,
    body: OfferRollback,
    responses: { 201: { description: 'The new published version', schema: KnowledgeDocument } },
  },

  ...transitionRoutes(
    'knowledge',
    'KnowledgeDocument',
    KnowledgeDocument,
    OfferPublish,
    (action) =>
      `${action[0]!.toUpperCase()}${action.slice(1)} a knowledge document version (same rules as offers; the approver must not be the author${action === 'publish' ? '; `at` schedules it' : ''}).`,
  ),

  {
    method: 'get',
    path: '/v1/admin/audit',
    operationId: 'listAudit',
    summary: 'Search the append-only audit log.',
    auth: 'admin',
    tags: ['admin'],
    query: AuditQuery,
    responses: { 200: { description: 'Entries, newest first', schema: AuditList } },
  },
  {
    method: 'post',
    path: '/v1/routes/quote',
    operationId: 'quoteRoutes',
    summary:
      'Cross-border route options for a transfer: the Pareto front over cost and arrival, cheapest, fastest and recommended marked, each explained.',
    auth: 'session',
    tags: ['routes'],
    body: RouteQuoteRequest,
    responses: { 201: { description: 'Quote with its id and expiry', schema: RouteQuote } },
  },
  {
    method: 'post',
    path: '/v1/agent-grants',
    operationId: 'createAgentGrant',
    summary:
      'Exchange a user’s embed session for an agent grant (partner server): which MCP tools, an amount cap, the scenario, at most 1 h.',
    auth: 'secretKey',
    tags: ['agents'],
    body: AgentGrantCreate,
    responses: { 201: { description: 'Grant created; its token is shown once', schema: AgentGrantCreated } },
  },
  {
    method: 'get',
    path: '/v1/agent-grants',
    operationId: 'listAgentGrants',
    summary: 'The session user’s active agent grants (what `<finlet-provider>` shows).',
    auth: 'session',
    tags: ['agents'],
    responses: { 200: { description: 'Active grants, newest first', schema: AgentGrantList } },
  },
  {
    method: 'delete',
    path: '/v1/agent-grants/{id}',
    operationId: 'revokeAgentGrant',
    summary: 'Revoke an agent grant: by the partner server, or by the user it was granted for (session).',
    auth: 'sessionOrSecretKey',
    tags: ['agents'],
    params: AgentGrantParams,
    responses: { 200: { description: 'Revoked (again: unchanged)', schema: AgentGrant } },
  },
  {
    method: 'post',
    path: '/v1/admin/social-bots',
    operationId: 'createSocialBot',
    summary:
      'Configure a partner’s group-chat assistant (a Feishu bot): its app credentials and callback keys are stored sealed.',
    auth: 'admin',
    tags: ['admin', 'social'],
    body: SocialBotCreate,
    responses: {
      201: { description: 'Configured; enter `callbackPath` as the request URL', schema: SocialBot },
    },
  },
  {
    method: 'get',
    path: '/v1/admin/social-bots',
    operationId: 'listSocialBots',
    summary: 'The configured group-chat assistants (no secrets).',
    auth: 'admin',
    tags: ['admin', 'social'],
    responses: { 200: { description: 'Bots, newest first', schema: SocialBotList } },
  },
  {
    method: 'post',
    path: '/v1/social/feishu/{id}/events',
    operationId: 'receiveFeishuEvent',
    summary:
      'Feishu event subscription callback of a group bot: `X-Lark-Signature` verified, body decrypted with the Encrypt Key, the URL check answered.',
    auth: 'none',
    tags: ['social'],
    params: SocialBotParams,
    body: FeishuCallback,
    responses: {
      200: { description: 'Received (the URL check’s `challenge`, or `{}`)', schema: FeishuCallbackAck },
    },
  },
  {
    method: 'post',
    path: '/v1/social/continuations/redeem',
    operationId: 'redeemSocialContinuation',
    summary:
      'The partner’s page redeems a private-continuation link (once, for the member it was made for) for an embed session.',
    auth: 'secretKey',
    tags: ['social'],
    body: SocialContinuationRedeem,
    responses: {
      200: { description: 'Redeemed: the member’s session and topic', schema: SocialContinuation },
    },
  },
  {
    method: 'get',
    path: '/v1/routes/quotes/{id}',
    operationId: 'getRouteQuote',
    summary: 'Read one of the session user’s route quotes (also after it expired).',
    auth: 'session',
    tags: ['routes'],
    params: idParam,
    responses: { 200: { description: 'Quote', schema: RouteQuote } },
  },
  ...tableRoutes('rail-tables', 'RailTable', 'rail table', RailTableContent, RailTable, RailTableList),
  ...tableRoutes('fx-tables', 'FxTable', 'FX table', FxTableContent, FxTable, FxTableList),
  ...tableRoutes(
    'thesaurus',
    'ThesaurusConcept',
    'thesaurus concept',
    ThesaurusConceptContent,
    ThesaurusConcept,
    ThesaurusConceptList,
    256 * 1024,
  ),
  ...tableRoutes(
    'risk-questionnaires',
    'RiskQuestionnaire',
    'risk questionnaire',
    RiskQuestionnaireContent,
    RiskQuestionnaire,
    RiskQuestionnaireList,
    256 * 1024,
  ),
  {
    method: 'get',
    path: '/v1/suitability/questionnaire',
    operationId: 'getRiskQuestionnaire',
    summary: 'The published risk questionnaire, questions and options without their scores.',
    auth: 'session',
    tags: ['suitability'],
    responses: { 200: { description: 'The published questionnaire', schema: PublishedRiskQuestionnaire } },
  },
  {
    method: 'post',
    path: '/v1/suitability/assessments',
    operationId: 'createRiskAssessment',
    summary:
      'The user answers the published questionnaire: the gateway scores it and keeps the level, the answers and the questionnaire version until the level expires.',
    auth: 'session',
    tags: ['suitability'],
    idempotencyKey: 'required',
    body: RiskAssessmentCreate,
    responses: { 201: { description: 'Assessed', schema: RiskAssessment } },
  },
  {
    method: 'get',
    path: '/v1/suitability/assessment',
    operationId: 'getRiskAssessment',
    summary: "The session user's current valid assessment (404 `no_risk_assessment` when none or expired).",
    auth: 'session',
    tags: ['suitability'],
    responses: { 200: { description: 'The current assessment', schema: RiskAssessment } },
  },
  {
    method: 'get',
    path: '/v1/admin/risk-assessments',
    operationId: 'listRiskAssessments',
    summary: "Users' risk assessments with their answers, newest first, filterable by partner and user.",
    auth: 'admin',
    tags: ['admin'],
    query: RiskAssessmentQuery,
    responses: { 200: { description: 'Assessments, newest first', schema: RiskAssessmentList } },
  },
  {
    method: 'get',
    path: '/v1/admin/risk-assessments/{id}',
    operationId: 'getRiskAssessmentRecord',
    summary: 'One risk assessment with its answers and the questionnaire version that scored it.',
    auth: 'admin',
    tags: ['admin'],
    params: idParam,
    responses: { 200: { description: 'The assessment', schema: RiskAssessment } },
  },
] as const satisfies readonly RouteSpec[];

/** One route of the list, with its literal operation id and its own schemas. */
export type Route = (typeof ROUTES)[number];
/** Every operation id of the gateway, as a union of literals. */
export type OperationId = Route['operationId'];
/** The route whose operation id is `Op`. */
export type RouteOf<Op extends OperationId> = Extract<Route, { readonly operationId: Op }>;
