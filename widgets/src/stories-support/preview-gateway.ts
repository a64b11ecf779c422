// A story-only stand-in for the Finlet gateway. Storybook has no gateway, so this module wraps
// `fetch` and answers requests to PREVIEW_GATEWAY (a reserved `.invalid` host that never resolves)
// (`/v1/offers/match`, `/v1/consents`, `/v1/applications`, `/v1/nudges`) from contract-checked
// fixtures; every other request goes to the real `fetch` untouched.
//
// A story's gateway URL says how the gateway behaves: `${PREVIEW_GATEWAY}/<behaviour>/<label>`.
// The label only makes the URL unique, so that stories shown together on a docs page get their
// own session manager (the widgets share one per gateway URL, as on a real page).
import type { ProblemCode } from '@finlet/contracts';
import {
  applicationFor,
  consentFor,
  matchFor,
  nudgeAction,
  nudgesFor,
  problemFor,
  readPreviewToken,
} from './fixtures.js';

export const PREVIEW_GATEWAY = 'https://gateway.storybook.invalid';

/**
 * - `live`: answers every call from the fixtures.
 * - `pending`: never answers (the loading state; the client gives up after its 15 s timeout).
 * - `offline`: the network fails (no answer at all).
 * - `problem:<code>`: every call fails with that problem (e.g. `problem:invalid_token`).
 * - `submit-problem:<code>`: offers and consents work, creating the application fails.
 */
export type Behaviour =
  | 'live'
  | 'pending'
  | 'offline'
  | `problem:${ProblemCode}`
  | `submit-problem:${ProblemCode}`;

/** The gateway URL a story passes to the elements. */
export function previewGateway(behaviour: Behaviour, label = 'default'): string {
  return `${PREVIEW_GATEWAY}/${encodeURIComponent(behaviour)}/${encodeURIComponent(label)}`;
}

/** Calls answered so far, newest last (for play functions that check what was sent). */
export const previewCalls: { method: string; path: string; behaviour: string; body: unknown }[] = [];

let requests = 0;
/** Applications by idempotency key: a retried or double-clicked submit gets the same one back. */
const applications = new Map<string, unknown>();

function json(status: number, body: unknown, type = 'application/json'): Response {
  requests += 1;
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': type, 'x-request-id': `req_storybook${requests}` },
  });
}

function problem(code: ProblemCode, detail?: string): Response {
  const body = problemFor(code, `req_storybook${requests + 1}`, detail);
  return json(body.status, body, 'application/problem+json');
}

async function answer(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const [behaviourPart = '', , ...rest] = url.pathname.split('/').filter(Boolean);
  const behaviour = decodeURIComponent(behaviourPart);
  const path = `/${rest.join('/')}`;
  const text = request.method === 'GET' ? '' : await request.text();
  const body: unknown = text ? JSON.parse(text) : undefined;
  previewCalls.push({ method: request.method, path, behaviour, body });

  if (behaviour === 'pending') {
    return new Promise<Response>((_resolve, reject) => {
      request.signal.addEventListener('abort', () => reject(request.signal.reason));
    });
  }
  if (behaviour === 'offline') throw new TypeError('Failed to fetch');
  if (behaviour.startsWith('problem:')) return problem(behaviour.slice('problem:'.length) as ProblemCode);

  const token = request.headers.get('authorization')?.replace(/^Bearer /, '');
  if (!token) return problem('unauthorized', 'No session token was sent.');
  let claims: ReturnType<typeof readPreviewToken>;
  try {
    claims = readPreviewToken(token);
  } catch {
    return problem('invalid_token');
  }
  if (claims.exp * 1000 <= Date.now()) return problem('session_expired');

  const route = `${request.method} ${path}`;
  if (route === 'POST /v1/offers/match') return json(200, matchFor(claims, body));
  if (route === 'POST /v1/consents') return json(201, consentFor(claims, body));
  if (route === 'POST /v1/applications') {
    if (behaviour.startsWith('submit-problem:')) {
      return problem(behaviour.slice('submit-problem:'.length) as ProblemCode);
    }
    const key = request.headers.get('idempotency-key') ?? `anonymous-${requests}`;
    let application = applications.get(key);
    if (!application) {
      application = applicationFor(claims, body, key);
      applications.set(key, application);
    }
    return json(201, application);
  }
  if (route === 'GET /v1/nudges') return json(200, nudgesFor(claims));
  const acted = /^POST \/v1\/nudges\/([^/]+)\/(dismiss|accept)$/.exec(route);
  if (acted) {
    const result = nudgeAction(claims, decodeURIComponent(acted[1]!), acted[2] as 'dismiss' | 'accept');
    return result ? json(200, result) : problem('not_found');
  }
  return problem('not_found', `The preview gateway does not answer ${route}.`);
}

declare global {
  // Keeps one wrapper however often Storybook re-evaluates this module (hot reload).
  var __finletPreviewFetch: typeof fetch | undefined;
}

if (typeof globalThis.fetch === 'function' && !globalThis.__finletPreviewFetch) {
  const realFetch = globalThis.fetch.bind(globalThis);
  const previewFetch: typeof fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(`${PREVIEW_GATEWAY}/`)) return realFetch(input, init);
    return answer(new Request(input, init));
  };
  globalThis.__finletPreviewFetch = previewFetch;
  globalThis.fetch = previewFetch;
}
