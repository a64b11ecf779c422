import { randomUUID } from 'node:crypto';
import { type Nudge, NudgeList, OfferMatchResult, type PartnerCreated } from '@finlet/contracts';
import { RISK_ANSWERS_C2, riskQuestionnaire } from './fixtures.js';
import { type ApiResponse, ORIGIN_A, type TestGateway } from './harness.js';

/**
 * A user's embed session, as the suitability tests take them: on partner A in the consumption
 * scenario (partner B: supply chain), with the signals the partner vouches for (none by default).
 */
export function userSession(
  gw: TestGateway,
  userId: string,
  signals: Record<string, unknown> = {},
  partner: PartnerCreated = gw.partnerA,
): Promise<string> {
  return gw.session(partner, {
    userId,
    scenario: partner === gw.partnerA ? 'consumption' : 'supply-chain',
    signals,
  });
}

/** The body of `POST /v1/suitability/assessments`: these answers to `riskQuestionnaire`. */
export function riskAnswers(chosen: Record<string, string> = RISK_ANSWERS_C2, version = 1) {
  return { questionnaireId: riskQuestionnaire.id, questionnaireVersion: version, answers: chosen };
}

/**
 * The user takes the risk assessment through the API (C2 answers by default). The answer is
 * returned unchecked: the tests assert refusals too.
 */
export function takeAssessment(
  gw: TestGateway,
  token: string,
  body: Record<string, unknown> = riskAnswers(),
  options: { key?: string; origin?: string } = {},
): Promise<ApiResponse> {
  return gw.api('POST', '/v1/suitability/assessments', {
    auth: token,
    headers: { origin: options.origin ?? ORIGIN_A, 'idempotency-key': options.key ?? randomUUID() },
    body,
  });
}

/** The user's offers (`POST /v1/offers/match` from partner A's page); throws unless 200. */
export async function matchOffers(
  gw: TestGateway,
  token: string,
  body: Record<string, unknown> = {},
): Promise<OfferMatchResult> {
  const response = await gw.api('POST', '/v1/offers/match', {
    auth: token,
    headers: { origin: ORIGIN_A },
    body,
  });
  if (response.status !== 200) throw new Error(`match: ${response.status} ${response.text}`);
  return OfferMatchResult.parse(response.body);
}

/** A signal partner A sends: its user sold 200,000 yuan this month (the offers watch ≥ 10,000). */
export function salesSignal(gw: TestGateway, id: string, subject: string) {
  return {
    id,
    type: 'orders.monthly_gmv',
    subject,
    occurredAt: gw.clock.now.toISOString(),
    data: { amount: { value: 20_000_000, currency: 'CNY' } },
  };
}

/** Partner A sends `signal`; then the nudges its user has, as their own session lists them. */
export async function nudgesAfter(gw: TestGateway, signal: ReturnType<typeof salesSignal>): Promise<Nudge[]> {
  const sent = await gw.api('POST', '/v1/signals', {
    auth: gw.partnerA.secretKey,
    body: { signals: [signal] },
  });
  if (sent.status !== 200) throw new Error(`signals: ${sent.status} ${sent.text}`);
  const listed = await gw.api('GET', '/v1/nudges', {
    auth: await userSession(gw, signal.subject),
    headers: { origin: ORIGIN_A },
  });
  if (listed.status !== 200) throw new Error(`nudges: ${listed.status} ${listed.text}`);
  return NudgeList.parse(listed.body).nudges;
}
