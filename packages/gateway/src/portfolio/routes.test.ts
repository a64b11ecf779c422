import { HealthCheckReport, type Holding, Problem } from '@finlet/contracts';
import {
  cashWealthOffer,
  concentratedHoldings,
  DIALECTS,
  equityFundOffer,
  ORIGIN_A,
  startTestGateway,
  type TestGateway,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PATH = '/v1/portfolio/health-check';

describe.each(DIALECTS)('POST /v1/portfolio/health-check on %s', (dialect) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(dialect);
    for (const offer of [cashWealthOffer, equityFundOffer]) await gw.publish(offer);
  });
  afterAll(async () => gw?.close());

  const session = (
    userId: string,
    signals: Record<string, string | number | boolean> = { 'investor.risk_level': 'C2' },
  ) => gw.session(gw.partnerA, { userId, scenario: 'consumption', signals });
  const check = async (token: string, body: Record<string, unknown>) =>
    gw.api('POST', PATH, { auth: token, headers: { origin: ORIGIN_A }, body });
  const sendHoldings = (subject: string, id: string, holdings: Holding[], minutesAgo: number) =>
    gw.api('POST', '/v1/signals', {
      auth: gw.partnerA.secretKey,
      body: {
        signals: [
          {
            id,
            type: 'portfolio.holdings',
            subject,
            occurredAt: new Date(gw.clock.now.getTime() - minutesAgo * 60_000).toISOString(),
            data: { holdings },
          },
        ],
      },
    });

  it('checks entered holdings against the session’s level: concentration and risk explained and cited', async () => {
    const response = await check(await session('investor-entered'), {
      holdings: concentratedHoldings,
      locale: 'en',
    });
    expect(response.status, response.text).toBe(200);
    const report = HealthCheckReport.parse(response.body);
    expect(report.investorLevel).toBe('C2');
    const risk = report.findings.find((f) => f.id === 'risk_above_level:tech-growth');
    expect(risk?.explanation.text.en).toContain('is rated R4, above your assessed risk tolerance C2');
    expect(risk?.citations).toContainEqual({
      kind: 'holding',
      holdingId: 'tech-growth',
      source: { kind: 'user' },
    });
    expect(risk?.citations).toContainEqual({
      kind: 'investor_level',
      level: 'C2',
      source: { kind: 'session_signal', signal: 'investor.risk_level' },
    });
    expect(report.findings.find((f) => f.kind === 'concentration')?.figures).toContainEqual({
      name: 'largest_share',
      unit: 'bps',
      value: 8_000,
    });
    // 80 000 × 2.15 % + 20 000 × 0.38 % = 1 796.00 a year; 1.796 % weighted, shown as 1.80 %.
    const fees = report.findings.find((f) => f.kind === 'fee_drag');
    expect(fees?.figures).toContainEqual({
      name: 'yearly_cost',
      unit: 'money',
      money: { value: 179_600, currency: 'CNY' },
    });
    // Suggestions come from the published catalogue, at or below C2: the R1 product, never the R4 fund.
    const offered = report.suggestions.flatMap((s) => s.offers.map((o) => o.offerId));
    expect(offered).toContain(cashWealthOffer.id);
    expect(offered).not.toContain(equityFundOffer.id);
  });

  it('reads the newest trusted portfolio.holdings signal and cites it, with entered holdings added', async () => {
    const user = 'investor-signalled';
    expect((await sendHoldings(user, 'pf-old', [concentratedHoldings[1] as Holding], 60)).status).toBe(200);
    expect((await sendHoldings(user, 'pf-new', concentratedHoldings, 5)).status).toBe(200);
    const extra: Holding = {
      id: 'deposit',
      name: '定期存款',
      riskLevel: 'R1',
      marketValue: { value: 100_000_00, currency: 'CNY' },
    };
    const response = await check(await session(user), { holdings: [extra] });
    expect(response.status, response.text).toBe(200);
    const report = HealthCheckReport.parse(response.body);
    expect(report.locale).toBe('zh-CN');
    expect(report.holdings.map((h) => [h.id, h.source.kind, h.shareBps])).toEqual([
      ['deposit', 'user', 5_000],
      ['money-market', 'signal', 1_000],
      ['tech-growth', 'signal', 4_000],
    ]);
    const source = report.holdings.find((h) => h.id === 'tech-growth')?.source;
    expect(source).toEqual({
      kind: 'signal',
      signalId: 'pf-new',
      occurredAt: new Date(gw.clock.now.getTime() - 5 * 60_000).toISOString(),
    });
    // Another user of the same partner sees none of it.
    const other = await check(await session('investor-other'), {});
    expect(other.status).toBe(422);
    expect(Problem.parse(other.body).code).toBe('holdings_required');
  });

  it('asks for the assessment without a level and then suggests no product', async () => {
    const response = await check(await session('investor-unassessed', {}), {
      holdings: concentratedHoldings,
    });
    expect(response.status, response.text).toBe(200);
    const report = HealthCheckReport.parse(response.body);
    expect(report.investorLevel).toBeNull();
    expect(report.findings.map((f) => f.kind)).toContain('no_assessment');
    expect(report.suggestions.map((s) => s.kind)).toEqual(['take_assessment']);
    expect(report.findings.find((f) => f.kind === 'no_assessment')?.explanation.text['zh-CN']).toContain(
      '尚无有效的风险承受能力评估',
    );
  });

  it('refuses bad holdings with problem+json and a stable code per field', async () => {
    const token = await session('investor-bad');
    const [first, second] = concentratedHoldings as [Holding, Holding];
    const cases = [
      [{}, 422, 'holdings_required', undefined],
      [{ holdings: [] }, 422, 'holdings_required', undefined],
      [
        { holdings: [first, { ...second, id: first.id }] },
        400,
        'invalid_request',
        ['holdings.1.id', 'duplicate_holding_id'],
      ],
      [
        { holdings: [first, { ...second, marketValue: { value: 1, currency: 'USD' } }] },
        400,
        'invalid_request',
        ['holdings.1.marketValue.currency', 'mixed_currencies'],
      ],
      [
        {
          holdings: [
            {
              ...first,
              topExposures: [
                { name: 'A', weightBps: 6_000 },
                { name: 'B', weightBps: 6_000 },
              ],
            },
          ],
        },
        400,
        'invalid_request',
        ['holdings.0.topExposures', 'exposures_over_100'],
      ],
      [
        { holdings: [{ ...first, marketValue: { value: -1, currency: 'CNY' } }] },
        400,
        'invalid_request',
        undefined,
      ],
      [{ holdings: [first], investorLevel: 'C5' }, 400, 'invalid_request', ['(root)', 'unrecognized_keys']],
    ] as const;
    for (const [body, status, code, field] of cases) {
      const response = await check(token, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = Problem.parse(response.body);
      expect(problem.code).toBe(code);
      if (field !== undefined)
        expect(problem.errors).toContainEqual(expect.objectContaining({ path: field[0], code: field[1] }));
    }
  });

  it('refuses an entered holding that clashes with the partner’s', async () => {
    const user = 'investor-clash';
    expect((await sendHoldings(user, 'pf-clash', concentratedHoldings, 1)).status).toBe(200);
    const token = await session(user);
    const [first] = concentratedHoldings as [Holding];
    const same = await check(token, { holdings: [first] });
    expect(same.status).toBe(400);
    expect(Problem.parse(same.body).errors).toContainEqual(
      expect.objectContaining({ path: 'holdings.0.id', code: 'duplicate_holding_id' }),
    );
    const usd = await check(token, {
      holdings: [{ id: 'usd-fund', name: 'USD fund', marketValue: { value: 100, currency: 'USD' } }],
    });
    expect(usd.status).toBe(400);
    expect(Problem.parse(usd.body).errors).toContainEqual(
      expect.objectContaining({ path: 'holdings.0.marketValue.currency', code: 'mixed_currencies' }),
    );
  });

  it('refuses a partner’s signal with bad holdings', async () => {
    const response = await sendHoldings('investor-badsignal', 'pf-bad', [], 1);
    expect(response.status).toBe(400);
    expect(Problem.parse(response.body).code).toBe('invalid_request');
  });
});
