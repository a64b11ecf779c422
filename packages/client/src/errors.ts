import type { Problem, ProblemCode } from '@finlet/contracts';

/** One schema issue, as zod reports it (the client does not depend on zod's types). */
export interface ValidationIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
}

/**
 * A `FinletError`'s stable code: the gateway's problem codes (the contracts' `ProblemCode`), and
 * the client's own for a call that got no problem back: `network_error`, `timeout`,
 * `invalid_response`, and `http_<status>` for an error answer without a problem body (a proxy's 502).
 */
export type FinletErrorCode = ProblemCode | FinletClientErrorCode;

/** The codes the client sets itself, when the gateway sent no problem. */
export type FinletClientErrorCode = 'network_error' | 'timeout' | 'invalid_response' | `http_${number}`;

/** Base class of every error the client throws; `code` is stable, never parse `message`. */
export class FinletError extends Error {
  override name = 'FinletError';
  readonly code: FinletErrorCode;
  constructor(code: FinletErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** The gateway answered with an error (an RFC 9457 problem with a stable `code`). */
export class FinletApiError extends FinletError {
  override name = 'FinletApiError';
  readonly status: number;
  readonly requestId: string | undefined;
  readonly problem: Problem | undefined;
  override readonly code: ProblemCode | `http_${number}`;
  constructor(
    status: number,
    code: ProblemCode | `http_${number}`,
    message: string,
    requestId: string | undefined,
    problem?: Problem,
    cause?: unknown,
  ) {
    super(code, message, { cause });
    this.code = code;
    this.status = status;
    this.requestId = requestId;
    this.problem = problem;
  }
}

/**
 * The gateway refused the call as over a rate limit (429 `rate_limited`). `retryAfter` is the
 * number of seconds to wait before calling again (from `Retry-After`); `limit` and `remaining`
 * come from the `RateLimit-*` headers when the gateway sent them.
 */
export class FinletRateLimitError extends FinletApiError {
  override name = 'FinletRateLimitError';
  readonly retryAfter: number | undefined;
  readonly limit: number | undefined;
  readonly remaining: number | undefined;
  constructor(
    message: string,
    requestId: string | undefined,
    details: { retryAfter?: number | undefined; limit?: number | undefined; remaining?: number | undefined },
    problem?: Problem,
    cause?: unknown,
  ) {
    super(429, 'rate_limited', message, requestId, problem, cause);
    this.retryAfter = details.retryAfter;
    this.limit = details.limit;
    this.remaining = details.remaining;
  }
}

/** The gateway could not be reached (DNS, connection refused, reset…). */
export class FinletNetworkError extends FinletError {
  override name = 'FinletNetworkError';
  constructor(message: string, cause?: unknown) {
    super('network_error', message, { cause });
  }
}

/** The gateway did not answer within the timeout. */
export class FinletTimeoutError extends FinletError {
  override name = 'FinletTimeoutError';
  constructor(message: string, cause?: unknown) {
    super('timeout', message, { cause });
  }
}

/** The gateway answered with a body that does not match the contract (version skew or a proxy in the way). */
export class FinletValidationError extends FinletError {
  override name = 'FinletValidationError';
  readonly issues: readonly ValidationIssue[];
  constructor(message: string, issues: readonly ValidationIssue[], cause?: unknown) {
    super('invalid_response', message, { cause });
    this.issues = issues;
  }
}

const NAMES = [
  'FinletError',
  'FinletApiError',
  'FinletRateLimitError',
  'FinletNetworkError',
  'FinletTimeoutError',
  'FinletValidationError',
];

// Guards check `name` as well as the prototype, so errors from another realm (an iframe, a second copy of the bundle) pass.
function hasName(error: unknown, names: string[]): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    names.includes((error as { name?: unknown }).name as string)
  );
}

export const isFinletError = (error: unknown): error is FinletError =>
  error instanceof FinletError || hasName(error, NAMES);
export const isFinletApiError = (error: unknown): error is FinletApiError =>
  error instanceof FinletApiError || hasName(error, ['FinletApiError', 'FinletRateLimitError']);
export const isFinletRateLimitError = (error: unknown): error is FinletRateLimitError =>
  error instanceof FinletRateLimitError || hasName(error, ['FinletRateLimitError']);
export const isFinletNetworkError = (error: unknown): error is FinletNetworkError =>
  error instanceof FinletNetworkError || hasName(error, ['FinletNetworkError']);
export const isFinletTimeoutError = (error: unknown): error is FinletTimeoutError =>
  error instanceof FinletTimeoutError || hasName(error, ['FinletTimeoutError']);
export const isFinletValidationError = (error: unknown): error is FinletValidationError =>
  error instanceof FinletValidationError || hasName(error, ['FinletValidationError']);
