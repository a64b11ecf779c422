import { randomBytes, randomUUID } from 'node:crypto';
import { isFinletApiError, isFinletError } from '@finlet/client';
import { Health, Scenario } from '@finlet/contracts';
import { createEmbedSession, signWebhook } from '@finlet/node';
import { checkPolicy, metaPolicies, type Policy, parsePolicies, parsePolicy } from './csp.js';

/** `warn` does not fail the run; `skip` says what input would run the check. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface CheckResult {
  /** Stable, for `--json` readers: `gateway`, `ready`, `secret-key`, `origin`, `clock`, `csp-script`, … */
  id: string;
  status: CheckStatus;
  /** What was found, in plain words. */
  message: string;
  /** What to do about it, when it is not a pass. */
  fix?: string;
}

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

/** Clock skew (gateway minus local) from which a warning, then a failure, is reported. */
export const SKEW_WARN_MS = 5_000;
export const SKEW_FAIL_MS = 60_000;

/** The event type of the test event `--webhook` sends; a receiver should answer 2xx to types it ignores. */
export const DOCTOR_EVENT_TYPE = 'doctor.ping';

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
  let dateSkew: number | undefined;
  const health = await request(`${input.gateway}/healthz`, { timeoutMs, now });
  if ('error' in health) {
    results.push({
      id: 'gateway',
      status: 'fail',
      message: `cannot reach the gateway at ${input.gateway} (${health.error})`,
      fix: 'check the URL (--gateway or FINLET_GATEWAY), that the gateway runs, and that this machine may reach it',
    });
  } else {
    const parsed = Health.safeParse(tryJson(health.body));
    if (health.response.status !== 200 || !parsed.success) {
      results.push({
        id: 'gateway',
        status: 'fail',
        message: `${input.gateway}/healthz answered ${health.response.status} without a Finlet health report`,
        fix: 'point --gateway at the Finlet gateway itself (the URL that serves /finlet.js), not a page or a proxy in front of another service',
      });
    } else {
      results.push({
        id: 'gateway',
        status: 'pass',
        message: `${input.gateway} answers, version ${parsed.data.version}`,
      });
      dateSkew = skewFromDate(health.response.headers.get('date'), health.sentAt, health.receivedAt);
      const ready = await request(`${input.gateway}/readyz`, { timeoutMs, now });
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

async function checkSecretKey(
  gateway: string,
  secretKey: string,
  origins: readonly string[],
  timeoutMs: number,
  now: () => number,
): Promise<{ results: CheckResult[]; skew?: number }> {
  const mint = (scenario: Scenario, origin?: string) =>
    createEmbedSession(
      { gateway, secretKey, timeout: timeoutMs },
      {
        userId: 'finlet-doctor',
        scenario,
        ttlSeconds: 60,
        ...(origin === undefined ? {} : { origin }),
      },
    );
  const enabled: Scenario[] = [];
  let token: string | undefined;
  let sent = 0;
  let received = 0;
  for (const scenario of Scenario.options) {
    try {
      sent = now();
      const session = await mint(scenario);
      received = now();
      token ??= session.token;
      enabled.push(scenario);
    } catch (error) {
      if (fieldError(error) === 'scenario') continue;
      if (isFinletApiError(error) && (error.status === 401 || error.code === 'invalid_api_key')) {
        return {
          results: [
            {
              id: 'secret-key',
              status: 'fail',
              message: 'the gateway does not know this secret key',
              fix: 'copy the key again from where you stored it (it is shown once); the bank can create a new partner key',
            },
          ],
        };
      }
      return {
        results: [
          {
            id: 'secret-key',
            status: 'fail',
            message: `minting a session failed: ${errorText(error)}`,
            fix: 'see the problem code in docs/troubleshooting.md',
          },
        ],
      };
    }
  }
  if (!token) {
    return {
      results: [
        {
          id: 'secret-key',
          status: 'fail',
          message: 'the key is valid but the partner is enabled for no scenario',
          fix: 'ask the bank to enable the scenarios your pages use',
        },
      ],
    };
  }
  const claims = decodeClaims(token);
  const results: CheckResult[] = [
    {
      id: 'secret-key',
      status: 'pass',
      message: `secret key valid: partner ${claims.aud ?? '?'}, sessions issued by ${claims.iss ?? '?'}, scenarios ${enabled.join(', ')}`,
    },
  ];
  if (origins.length === 0) {
    results.push({
      id: 'origin',
      status: 'skip',
      message: 'no origin given: whether your pages may call the gateway not checked',
      fix: 'pass --page URL or --origin https://your.site',
    });
  }
  for (const origin of origins) {
    try {
      await mint(enabled[0]!, origin);
      results.push({ id: 'origin', status: 'pass', message: `origin ${origin} is allowed for this partner` });
    } catch (error) {
      results.push(
        fieldError(error) === 'origin'
          ? {
              id: 'origin',
              status: 'fail',
              message: `origin ${origin} is not one of the partner's allowed origins: widgets on it are refused (origin_not_allowed)`,
              fix: `ask the bank to add ${origin} to your partner's origins (exact scheme, host and port)`,
            }
          : { id: 'origin', status: 'fail', message: `checking ${origin} failed: ${errorText(error)}` },
      );
    }
  }
  const skew = typeof claims.iat === 'number' ? claims.iat * 1000 + 500 - (sent + received) / 2 : undefined;
  return skew === undefined ? { results } : { results, skew };
}

function clockResult(skewMs: number, source: string): CheckResult {
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
function skewFromDate(date: string | null, sentAt: number, receivedAt: number): number | undefined {
  const at = date ? Date.parse(date) : Number.NaN;
  return Number.isNaN(at) ? undefined : at + 500 - (sentAt + receivedAt) / 2;
}

async function checkPage(
  page: string,
  gateway: URL,
  timeoutMs: number,
  now: () => number,
): Promise<CheckResult[]> {
  const got = await request(page, { timeoutMs, now, accept: 'text/html' });
  if ('error' in got) {
    return [
      {
        id: 'csp',
        status: 'fail',
        message: `cannot load the page ${page} (${got.error})`,
        fix: 'check the URL and that this machine can reach it',
      },
    ];
  }
  if (!got.response.ok) {
    return [
      {
        id: 'csp',
        status: 'fail',
        message: `the page ${page} answered ${got.response.status}`,
        fix: 'pass the URL of a page that shows the widgets',
      },
    ];
  }
  const pageUrl = new URL(got.response.url || page);
  const header = got.response.headers.get('content-security-policy');
  const policies: { where: string; policy: Policy }[] = [
    ...(header ? parsePolicies(header).map((policy) => ({ where: 'header', policy })) : []),
    ...metaPolicies(got.body).map((text) => ({ where: '<meta>', policy: parsePolicy(text) })),
  ];
  const reportOnly = got.response.headers.has('content-security-policy-report-only')
    ? ' (Content-Security-Policy-Report-Only only reports, it blocks nothing)'
    : '';
  if (policies.length === 0) {
    return [
      {
        id: 'csp',
        status: 'pass',
        message: `${page} sets no Content-Security-Policy: nothing blocks the kit${reportOnly}`,
      },
    ];
  }
  const out: CheckResult[] = [];
  for (const need of ['script-src', 'connect-src'] as const) {
    const problems: string[] = [];
    const fixes: string[] = [];
    let hard = false;
    for (const [i, { where, policy }] of policies.entries()) {
      const verdict = checkPolicy(policy, gateway, pageUrl).find((v) => v.need === need)!;
      if (verdict.ok) continue;
      const label = policies.length > 1 ? `policy ${i + 1} (${where})` : `the policy (${where})`;
      problems.push(`${label}: ${verdict.reason}`);
      if (verdict.fix) fixes.push(policies.length > 1 ? `${label}: ${verdict.fix}` : verdict.fix);
      hard ||= verdict.needsNonce !== true;
    }
    const what =
      need === 'script-src' ? `${gateway.origin}/finlet.js and its chunks` : `calls to ${gateway.origin}`;
    if (problems.length === 0) {
      out.push({ id: `csp-${need.slice(0, -4)}`, status: 'pass', message: `CSP ${need} allows ${what}` });
    } else {
      out.push({
        id: `csp-${need.slice(0, -4)}`,
        // Under 'strict-dynamic' only the nonce on the script tag decides, which the page may have.
        status: hard ? 'fail' : 'warn',
        message: `CSP blocks ${what}: ${problems.join('; ')}`,
        fix: fixes.join('; '),
      });
    }
  }
  const unsafe = policies.some(({ policy }) =>
    (policy.get('style-src') ?? policy.get('default-src') ?? []).some(
      (s) => s.toLowerCase() === "'unsafe-inline'",
    ),
  );
  out.push({
    id: 'csp-style',
    status: 'pass',
    message: `CSP style-src needs nothing for Finlet (constructable stylesheets)${
      unsafe ? "; Finlet does not need the 'unsafe-inline' your policy has" : ''
    }${reportOnly}`,
  });
  return out;
}

async function checkWebhook(
  url: string,
  secret: string | undefined,
  timeoutMs: number,
  now: () => number,
): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  const timestamp = Math.floor(now() / 1000);
  const id = `evt_doctor_${randomUUID().replaceAll('-', '')}`;
  const body = JSON.stringify({
    id,
    type: DOCTOR_EVENT_TYPE,
    timestamp: new Date(timestamp * 1000).toISOString(),
    data: { note: 'a test event sent by `finlet doctor`; answer 2xx and ignore it' },
  });
  const send = (headers: Record<string, string>) =>
    request(url, {
      timeoutMs,
      now,
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'user-agent': 'finlet-doctor', ...headers },
    });
  if (secret) {
    const signed = await send(signWebhook({ secret, id, timestamp, body }));
    if ('error' in signed) {
      return [
        {
          id: 'webhook',
          status: 'fail',
          message: `cannot reach the webhook endpoint ${url} (${signed.error})`,
          fix: 'check the URL, that the server runs, and that the gateway can reach it from the internet',
        },
      ];
    }
    const status = signed.response.status;
    out.push(
      status >= 200 && status < 300
        ? {
            id: 'webhook-signed',
            status: 'pass',
            message: `${url} accepted a correctly signed event (${status})`,
          }
        : {
            id: 'webhook-signed',
            status: 'fail',
            message: `${url} answered ${status} to a correctly signed ${DOCTOR_EVENT_TYPE} event`,
            fix:
              status >= 300 && status < 400
                ? 'the gateway does not follow redirects: register the final URL'
                : "verify the raw body with this endpoint's secret (whsec_…) and answer 2xx, also to event types you ignore",
          },
    );
  }
  // Signed with a secret nobody has: a receiver that verifies refuses it.
  const forgedSecret = `whsec_${randomBytes(24).toString('base64')}`;
  const forged = await send(signWebhook({ secret: forgedSecret, id, timestamp, body }));
  if ('error' in forged) {
    out.push({
      id: 'webhook',
      status: 'fail',
      message: `cannot reach the webhook endpoint ${url} (${forged.error})`,
      fix: 'check the URL, that the server runs, and that the gateway can reach it',
    });
    return out;
  }
  const status = forged.response.status;
  out.push(
    status >= 200 && status < 300
      ? {
          id: 'webhook-forged',
          status: 'fail',
          message: `${url} accepted an event with a forged signature (${status}): anyone can send it events`,
          fix: 'verify every delivery with verifyWebhook from @finlet/node (or any Standard Webhooks library) before acting on it',
        }
      : {
          id: 'webhook-forged',
          status: 'pass',
          message: `${url} refused an event with a forged signature (${status})`,
        },
  );
  if (!secret) {
    out.push({
      id: 'webhook-signed',
      status: 'skip',
      message: 'no webhook secret: the signed round trip not checked',
      fix: 'pass --webhook-secret whsec_… (or FINLET_WEBHOOK_SECRET), the secret shown when the endpoint was registered',
    });
  }
  return out;
}

type Fetched = { response: Response; body: string; sentAt: number; receivedAt: number } | { error: string };

async function request(
  url: string,
  options: {
    timeoutMs: number;
    now: () => number;
    method?: string;
    body?: string;
    headers?: Record<string, string>;
    accept?: string;
  },
): Promise<Fetched> {
  const sentAt = options.now();
  try {
    const response = await fetch(url, {
      method: options.method ?? 'GET',
      headers: { accept: options.accept ?? 'application/json', ...options.headers },
      ...(options.body === undefined ? {} : { body: options.body }),
      redirect: options.method === 'POST' ? 'manual' : 'follow',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const receivedAt = options.now();
    const body = await response.text();
    return { response, body, sentAt, receivedAt };
  } catch (error) {
    return { error: networkReason(error, options.timeoutMs) };
  }
}

/** The innermost cause's code (ECONNREFUSED, ENOTFOUND…) or message: what a person can act on. */
function networkReason(error: unknown, timeoutMs: number): string {
  let current: unknown = error;
  let reason = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 6 && current instanceof Error; depth++) {
    if (current.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
    if ('code' in current && typeof current.code === 'string' && /^E[A-Z]+/.test(current.code))
      return current.code;
    reason = current.message || reason;
    current = current instanceof AggregateError && current.errors[0] ? current.errors[0] : current.cause;
  }
  return reason;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function problemText(problem: unknown): string {
  if (problem && typeof problem === 'object') {
    const p = problem as { title?: unknown; detail?: unknown; code?: unknown };
    const text = [p.title, p.detail].filter((x) => typeof x === 'string').join(': ');
    if (text) return typeof p.code === 'string' ? `${text} [${p.code}]` : text;
  }
  return 'it answered with an error';
}

/** The path of the first field error of a 400 problem (`scenario`, `origin`), if any. */
function fieldError(error: unknown): string | undefined {
  return isFinletApiError(error) && error.status === 400 ? error.problem?.errors?.[0]?.path : undefined;
}

function errorText(error: unknown): string {
  if (isFinletApiError(error)) return `${problemText(error.problem)} (HTTP ${error.status})`;
  if (isFinletError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** The claims of a session token, read without verifying: the gateway just minted it for us. */
function decodeClaims(token: string): { aud?: string; iss?: string; iat?: number } {
  try {
    const payload = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as Record<string, unknown>;
    return {
      ...(typeof payload.aud === 'string' ? { aud: payload.aud } : {}),
      ...(typeof payload.iss === 'string' ? { iss: payload.iss } : {}),
      ...(typeof payload.iat === 'number' ? { iat: payload.iat } : {}),
    };
  } catch {
    return {};
  }
}
