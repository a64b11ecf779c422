// Brings the client's transport (ky and the route calls) along with an element that calls the
// gateway as soon as it shows (offers, nudges, apply, …): its first call leaves without waiting for
// another download. The chat imports `./lazy-transport.js` instead: it paints first.
import { createUncheckedClient } from '@finlet/client/unchecked';
import { provideTransport } from './session-manager.js';

provideTransport(createUncheckedClient);

export { createUncheckedClient };
