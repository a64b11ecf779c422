import { clockResult } from './check-clock.js';
import { checkGateway } from './check-gateway.js';
import { checkPage } from './check-page.js';
import { checkSecretKey } from './check-secret-key.js';
import { checkWebhook } from './check-webhook.js';
import type { CheckResult } from './result.js';

export { SKEW_FAIL_MS, SKEW_WARN_MS } from './check-clock.js';
export { DOCTOR_EVENT_TYPE } from './check-webhook.js';
export type { CheckResult, CheckStatus } from './result.js';

export interface DoctorInput {
  gateway: string;
  secretKey?: string;
  /** Origins the partner's pages run on; the page's own origin is added when `page` is set. */
  origins: string[];
  page?: string;
  webhook?: string;
  webhookSecret?: string;
  /** The local clock; tests pass a skewed one. */
  now?: () => number;
  timeoutMs?: number;
}

/**
 * Runs every check the input allows, in order, and never throws for what it finds: each finding
 * is a CheckResult. The secret key is sent only to the gateway and never appears in a result.
 */
export async function runDoctor(input: DoctorInput): Promise<CheckResult[]> {
  const now = input.now ?? Date.now;
  const timeoutMs = input.timeoutMs ?? 10_000;
  const results: CheckResult[] = [];
  const gatewayUrl = new URL(input.gateway);

  // 1. Gateway reachable, its version, and ready.
  const gateway = await checkGateway(input.gateway, timeoutMs, now);
  results.push(...gateway.results);
  const dateSkew = gateway.dateSkew;
  const reachable = results[0]?.status === 'pass';

  // 2. Partner key: valid, scenarios, origins; the token's iat gives the gateway's own clock.
  const pageOrigin = input.page ? new URL(input.page).origin : undefined;
  const origins = [...new Set([...input.origins, ...(pageOrigin ? [pageOrigin] : [])])];
  let iatSkew: number | undefined;
  if (!input.secretKey) {
    results.push({
      id: 'secret-key',
      status: 'skip',
      message: 'no partner secret key: key, scenarios and origins not checked',
      fix: 'set FINLET_SECRET_KEY (or --secret-key) to your partner secret key (fsk_…)',
    });
  } else if (!input.secretKey.startsWith('fsk_')) {
    results.push({
      id: 'secret-key',
      status: 'fail',
      message: 'the secret key is not a partner secret key (they start with fsk_)',
      fix: 'use the secret key printed once by `finlet partners create` (an admin key fak_… is not a partner key)',
    });
  } else if (reachable) {
    const key = await checkSecretKey(input.gateway, input.secretKey, origins, timeoutMs, now);
    results.push(...key.results);
    iatSkew = key.skew;
  } else {
    results.push({
      id: 'secret-key',
      status: 'skip',
      message: 'the key was not checked: the gateway does not answer',
    });
  }

  // 3. Clock skew: the session's iat when a key was given (the clock that signs sessions), else
  //    the Date header (one-second resolution).
  const skew = iatSkew ?? dateSkew;
  if (skew !== undefined)
    results.push(clockResult(skew, iatSkew !== undefined ? 'session iat' : 'Date header'));

  // 4. The page's CSP.
  if (input.page) results.push(...(await checkPage(input.page, gatewayUrl, timeoutMs, now)));
  else
    results.push({
      id: 'csp',
      status: 'skip',
      message: 'no page: its Content-Security-Policy not checked',
      fix: 'pass --page https://your.site/page-with-widgets',
    });

  // 5. The webhook endpoint.
  if (input.webhook)
    results.push(...(await checkWebhook(input.webhook, input.webhookSecret, timeoutMs, now)));
  else
    results.push({
      id: 'webhook',
      status: 'skip',
      message: 'no webhook endpoint: delivery and signature checks not run',
      fix: 'pass --webhook https://your.server/finlet/webhooks --webhook-secret whsec_…',
    });
  return results;
}
