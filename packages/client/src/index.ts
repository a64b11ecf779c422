export { type ClientOptions, type ClientSchemas, createClient, type FinletClient } from './client.js';
export { createClientWith } from './core.js';
export {
  FinletApiError,
  FinletError,
  type FinletErrorCode,
  FinletNetworkError,
  FinletRateLimitError,
  FinletTimeoutError,
  FinletValidationError,
  isFinletApiError,
  isFinletError,
  isFinletNetworkError,
  isFinletRateLimitError,
  isFinletTimeoutError,
  isFinletValidationError,
} from './errors.js';
export {
  type CallInit,
  createHttp,
  type HttpCall,
  type HttpHooks,
  type HttpOptions,
  type Schema,
  unchecked,
  type ValidationIssue,
} from './http.js';
export {
  decodeClaims,
  decodeExpiry,
  REFRESH_MARGIN_MS,
  type SessionState,
  type SessionTokenSource,
  SessionTokens,
} from './session.js';
