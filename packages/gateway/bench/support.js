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
