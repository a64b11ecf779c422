import type { CheckResult } from './result.js';

/** Clock skew (gateway minus local) from which a warning, then a failure, is reported. */
export const SKEW_WARN_MS = 5_000;
export const SKEW_FAIL_MS = 60_000;

export function clockResult(skewMs: number, source: string): CheckResult {
  const seconds = Math.abs(skewMs) / 1000;
  const side = skewMs > 0 ? 'behind' : 'ahead of';
  const amount = `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const base = `local clock ${amount} ${side} the gateway (from the ${source})`;
  if (Math.abs(skewMs) <= SKEW_WARN_MS) return { id: 'clock', status: 'pass', message: base };
  const fix =
    'synchronise this machine with NTP (e.g. `timedatectl set-ntp true`); session expiry and webhook timestamps (5-minute tolerance) depend on it';
  return {
    id: 'clock',
    status: Math.abs(skewMs) > SKEW_FAIL_MS ? 'fail' : 'warn',
    message: base,
    fix,
  };
}

/** Date has one-second resolution: take the middle of its second against the middle of the call. */
export function skewFromDate(date: string | null, sentAt: number, receivedAt: number): number | undefined {
  const at = date ? Date.parse(date) : Number.NaN;
  return Number.isNaN(at) ? undefined : at + 500 - (sentAt + receivedAt) / 2;
}
