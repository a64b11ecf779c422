/**
 * What a page element needs before its first call: errors, the session's tokens and a client whose
 * transport loads on its own (`deferredClient`). Nothing here imports ky: the transport comes with
 * `@finlet/client/unchecked`.
 */
export type { ClientOptions, FinletClient } from './core.js';
export { type CreateSessionClient, deferredClient } from './deferred.js';
export * from './errors.js';
export {
  decodeClaims,
  decodeExpiry,
  REFRESH_MARGIN_MS,
  type SessionState,
  type SessionTokenSource,
  SessionTokens,
} from './session.js';
