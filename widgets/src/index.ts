// Importing the package registers every element; import `@finlet/widgets/offers` etc. for one.
import './provider/finlet-provider.js';
import './offers/finlet-offers.js';
import './apply/finlet-apply.js';

export { FinletApply } from './apply/finlet-apply.js';
export { configure, type FinletConfig, type FinletMode, resetConfig } from './internal/config.js';
export type {
  FinletApplicationSubmitDetail,
  FinletErrorDetail,
  FinletEventMap,
  FinletEventName,
  FinletNudgeActionDetail,
  FinletOfferSelectDetail,
  FinletReadyDetail,
  FinletSessionExpiredDetail,
} from './internal/events.js';
export { TOKENS } from './internal/tokens.js';
export { FinletOffers } from './offers/finlet-offers.js';
export { FinletProvider } from './provider/finlet-provider.js';
export const VERSION = '0.1.0';
