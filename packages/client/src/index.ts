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
// Errors, session tokens and the deferred client: what `@finlet/client/light` holds.
export * from './light.js';
