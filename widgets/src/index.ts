// Importing the package registers every element; import `@finlet/widgets/offers` etc. for one.
import './provider/finlet-provider.js';
import './offers/finlet-offers.js';
import './advice-chat/finlet-advice-chat.js';
import './apply/finlet-apply.js';
import './nudges/finlet-nudges.js';
import './route-quote/finlet-route-quote.js';
import './suitability/finlet-suitability.js';
import './health-check/finlet-health-check.js';

export { FinletAdviceChat } from './advice-chat/finlet-advice-chat.js';
export { FinletApply } from './apply/finlet-apply.js';
export { FinletHealthCheck } from './health-check/finlet-health-check.js';
export { configure, type FinletConfig, type FinletMode, resetConfig } from './internal/config.js';
export type {
  FinletApplicationSubmitDetail,
  FinletAssessmentCompleteDetail,
  FinletErrorDetail,
  FinletEventMap,
  FinletEventName,
  FinletHandoffDetail,
  FinletNudgeActionDetail,
  FinletOfferSelectDetail,
  FinletReadyDetail,
  FinletRouteSelectDetail,
  FinletSessionExpiredDetail,
} from './internal/events.js';
export { TOKENS } from './internal/tokens.js';
export { VERSION } from './internal/version.js';
export { FinletNudges } from './nudges/finlet-nudges.js';
export { FinletOffers } from './offers/finlet-offers.js';
export { FinletProvider } from './provider/finlet-provider.js';
export { FinletRouteQuote } from './route-quote/finlet-route-quote.js';
export { FinletSuitability } from './suitability/finlet-suitability.js';
