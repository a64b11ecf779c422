/**
 * The demo content `finlet dev` publishes (offers whose `effective` window holds at the given time,
 * knowledge documents) and the console's assets as the gateway serves them, from `@finlet/cli/dev`:
 * a test sets up a gateway as `finlet dev` does without reaching into the CLI's sources.
 */
export { consoleAssets, loadDemoDocs, loadDemoOffers } from '@finlet/cli/dev';
