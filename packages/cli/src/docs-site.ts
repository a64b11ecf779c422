/**
 * The docs site as the gateway serves it: where `pnpm build` writes it, the headers its pages get,
 * and the gateway's static assets (docs and console) as `finlet serve` mounts them. For tests and
 * tooling that check the built site against what is served.
 */
export { gatewayAssets } from './internal/assets.js';
export { DOCS_API_CSP, DOCS_CSP, DOCS_SITE_DIR } from './internal/docs-site.js';
