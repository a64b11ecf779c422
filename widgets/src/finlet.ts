// The drop-in bundle: `<script type="module" src="https://gateway/finlet.js">` registers every
// element and exposes `window.finlet.configure`. It holds no zod (the unchecked client), so nothing
// in it needs `eval` and it runs under `script-src 'self'`.
import { configure, VERSION } from './index.js';

export * from './index.js';

declare global {
  interface Window {
    finlet?: { configure: typeof configure; version: string };
  }
}

if (typeof window !== 'undefined') {
  window.finlet ??= { configure, version: VERSION };
}
