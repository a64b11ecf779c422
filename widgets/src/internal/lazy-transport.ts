// For an element that calls the gateway only once the user acts (the chat): its clients work at
// once and load the transport (`./transport.js`, ~6 KB brotli) alongside the first paint. Where an
// element that needs it at once is on the page, its transport is used and nothing more loads.
import { deferredClient } from '@finlet/client/light';
import { provideTransport } from './session-manager.js';

const load = () => import('./transport.js').then((module) => module.createUncheckedClient);

provideTransport((options, tokens) => deferredClient(load, options, tokens), true);
