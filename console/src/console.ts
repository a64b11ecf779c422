// The console's bundle entry (`/console/console.js`). zod runs jitless under the page's CSP: that
// module must be evaluated before any contract schema is defined, so it is imported first.
import './editor/jitless.js';
import './app/fc-app.js';
