import { Health } from '@finlet/contracts';
import { skewFromDate } from './check-clock.js';
import { problemText, request, tryJson } from './request.js';
import type { CheckResult } from './result.js';

/** The gateway: reachable, its version, ready; its Date header gives a first reading of the clock skew. */
export async function checkGateway(
  gateway: string,
  timeoutMs: number,
  now: () => number,
): Promise<{ results: CheckResult[]; dateSkew?: number }> {
  const results: CheckResult[] = [];
  let dateSkew: number | undefined;
  const health = await request(`${gateway}/healthz`, { timeoutMs, now });
  if ('error' in health) {
    results.push({
      id: 'gateway',
      status: 'fail',
      message: `cannot reach the gateway at ${gateway} (${health.error})`,
      fix: 'check the URL (--gateway or FINLET_GATEWAY), that the gateway runs, and that this machine may reach it',
    });
  } else {
    const parsed = Health.safeParse(tryJson(health.body));
    if (health.response.status !== 200 || !parsed.success) {
      results.push({
        id: 'gateway',
        status: 'fail',
        message: `${gateway}/healthz answered ${health.response.status} without a Finlet health report`,
        fix: 'point --gateway at the Finlet gateway itself (the URL that serves /finlet.js), not a page or a proxy in front of another service',
      });
    } else {
      results.push({
        id: 'gateway',
        status: 'pass',
        message: `${gateway} answers, version ${parsed.data.version}`,
      });
      dateSkew = skewFromDate(health.response.headers.get('date'), health.sentAt, health.receivedAt);
      const ready = await request(`${gateway}/readyz`, { timeoutMs, now });
      if ('error' in ready || ready.response.status !== 200) {
        const problem = 'error' in ready ? ready.error : problemText(tryJson(ready.body));
        results.push({
          id: 'ready',
          status: 'fail',
          message: `the gateway is not ready: ${problem}`,
          fix: 'the gateway cannot use its database: check the database is up, then run `finlet migrate` if migrations are pending',
        });
      } else {
        const checks = Health.safeParse(tryJson(ready.body));
        const detail =
          checks.success && checks.data.checks
            ? ` (${Object.entries(checks.data.checks)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')})`
            : '';
        results.push({ id: 'ready', status: 'pass', message: `the gateway is ready${detail}` });
      }
    }
  }
  return dateSkew === undefined ? { results } : { results, dateSkew };
}
