import { isFinletApiError } from '@finlet/client';
import { Scenario } from '@finlet/contracts';
import { createEmbedSession } from '@finlet/node';
import { decodeClaims, errorText, fieldError } from './request.js';
import type { CheckResult } from './result.js';

/** The partner key: valid, its scenarios, the origins; the minted token's iat gives the gateway's clock. */
export async function checkSecretKey(
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
