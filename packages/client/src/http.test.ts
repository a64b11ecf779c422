import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import ky from 'ky';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FinletApiError, FinletNetworkError, FinletRateLimitError, FinletTimeoutError } from './errors.js';
import { type CallInit, createSend, type HttpAuth } from './http.js';
import { json } from './test/respond.js';

// A simple request's first attempt (the offers' match, a page's first call) goes with plain fetch,
// ky only when there is more to do. These pin that it keeps every rule the ky path has.
describe('a simple request’s first attempt', () => {
  let server: Server;
  let url: string;
  const hits: Array<{ method: string; type: string | undefined; auth: string | undefined; body: string }> =
    [];
  let script: Array<(res: ServerResponse) => void> = [];

  const problem = (status: number, code: string, headers: Record<string, string> = {}) =>
    json(status, { type: `https://finlet.dev/problems/${code}`, title: code, status, code }, headers);

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', () => {
        hits.push({
          method: req.method ?? '',
          type: req.headers['content-type'],
          auth: req.headers.authorization,
          body,
        });
        (script.shift() ?? json(500, { nope: true }))(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  afterEach(() => {
    hits.length = 0;
    script = [];
    vi.restoreAllMocks();
  });

  const match: CallInit = {
    method: 'post',
    path: '/v1/offers/match',
    body: { limit: 5 },
    retrySafe: true,
    simple: true,
  };
  /** Tokens `t1`, `t2`, …: each refusal as lapsed hands out the next one. */
  function tokens() {
    let n = 1;
    const refused: Array<string | undefined> = [];
    const auth: HttpAuth = {
      token: () => `t${n}`,
      refresh: (token) => {
        refused.push(token);
        n += 1;
        return `t${n}`;
      },
    };
    return { auth, refused };
  }
  const sentTokens = () => hits.map((h) => (JSON.parse(h.body) as { token: string }).token);

  it('goes with fetch alone: one text/plain request, the token in the body, no ky built', async () => {
    const create = vi.spyOn(ky, 'create');
    script = [json(200, { matches: [] })];
    const send = createSend({ gateway: `${url}/`, simpleRequests: true, auth: tokens().auth });
    const response = await send(match);
    expect(await response.json()).toEqual({ matches: [] });
    expect(hits).toEqual([
      {
        method: 'POST',
        type: 'text/plain;charset=UTF-8',
        auth: undefined,
        body: JSON.stringify({ token: 't1', body: { limit: 5 } }),
      },
    ]);
    expect(create).not.toHaveBeenCalled();

    // A call that is not a simple request is ky's, built then and kept for the next ones.
    script = [json(200, {}), json(200, {})];
    await send({ method: 'get', path: '/v1/consents/x', retrySafe: true });
    await send({ method: 'get', path: '/v1/consents/y', retrySafe: true });
    expect(create).toHaveBeenCalledTimes(1);
    expect(hits.slice(1).map((h) => h.auth)).toEqual(['Bearer t1', 'Bearer t1']);
  });

  it('sends again once with a fresh token when the gateway refused it as lapsed', async () => {
    const { auth, refused } = tokens();
    script = [problem(401, 'session_expired'), json(200, { ok: true })];
    const response = await createSend({ gateway: url, simpleRequests: true, auth })(match);
    expect(await response.json()).toEqual({ ok: true });
    expect(refused).toEqual(['t1']);
    expect(sentTokens()).toEqual(['t1', 't2']);
    expect(hits.every((h) => h.type === 'text/plain;charset=UTF-8' && h.auth === undefined)).toBe(true);
  });

  it('with no fresh token to be had, hands back the refusal after one request', async () => {
    const auth: HttpAuth = { token: () => 't1', refresh: () => undefined };
    script = [problem(401, 'invalid_token')];
    const error = await createSend({ gateway: url, simpleRequests: true, auth })(match).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FinletApiError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_token' });
    expect(hits).toHaveLength(1);
  });

  it('tries a 503 again under the retry rules, and takes a 400 as final at once', async () => {
    script = [problem(503, 'not_ready'), json(200, { ok: true })];
    const send = createSend({ gateway: url, simpleRequests: true, auth: tokens().auth });
    expect(await (await send(match)).json()).toEqual({ ok: true });
    expect(hits).toHaveLength(2);

    hits.length = 0;
    script = [problem(400, 'validation_failed')];
    expect(await send(match).catch((e: unknown) => e)).toMatchObject({
      status: 400,
      code: 'validation_failed',
    });
    expect(hits).toHaveLength(1);

    hits.length = 0;
    script = [problem(503, 'not_ready')];
    const once = createSend({ gateway: url, simpleRequests: true, retryLimit: 0, auth: tokens().auth });
    expect(await once(match).catch((e: unknown) => e)).toMatchObject({ status: 503 });
    expect(hits).toHaveLength(1);
  });

  it('hands a 429 that asks for a long wait back at once, with its wait', async () => {
    script = [problem(429, 'rate_limited', { 'retry-after': '60' })];
    const error = await createSend({ gateway: url, simpleRequests: true, auth: tokens().auth })(match).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FinletRateLimitError);
    expect((error as FinletRateLimitError).retryAfter).toBe(60);
    expect(hits).toHaveLength(1);
  });

  it('ends a request the gateway does not answer in time with a timeout error', async () => {
    script = [(res) => setTimeout(() => json(200, {})(res), 1_000)];
    const error = await createSend({
      gateway: url,
      simpleRequests: true,
      timeout: 100,
      auth: tokens().auth,
    })(match).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FinletTimeoutError);
    expect(hits).toHaveLength(1);
  });

  it('leaves a call whose token cannot be had to the ky path, which asks again and fails alike', async () => {
    let asked = 0;
    const auth: HttpAuth = {
      token: () => {
        asked += 1;
        return Promise.reject(new Error('the page’s session endpoint answered 500'));
      },
      refresh: () => undefined,
    };
    const send = createSend({ gateway: url, simpleRequests: true, auth });
    const fast = await send(match).catch((e: unknown) => e);
    const viaKy = await send(match, new AbortController().signal).catch((e: unknown) => e);
    expect(fast).toBeInstanceOf(FinletNetworkError);
    expect(viaKy).toBeInstanceOf(FinletNetworkError);
    expect((fast as Error).message).toBe((viaKy as Error).message);
    expect(hits).toHaveLength(0);
    // ky's three attempts each asked; the fast path's one ask came first.
    expect(asked).toBe(3 + 1 + 3);
  });

  it('leaves a request with a signal, or without simple requests, to ky', async () => {
    const create = vi.spyOn(ky, 'create');
    script = [json(200, {}), json(200, {})];
    await createSend({ gateway: url, simpleRequests: true, auth: tokens().auth })(
      match,
      new AbortController().signal,
    );
    await createSend({ gateway: url, auth: tokens().auth })(match);
    expect(create).toHaveBeenCalledTimes(2);
    expect(hits.map((h) => h.auth)).toEqual([undefined, 'Bearer t1']);
  });
});
