export { bundleFromSource, packageDir, type SourceBundleOptions } from './bundle.js';
export { parseChatParts } from './chat.js';
export { loadDemoRails } from './demo-rails.js';
export { FeishuSimulator } from './feishu-simulator.js';
export {
  cashWealthOffer,
  concentratedHoldings,
  consumerOffer,
  debitCardOffer,
  equityFundOffer,
  inventoryFaq,
  inventoryOffer,
  RISK_ANSWERS_C2,
  RISK_ANSWERS_C5,
  receivablesOffer,
  riskQuestionnaire,
} from './fixtures.js';
export {
  type ApiResponse,
  DIALECTS,
  type Dialect,
  ORIGIN_A,
  ORIGIN_B,
  PG_URL,
  startTestGateway,
  type TestGateway,
} from './harness.js';
export {
  type MockLlm,
  type MockLlmOptions,
  type MockLlmScript,
  type MockLlmStep,
  startMockLlm,
} from './mock-llm.js';
export { publishTable, testFx, testRails } from './rails-fixtures.js';
export {
  type Behaviour,
  eventually,
  type ReceivedWebhook,
  type Receiver,
  startReceiver,
} from './receiver.js';
export {
  isRoute,
  methodsOf,
  type RecordingFetch,
  type RouteCoverage,
  recordingFetch,
  routeCoverage,
} from './route-coverage.js';
export { configureBot } from './social-fixtures.js';
export { type SseEvent, SseReader } from './sse.js';
export {
  matchOffers,
  nudgesAfter,
  riskAnswers,
  salesSignal,
  takeAssessment,
  userSession,
} from './suitability-fixtures.js';
export {
  publishWorkspaceOffers,
  type Submission,
  startWorkspaceGateway,
  submit,
} from './workspace-fixtures.js';
export { XSS_PAYLOADS } from './xss.js';
