import { join } from 'node:path';
import { RouteQuote } from '@finlet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoPartners } from '../dev/demo.js';
import { run, tempDir } from '../test/run.js';

interface Ready {
  url: string;
  partners: { handle: string; id: string; secretKey: string }[];
}

describe('finlet dev serves demo rails and fresh FX rates', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir();
  });
  afterAll(() => tmp.remove());

  it('quotes CNY→VND for a business and USD→EUR for a consumer from a fresh start', async () => {
    const stop = new AbortController();
    let resolveReady: (ready: Ready) => void = () => {};
    const ready = new Promise<Ready>((resolve) => {
      resolveReady = resolve;
    });
    const finished = run(
      [
        'dev',
        '--port',
        '0',
        '--data-dir',
        join(tmp.dir, 'dev'),
        '--json',
        '--log-level',
        'silent',
        '--demo-ports',
        'off',
      ],
      {
        signal: stop.signal,
        onStdout: (all) => {
          const line = all.split('\n').find((l) => l.startsWith('{'));
          if (line) resolveReady(JSON.parse(line) as Ready);
        },
      },
    );
    try {
      const dev = await Promise.race([ready, finished.then((r) => Promise.reject(new Error(r.stderr)))]);
      const demo = (await loadDemoPartners())[0]!;
      const partner = dev.partners.find((p) => p.handle === demo.handle)!;
      const session = await fetch(`${dev.url}/v1/embed-sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${partner.secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(demo.sampleSession),
      });
      const { token } = (await session.json()) as { token: string };
      const quote = async (body: unknown) => {
        const r = await fetch(`${dev.url}/v1/routes/quote`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const text = await r.text();
        expect(r.status, text).toBe(201);
        return RouteQuote.parse(JSON.parse(text));
      };
      const b2b = await quote({
        amount: { value: 20_000_000, currency: 'CNY' },
        fromCountry: 'CN',
        toCountry: 'VN',
        fromCurrency: 'CNY',
        toCurrency: 'VND',
        payerType: 'business',
        payeeType: 'business',
        purpose: 'goods',
      });
      expect(b2b.options.length).toBeGreaterThanOrEqual(2);
      const consumer = await quote({
        amount: { value: 100_000, currency: 'USD' },
        fromCountry: 'US',
        toCountry: 'DE',
        fromCurrency: 'USD',
        toCurrency: 'EUR',
        purpose: 'family_support',
      });
      expect(consumer.options.length).toBeGreaterThanOrEqual(2);
      expect(Date.parse(consumer.fx.asOf)).toBeGreaterThan(Date.now() - 600_000);
    } finally {
      stop.abort();
      await finished;
    }
  });
});
