// The flood's load generator, forked by `startFlooder` (support.js) so that its work never delays
// the measured client's clock. Two modes:
// - open loop (`--rate` > 0): one request every 1/rate s on a fixed schedule, whatever the answers
//   take (a slow or held answer never delays the next request; more connections open as needed),
//   so the flood is exactly the rate asked for: "5× its limit" means 5× its limit. `--connections`
//   only caps the requests in flight (a safety net): a request due while the cap is reached is
//   counted as `skipped`, not sent late.
// - closed loop (`--rate` 0): `--connections` requests in flight, each sent as soon as the last
//   answer came: saturating, far above any limit.
// Told `{ on: true }` it floods; told `{ on: false }` it stops, waits for the requests in flight
// and answers with what the span got back: `{ requests, ok, limited, errors, skipped, seconds }`.
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
// Open loop: sockets as needed (kept alive and reused); closed loop: one per connection.
const agent = new Agent({ keepAlive: true, ...(rate > 0 ? {} : { maxSockets: connections }) });
const headers = {
  'content-type': 'application/json',
  'content-length': String(body.length),
  authorization: `Bearer ${args.token}`,
};

let active = false;
let started = 0;
let counts = fresh();
let inFlight = 0;
/** Who waits for the requests in flight to be answered (`off`). */
const drained = [];

function fresh() {
  return { requests: 0, ok: 0, limited: 0, errors: 0, skipped: 0 };
}

/** One request; resolves with its status (0 for a network error) once its answer was read. */
function post() {
  inFlight++;
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
  }).then((status) => {
    inFlight--;
    if (inFlight === 0) for (const done of drained.splice(0)) done();
    return status;
  });
}

function record(span, status) {
  span.requests++;
  if (status >= 200 && status < 300) span.ok++;
  else if (status === 429) span.limited++;
  else span.errors++;
}

// Open loop: the schedule, not the timer, says how many requests are due (a late timer catches up).
let timer;
let sent = 0;
function tick() {
  if (!active) return;
  const interval = 1000 / rate;
  const due = Math.floor((performance.now() - started) / interval) + 1;
  const span = counts;
  while (sent < due) {
    sent++;
    if (inFlight >= connections) {
      span.skipped++;
      continue;
    }
    void post().then((status) => record(span, status));
  }
  timer = setTimeout(tick, Math.max(0, started + sent * interval - performance.now()));
}

// Closed loop: each of `connections` loops sends its next request once its last was answered.
const parked = [];
async function loop() {
  for (;;) {
    if (!active) {
      await new Promise((resolve) => parked.push(resolve));
      continue;
    }
    const span = counts;
    record(span, await post());
  }
}

process.on('message', async (message) => {
  if (message.on) {
    counts = fresh();
    started = performance.now();
    sent = 0;
    active = true;
    if (rate > 0) tick();
    else for (const wake of parked.splice(0)) wake();
    return;
  }
  active = false;
  clearTimeout(timer);
  const seconds = (performance.now() - started) / 1000;
  // Every request of the span answered: then its counts are complete.
  if (inFlight > 0) await new Promise((resolve) => drained.push(resolve));
  process.send({ ...counts, seconds });
});

if (rate === 0) for (let i = 0; i < connections; i++) void loop();
process.send({ ready: true });
