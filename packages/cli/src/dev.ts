/**
 * What `finlet dev` puts in a gateway, for tools and tests that set one up the same way: the demo
 * content (offers with their `effective` window moved to hold now, knowledge documents, partners)
 * and the publishing console as every gateway serves it.
 */

export {
  DEV_OFFER_MIN_REMAINING_MS,
  DemoPartner,
  DemoPartners,
  demoEffectiveWindow,
  loadDemoDocs,
  loadDemoOffers,
  loadDemoPartners,
} from './dev/demo.js';
export { CONSOLE_CSP, consoleAssets } from './internal/assets.js';
