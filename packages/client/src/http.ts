import type { Problem, ProblemCode, SimpleRequestEnvelope } from '@finlet/contracts';
import ky, { HTTPError, type KyInstance, TimeoutError } from 'ky';
import {
  FinletApiError,
  FinletNetworkError,
  FinletRateLimitError,
  FinletTimeoutError,
  FinletValidationError,
  type ValidationIssue,
} from './errors.js';

export type { ValidationIssue } from './errors.js';

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
  /** Sends a token on every attempt and, once refused as expired or invalid, retries with a fresh one. */
  auth?: HttpAuth | undefined;
  /**
   * Sends the routes marked `simpleRequest` (the offers' match) as CORS simple requests: the token
   * in a `text/plain` body (a `SimpleRequestEnvelope`) instead of the `Authorization` header, so a
   * browser on another origin sends them without a preflight.
   */
  simpleRequests?: boolean | undefined;
}

/**
 * Where the `Authorization` bearer token comes from. The refresh-and-retry lives here, in ky's
 * hooks, once for every call and stream of every client.
 */
export interface HttpAuth {
  /** The token to send now (refreshed first when about to expire), or undefined to send none. */
  token(): Promise<string | undefined> | string | undefined;
  /**
   * A token to retry with after the gateway refused `refused` as `session_expired` or
   * `invalid_token`; undefined when there is none (the refusal is then the caller's).
   */
  refresh(refused: string | undefined): Promise<string | undefined> | string | undefined;
}

export interface CallInit {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  body?: unknown;
  /** A body sent as it is (`text/plain`), in place of `body` as JSON. */
  text?: string;
  query?: Record<string, string | number | undefined> | undefined;
  headers?: Record<string, string>;
  /** Whether a retry can never do something twice (GET, DELETE, reads, and POSTs with an Idempotency-Key). */
  retrySafe: boolean;
  /** The route also takes a CORS simple request (sent as one when the options say so and there is a token). */
  simple?: boolean;
}

/** What one request's hooks share: a simple request's JSON body, and the token sent in it. */
interface SendContext {
  simpleBody?: unknown;
  sentToken?: string;
}

const RETRY_STATUS = [408, 429, 502, 503, 504];
/** A 429 asking for a longer wait is handed to the caller at once rather than slept on. */
const MAX_RETRY_AFTER_SECONDS = 5;
/** ky's wait before its first retry (0.3 s, doubling after each attempt). */
const FIRST_BACKOFF_SECONDS = 0.3;

/** One typed JSON call over ky: retries only where safe, errors mapped to the Finlet classes. */
export function createHttp(options: HttpOptions): HttpCall {
  const send = createSend(options);
  const call = async function call<T>(schema: Schema<T>, init: CallInit): Promise<T> {
    return readAnswer(await send(init), schema);
  } as HttpCall;
  call.stream = send;
  return call;
}

/** Sends one request (over ky but for a simple request's first attempt) and hands back the response; errors mapped to the Finlet classes. */
export function createSend(
  options: HttpOptions,
): (init: CallInit, signal?: AbortSignal) => Promise<Response> {
  const { auth } = options;
  const gateway = options.gateway.replace(/\/+$/, '');
  const timeout = options.timeout ?? 15_000;
  const timedOut = (error: unknown) =>
    new FinletTimeoutError(`The gateway did not answer within ${timeout} ms.`, error);
  // Built on the first call that needs it: a page's first call (the offers' match, a simple
  // request) leaves without it, so nothing of ky runs between an element's render and its request.
  let ky_: KyInstance | undefined;
  const api = (): KyInstance => (ky_ ??= createKy());
  const createKy = (): KyInstance =>
    ky.create({
      prefixUrl: gateway,
      timeout,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      headers: { accept: 'application/json', ...options.headers },
      hooks: {
        // Runs again before a forced retry, so the retry carries the token `refresh` gave.
        beforeRequest: [
          async (request, { context }) => {
            const token = await auth?.token();
            const simple = context as SendContext;
            if (token && 'simpleBody' in simple) {
              // A string body goes as `text/plain;charset=UTF-8`, and no custom header: no preflight.
              simple.sentToken = token;
              const headers = new Headers(request.headers);
              headers.delete('authorization');
              headers.set('content-type', PLAIN);
              const plain = new Request(request, { headers, body: envelope(token, simple.simpleBody) });
              await options.hooks?.beforeRequest?.({ request: plain });
              return plain;
            }
            if (token) request.headers.set('authorization', `Bearer ${token}`);
            await options.hooks?.beforeRequest?.({ request });
          },
        ],
        afterResponse: [
          async (request, { context }, response) => {
            await options.hooks?.afterResponse?.({ request, response });
            if (!auth || response.status !== 401) return;
            if (!(await refusesToken(response))) return;
            // Refused before anything was done: safe to send again whatever the method.
            const refused =
              request.headers.get('authorization')?.slice(7) ?? (context as SendContext).sentToken;
            if (await auth.refresh(refused)) return ky.retry({ delay: 0 });
          },
        ],
      },
    });

  /**
   * The first attempt of a simple request with a token (the offers' match), with plain `fetch`.
   * Its answer is the call's when it is a success or a final refusal; when it is worth another
   * attempt (a token refused as lapsed, a status the retry rules retry, a network failure) it
   * answers undefined and the call goes on through ky, which sends again under its own rules.
   */
  async function sendSimple(init: CallInit, token: string): Promise<Response | undefined> {
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(`${gateway}/${init.path.replace(/^\//, '')}`, {
        method: init.method.toUpperCase(),
        headers: {
          accept: 'application/json',
          ...options.headers,
          ...init.headers,
          'content-type': PLAIN,
        },
        body: envelope(token, init.body),
        signal: AbortSignal.timeout(timeout),
      });
    } catch (error) {
      if ((error as Error)?.name === 'TimeoutError') {
        throw timedOut(error);
      }
      return undefined;
    }
    if (response.ok) return response;
    if (response.status === 401) {
      if ((await refusesToken(response.clone())) && (await auth?.refresh(token))) return undefined;
    } else if (RETRY_STATUS.includes(response.status) && init.retrySafe && options.retryLimit !== 0) {
      // As ky would: the next attempt after the wait the gateway asked for, or ky's first backoff.
      const wait =
        response.status === 429
          ? (retryAfterSeconds(response) ?? FIRST_BACKOFF_SECONDS)
          : FIRST_BACKOFF_SECONDS;
      if (wait <= MAX_RETRY_AFTER_SECONDS) {
        await new Promise((resolve) => setTimeout(resolve, wait * 1000));
        return undefined;
      }
    }
    throw await toApiError(response, undefined);
  }

  async function send(init: CallInit, signal?: AbortSignal): Promise<Response> {
    const query = Object.entries(init.query ?? {}).filter(
      (e): e is [string, string | number] => e[1] !== undefined,
    );
    if (
      init.simple &&
      options.simpleRequests &&
      init.body !== undefined &&
      query.length === 0 &&
      !signal &&
      !options.hooks &&
      typeof AbortSignal.timeout === 'function'
    ) {
      let token: string | undefined;
      try {
        token = await auth?.token();
      } catch {
        // No token to be had now (its source failed): the ky path asks again under its retry rules.
        token = undefined;
      }
      const answer = token ? await sendSimple(init, token) : undefined;
      if (answer) return answer;
    }
    try {
      return await api()(init.path.replace(/^\//, ''), {
        ...(signal ? { signal } : {}),
        method: init.method,
        ...(init.text ? { body: init.text } : init.body !== undefined ? { json: init.body } : {}),
        ...(query.length > 0
          ? { searchParams: Object.fromEntries(query.map(([k, v]) => [k, String(v)])) }
          : {}),
        ...(init.headers ? { headers: init.headers } : {}),
        ...(init.simple && options.simpleRequests && init.body !== undefined
          ? { context: { simpleBody: init.body } satisfies SendContext }
          : {}),
        // One attempt more at least, for the token refresh (a forced retry); `methods` keeps an
        // unsafe call from any other retry.
        retry: {
          limit: Math.max(1, options.retryLimit ?? 2),
          methods: init.retrySafe && options.retryLimit !== 0 ? [init.method] : [],
          statusCodes: RETRY_STATUS,
          afterStatusCodes: [413, 429, 503],
          backoffLimit: 3_000,
          shouldRetry: ({ error }) =>
            error instanceof HTTPError &&
            error.response.status === 429 &&
            (retryAfterSeconds(error.response) ?? 0) > MAX_RETRY_AFTER_SECONDS
              ? false
              : undefined,
        },
      });
    } catch (error) {
      if (error instanceof HTTPError) throw await toApiError(error.response, error);
      if (error instanceof TimeoutError) {
        throw timedOut(error);
      }
      throw new FinletNetworkError(`Could not reach the gateway: ${(error as Error).message}`, error);
    }
  }

  return send;
}

/** A simple request's body: the token and the call's body, sent as `text/plain` (`SimpleRequestEnvelope`). */
const PLAIN = 'text/plain;charset=UTF-8';
function envelope(token: string, body: unknown): string {
  return JSON.stringify({ token, body } satisfies SimpleRequestEnvelope);
}

/** Whether a 401 refused the token as lapsed or invalid (another token may be worth a try). */
async function refusesToken(response: Response): Promise<boolean> {
  const code = readProblem(await response.json().catch(() => undefined))?.code;
  return code === 'session_expired' || code === 'invalid_token';
}

/** Reads a JSON answer and checks it with `schema` (a 204 reads as `undefined`). */
export async function readAnswer<T>(response: Response, schema: Schema<T>): Promise<T> {
  return parseAnswer(response.status === 204 ? '' : await response.text(), schema);
}

/** Parses JSON text from the gateway (an answer, or a streamed event's data) and checks it with `schema`. */
export function parseAnswer<T>(text: string, schema: Schema<T>): T {
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
}

async function toApiError(response: Response, cause: unknown): Promise<FinletApiError> {
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
      // The gateway's codes are the contracts' union; one newer than this client reads as such too.
      problem.code as ProblemCode,
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
