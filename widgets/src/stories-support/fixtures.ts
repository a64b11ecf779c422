// Story data built from the wire contracts: every offer, token claim and answer below is parsed
// with the zod schemas of @finlet/contracts when this module loads, so a contract change that the
// fixtures no longer satisfy fails Storybook (and `vitest --project storybook`) at once.
import {
  Application,
  ApplicationCreate,
  Consent,
  ConsentCreate,
  EmbedSessionClaims,
  Nudge,
  NudgeAccepted,
  NudgeList,
  Offer,
  OfferContent,
  type OfferContentInput,
  OfferMatchRequest,
  OfferMatchResult,
  PROBLEM_CODES,
  PROBLEM_TITLES,
  PROBLEM_TYPE_BASE,
  Problem,
  type ProblemCode,
} from '@finlet/contracts';
import { matchOffers } from '@finlet/engine';
import { cashWealthOffer, equityFundOffer, receivablesOffer } from '@finlet/testing/fixtures';
import { cardOffer, consumerOffer, inventoryOffer } from '../test/fixtures.js';

/** The clock of the preview gateway: fixed, so every story shows the same dates. */
export const PREVIEW_NOW = new Date('2026-06-01T08:00:00.000Z');
/** Partner id of the story sessions (the token's `aud`). */
export const PREVIEW_PARTNER = 'prt_storybook';

function published(input: OfferContentInput): Offer {
  const content = OfferContent.parse(input);
  return Offer.parse({
    ...content,
    version: 1,
    status: 'published',
    createdBy: 'adm_storybook',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    submittedBy: 'adm_storybook',
    approvedBy: 'adm_reviewer',
    publishedAt: '2026-01-02T00:00:00.000Z',
    retiredAt: null,
  });
}

/** The preview bank's published catalogue (the same offers the gateway and widget tests use). */
export const PREVIEW_OFFERS: readonly Offer[] = [
  consumerOffer,
  cardOffer,
  inventoryOffer,
  receivablesOffer,
].map(published);

/**
 * The preview bank's rated wealth products (R1 and R4), matched and nudged only for the `investor`
 * session, so that every other story's list stays as it is.
 */
export const PREVIEW_WEALTH_OFFERS: readonly Offer[] = [cashWealthOffer, equityFundOffer].map(published);

export interface PreviewSession {
  userId: string;
  scenario: EmbedSessionClaims['scn'];
  signals?: EmbedSessionClaims['sig'];
  prefill?: EmbedSessionClaims['pre'];
}

/**
 * Story sessions last a week from when Storybook loads. Not "year 2100": the client times expiry
 * by the token's lifetime (`exp - iat`) and the session manager waits for it with `setTimeout`,
 * whose delay overflows past 2^31-1 ms (24.8 days) and fires at once.
 */
const ISSUED = Math.floor(Date.now() / 1000);
const LIFETIME_SECONDS = 7 * 86_400;

function base64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * A JWT-shaped, UNSIGNED session token. The elements only decode its payload for display (the
 * `pre` prefill, `exp`); the preview gateway reads `scn` and `sig` from it as the real gateway
 * reads them from a verified token. Its claims are checked against `EmbedSessionClaims`.
 */
export function previewToken(session: PreviewSession): string {
  const claims = EmbedSessionClaims.parse({
    iss: 'https://gateway.storybook.invalid',
    aud: PREVIEW_PARTNER,
    sub: session.userId,
    iat: ISSUED,
    exp: ISSUED + LIFETIME_SECONDS,
    jti: `ses_${session.userId.replace(/[^A-Za-z0-9]/g, '')}`,
    scn: session.scenario,
    ...(session.signals ? { sig: session.signals } : {}),
    ...(session.prefill ? { pre: session.prefill } : {}),
  });
  const header = { alg: 'none', typ: 'finlet-session+jwt' };
  return `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(claims))}.storybook-unsigned`;
}

/** Decodes a token made by `previewToken` (the gateway side of the preview). */
export function readPreviewToken(token: string): EmbedSessionClaims {
  const payload = token.split('.')[1] ?? '';
  const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
  const text = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  return EmbedSessionClaims.parse(JSON.parse(text));
}

/** The sessions the stories use. */
export const SESSIONS = {
  /** A shopper: consumption offers, with a prefill for the application. */
  shopper: {
    userId: 'shopper-42',
    scenario: 'consumption',
    signals: { 'user.age': 35 },
    prefill: {
      amount: { value: 800_000, currency: 'CNY' },
      termMonths: 12,
      purpose: '家电',
      applicantName: '王小明',
      phone: '+86 138 0000 0000',
    },
  },
  /** A supplier: supply-chain financing, business fields prefilled. */
  supplier: {
    userId: 'supplier-7',
    scenario: 'supply-chain',
    signals: {
      'business.age_months': 30,
      'inventory.turnover_days': 60,
      'receivables.outstanding_cny': 250_000,
    },
    prefill: {
      amount: { value: 20_000_000, currency: 'CNY' },
      termMonths: 6,
      applicantName: 'Li Na',
      businessName: '杭州小河贸易有限公司',
      phone: '+86 139 1111 2222',
    },
  },
  /** An investor on the shopping site with no risk assessment yet: rated products wait for it. */
  investor: { userId: 'investor-5', scenario: 'consumption', signals: { 'user.age': 58 } },
  /** A traveller: the bank publishes nothing for tourism, so no offer fits. */
  traveller: { userId: 'traveller-1', scenario: 'tourism', signals: { 'user.age': 29 } },
} satisfies Record<string, PreviewSession>;

export type SessionName = keyof typeof SESSIONS;

/** The catalogue a session's user is matched against: the wealth products only for the investor. */
export function catalogueFor(claims: EmbedSessionClaims): readonly Offer[] {
  return claims.sub === SESSIONS.investor.userId
    ? [...PREVIEW_OFFERS, ...PREVIEW_WEALTH_OFFERS]
    : PREVIEW_OFFERS;
}

/** What `POST /v1/offers/match` answers for a session, computed by the engine like the gateway does. */
export function matchFor(claims: EmbedSessionClaims, body: unknown): OfferMatchResult {
  const request = OfferMatchRequest.parse(body ?? {});
  return OfferMatchResult.parse(
    matchOffers({
      offers: catalogueFor(claims),
      signals: claims.sig ?? {},
      scenario: claims.scn,
      partnerId: claims.aud,
      request,
      now: PREVIEW_NOW,
    }),
  );
}

function previewId(prefix: string, seed: string): string {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `${prefix}_${hash.toString(36).padStart(8, '0')}storybook`.slice(0, prefix.length + 1 + 24);
}

/** What `POST /v1/consents` answers: the consent the user gave, as recorded. */
export function consentFor(claims: EmbedSessionClaims, body: unknown): Consent {
  const input = ConsentCreate.parse(body);
  const expires = new Date(PREVIEW_NOW.getTime() + input.expiresInDays * 86_400_000);
  return Consent.parse({
    id: previewId('cns', `${claims.sub}|${input.scopes.join(',')}|${input.offerId ?? ''}`),
    partnerId: claims.aud,
    userId: claims.sub,
    scopes: input.scopes,
    purpose: input.purpose,
    offerId: input.offerId ?? null,
    dataCategories: input.dataCategories,
    recipients: { bank: 'Storybook Bank', partner: 'Storybook Shop' },
    retentionDays: input.retentionDays,
    status: 'active',
    grantedAt: PREVIEW_NOW.toISOString(),
    expiresAt: expires.toISOString(),
    withdrawnAt: null,
  });
}

/** What `POST /v1/applications` answers: the application as created. */
export function applicationFor(claims: EmbedSessionClaims, body: unknown, key: string): Application {
  const input = ApplicationCreate.parse(body);
  return Application.parse({
    id: previewId('app', `${claims.sub}|${key}`),
    partnerId: claims.aud,
    userId: claims.sub,
    offerId: input.offerId,
    offerVersion: input.offerVersion ?? 1,
    amount: input.amount,
    termMonths: input.termMonths ?? null,
    purpose: input.purpose ?? null,
    status: 'submitted',
    applicant: {
      name: input.applicant.name,
      phone: input.applicant.phone ?? null,
      email: input.applicant.email ?? null,
      businessName: input.applicant.businessName ?? null,
      idNumberMasked: null,
    },
    consentIds: input.consentIds,
    createdAt: PREVIEW_NOW.toISOString(),
    updatedAt: PREVIEW_NOW.toISOString(),
  });
}

interface NudgeSeed {
  offerId: string;
  triggerId: string;
  explanation: { 'zh-CN': string; en: string };
  amount: number | null;
  /** A rated product the user has no assessment for: the nudge asks for the assessment first. */
  suitability?: { required: true; reason: 'no_assessment' | 'assessment_expired' };
}

/** The nudges the bank raised for each session (from its partner's signals). */
const NUDGES: Partial<Record<string, NudgeSeed[]>> = {
  'supplier-7': [
    {
      offerId: 'scf-inventory-loan',
      triggerId: 'turnover-up',
      explanation: {
        'zh-CN': '过去 30 天您的库存周转天数上升了 35%，存货融资可以缓解资金占用。',
        en: 'Your inventory turnover days rose 35% over the last 30 days; inventory financing can free up cash.',
      },
      amount: 30_000_000,
    },
    {
      offerId: 'scf-receivables',
      triggerId: 'receivables-high',
      explanation: {
        'zh-CN': '您有 25 万元应收账款未到期，可以提前变现。',
        en: 'You have CNY 250,000 of receivables outstanding that you could turn into cash now.',
      },
      amount: null,
    },
  ],
  'investor-5': [
    {
      offerId: 'cash-plus',
      triggerId: 'savings-idle',
      explanation: {
        'zh-CN': '您的账户余额较多且长期未动，可以了解低风险理财；推荐前请先完成风险测评。',
        en: 'Your balance has sat idle for a while: a low-risk wealth product may suit it, once you have taken the risk assessment.',
      },
      amount: null,
      suitability: { required: true, reason: 'no_assessment' },
    },
  ],
  'shopper-42': [
    {
      offerId: 'shop-installment',
      triggerId: 'big-basket',
      explanation: {
        'zh-CN': '您的购物车金额较大，可以选择分期付款。',
        en: 'Your basket is large: you can pay for it in instalments.',
      },
      amount: 800_000,
    },
  ],
};

function nudgeOf(claims: EmbedSessionClaims, seed: NudgeSeed): Nudge {
  const offer = catalogueFor(claims).find((o) => o.id === seed.offerId)!;
  return Nudge.parse({
    id: previewId('ndg', `${claims.sub}|${seed.triggerId}`),
    partnerId: claims.aud,
    userId: claims.sub,
    offer: {
      id: offer.id,
      version: offer.version,
      name: { 'zh-CN': offer.texts['zh-CN'].name, en: offer.texts.en.name },
    },
    triggerId: seed.triggerId,
    explanation: seed.explanation,
    amount: seed.amount === null ? null : { value: seed.amount, currency: offer.currency },
    status: 'active',
    createdAt: PREVIEW_NOW.toISOString(),
    visibleFrom: PREVIEW_NOW.toISOString(),
    expiresAt: new Date(PREVIEW_NOW.getTime() + 7 * 86_400_000).toISOString(),
    actedAt: null,
    ...(seed.suitability ? { suitability: seed.suitability } : {}),
  });
}

/** What `GET /v1/nudges` answers: the session user's active nudges, newest first. */
export function nudgesFor(claims: EmbedSessionClaims): NudgeList {
  return NudgeList.parse({ nudges: (NUDGES[claims.sub] ?? []).map((seed) => nudgeOf(claims, seed)) });
}

/** What `POST /v1/nudges/{id}/dismiss` and `/accept` answer, or undefined for an unknown id. */
export function nudgeAction(
  claims: EmbedSessionClaims,
  id: string,
  action: 'dismiss' | 'accept',
): Nudge | NudgeAccepted | undefined {
  const nudge = nudgesFor(claims).nudges.find((n) => n.id === id);
  if (!nudge) return undefined;
  const acted = Nudge.parse({
    ...nudge,
    status: action === 'dismiss' ? 'dismissed' : 'accepted',
    actedAt: PREVIEW_NOW.toISOString(),
  });
  if (action === 'dismiss') return acted;
  if (nudge.suitability) {
    return NudgeAccepted.parse({
      next: 'risk_assessment',
      nudge: acted,
      assessment: { required: true, reason: nudge.suitability.reason },
    });
  }
  return NudgeAccepted.parse({
    next: 'apply',
    nudge: acted,
    apply: {
      offerId: nudge.offer.id,
      offerVersion: nudge.offer.version,
      prefill: { ...(claims.pre ?? {}), ...(nudge.amount ? { amount: nudge.amount } : {}) },
    },
  });
}

/** An RFC 9457 problem with a real, stable code, exactly as the gateway sends it. */
export function problemFor(code: ProblemCode, requestId: string, detail?: string): Problem {
  return Problem.parse({
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title: PROBLEM_TITLES[code],
    status: PROBLEM_CODES[code],
    code,
    requestId,
    ...(detail ? { detail } : {}),
  });
}

// Module-load check: every session and every kind of answer parses against the contracts, and each
// session sees what its stories promise (offers, or none).
for (const [name, session] of Object.entries(SESSIONS) as [SessionName, PreviewSession][]) {
  const claims = readPreviewToken(previewToken(session));
  const result = matchFor(claims, { limit: 10 });
  const eligible = result.matches.filter((m) => m.eligible).length;
  if ((name === 'traveller') !== (eligible === 0)) {
    throw new Error(`Story fixtures drifted: session "${name}" sees ${eligible} eligible offers.`);
  }
  for (const nudge of nudgesFor(claims).nudges) {
    nudgeAction(claims, nudge.id, 'dismiss');
    nudgeAction(claims, nudge.id, 'accept');
  }
}
{
  const claims = readPreviewToken(previewToken(SESSIONS.shopper));
  const consent = consentFor(claims, {
    scopes: ['application.submit'],
    purpose: 'loan_application',
    offerId: 'shop-installment',
  });
  applicationFor(
    claims,
    {
      offerId: 'shop-installment',
      offerVersion: 1,
      amount: { value: 800_000, currency: 'CNY' },
      termMonths: 12,
      applicant: { name: '王小明' },
      consentIds: [consent.id],
    },
    'module-load',
  );
  problemFor('invalid_token', 'req_storybook');
}
