// Shared by the benchmarks: the flood's load generator and the statistics they report.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The flood's load generator (`rate-limits.bench.js --role=flood`), in its own process so that its
 * work never delays the measured client's clock.
 */
export function startFlooder(url, token, rate) {
  const child = fork(
    fileURLToPath(new URL('./rate-limits.bench.js', import.meta.url)),
    ['--role=flood', `--url=${url}`, `--token=${token}`, `--rate=${rate}`],
    { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
  );
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', () =>
      resolve({
        run: (duration) =>
          new Promise((done) => {
            child.once('message', done);
            child.send({ duration });
          }),
        stop: () => child.kill('SIGTERM'),
      }),
    );
  });
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
