// A story-only stand-in for the Finlet gateway. Storybook has no gateway, so this module wraps
// `fetch` and answers requests to PREVIEW_GATEWAY (a reserved `.invalid` host that never resolves)
// (`/v1/offers/match`, `/v1/consents`, `/v1/applications`, `/v1/disclosures`, `/v1/nudges`, `/v1/routes/quote`,
// `/v1/suitability/questionnaire`, `/v1/suitability/assessments`, `/v1/suitability/assessment`,
// `/v1/chat/messages` as a real `text/event-stream`, `/v1/chat/conversations/{id}`) from
// contract-checked fixtures; every other request goes to the real `fetch` untouched.
//
// A story's gateway URL says how the gateway behaves: `${PREVIEW_GATEWAY}/<behaviour>/<label>`.
// The label only makes the URL unique, so that stories shown together on a docs page get their
// own session manager (the widgets share one per gateway URL, as on a real page).
import { ChatMessageRequest, type ChatPart, type ProblemCode, type RouteQuote } from '@finlet/contracts';
import {
  answerFor,
  conversations,
  RESTORED_CONVERSATIONS,
  recordTurn,
  restoredConversation,
} from './chat.js';
import { disclosureReceiptFor } from './disclosures.js';
import {
  applicationFor,
  consentFor,
  matchFor,
  nudgeAction,
  nudgesFor,
  problemFor,
  readPreviewToken,
} from './fixtures.js';
import { quoteFor } from './routes.js';
import { assessFor, currentAssessmentFor, questionnaireFor } from './suitability.js';

export const PREVIEW_GATEWAY = 'https://gateway.storybook.invalid';

/**
 * - `live`: answers every call from the fixtures.
 * - `pending`: never answers (the loading state; the client gives up after its 15 s timeout).
 * - `offline`: the network fails (no answer at all).
 * - `problem:<code>`: every call fails with that problem (e.g. `problem:invalid_token`).
 * - `submit-problem:<code>`: offers and consents work, creating the application fails.
 * - `stale-fx`: route quotes are computed from FX rates two days old (the engine refuses them).
 * - `after-cutoff`: route quotes are made at 17:45 in Shanghai, just past the CIPS cut-off.
 * - `stall`: the advisor streams its first sentences, then nothing until the user stops it.
 * - `stream-error`: the advisor streams its first sentences, then an `error` part.
 */
export type Behaviour =
  | 'live'
  | 'stale-fx'
  | 'after-cutoff'
  | 'stall'
  | 'stream-error'
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
/** Route quotes by id, for `GET /v1/routes/quotes/{id}`. */
const routeQuotes = new Map<string, RouteQuote>();
/** Pause between streamed parts, so the streaming state is visible in the preview. */
const PART_DELAY_MS = 40;

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

/**
 * `POST /v1/chat/messages` as the gateway answers it: `event: <part.type>` and `data: <json>` per
 * part, arriving one by one. Aborting the request errors the body, as a real fetch does.
 */
function eventStream(parts: ChatPart[], signal: AbortSignal, stallAfter?: number): Response {
  requests += 1;
  const encoder = new TextEncoder();
  const aborted = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      signal.addEventListener('abort', () => {
        try {
          controller.error(signal.reason);
        } catch {
          // Already closed: nothing left to stop.
        }
      });
    },
    async pull(controller) {
      if (stallAfter !== undefined && next >= stallAfter) return aborted;
      const part = parts[next++];
      if (!part || signal.aborted) return controller.close();
      await Promise.race([new Promise((resolve) => setTimeout(resolve, PART_DELAY_MS)), aborted]);
      if (signal.aborted) return;
      controller.enqueue(encoder.encode(`event: ${part.type}\ndata: ${JSON.stringify(part)}\n\n`));
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-request-id': `req_storybook${requests}`,
    },
  });
}

let conversationCount = 0;

function chatAnswer(
  claims: ReturnType<typeof readPreviewToken>,
  body: unknown,
  behaviour: string,
  signal: AbortSignal,
): Response {
  const message = ChatMessageRequest.parse(body);
  const locale = message.locale ?? 'zh-CN';
  const conversationId =
    message.conversationId ?? `cnv_storybook${String(++conversationCount).padStart(8, '0')}`;
  const messageId = `msg_storybook${requests + 1}`;
  const parts = answerFor(message.text, locale, conversationId, messageId);
  const firstSentences = parts.findIndex((p) => p.type !== 'text');
  if (behaviour === 'stall') return eventStream(parts, signal, Math.max(1, firstSentences));
  if (behaviour === 'stream-error') {
    const error: ChatPart = {
      type: 'error',
      code: 'advisor_unavailable',
      message: 'The advisor stopped answering; please try again.',
    };
    return eventStream([...parts.slice(0, Math.max(1, firstSentences)), error], signal);
  }
  recordTurn(claims, conversationId, locale, message.text, parts);
  return eventStream(parts, signal);
}

function conversation(claims: ReturnType<typeof readPreviewToken>, id: string, method: string): Response {
  const restoredLocale = (
    Object.keys(RESTORED_CONVERSATIONS) as (keyof typeof RESTORED_CONVERSATIONS)[]
  ).find((l) => RESTORED_CONVERSATIONS[l] === id);
  // A restored story's conversation is there again whenever the story mounts afresh.
  if (restoredLocale && !conversations.has(id) && method === 'GET') {
    conversations.set(id, restoredConversation(id, restoredLocale, claims.scn));
  }
  const found = conversations.get(id);
  if (!found) return problem('not_found', `No conversation ${id}.`);
  if (method === 'GET') return json(200, found);
  conversations.delete(id);
  requests += 1;
  return new Response(null, { status: 204, headers: { 'x-request-id': `req_storybook${requests}` } });
}

async function answer(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const [behaviourPart = '', , ...rest] = url.pathname.split('/').filter(Boolean);
  const behaviour = decodeURIComponent(behaviourPart);
  const path = `/${rest.join('/')}`;
  const text = request.method === 'GET' ? '' : await request.text();
  let body: unknown = text ? JSON.parse(text) : undefined;
  // A read sent as a CORS simple request (the offers' match) carries its token in a text/plain body.
  const envelope = request.headers.get('content-type')?.startsWith('text/plain')
    ? (body as { token?: string; body?: unknown })
    : undefined;
  if (envelope) body = envelope.body;
  previewCalls.push({ method: request.method, path, behaviour, body });

  if (behaviour === 'pending') {
    return new Promise<Response>((_resolve, reject) => {
      request.signal.addEventListener('abort', () => reject(request.signal.reason));
    });
  }
  if (behaviour === 'offline') throw new TypeError('Failed to fetch');
  if (behaviour.startsWith('problem:')) return problem(behaviour.slice('problem:'.length) as ProblemCode);

  const token = envelope?.token ?? request.headers.get('authorization')?.replace(/^Bearer /, '');
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
  if (route === 'POST /v1/disclosures') {
    const receipt = await disclosureReceiptFor(claims, body);
    return receipt ? json(201, receipt) : problem('not_found', 'An offer shown is not in the catalogue.');
  }
  if (route === 'POST /v1/routes/quote') {
    const quoted = quoteFor(body, {
      staleRates: behaviour === 'stale-fx',
      clock: behaviour === 'after-cutoff' ? 'after-cutoff' : 'open',
    });
    if (!quoted.ok) return problem(quoted.code, quoted.detail);
    routeQuotes.set(quoted.quote.id, quoted.quote);
    return json(201, quoted.quote);
  }
  const quoteId = /^GET \/v1\/routes\/quotes\/([^/]+)$/.exec(route)?.[1];
  if (quoteId) {
    const quote = routeQuotes.get(decodeURIComponent(quoteId));
    return quote ? json(200, quote) : problem('not_found', `No route quote ${quoteId}.`);
  }
  if (route === 'GET /v1/suitability/questionnaire') return json(200, questionnaireFor());
  if (route === 'GET /v1/suitability/assessment') {
    const current = currentAssessmentFor(claims);
    return current ? json(200, current) : problem('no_risk_assessment');
  }
  if (route === 'POST /v1/suitability/assessments') {
    const assessed = assessFor(claims, body);
    return assessed.ok ? json(201, assessed.assessment) : problem('risk_answers_invalid', assessed.detail);
  }
  if (route === 'POST /v1/chat/messages') return chatAnswer(claims, body, behaviour, request.signal);
  const conversationId = /^(GET|DELETE) \/v1\/chat\/conversations\/([^/]+)$/.exec(route);
  if (conversationId) return conversation(claims, decodeURIComponent(conversationId[2]!), request.method);
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
