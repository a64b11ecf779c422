export type { DevLogEntry } from './dev-log.js';
export { contentSecurityPolicy } from './server.js';
export { DEFAULT_PORTS, SITE_HANDLES, SITES, type SiteHandle } from './sites.js';
export { type DemoSitesOptions, type RunningDemoSites, startDemoSites } from './start.js';
