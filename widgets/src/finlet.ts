// The drop-in bundle: `<script type="module" src="https://gateway/finlet.js">` registers every
// element and exposes `window.finlet.configure`. The provider, offers and nudges are inside it; the
// application form, the advice chat and the route quote load on first use (from `finlet/` next to
// this file): most page views never open an application. It holds no zod (the
// unchecked client), so nothing in it needs `eval` and it runs under `script-src 'self'`.
import './provider/finlet-provider.js';
import './offers/finlet-offers.js';
import './nudges/finlet-nudges.js';
import { loadApply } from './apply/load-apply.js';
import { autoload } from './internal/autoload.js';
import { configure } from './internal/config.js';
import { VERSION } from './internal/version.js';
import { loadAssessment } from './suitability/load.js';

export { configure, VERSION };

declare global {
  interface Window {
    finlet?: { configure: typeof configure; version: string };
  }
}

if (typeof window !== 'undefined') {
  window.finlet ??= { configure, version: VERSION };
  autoload({
    // The same loaders the offers, the nudges and the chat use to open these in place.
    'finlet-apply': loadApply,
    'finlet-advice-chat': () => import('./advice-chat/finlet-advice-chat-element.js'),
    'finlet-route-quote': () => import('./route-quote/finlet-route-quote.js'),
    'finlet-suitability': loadAssessment,
    'finlet-health-check': () => import('./health-check/finlet-health-check.js'),
  });
}
