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
