import { createHash, timingSafeEqual } from 'node:crypto';
import type { AgentGrant, AgentToolName, Money, Scenario } from '@finlet/contracts';
import { HttpProblem } from '../http/problem.js';
import { randomBase62 } from '../internal/ids.js';
import type { AgentGrantRecord } from './store.js';

/**
 * Grant tokens are `fgt_<grant id>_<secret>`, handled as the gateway's API keys are: the id finds
 * the row, only a SHA-256 of the whole token is stored, compared in constant time. A plain hash is
 * enough: the secret is 190 random bits.
 */
const TOKEN_PATTERN = /^fgt_([A-Za-z0-9]{24})_([A-Za-z0-9]{32})$/;

export function generateGrantToken(): { id: string; token: string; hash: string } {
  const suffix = randomBase62(24);
  const token = `fgt_${suffix}_${randomBase62(32)}`;
  return { id: `agr_${suffix}`, token, hash: hashGrantToken(token) };
}

export function hashGrantToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The grant id a token names, or undefined when it is not shaped like a grant token. */
export function grantIdOf(token: string): string | undefined {
  const match = TOKEN_PATTERN.exec(token);
  return match ? `agr_${match[1]}` : undefined;
}

export function grantTokenMatches(token: string, storedHash: string): boolean {
  const actual = Buffer.from(hashGrantToken(token), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function grantView(record: AgentGrantRecord, now: Date): AgentGrant {
  return {
    id: record.id,
    userId: record.userId,
    agentName: record.agentName,
    scenario: record.scenario,
    tools: record.tools,
    amountCap: record.amountCap,
    status:
      record.revokedAt !== null
        ? 'revoked'
        : Date.parse(record.expiresAt) <= now.getTime()
          ? 'expired'
          : 'active',
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
    revokedAt: record.revokedAt,
    revokedBy: record.revokedBy,
  };
}

/** The amounts a call names: the grant's cap applies to each. */
function amountsOf(input: Record<string, unknown>): Money[] {
  const amount = input.amount as Money | undefined;
  return amount ? [amount] : [];
}

/**
 * Whether the grant allows this call, checked before anything runs. Only the grant decides: nothing
 * the agent writes in an argument (a question, a purpose) can widen it.
 */
export function grantRefusal(
  grant: AgentGrantRecord,
  tool: AgentToolName,
  input: Record<string, unknown>,
  now: Date,
): HttpProblem | undefined {
  if (grant.revokedAt !== null) {
    return new HttpProblem('grant_revoked', {
      detail: `The grant was revoked by the ${grant.revokedBy ?? 'partner'} at ${grant.revokedAt}.`,
    });
  }
  if (Date.parse(grant.expiresAt) <= now.getTime()) {
    return new HttpProblem('grant_expired', { detail: `The grant expired at ${grant.expiresAt}.` });
  }
  if (!grant.tools.includes(tool)) {
    return new HttpProblem('grant_tool_not_allowed', {
      detail: `The grant allows ${grant.tools.join(', ')}; not ${tool}.`,
    });
  }
  const scenario = input.scenario as Scenario | undefined;
  if (scenario !== undefined && scenario !== grant.scenario) {
    return new HttpProblem('grant_scenario_mismatch', {
      detail: `The grant is for the ${grant.scenario} scenario; this call names ${scenario}.`,
      errors: [{ path: 'scenario', message: `must be ${grant.scenario}` }],
    });
  }
  for (const amount of amountsOf(input)) {
    if (amount.currency !== grant.amountCap.currency || amount.value > grant.amountCap.value) {
      return new HttpProblem('grant_amount_exceeded', {
        detail: `The grant caps amounts at ${grant.amountCap.value} ${grant.amountCap.currency} (minor units); this call names ${amount.value} ${amount.currency}.`,
        errors: [{ path: 'amount', message: 'above the grant’s cap' }],
      });
    }
  }
  return undefined;
}
