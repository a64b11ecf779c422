export {
  type Call,
  type CallArgs,
  type CallControl,
  type CallInput,
  type CallOptions,
  createCall,
  type RouteBody,
  type RouteLines,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
} from './call.js';
export {
  type CallerOptions,
  type ClientOptions,
  type ClientSchemas,
  createCaller,
  createClient,
  createClientWith,
  type FinletClient,
} from './client.js';
export { sessionAuth } from './core.js';
export {
  FinletApiError,
  type FinletClientErrorCode,
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
  type HttpAuth,
  type HttpCall,
  type HttpHooks,
  type HttpOptions,
  readAnswer,
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
