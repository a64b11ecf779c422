import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { header } from './headers.js';

describe('header', () => {
  const app = new Hono().get('/', (c) =>
    c.text(`${header(c, 'x-a') ?? '-'}|${header(c, 'x-missing') ?? '-'}`),
  );

  it('reads from the Node request when there is one, and from the Fetch request otherwise', async () => {
    expect(await (await app.request('/', { headers: { 'X-A': 'one' } })).text()).toBe('one|-');
    const incoming = { headers: { 'x-a': ['two', 'three'] } };
    expect(await (await app.request('/', {}, { incoming })).text()).toBe('two, three|-');
  });
});
