// Benchmark: the gateway's hand-written body reader (`bodyText`, straight from Node's IncomingMessage)
// against Hono's own way (`bodyLimit` middleware, then `c.req.json()`), on one Hono server over a
// real socket. Each handler parses the JSON body and answers a tiny JSON, so the difference is the
// reading. Two body sizes: the offers/match body (61 bytes) and an 8 KiB one. The runs alternate
// (hand-written, Hono, hand-written, Hono, …) so that a busy machine weighs on both alike.
//   node packages/gateway/bench/body-reader.bench.js [--duration 5] [--connections 50] [--rounds 2] [--json]
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median, positiveOption } from './support.js';

const LIMIT = 64 * 1024;
const SMALL = JSON.stringify({ amount: { value: 50_000_000, currency: 'CNY' }, termMonths: 6 });
const LARGE = JSON.stringify({ rows: Array.from({ length: 330 }, (_, i) => ({ id: `row-${i}`, v: i })) });

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '2' },
    json: { type: 'boolean', default: false },
    role: { type: 'string' },
  },
  strict: true,
});

if (args.role === 'server') await serve();
else await run();

async function run() {
  const { default: autocannon } = await import('autocannon');
  const duration = positiveOption(args, 'duration', 'body-reader.bench');
  const connections = positiveOption(args, 'connections', 'body-reader.bench');
  const rounds = positiveOption(args, 'rounds', 'body-reader.bench');
  const child = fork(fileURLToPath(import.meta.url), ['--role=server'], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const { url } = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', resolve);
  });
  const measure = async (path, body, seconds) => {
    const result = await autocannon({
      url: `${url}${path}`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      connections,
      duration: seconds,
    });
    if (result.non2xx + result.errors + result.timeouts > 0) throw new Error(`${path}: failures`);
    return result.requests.average;
  };
  const results = {};
  try {
    for (const [size, body] of [
      ['small', SMALL],
      ['8 KiB', LARGE],
    ]) {
      await measure('/hand', body, 1);
      await measure('/hono', body, 1);
      const hand = [];
      const hono = [];
      for (let i = 0; i < rounds; i++) {
        hand.push(await measure('/hand', body, duration));
        hono.push(await measure('/hono', body, duration));
      }
      const handRps = Math.round(median(hand));
      const honoRps = Math.round(median(hono));
      results[size] = {
        bodyBytes: Buffer.byteLength(body),
        handWritten: handRps,
        hono: honoRps,
        ratio: Math.round((handRps / honoRps) * 100) / 100,
      };
    }
  } finally {
    child.kill('SIGTERM');
  }
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ connections, duration, rounds, results }, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    [
      `POST a JSON body, ${connections} connections, median of ${rounds} alternating runs of ${duration} s`,
      'body        hand-written req/s   Hono req/s   hand/Hono',
      ...Object.entries(results).map(
        ([size, r]) =>
          `${`${size} (${r.bodyBytes} B)`.padEnd(18)} ${String(r.handWritten).padStart(13)} ${String(r.hono).padStart(12)} ${r.ratio.toFixed(2).padStart(11)}`,
      ),
      '',
    ].join('\n'),
  );
}

async function serve() {
  const [{ Hono }, { serve }, { bodyLimit }, { bodyText }] = await Promise.all([
    import('hono'),
    import('@hono/node-server'),
    import('hono/body-limit'),
    import('../dist/http/body.js'),
  ]);
  const app = new Hono();
  app.post(
    '/hand',
    async (c, next) => {
      c.set('bodyLimit', LIMIT);
      await next();
    },
    async (c) => {
      JSON.parse(await bodyText(c));
      return c.json({ ok: true });
    },
  );
  app.post('/hono', bodyLimit({ maxSize: LIMIT }), async (c) => {
    await c.req.json();
    return c.json({ ok: true });
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    process.send({ url: `http://127.0.0.1:${info.port}` });
  });
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}
