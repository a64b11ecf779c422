import type { HealthCheckReport } from '@finlet/contracts';
import { cashWealthOffer, concentratedHoldings, startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createClient } from './client.js';
import { FinletApiError } from './errors.js';

describe('client.portfolio against a real gateway', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('sqlite');
    await gw.publish(cashWealthOffer);
  });
  afterAll(async () => gw?.close());

  it('checks entered holdings, typed and validated, and says why it cannot without any', async () => {
    const token = await gw.session(gw.partnerA, {
      userId: 'investor-client',
      scenario: 'consumption',
      signals: { 'investor.risk_level': 'C2' },
    });
    const client = createClient({ gateway: gw.url, token });
    const report = await client.portfolio.healthCheck({ holdings: concentratedHoldings, locale: 'en' });
    expectTypeOf(report).toEqualTypeOf<HealthCheckReport>();
    expect(report.investorLevel).toBe('C2');
    expect(report.findings.map((f) => f.kind)).toEqual(
      expect.arrayContaining(['risk_above_level', 'concentration', 'fee_drag']),
    );
    expect(report.suggestions.flatMap((s) => s.offers.map((o) => o.offerId))).toContain(cashWealthOffer.id);

    const refused = await client.portfolio.healthCheck().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FinletApiError);
    expect((refused as FinletApiError).code).toBe('holdings_required');
  });
});
