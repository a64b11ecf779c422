// The flood's load generator, forked by `startFlooder` (support.js) so that its work never delays
// the measured client's clock. A closed loop: `--connections` requests at most in flight, each
// sent as soon as the last answer came (capped at `--rate` per second when given), so the flood
// saturates what the gateway answers without queueing unbounded work in front of anyone else.
// Told `{ on: true }` it floods; told `{ on: false }` it stops, waits for the requests in flight
// and answers with what the span got back: `{ requests, ok, limited, errors, seconds }`.
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    body: { type: 'string', default: '{}' },
    connections: { type: 'string', default: '4' },
    rate: { type: 'string', default: '0' },
  },
  strict: true,
});

const url = new URL(String(args.url));
const connections = Number(args.connections);
const rate = Number(args.rate);
const body = Buffer.from(String(args.body));
const agent = new Agent({ keepAlive: true, maxSockets: connections });
const headers = {
  'content-type': 'application/json',
  'content-length': String(body.length),
  authorization: `Bearer ${args.token}`,
};

let active = false;
let started = 0;
let nextSlot = 0;
let counts = fresh();
/** Loops waiting to be told to flood, and who waits for all of them to be parked. */
const parked = [];
const drained = [];

function fresh() {
  return { requests: 0, ok: 0, limited: 0, errors: 0 };
}

/** One request; resolves with its status (0 for a network error) once its answer was read. */
function post() {
  return new Promise((resolve) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', () => resolve(0));
      },
    );
    req.setTimeout(30_000, () => req.destroy());
    req.once('error', () => resolve(0));
    req.end(body);
  });
}

async function loop() {
  for (;;) {
    if (!active) {
      const wake = new Promise((resolve) => parked.push(resolve));
      if (parked.length === connections) for (const done of drained.splice(0)) done();
      await wake;
      continue;
    }
    if (rate > 0) {
      // Paced: each request takes the next free slot of 1/rate s.
      const now = performance.now();
      const slot = Math.max(now, nextSlot);
      nextSlot = slot + 1000 / rate;
      if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
      if (!active) continue;
    }
    const span = counts;
    const status = await post();
    span.requests++;
    if (status >= 200 && status < 300) span.ok++;
    else if (status === 429) span.limited++;
    else span.errors++;
  }
}

process.on('message', async (message) => {
  if (message.on) {
    counts = fresh();
    started = performance.now();
    nextSlot = started;
    active = true;
    for (const wake of parked.splice(0)) wake();
    return;
  }
  active = false;
  // Every loop parks once its request in flight is answered: then the span's counts are complete.
  await new Promise((resolve) => {
    if (parked.length === connections) resolve();
    else drained.push(resolve);
  });
  process.send({ ...counts, seconds: (performance.now() - started) / 1000 });
});

for (let i = 0; i < connections; i++) void loop();
process.send({ ready: true });
