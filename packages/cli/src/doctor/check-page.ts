import { checkPolicy, metaPolicies, type Policy, parsePolicies, parsePolicy } from './csp.js';
import { request } from './request.js';
import type { CheckResult } from './result.js';

/** The partner page: reachable, and its Content-Security-Policy lets the widgets load and call the gateway. */
export async function checkPage(
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
