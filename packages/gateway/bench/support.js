// Shared by the benchmarks: the flood's and the steady load's generators and the statistics they report.
import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';

/**
 * The flood's load generator (`flooder.js`), in its own process so that its work never delays the
 * measured client's clock. With `rate` > 0 an open loop: one request every 1/`rate` s on a fixed
 * schedule whatever the answers take, `connections` only capping the requests in flight (a request
 * due over the cap is counted `skipped`); with `rate` 0 a closed loop of `connections` requests in
 * flight, each sent as soon as the last answer came (saturating).
 * `on()` starts it; `off()` stops it and resolves, once the requests in flight are answered, with
 * `{ requests, ok, limited, errors, skipped, seconds }` of the span; `run(duration)` is both.
 */
export function startFlooder(url, token, { connections = 4, rate = 0, body = '{}' } = {}) {
  const child = fork(
    fileURLToPath(new URL('./flooder.js', import.meta.url)),
    [`--url=${url}`, `--token=${token}`, `--connections=${connections}`, `--rate=${rate}`, `--body=${body}`],
    { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
  );
  const off = () =>
    new Promise((done) => {
      child.once('message', done);
      child.send({ on: false });
    });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', () =>
      resolve({
        on: () => child.send({ on: true }),
        off,
        run: async (duration) => {
          child.send({ on: true });
          await new Promise((wait) => setTimeout(wait, duration * 1000));
          return off();
        },
        stop: () => child.kill('SIGTERM'),
      }),
    );
  });
}

/**
 * Forks `script` with `argv` as a measured server and resolves on its first message (its own
 * description: url, tokens…) with that message plus `cpu()`, the child's cumulative CPU time
 * (`process.cpuUsage()`, µs: the child answers the `'cpu'` message with `{ cpu }`), and `stop()`
 * (SIGTERM, resolved on exit). `name` words the error when it exits before it is ready.
 */
export function forkServer(script, argv, { name = 'server', execArgv = [], cwd } = {}) {
  const child = fork(script, argv, {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    execArgv,
    ...(cwd ? { cwd } : {}),
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
    child.once('message', (message) => {
      child.removeAllListeners('exit');
      resolve({
        ...message,
        cpu: () =>
          new Promise((done) => {
            child.once('message', (answer) => done(answer.cpu));
            child.send('cpu');
          }),
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/**
 * An open-loop steady load: one request every 1/`rate` s whatever the answers take (a slow answer
 * never delays the next request, so queueing shows in the latencies). `onAnswer` gets each one's
 * send time and latency (performance.now() milliseconds) and status (0: network error).
 */
export function startSteady(url, token, body, rate, onAnswer) {
  const agent = new Agent({ keepAlive: true });
  const target = new URL(url);
  const payload = Buffer.from(body);
  const headers = {
    'content-type': 'application/json',
    'content-length': String(payload.length),
    authorization: `Bearer ${token}`,
  };
  let inFlight = 0;
  let settled;
  const send = () => {
    const sentAt = performance.now();
    inFlight++;
    let answered = false;
    // `error` names what stood for an answer that never came (status 0): a network error's code,
    // or `timeout`, so that a run's lost requests can be told apart.
    const answer = (status, error) => {
      if (answered) return;
      answered = true;
      inFlight--;
      onAnswer({ sentAt, ms: performance.now() - sentAt, status, ...(error ? { error } : {}) });
      if (inFlight === 0) settled?.();
    };
    const req = request(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers },
      (res) => {
        res.resume();
        res.once('end', () => answer(res.statusCode ?? 0));
        res.once('error', (error) => answer(0, `response ${error.code ?? error.message}`));
      },
    );
    req.setTimeout(30_000, () => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
    // Whether the socket had carried a request before: a kept-alive socket the server closed as it
    // was reused fails with ECONNRESET on its next request, which no server change can answer.
    req.once('error', (error) =>
      answer(0, `${error.code ?? error.message}${req.reusedSocket ? ' (reused socket)' : ''}`),
    );
    req.end(payload);
  };
  const interval = 1000 / rate;
  const started = performance.now();
  let sent = 0;
  let timer;
  const tick = () => {
    // Catches up on a late timer: the schedule, not the timer, says how many were due.
    const due = Math.floor((performance.now() - started) / interval) + 1;
    while (sent < due) {
      sent++;
      send();
    }
    timer = setTimeout(tick, Math.max(0, started + sent * interval - performance.now()));
  };
  tick();
  return {
    /** Stops sending; resolves once every request sent was answered. */
    stop: async () => {
      clearTimeout(timer);
      if (inFlight > 0) await new Promise((resolve) => (settled = resolve));
      agent.destroy();
    },
  };
}

export function round(n) {
  return Math.round(n * 100) / 100;
}

export function percentile(values, q) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  return round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
}

export function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : round((sorted[mid - 1] + sorted[mid]) / 2);
}

/**
 * A whole-number option of `args` that must be at least 1: otherwise one readable line and exit 2.
 * `bench` names the script in the message.
 */
export function positiveOption(args, name, bench) {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`${bench}: --${name} must be a positive whole number, got "${args[name]}"\n`);
    process.exit(2);
  }
  return value;
}

/** What the seeded applications are drawn from (the inbox and workspace benches seed alike). */
export const SCENARIOS = ['tourism', 'government', 'consumption', 'supply-chain'];
export const STATUSES = ['submitted', 'under_review', 'more_info_needed', 'approved', 'declined'];
export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
export const DAY = 86_400_000;

/** A deterministic pseudo-random sequence, so every run (and both dialects) hold the same rows. */
export function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}
