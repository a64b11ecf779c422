export { type ClientOptions, createClient, type FinletClient } from './client.js';
export {
  FinletApiError,
  FinletError,
  type FinletErrorCode,
  FinletNetworkError,
  FinletTimeoutError,
  FinletValidationError,
  isFinletApiError,
  isFinletError,
  isFinletNetworkError,
  isFinletTimeoutError,
  isFinletValidationError,
} from './errors.js';
export { type CallInit, createHttp, type HttpHooks, type HttpOptions } from './http.js';
export {
  decodeExpiry,
  REFRESH_MARGIN_MS,
  type SessionState,
  type SessionTokenSource,
  SessionTokens,
} from './session.js';
