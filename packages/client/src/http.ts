import type { Problem } from '@finlet/contracts';
import {
  FinletApiError,
  FinletNetworkError,
  FinletRateLimitError,
  FinletTimeoutError,
  FinletValidationError,
  isFinletError,
} from './errors.js';

export interface HttpHooks {
  /** Called before each attempt; may add headers. */
  beforeRequest?: (state: { request: Request }) => void | Promise<void>;
  /** Called after each response, errors included. */
  afterResponse?: (state: { request: Request; response: Response }) => void | Promise<void>;
}

/** Anything that validates an answer the way zod's `safeParse` does (zod schemas fit). */
export interface Schema<T> {
  safeParse(
    data: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly ValidationIssue[] } };
}

export interface ValidationIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
}

/** One JSON call; `stream` sends the same way but hands back the open response (Server-Sent Events). */
export interface HttpCall {
  <T>(schema: Schema<T>, init: CallInit): Promise<T>;
  stream(init: CallInit, signal?: AbortSignal): Promise<Response>;
}

/** Accepts any answer as `T` without checking it (for bundles that must stay small). */
export function unchecked<T>(): Schema<T> {
  return { safeParse: (data) => ({ success: true, data: data as T }) };
}

export interface HttpOptions {
  gateway: string;
  timeout?: number | undefined;
  retryLimit?: number | undefined;
  fetch?: typeof fetch | undefined;
  headers?: Record<string, string> | undefined;
  hooks?: HttpHooks | undefined;
}

export interface CallInit {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  body?: unknown;
  query?: Record<string, string | number | undefined> | undefined;
  headers?: Record<string, string>;
  /** Whether a retry can never do something twice (GET, DELETE, reads, and POSTs with an Idempotency-Key). */
  retrySafe: boolean;
}

const RETRY_STATUS = [408, 429, 502, 503, 504];
/** Statuses whose `Retry-After` sets the wait before the retry (otherwise: exponential backoff). */
const AFTER_STATUS = [413, 429, 503];
/** A 429 asking for a longer wait is handed to the caller at once rather than slept on. */
const MAX_RETRY_AFTER_SECONDS = 5;
/** Backoff before the n-th retry: 0.3 s, 0.6 s, 1.2 s… capped at 3 s. */
const backoff = (retry: number) => Math.min(3_000, 300 * 2 ** (retry - 1));

/**
 * One typed JSON call over `fetch`: a per-attempt timeout, retries only where safe (network
 * errors and 408/429/502/503/504, waiting as `Retry-After` asks or backing off), errors mapped to
 * the Finlet classes. A small core of its own rather than a general HTTP library, so the browser
 * bundles carry only what the client uses.
 */
export function createHttp(options: HttpOptions): HttpCall {
  const base = options.gateway.replace(/\/+$/, '');
  const timeout = options.timeout ?? 15_000;
  const hooks = options.hooks;

  /** One attempt: a fresh request (hooks may add headers), raced against the timeout. */
  async function attempt(init: CallInit, url: string, signal: AbortSignal | undefined): Promise<Response> {
    const timer = new AbortController();
    const headers = new Headers({ accept: 'application/json', ...options.headers });
    if (init.body !== undefined) headers.set('content-type', 'application/json');
    for (const [name, value] of Object.entries(init.headers ?? {})) headers.set(name, value);
    const request = new Request(url, {
      method: init.method.toUpperCase(),
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      signal: signal ? AbortSignal.any([signal, timer.signal]) : timer.signal,
    });
    await hooks?.beforeRequest?.({ request });
    const fetchFn = options.fetch ?? globalThis.fetch;
    const response = await new Promise<Response>((resolve, reject) => {
      const id = setTimeout(() => {
        timer.abort();
        reject(
          new FinletTimeoutError(
            `The gateway did not answer within ${timeout} ms.`,
            new DOMException(`Request timed out: ${init.method.toUpperCase()} ${url}`, 'TimeoutError'),
          ),
        );
      }, timeout);
      fetchFn(request)
        .then(resolve, reject)
        .finally(() => clearTimeout(id));
    });
    if (hooks?.afterResponse) await hooks.afterResponse({ request, response: response.clone() });
    return response;
  }

  async function send(init: CallInit, signal?: AbortSignal): Promise<Response> {
    const query = Object.entries(init.query ?? {}).filter(
      (e): e is [string, string | number] => e[1] !== undefined,
    );
    const search = new URLSearchParams(query.map(([k, v]) => [k, String(v)])).toString();
    const url = `${base}/${init.path.replace(/^\//, '')}${search ? `?${search}` : ''}`;
    const limit = init.retrySafe ? (options.retryLimit ?? 2) : 0;
    for (let retry = 1; ; retry++) {
      let wait: number;
      try {
        const response = await attempt(init, url, signal);
        if (response.ok) return response;
        const after = retryAfterSeconds(response);
        if (
          retry > limit ||
          !RETRY_STATUS.includes(response.status) ||
          (response.status === 429 && (after ?? 0) > MAX_RETRY_AFTER_SECONDS)
        ) {
          throw await toApiError(response);
        }
        wait = after !== undefined && AFTER_STATUS.includes(response.status) ? after * 1000 : backoff(retry);
        void response.body?.cancel().catch(() => undefined);
      } catch (error) {
        // A timeout is not retried (the gateway may still be working on it); nor is an abort.
        if (isFinletError(error)) throw error;
        if (retry > limit || signal?.aborted) {
          throw new FinletNetworkError(`Could not reach the gateway: ${(error as Error).message}`, error);
        }
        wait = backoff(retry);
      }
      await sleep(wait, signal);
    }
  }
  const call = async function call<T>(schema: Schema<T>, init: CallInit): Promise<T> {
    const response = await send(init);
    const text = response.status === 204 ? '' : await response.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch (error) {
      throw new FinletValidationError('The gateway answered with something that is not JSON.', [], error);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      throw new FinletValidationError(
        `The gateway's answer does not match the contract: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim(),
        parsed.error.issues,
      );
    }
    return parsed.data;
  } as HttpCall;
  call.stream = send;
  return call;
}

async function toApiError(response: Response, cause?: unknown): Promise<FinletApiError> {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  let body: unknown;
  try {
    body = await response.clone().json();
  } catch {
    body = undefined;
  }
  const problem = readProblem(body);
  if (response.status === 429) {
    const seconds = retryAfterSeconds(response);
    return new FinletRateLimitError(
      problem?.detail ?? problem?.title ?? 'Too many requests.',
      problem?.requestId ?? requestId,
      {
        retryAfter: seconds,
        limit: numberHeader(response, 'ratelimit-limit'),
        remaining: numberHeader(response, 'ratelimit-remaining'),
      },
      problem,
      cause,
    );
  }
  if (problem) {
    return new FinletApiError(
      response.status,
      problem.code,
      problem.detail ?? problem.title,
      problem.requestId ?? requestId,
      problem,
      cause,
    );
  }
  return new FinletApiError(
    response.status,
    `http_${response.status}`,
    `The gateway answered ${response.status}.`,
    requestId,
    undefined,
    cause,
  );
}

function numberHeader(response: Response, name: string): number | undefined {
  const value = response.headers.get(name);
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** `Retry-After` in seconds (delta-seconds or an HTTP date), falling back to `RateLimit-Reset`. */
function retryAfterSeconds(response: Response): number | undefined {
  const delta = numberHeader(response, 'retry-after');
  if (delta !== undefined) return delta;
  const date = response.headers.get('retry-after');
  if (date) {
    const at = Date.parse(date);
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - Date.now()) / 1000));
  }
  return numberHeader(response, 'ratelimit-reset');
}

/**
 * Reads a problem+json body. A structural check rather than the zod schema, so the error path
 * stays out of small browser bundles; unknown members are kept as they are.
 */
function readProblem(body: unknown): Problem | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const p = body as Record<string, unknown>;
  const optionalString = (v: unknown) => v === undefined || typeof v === 'string';
  if (
    typeof p.code !== 'string' ||
    typeof p.title !== 'string' ||
    typeof p.type !== 'string' ||
    typeof p.status !== 'number' ||
    !optionalString(p.detail) ||
    !optionalString(p.requestId)
  ) {
    return undefined;
  }
  return p as unknown as Problem;
}

/** Waits `ms`, or less if `signal` aborts (then rejects with the abort reason). */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new FinletNetworkError('The call was aborted.', signal.reason));
    const id = setTimeout(done, ms);
    function done(): void {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort(): void {
      clearTimeout(id);
      reject(new FinletNetworkError('The call was aborted.', signal?.reason));
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}
