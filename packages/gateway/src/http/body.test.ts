import fc from 'fast-check';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mayHoldUnstorable, readJson } from './body.js';
import type { GatewayEnv } from './context.js';
import { HttpProblem } from './problem.js';
import { simpleRequest } from './simple-request.js';

const holdsUnstorable = (text: string) => /[\0\p{Cs}]/u.test(text);

describe('mayHoldUnstorable', () => {
  it('is true for the JSON of every value with a NUL or a lone surrogate, in a value or a key', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (key, value) => {
        const text = JSON.stringify({ [key]: [value] });
        if (holdsUnstorable(key) || holdsUnstorable(value)) expect(mayHoldUnstorable(text)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('is true for such characters present as they are, and false for plain text, CJK included', () => {
    expect(mayHoldUnstorable('{"a":"x\0"}')).toBe(true);
    expect(mayHoldUnstorable('{"a":"\uD800"}')).toBe(true);
    expect(mayHoldUnstorable('{"a":"\\u0000"}')).toBe(true);
    expect(mayHoldUnstorable(JSON.stringify({ note: '分期付款，随借随还', amount: 5 }))).toBe(false);
  });
});

describe('readJson', () => {
  const app = new Hono<GatewayEnv>();
  app.use(async (c, next) => {
    c.set('bodyLimit', 4096);
    await next();
  });
  app.post('/echo', simpleRequest(), async (c) =>
    c.json(await readJson(c, z.object({ note: z.string() }).strict())),
  );
  app.onError((error, c) =>
    error instanceof HttpProblem
      ? c.json(error.toProblem('req_test', c.req.path), error.status as 400)
      : c.json({ error: String(error) }, 500),
  );
  const post = (type: string, body: string) =>
    app.request('/echo', { method: 'POST', headers: { 'content-type': type }, body });

  it('refuses an escaped NUL or lone surrogate, in JSON and in a simple request envelope alike', async () => {
    for (const note of ['x\u0000', '\uD800']) {
      const json = await post('application/json', JSON.stringify({ note }));
      expect(json.status).toBe(400);
      expect((await json.json()).errors[0]).toMatchObject({ path: 'note', code: 'invalid_text' });
      const simple = await post('text/plain', JSON.stringify({ token: 't', body: { note } }));
      expect(simple.status).toBe(400);
      expect((await simple.json()).errors[0]).toMatchObject({ path: 'note', code: 'invalid_text' });
    }
  });

  it('passes text without them, a paired surrogate (an emoji) included', async () => {
    for (const type of ['application/json', 'text/plain']) {
      const note = '好的 👍';
      const body = type === 'text/plain' ? { token: 't', body: { note } } : { note };
      const answer = await post(type, JSON.stringify(body));
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ note });
    }
  });
});

describe('readJson for a read that changes nothing (memo)', () => {
  let parses = 0;
  const counted = z
    .object({ note: z.string(), tags: z.array(z.string()).optional() })
    .strict()
    .transform((value) => {
      parses++;
      return value;
    });
  const seen: unknown[] = [];
  const app = new Hono<GatewayEnv>();
  app.use(async (c, next) => {
    c.set('bodyLimit', 4096);
    await next();
  });
  app.post('/read', simpleRequest(), async (c) => {
    const body = await readJson(c, counted, true);
    seen.push(body);
    return c.json(body);
  });
  app.post('/mutate', async (c) => {
    const body = (await readJson(c, counted, true)) as { note: string; tags?: string[] };
    try {
      body.tags?.push('added');
      body.note = 'changed';
    } catch (error) {
      return c.json({ refused: error instanceof TypeError });
    }
    return c.json({ refused: false });
  });
  app.onError((error, c) =>
    error instanceof HttpProblem
      ? c.json(error.toProblem('req_test', c.req.path), error.status as 400)
      : c.json({ error: String(error) }, 500),
  );
  const post = (path: string, type: string, body: string) =>
    app.request(path, { method: 'POST', headers: { 'content-type': type }, body });

  it('validates the same text once, and another text again', async () => {
    const before = parses;
    const text = JSON.stringify({ note: 'same question', tags: ['a'] });
    for (let i = 0; i < 3; i++) expect((await post('/read', 'application/json', text)).status).toBe(200);
    expect(parses - before).toBe(1);
    expect(seen.at(-1)).toBe(seen.at(-2));
    // The same value in other text (spacing) is another key: validated again, answered the same.
    const spaced = await post(
      '/read',
      'application/json',
      JSON.stringify({ note: 'same question', tags: ['a'] }, null, 1),
    );
    expect(await spaced.json()).toEqual({ note: 'same question', tags: ['a'] });
    expect(parses - before).toBe(2);
    // A simple request's envelope is its own text.
    const envelope = JSON.stringify({ token: 't', body: { note: 'same question' } });
    await post('/read', 'text/plain', envelope);
    await post('/read', 'text/plain', envelope);
    expect(parses - before).toBe(3);
  });

  it('never keeps what failed: an invalid body is refused every time', async () => {
    const text = JSON.stringify({ note: 5 });
    for (let i = 0; i < 2; i++) {
      const answer = await post('/read', 'application/json', text);
      expect(answer.status).toBe(400);
      expect((await answer.json()).code).toBe('invalid_request');
    }
  });

  it('hands out a frozen value, so a handler cannot change what the next request gets', async () => {
    const text = JSON.stringify({ note: 'kept', tags: ['x'] });
    expect(await (await post('/mutate', 'application/json', text)).json()).toEqual({ refused: true });
    expect(await (await post('/mutate', 'application/json', text)).json()).toEqual({ refused: true });
    expect(await (await post('/read', 'application/json', text)).json()).toEqual({
      note: 'kept',
      tags: ['x'],
    });
  });
});
