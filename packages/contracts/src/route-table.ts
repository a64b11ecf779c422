// Generated from ROUTES (routes.ts) by route-table.test.ts: do not edit. After changing the route
// list, run `CI=true npx vitest run packages/contracts/src/route-table.test.ts -u`.
//
// Each route as plain data, one export per operation id and no zod, so a browser bundle carries
// only the routes it calls.

/** How to reach one operation: its method, its `/v1` path with `{param}`s, and its idempotency key. */
export interface RouteLine {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  readonly path: string;
  readonly idempotencyKey?: 'required' | 'optional';
  /** Also accepted as a CORS simple request (the token in a `text/plain` body): no preflight. */
  readonly simpleRequest?: true;
}

export const health = {
  method: 'get',
  path: '/healthz',
} as const;

export const ready = {
  method: 'get',
  path: '/readyz',
} as const;

export const jwks = {
  method: 'get',
  path: '/.well-known/jwks.json',
} as const;

export const openapi = {
  method: 'get',
  path: '/v1/openapi.json',
} as const;

export const createEmbedSession = {
  method: 'post',
  path: '/v1/embed-sessions',
} as const;

export const matchOffers = {
  method: 'post',
  path: '/v1/offers/match',
  simpleRequest: true,
} as const;

export const checkPortfolioHealth = {
  method: 'post',
  path: '/v1/portfolio/health-check',
} as const;

export const createConsent = {
  method: 'post',
  path: '/v1/consents',
} as const;

export const getConsent = {
  method: 'get',
  path: '/v1/consents/{id}',
} as const;

export const withdrawConsent = {
  method: 'delete',
  path: '/v1/consents/{id}',
} as const;

export const createApplication = {
  method: 'post',
  path: '/v1/applications',
  idempotencyKey: 'required',
} as const;

export const getApplication = {
  method: 'get',
  path: '/v1/applications/{id}',
} as const;

export const replyToApplication = {
  method: 'post',
  path: '/v1/applications/{id}/reply',
} as const;

export const sendSignals = {
  method: 'post',
  path: '/v1/signals',
} as const;

export const listNudges = {
  method: 'get',
  path: '/v1/nudges',
} as const;

export const dismissNudge = {
  method: 'post',
  path: '/v1/nudges/{id}/dismiss',
} as const;

export const acceptNudge = {
  method: 'post',
  path: '/v1/nudges/{id}/accept',
} as const;

export const listWebhookEndpoints = {
  method: 'get',
  path: '/v1/webhook-endpoints',
} as const;

export const createWebhookEndpoint = {
  method: 'post',
  path: '/v1/webhook-endpoints',
} as const;

export const rotateWebhookSecret = {
  method: 'post',
  path: '/v1/webhook-endpoints/{id}/rotate-secret',
} as const;

export const deleteWebhookEndpoint = {
  method: 'delete',
  path: '/v1/webhook-endpoints/{id}',
} as const;

export const listWebhookEvents = {
  method: 'get',
  path: '/v1/webhook-events',
} as const;

export const replayWebhookEvent = {
  method: 'post',
  path: '/v1/webhook-events/{id}/replay',
} as const;

export const updateApplicationStatus = {
  method: 'post',
  path: '/v1/admin/applications/{id}/status',
} as const;

export const listAdminApplications = {
  method: 'get',
  path: '/v1/admin/applications',
} as const;

export const getFunnel = {
  method: 'get',
  path: '/v1/admin/analytics/funnel',
} as const;

export const getApplicationFile = {
  method: 'get',
  path: '/v1/admin/applications/{id}',
} as const;

export const listBankWebhookEndpoints = {
  method: 'get',
  path: '/v1/admin/webhook-endpoints',
} as const;

export const createBankWebhookEndpoint = {
  method: 'post',
  path: '/v1/admin/webhook-endpoints',
} as const;

export const rotateBankWebhookSecret = {
  method: 'post',
  path: '/v1/admin/webhook-endpoints/{id}/rotate-secret',
} as const;

export const deleteBankWebhookEndpoint = {
  method: 'delete',
  path: '/v1/admin/webhook-endpoints/{id}',
} as const;

export const listBankWebhookEvents = {
  method: 'get',
  path: '/v1/admin/webhook-events',
} as const;

export const recordDisclosures = {
  method: 'post',
  path: '/v1/disclosures',
} as const;

export const acknowledgeSuitability = {
  method: 'post',
  path: '/v1/suitability/acknowledgements',
  idempotencyKey: 'required',
} as const;

export const listDisclosures = {
  method: 'get',
  path: '/v1/admin/disclosures',
} as const;

export const createConsoleSession = {
  method: 'post',
  path: '/v1/admin/console/session',
} as const;

export const getConsoleSession = {
  method: 'get',
  path: '/v1/admin/console/session',
} as const;

export const deleteConsoleSession = {
  method: 'delete',
  path: '/v1/admin/console/session',
} as const;

export const adminMe = {
  method: 'get',
  path: '/v1/admin/me',
} as const;

export const listPartners = {
  method: 'get',
  path: '/v1/admin/partners',
} as const;

export const createPartner = {
  method: 'post',
  path: '/v1/admin/partners',
} as const;

export const setPartnerRateLimits = {
  method: 'put',
  path: '/v1/admin/partners/{id}/rate-limits',
} as const;

export const disablePartner = {
  method: 'post',
  path: '/v1/admin/partners/{id}/disable',
} as const;

export const enablePartner = {
  method: 'post',
  path: '/v1/admin/partners/{id}/enable',
} as const;

export const listPartnerKeys = {
  method: 'get',
  path: '/v1/admin/partners/{id}/keys',
} as const;

export const rotatePartnerKey = {
  method: 'post',
  path: '/v1/admin/partners/{id}/keys/rotate',
} as const;

export const revokePartnerKey = {
  method: 'post',
  path: '/v1/admin/partners/{id}/keys/{keyId}/revoke',
} as const;

export const listAdminKeys = {
  method: 'get',
  path: '/v1/admin/admin-keys',
} as const;

export const revokeAdminKey = {
  method: 'post',
  path: '/v1/admin/admin-keys/{id}/revoke',
} as const;

export const rotateSigningKey = {
  method: 'post',
  path: '/v1/admin/signing-keys/rotate',
} as const;

export const listOffers = {
  method: 'get',
  path: '/v1/admin/offers',
} as const;

export const createOffer = {
  method: 'post',
  path: '/v1/admin/offers',
} as const;

export const getOfferVersions = {
  method: 'get',
  path: '/v1/admin/offers/{id}',
} as const;

export const createOfferVersion = {
  method: 'post',
  path: '/v1/admin/offers/{id}/versions',
} as const;

export const updateOfferDraft = {
  method: 'put',
  path: '/v1/admin/offers/{id}/versions/{version}',
} as const;

export const getOfferVersion = {
  method: 'get',
  path: '/v1/admin/offers/{id}/versions/{version}',
} as const;

export const submitOffer = {
  method: 'post',
  path: '/v1/admin/offers/{id}/versions/{version}/submit',
} as const;

export const approveOffer = {
  method: 'post',
  path: '/v1/admin/offers/{id}/versions/{version}/approve',
} as const;

export const rejectOffer = {
  method: 'post',
  path: '/v1/admin/offers/{id}/versions/{version}/reject',
} as const;

export const publishOffer = {
  method: 'post',
  path: '/v1/admin/offers/{id}/versions/{version}/publish',
} as const;

export const retireOffer = {
  method: 'post',
  path: '/v1/admin/offers/{id}/versions/{version}/retire',
} as const;

export const unscheduleOffer = {
  method: 'post',
  path: '/v1/admin/offers/{id}/versions/{version}/unschedule',
} as const;

export const rollbackOffer = {
  method: 'post',
  path: '/v1/admin/offers/{id}/versions/{version}/rollback',
} as const;

export const previewOfferVersion = {
  method: 'post',
  path: '/v1/admin/offers/{id}/versions/{version}/preview',
} as const;

export const sendChatMessage = {
  method: 'post',
  path: '/v1/chat/messages',
} as const;

export const getConversation = {
  method: 'get',
  path: '/v1/chat/conversations/{id}',
} as const;

export const deleteConversation = {
  method: 'delete',
  path: '/v1/chat/conversations/{id}',
} as const;

export const streamConversationEvents = {
  method: 'get',
  path: '/v1/chat/conversations/{id}/events',
} as const;

export const endHandoff = {
  method: 'post',
  path: '/v1/chat/conversations/{id}/handoff/end',
} as const;

export const listHandoffs = {
  method: 'get',
  path: '/v1/admin/handoffs',
} as const;

export const getHandoffMetrics = {
  method: 'get',
  path: '/v1/admin/handoffs/metrics',
} as const;

export const streamHandoffEvents = {
  method: 'get',
  path: '/v1/admin/handoffs/events',
} as const;

export const getHandoff = {
  method: 'get',
  path: '/v1/admin/handoffs/{id}',
} as const;

export const claimHandoff = {
  method: 'post',
  path: '/v1/admin/handoffs/{id}/claim',
} as const;

export const releaseHandoff = {
  method: 'post',
  path: '/v1/admin/handoffs/{id}/release',
} as const;

export const sendHandoffMessage = {
  method: 'post',
  path: '/v1/admin/handoffs/{id}/messages',
} as const;

export const sendHandoffTyping = {
  method: 'post',
  path: '/v1/admin/handoffs/{id}/typing',
} as const;

export const suggestHandoffReplies = {
  method: 'post',
  path: '/v1/admin/handoffs/{id}/suggestions',
} as const;

export const discardHandoffSuggestion = {
  method: 'post',
  path: '/v1/admin/handoffs/{id}/suggestions/{suggestionId}/discard',
} as const;

export const sendHandoffApplicationCard = {
  method: 'post',
  path: '/v1/admin/handoffs/{id}/application-card',
} as const;

export const closeHandoff = {
  method: 'post',
  path: '/v1/admin/handoffs/{id}/close',
} as const;

export const listKnowledgeDocuments = {
  method: 'get',
  path: '/v1/admin/knowledge',
} as const;

export const createKnowledgeDocument = {
  method: 'post',
  path: '/v1/admin/knowledge',
} as const;

export const getKnowledgeDocumentVersions = {
  method: 'get',
  path: '/v1/admin/knowledge/{id}',
} as const;

export const createKnowledgeDocumentVersion = {
  method: 'post',
  path: '/v1/admin/knowledge/{id}/versions',
} as const;

export const getKnowledgeDocumentVersion = {
  method: 'get',
  path: '/v1/admin/knowledge/{id}/versions/{version}',
} as const;

export const updateKnowledgeDocumentDraft = {
  method: 'put',
  path: '/v1/admin/knowledge/{id}/versions/{version}',
} as const;

export const unscheduleKnowledgeDocument = {
  method: 'post',
  path: '/v1/admin/knowledge/{id}/versions/{version}/unschedule',
} as const;

export const rollbackKnowledgeDocument = {
  method: 'post',
  path: '/v1/admin/knowledge/{id}/versions/{version}/rollback',
} as const;

export const submitKnowledgeDocument = {
  method: 'post',
  path: '/v1/admin/knowledge/{id}/versions/{version}/submit',
} as const;

export const approveKnowledgeDocument = {
  method: 'post',
  path: '/v1/admin/knowledge/{id}/versions/{version}/approve',
} as const;

export const rejectKnowledgeDocument = {
  method: 'post',
  path: '/v1/admin/knowledge/{id}/versions/{version}/reject',
} as const;

export const publishKnowledgeDocument = {
  method: 'post',
  path: '/v1/admin/knowledge/{id}/versions/{version}/publish',
} as const;

export const retireKnowledgeDocument = {
  method: 'post',
  path: '/v1/admin/knowledge/{id}/versions/{version}/retire',
} as const;

export const listAudit = {
  method: 'get',
  path: '/v1/admin/audit',
} as const;

export const quoteRoutes = {
  method: 'post',
  path: '/v1/routes/quote',
} as const;

export const createAgentGrant = {
  method: 'post',
  path: '/v1/agent-grants',
} as const;

export const listAgentGrants = {
  method: 'get',
  path: '/v1/agent-grants',
} as const;

export const revokeAgentGrant = {
  method: 'delete',
  path: '/v1/agent-grants/{id}',
} as const;

export const createSocialBot = {
  method: 'post',
  path: '/v1/admin/social-bots',
} as const;

export const listSocialBots = {
  method: 'get',
  path: '/v1/admin/social-bots',
} as const;

export const receiveFeishuEvent = {
  method: 'post',
  path: '/v1/social/feishu/{id}/events',
} as const;

export const redeemSocialContinuation = {
  method: 'post',
  path: '/v1/social/continuations/redeem',
} as const;

export const getRouteQuote = {
  method: 'get',
  path: '/v1/routes/quotes/{id}',
} as const;

export const listRailTables = {
  method: 'get',
  path: '/v1/admin/rail-tables',
} as const;

export const createRailTable = {
  method: 'post',
  path: '/v1/admin/rail-tables',
} as const;

export const getRailTableVersions = {
  method: 'get',
  path: '/v1/admin/rail-tables/{id}',
} as const;

export const createRailTableVersion = {
  method: 'post',
  path: '/v1/admin/rail-tables/{id}/versions',
} as const;

export const submitRailTable = {
  method: 'post',
  path: '/v1/admin/rail-tables/{id}/versions/{version}/submit',
} as const;

export const approveRailTable = {
  method: 'post',
  path: '/v1/admin/rail-tables/{id}/versions/{version}/approve',
} as const;

export const rejectRailTable = {
  method: 'post',
  path: '/v1/admin/rail-tables/{id}/versions/{version}/reject',
} as const;

export const publishRailTable = {
  method: 'post',
  path: '/v1/admin/rail-tables/{id}/versions/{version}/publish',
} as const;

export const retireRailTable = {
  method: 'post',
  path: '/v1/admin/rail-tables/{id}/versions/{version}/retire',
} as const;

export const listFxTables = {
  method: 'get',
  path: '/v1/admin/fx-tables',
} as const;

export const createFxTable = {
  method: 'post',
  path: '/v1/admin/fx-tables',
} as const;

export const getFxTableVersions = {
  method: 'get',
  path: '/v1/admin/fx-tables/{id}',
} as const;

export const createFxTableVersion = {
  method: 'post',
  path: '/v1/admin/fx-tables/{id}/versions',
} as const;

export const submitFxTable = {
  method: 'post',
  path: '/v1/admin/fx-tables/{id}/versions/{version}/submit',
} as const;

export const approveFxTable = {
  method: 'post',
  path: '/v1/admin/fx-tables/{id}/versions/{version}/approve',
} as const;

export const rejectFxTable = {
  method: 'post',
  path: '/v1/admin/fx-tables/{id}/versions/{version}/reject',
} as const;

export const publishFxTable = {
  method: 'post',
  path: '/v1/admin/fx-tables/{id}/versions/{version}/publish',
} as const;

export const retireFxTable = {
  method: 'post',
  path: '/v1/admin/fx-tables/{id}/versions/{version}/retire',
} as const;

export const listThesaurusConcepts = {
  method: 'get',
  path: '/v1/admin/thesaurus',
} as const;

export const createThesaurusConcept = {
  method: 'post',
  path: '/v1/admin/thesaurus',
} as const;

export const getThesaurusConceptVersions = {
  method: 'get',
  path: '/v1/admin/thesaurus/{id}',
} as const;

export const createThesaurusConceptVersion = {
  method: 'post',
  path: '/v1/admin/thesaurus/{id}/versions',
} as const;

export const submitThesaurusConcept = {
  method: 'post',
  path: '/v1/admin/thesaurus/{id}/versions/{version}/submit',
} as const;

export const approveThesaurusConcept = {
  method: 'post',
  path: '/v1/admin/thesaurus/{id}/versions/{version}/approve',
} as const;

export const rejectThesaurusConcept = {
  method: 'post',
  path: '/v1/admin/thesaurus/{id}/versions/{version}/reject',
} as const;

export const publishThesaurusConcept = {
  method: 'post',
  path: '/v1/admin/thesaurus/{id}/versions/{version}/publish',
} as const;

export const retireThesaurusConcept = {
  method: 'post',
  path: '/v1/admin/thesaurus/{id}/versions/{version}/retire',
} as const;

export const listRiskQuestionnaires = {
  method: 'get',
  path: '/v1/admin/risk-questionnaires',
} as const;

export const createRiskQuestionnaire = {
  method: 'post',
  path: '/v1/admin/risk-questionnaires',
} as const;

export const getRiskQuestionnaireVersions = {
  method: 'get',
  path: '/v1/admin/risk-questionnaires/{id}',
} as const;

export const createRiskQuestionnaireVersion = {
  method: 'post',
  path: '/v1/admin/risk-questionnaires/{id}/versions',
} as const;

export const submitRiskQuestionnaire = {
  method: 'post',
  path: '/v1/admin/risk-questionnaires/{id}/versions/{version}/submit',
} as const;

export const approveRiskQuestionnaire = {
  method: 'post',
  path: '/v1/admin/risk-questionnaires/{id}/versions/{version}/approve',
} as const;

export const rejectRiskQuestionnaire = {
  method: 'post',
  path: '/v1/admin/risk-questionnaires/{id}/versions/{version}/reject',
} as const;

export const publishRiskQuestionnaire = {
  method: 'post',
  path: '/v1/admin/risk-questionnaires/{id}/versions/{version}/publish',
} as const;

export const retireRiskQuestionnaire = {
  method: 'post',
  path: '/v1/admin/risk-questionnaires/{id}/versions/{version}/retire',
} as const;

export const getRiskQuestionnaire = {
  method: 'get',
  path: '/v1/suitability/questionnaire',
} as const;

export const createRiskAssessment = {
  method: 'post',
  path: '/v1/suitability/assessments',
  idempotencyKey: 'required',
} as const;

export const getRiskAssessment = {
  method: 'get',
  path: '/v1/suitability/assessment',
} as const;

export const listRiskAssessments = {
  method: 'get',
  path: '/v1/admin/risk-assessments',
} as const;

export const getRiskAssessmentRecord = {
  method: 'get',
  path: '/v1/admin/risk-assessments/{id}',
} as const;
