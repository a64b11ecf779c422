import { createPartner } from '@finlet/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../test/gateway.js';
import { run } from '../test/run.js';
import { parseSignal } from './token.js';

describe('parseSignal', () => {
  it('reads numbers, booleans and strings without guessing beyond that', () => {
    expect(parseSignal('business.age_months=18')).toEqual(['business.age_months', 18]);
    expect(parseSignal('business.annual_revenue_cny=1250000.5')).toEqual([
      'business.annual_revenue_cny',
      1250000.5,
    ]);
    expect(parseSignal('user.verified=true')).toEqual(['user.verified', true]);
    expect(parseSignal('user.credit_tier=A')).toEqual(['user.credit_tier', 'A']);
    expect(parseSignal('trip.code="0042"')).toEqual(['trip.code', '0042']);
    expect(parseSignal('note=a=b')).toEqual(['note', 'a=b']);
  });
});

describe('finlet token', () => {
  let gw: TestGateway;
  let secretKey: string;
  beforeAll(async () => {
    gw = await startTestGateway();
    secretKey = (await createPartner(gw.store, { name: 'Chain', scenarios: ['supply-chain'] })).secretKey;
  });
  afterAll(() => gw?.close());

  it('mints a session token carrying the signals', async () => {
    const result = await run(
      [
        'token',
        '--user',
        'merchant-1',
        '--scenario',
        'supply-chain',
        '--signal',
        'business.age_months=30',
        'user.verified=true',
        '--signal',
        'user.credit_tier=B',
        '--gateway',
        gw.url,
      ],
      { env: { FINLET_PARTNER_KEY: secretKey } },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const token = result.stdout.trim();
    const claims: unknown = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({
      sub: 'merchant-1',
      scn: 'supply-chain',
      sig: { 'business.age_months': 30, 'user.verified': true, 'user.credit_tier': 'B' },
    });
    const matched = await fetch(`${gw.url}/v1/offers/match`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(matched.status).toBe(200);
  });

  it('reports the gateway refusing the scenario in one line', async () => {
    const result = await run([
      'token',
      '--partner-key',
      secretKey,
      '--user',
      'u-1',
      '--scenario',
      'tourism',
      '--gateway',
      gw.url,
      '--json',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^finlet: The request is not valid: scenario: the partner is not enabled for "tourism".*\[invalid_request, req_\w+\]\n$/,
    );
  });
});
