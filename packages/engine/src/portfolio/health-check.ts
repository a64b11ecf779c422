import {
  type CurrencyCode,
  type HealthCheckCitation,
  type HealthCheckExplanation,
  type HealthCheckFinding,
  type HealthCheckFindingKind,
  type HealthCheckHolding,
  type HealthCheckReport,
  type HealthCheckSuggestion,
  type Holding,
  type HoldingSource,
  INVESTOR_RISK_LEVEL_SIGNAL,
  type InvestorRiskLevel,
  type Locale,
  type Money,
  type Offer,
  type ProductType,
  type PublicOffer,
  riskRank,
  type Scenario,
  suits,
} from '@finlet/contracts';
import { isVisibleFor } from '../offers/checks.js';
import {
  formatMoney,
  type HealthArgs,
  type HealthMessageKey,
  healthText,
  inBothLanguages,
} from './health-check-messages.js';

/**
 * The documented thresholds of the health check, in basis points of the portfolio's market value
 * (or, for fees, basis points a year). A finding is raised when its figure is strictly above the
 * threshold.
 */
export const HEALTH_CHECK_THRESHOLDS = {
  /** The largest single holding above 40 % of the portfolio. */
  'concentration.holding': 4_000,
  /** The largest category (asset class) above 60 % of the portfolio. */
  'concentration.category': 6_000,
  /** Fees weighted by market value above 1.00 % a year. */
  'fee_drag.weighted_rate': 100,
  /** An underlying exposure two or more holdings share, looked through, above 5 % of the portfolio. */
  'overlap.exposure': 500,
} as const;
export type HealthCheckRule = keyof typeof HEALTH_CHECK_THRESHOLDS;

/** Severity steps above a threshold: `high` when the figure is above this. */
const HIGH_ABOVE = {
  'concentration.holding': 6_000,
  'concentration.category': 8_000,
  'fee_drag.weighted_rate': 200,
  'overlap.exposure': 1_500,
} as const satisfies Record<HealthCheckRule, number>;

/** Products a diversifying suggestion may name: investment and deposit products with a risk level. */
const SUGGESTIBLE_TYPES: readonly ProductType[] = ['wealth_management', 'fund', 'time_deposit'];
const MAX_SUGGESTED_OFFERS = 3;

/** A holding and where its facts come from. */
export interface SourcedHolding {
  readonly holding: Holding;
  readonly source: HoldingSource;
}

/** A catalogue offer as the health check reads it (a published, visible offer). */
export type HealthCheckOffer = Pick<
  PublicOffer,
  'id' | 'version' | 'productType' | 'currency' | 'riskLevel' | 'texts' | 'pricing'
>;

export interface CheckPortfolioInput {
  /** At least one holding, all in one currency, ids unique (the contracts' schema checks this). */
  readonly holdings: readonly SourcedHolding[];
  /** The assessed level from the trusted session signal; undefined when there is none. */
  readonly investorLevel: InvestorRiskLevel | undefined;
  /** Published offers the user may be shown; suggestions come only from here. */
  readonly catalogue: readonly HealthCheckOffer[];
  readonly locale: Locale;
}

/** The published offers a health check may suggest from: those this session may be shown at all. */
export function healthCheckCatalogue(
  offers: readonly Offer[],
  context: { readonly scenario: Scenario; readonly partnerId: string; readonly now: Date },
): Offer[] {
  return offers.filter((o) => isVisibleFor(o, context));
}

const KIND_ORDER: readonly HealthCheckFindingKind[] = [
  'risk_above_level',
  'no_assessment',
  'concentration',
  'category_concentration',
  'overlap',
  'fee_drag',
];

/** `12.34%` from basis points (integers only: no binary float rounding on the way). */
export function formatBps(bps: number): string {
  const sign = bps < 0 ? '-' : '';
  const a = Math.abs(bps);
  return `${sign}${Math.trunc(a / 100)}.${String(a % 100).padStart(2, '0')}%`;
}

/** `round(n / d)`, half up, for non-negative big integers. */
function divRound(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

/** Share of `part` in `total`, in basis points, rounded half up. */
function shareBps(part: bigint, total: bigint): number {
  return total === 0n ? 0 : Number(divRound(part * 10_000n, total));
}

/** Whether `part / total` is strictly above `thresholdBps` (exact: no rounding decides a finding). */
function above(part: bigint, total: bigint, thresholdBps: number): boolean {
  return total > 0n && part * 10_000n > BigInt(thresholdBps) * total;
}

/**
 * Each holding's share in basis points, by the largest-remainder method, so that the shares add up
 * to exactly 10 000 (ties go to the smaller id, so the order of the input never matters).
 */
export function holdingShares(holdings: readonly Holding[]): Map<string, number> {
  const total = holdings.reduce((s, h) => s + BigInt(h.marketValue.value), 0n);
  const out = new Map<string, number>();
  if (total === 0n) {
    for (const h of holdings) out.set(h.id, 0);
    return out;
  }
  const parts = holdings.map((h) => {
    const scaled = BigInt(h.marketValue.value) * 10_000n;
    return { id: h.id, floor: scaled / total, rest: scaled % total };
  });
  let left = 10_000n - parts.reduce((s, p) => s + p.floor, 0n);
  const byRest = [...parts].sort((a, b) =>
    a.rest === b.rest ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.rest > b.rest ? -1 : 1,
  );
  for (const p of byRest) {
    const extra = left > 0n ? 1n : 0n;
    left -= extra;
    out.set(p.id, Number(p.floor + extra));
  }
  return out;
}

function annualFeeBps(h: Holding): number | undefined {
  const f = h.fees;
  if (f === undefined) return undefined;
  const parts = [f.managementBps, f.custodyBps, f.salesServiceBps].filter((x) => x !== undefined);
  return parts.length === 0 ? undefined : parts.reduce((s, x) => s + x, 0);
}

/** An offer's own yearly fee rate (management, custody and service fees quoted as a rate). */
function offerAnnualFeeBps(offer: HealthCheckOffer): number {
  return offer.pricing.fees
    .filter((f) => f.kind === 'management' || f.kind === 'custody' || f.kind === 'service')
    .reduce((s, f) => s + (f.rateBps ?? 0), 0);
}

/** An explanation: its key and figures for a client's own wording, and the text in both languages. */
function explanation<K extends HealthMessageKey>(
  key: K,
  params: Record<string, string | number>,
  ...args: HealthArgs<K>
): HealthCheckExplanation {
  return { key, params, text: inBothLanguages(key, ...args) };
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The portfolio health check (基金健诊): concentration, each holding's risk level against the
 * investor's assessed level, fee drag and overlap, each finding with its figures and the facts it
 * rests on; suggestions name only catalogue products at or below the investor's level.
 * Pure and deterministic: the same holdings in any order give the same report.
 *
 * @example
 * checkPortfolio({ holdings: [{ holding, source: { kind: 'user' } }], investorLevel: 'C2', catalogue, locale: 'zh-CN' })
 */
export function checkPortfolio(input: CheckPortfolioInput): HealthCheckReport {
  const sourced = [...input.holdings].sort((a, b) => byId(a.holding, b.holding));
  const first = sourced[0];
  if (first === undefined) throw new RangeError('checkPortfolio needs at least one holding');
  const currency: CurrencyCode = first.holding.marketValue.currency;
  if (sourced.some((s) => s.holding.marketValue.currency !== currency)) {
    throw new RangeError('checkPortfolio needs holdings in one currency');
  }
  const holdings = sourced.map((s) => s.holding);
  const sourceOf = new Map(sourced.map((s) => [s.holding.id, s.source]));
  const cite = (h: Holding): HealthCheckCitation => ({
    kind: 'holding',
    holdingId: h.id,
    ...(h.productId !== undefined ? { productId: h.productId } : {}),
    source: sourceOf.get(h.id) ?? { kind: 'user' },
  });
  const level = input.investorLevel;
  const levelCitation: HealthCheckCitation = {
    kind: 'investor_level',
    level: level ?? null,
    source: { kind: 'session_signal', signal: INVESTOR_RISK_LEVEL_SIGNAL },
  };
  const rule = (name: HealthCheckRule): HealthCheckCitation => ({
    kind: 'rule',
    rule: name,
    thresholdBps: HEALTH_CHECK_THRESHOLDS[name],
  });

  const totalBig = holdings.reduce((s, h) => s + BigInt(h.marketValue.value), 0n);
  const total: Money = { value: Number(totalBig), currency };
  const shares = holdingShares(holdings);
  const findings: HealthCheckFinding[] = [];

  // Risk level against the assessed level.
  if (level !== undefined) {
    for (const h of holdings) {
      if (h.riskLevel === undefined || suits(level, h.riskLevel)) continue;
      const share = shares.get(h.id) ?? 0;
      const params = { name: h.name, product: h.riskLevel, investor: level, share: formatBps(share) };
      findings.push({
        id: `risk_above_level:${h.id}`,
        kind: 'risk_above_level',
        severity: riskRank(h.riskLevel) - riskRank(level) >= 2 ? 'high' : 'warning',
        figures: [
          { name: 'product_risk_level', unit: 'level', level: h.riskLevel },
          { name: 'investor_level', unit: 'level', level },
          { name: 'share', unit: 'bps', value: share },
        ],
        explanation: explanation('health.risk_above_level', params, h.name, h.riskLevel, level, params.share),
        citations: [cite(h), levelCitation],
      });
    }
  } else {
    const rated = holdings.filter((h) => h.riskLevel !== undefined);
    if (rated.length > 0) {
      findings.push({
        id: 'no_assessment',
        kind: 'no_assessment',
        severity: 'warning',
        figures: [{ name: 'rated_holdings', unit: 'count', value: rated.length }],
        explanation: explanation('health.no_assessment', { count: rated.length }, rated.length),
        citations: [...rated.map(cite), levelCitation],
      });
    }
  }

  // Concentration: the largest single holding.
  const largest = [...holdings].sort((a, b) =>
    a.marketValue.value === b.marketValue.value ? byId(a, b) : b.marketValue.value - a.marketValue.value,
  )[0];
  if (
    largest !== undefined &&
    above(BigInt(largest.marketValue.value), totalBig, HEALTH_CHECK_THRESHOLDS['concentration.holding'])
  ) {
    const share = shareBps(BigInt(largest.marketValue.value), totalBig);
    const hhi = [...shares.values()].reduce((s, x) => s + x * x, 0);
    const hhiIndex = Math.round(hhi / 10_000);
    const params = {
      name: largest.name,
      share: formatBps(share),
      threshold: formatBps(HEALTH_CHECK_THRESHOLDS['concentration.holding']),
      hhi: hhiIndex,
    };
    findings.push({
      id: `concentration:${largest.id}`,
      kind: 'concentration',
      severity: share > HIGH_ABOVE['concentration.holding'] ? 'high' : 'warning',
      figures: [
        { name: 'largest_share', unit: 'bps', value: share },
        { name: 'threshold', unit: 'bps', value: HEALTH_CHECK_THRESHOLDS['concentration.holding'] },
        { name: 'hhi', unit: 'bps', value: hhiIndex },
        { name: 'largest_value', unit: 'money', money: largest.marketValue },
        { name: 'total', unit: 'money', money: total },
      ],
      explanation: explanation(
        'health.concentration',
        params,
        largest.name,
        params.share,
        largest.marketValue,
        total,
        params.threshold,
        hhiIndex,
      ),
      citations: [...holdings.map(cite), rule('concentration.holding')],
    });
  }

  // Concentration and overlap by category.
  const categories = new Map<string, Holding[]>();
  for (const h of holdings) {
    if (h.category === undefined) continue;
    categories.set(h.category, [...(categories.get(h.category) ?? []), h]);
  }
  const categoryValue = (hs: readonly Holding[]) => hs.reduce((s, h) => s + BigInt(h.marketValue.value), 0n);
  const topCategory = [...categories.entries()].sort(([a, ah], [b, bh]) => {
    const d = categoryValue(bh) - categoryValue(ah);
    return d === 0n ? (a < b ? -1 : 1) : d > 0n ? 1 : -1;
  })[0];
  if (topCategory !== undefined) {
    const [category, members] = topCategory;
    const value = categoryValue(members);
    if (above(value, totalBig, HEALTH_CHECK_THRESHOLDS['concentration.category'])) {
      const share = shareBps(value, totalBig);
      const params = {
        category,
        share: formatBps(share),
        threshold: formatBps(HEALTH_CHECK_THRESHOLDS['concentration.category']),
        count: members.length,
      };
      findings.push({
        id: `category_concentration:${category}`,
        kind: 'category_concentration',
        severity: share > HIGH_ABOVE['concentration.category'] ? 'high' : 'warning',
        figures: [
          { name: 'category', unit: 'text', text: category },
          { name: 'category_share', unit: 'bps', value: share },
          { name: 'threshold', unit: 'bps', value: HEALTH_CHECK_THRESHOLDS['concentration.category'] },
          { name: 'holdings', unit: 'count', value: members.length },
        ],
        explanation: explanation(
          'health.category_concentration',
          params,
          members.length,
          category,
          params.share,
          params.threshold,
        ),
        citations: [...members.map(cite), rule('concentration.category')],
      });
    }
  }
  for (const [category, members] of categories) {
    if (members.length < 2) continue;
    const share = shareBps(categoryValue(members), totalBig);
    const names = members.map((m) => m.name);
    const params = { category, count: members.length, share: formatBps(share), names: names.join('、') };
    findings.push({
      id: `overlap:category:${category}`,
      kind: 'overlap',
      severity: 'info',
      figures: [
        { name: 'category', unit: 'text', text: category },
        { name: 'holdings', unit: 'count', value: members.length },
        { name: 'combined_share', unit: 'bps', value: share },
      ],
      explanation: explanation('health.overlap.category', params, names, category, params.share),
      citations: members.map(cite),
    });
  }

  // Overlap through shared underlying exposures, looked through each holding's weights.
  const exposures = new Map<string, { name: string; members: { h: Holding; weightBps: number }[] }>();
  for (const h of holdings) {
    for (const e of h.topExposures ?? []) {
      const key = e.name.trim().toLowerCase();
      const entry = exposures.get(key) ?? { name: e.name.trim(), members: [] };
      if (!entry.members.some((m) => m.h.id === h.id)) entry.members.push({ h, weightBps: e.weightBps });
      exposures.set(key, entry);
    }
  }
  for (const [key, { name, members }] of [...exposures.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (members.length < 2) continue;
    // Look-through value in minor units × 10 000 (exact).
    const scaled = members.reduce((s, m) => s + BigInt(m.h.marketValue.value) * BigInt(m.weightBps), 0n);
    const threshold = HEALTH_CHECK_THRESHOLDS['overlap.exposure'];
    if (!(totalBig > 0n && scaled > BigInt(threshold) * totalBig)) continue;
    const share = Number(divRound(scaled, totalBig));
    const lookThrough: Money = { value: Number(divRound(scaled, 10_000n)), currency };
    const params = {
      exposure: name,
      count: members.length,
      share: formatBps(share),
      threshold: formatBps(threshold),
    };
    findings.push({
      id: `overlap:exposure:${key}`,
      kind: 'overlap',
      severity: share > HIGH_ABOVE['overlap.exposure'] ? 'high' : 'warning',
      figures: [
        { name: 'exposure', unit: 'text', text: name },
        { name: 'holdings', unit: 'count', value: members.length },
        { name: 'look_through_share', unit: 'bps', value: share },
        { name: 'look_through_value', unit: 'money', money: lookThrough },
        { name: 'threshold', unit: 'bps', value: threshold },
        { name: 'formula', unit: 'text', text: 'Σ(market value × exposure weight) / total' },
      ],
      explanation: explanation(
        'health.overlap.exposure',
        params,
        members.length,
        name,
        params.share,
        lookThrough,
        params.threshold,
      ),
      citations: [...members.map((m) => cite(m.h)), rule('overlap.exposure')],
    });
  }

  // Fee drag: fees weighted by market value, over the holdings whose fees are known.
  const priced = holdings.flatMap((h) => {
    const fee = annualFeeBps(h);
    return fee === undefined ? [] : [{ h, fee }];
  });
  if (priced.length > 0) {
    const pricedValue = priced.reduce((s, p) => s + BigInt(p.h.marketValue.value), 0n);
    const weighted = priced.reduce((s, p) => s + BigInt(p.h.marketValue.value) * BigInt(p.fee), 0n);
    const threshold = HEALTH_CHECK_THRESHOLDS['fee_drag.weighted_rate'];
    if (pricedValue > 0n && weighted > BigInt(threshold) * pricedValue) {
      const rate = Number(divRound(weighted, pricedValue));
      const yearly: Money = { value: Number(divRound(weighted, 10_000n)), currency };
      const covered = shareBps(pricedValue, totalBig);
      const params = {
        rate: formatBps(rate),
        yearly: formatMoney(yearly, input.locale),
        threshold: formatBps(threshold),
        covered: formatBps(covered),
      };
      findings.push({
        id: 'fee_drag',
        kind: 'fee_drag',
        severity: rate > HIGH_ABOVE['fee_drag.weighted_rate'] ? 'high' : 'warning',
        figures: [
          { name: 'weighted_annual_fee', unit: 'bps', value: rate },
          { name: 'yearly_cost', unit: 'money', money: yearly },
          { name: 'threshold', unit: 'bps', value: threshold },
          { name: 'covered_share', unit: 'bps', value: covered },
          {
            name: 'formula',
            unit: 'text',
            text: 'rate = Σ(market value × (management + custody + sales service)) / Σ market value; yearly cost = Σ(market value × rate)',
          },
        ],
        explanation: explanation(
          'health.fee_drag',
          params,
          params.rate,
          yearly,
          params.threshold,
          params.covered,
        ),
        citations: [...priced.map((p) => cite(p.h)), rule('fee_drag.weighted_rate')],
      });
    }
  }

  findings.sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const suggestions = suggest(findings, input, currency, holdings, levelCitation);
  return {
    locale: input.locale,
    currency,
    total,
    investorLevel: level ?? null,
    holdings: holdings.map(
      (h): HealthCheckHolding => ({
        id: h.id,
        name: h.name,
        ...(h.riskLevel !== undefined ? { riskLevel: h.riskLevel } : {}),
        ...(h.category !== undefined ? { category: h.category } : {}),
        marketValue: h.marketValue,
        shareBps: shares.get(h.id) ?? 0,
        source: sourceOf.get(h.id) ?? { kind: 'user' },
      }),
    ),
    findings,
    suggestions,
    summary: summary(findings, input.locale),
  };
}

function summary(findings: readonly HealthCheckFinding[], locale: Locale): string {
  return healthText(locale, 'summary', findings.filter((f) => f.severity !== 'info').length);
}

function suggest(
  findings: readonly HealthCheckFinding[],
  input: CheckPortfolioInput,
  currency: CurrencyCode,
  holdings: readonly Holding[],
  levelCitation: HealthCheckCitation,
): HealthCheckSuggestion[] {
  const level = input.investorLevel;
  const out: HealthCheckSuggestion[] = [];
  if (level === undefined) {
    const noAssessment = findings.find((f) => f.kind === 'no_assessment');
    if (noAssessment !== undefined) {
      out.push({
        kind: 'take_assessment',
        addresses: [noAssessment.id],
        offers: [],
        explanation: explanation('health.suggest.take_assessment', {}),
        citations: [levelCitation],
      });
    }
    // Without an assessed level no product is suggested at all.
    return out;
  }
  const held = new Set(holdings.flatMap((h) => (h.productId === undefined ? [] : [h.productId])));
  const suitable = input.catalogue
    .filter(
      (o) =>
        o.riskLevel !== undefined &&
        suits(level, o.riskLevel) &&
        SUGGESTIBLE_TYPES.includes(o.productType) &&
        o.currency === currency &&
        !held.has(o.id),
    )
    .sort(
      (a, b) =>
        riskRank(a.riskLevel ?? 'R5') - riskRank(b.riskLevel ?? 'R5') || byId(a, b) || a.version - b.version,
    );
  const offerRef = (o: HealthCheckOffer) => ({
    offerId: o.id,
    version: o.version,
    // `suitable` holds only rated offers.
    riskLevel: o.riskLevel ?? 'R1',
    name: { 'zh-CN': o.texts['zh-CN'].name, en: o.texts.en.name },
  });
  const offerCitation = (o: HealthCheckOffer): HealthCheckCitation => ({
    kind: 'offer',
    offerId: o.id,
    version: o.version,
  });

  const spread = findings.filter(
    (f) =>
      f.kind === 'concentration' ||
      f.kind === 'category_concentration' ||
      f.kind === 'risk_above_level' ||
      (f.kind === 'overlap' && f.severity !== 'info'),
  );
  if (spread.length > 0) {
    const picks = suitable.slice(0, MAX_SUGGESTED_OFFERS);
    out.push({
      kind: 'diversify',
      addresses: spread.map((f) => f.id),
      offers: picks.map(offerRef),
      explanation: explanation('health.suggest.diversify', { level, count: picks.length }, level, picks),
      citations: [levelCitation, ...picks.map(offerCitation)],
    });
  }
  const fee = findings.find((f) => f.kind === 'fee_drag');
  const feeRate = fee?.figures.find((x) => x.name === 'weighted_annual_fee');
  if (fee !== undefined && feeRate?.unit === 'bps') {
    const cheaper = suitable
      .filter((o) => offerAnnualFeeBps(o) < feeRate.value)
      .sort((a, b) => offerAnnualFeeBps(a) - offerAnnualFeeBps(b) || byId(a, b))
      .slice(0, MAX_SUGGESTED_OFFERS);
    if (cheaper.length > 0) {
      out.push({
        kind: 'lower_fees',
        addresses: [fee.id],
        offers: cheaper.map(offerRef),
        explanation: explanation(
          'health.suggest.lower_fees',
          { level, count: cheaper.length },
          level,
          cheaper.map((o) => ({ texts: o.texts, fee: formatBps(offerAnnualFeeBps(o)) })),
        ),
        citations: [levelCitation, ...cheaper.map(offerCitation)],
      });
    }
  }
  return out;
}
