import { z } from 'zod';
import { BasisPoints, Locale, LocalizedText, Slug, Timestamp } from './common.js';
import { CurrencyCode, Money } from './money.js';
import { ProductType } from './product-type.js';
import { InvestorRiskLevel, ProductRiskLevel } from './suitability.js';

/**
 * The trusted signal type (`POST /v1/signals`) that carries a user's holdings, as the partner (a
 * brokerage, a fund platform, the bank's own app) knows them. The newest one for the session user
 * is the portfolio the health check reads. Session claims cannot carry it: their signal values are
 * scalars of at most 200 characters.
 */
export const PORTFOLIO_HOLDINGS_SIGNAL = 'portfolio.holdings';

/** Id of a holding within one portfolio: chosen by the partner or the user. */
export const HoldingId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'must be letters, digits and . _ : -');

/** Annual fee rates of a holding, in basis points per year (150 = 1.50 % a year). */
export const HoldingFees = z
  .strictObject({
    managementBps: BasisPoints.max(10_000).optional(),
    custodyBps: BasisPoints.max(10_000).optional(),
    salesServiceBps: BasisPoints.max(10_000).optional(),
  })
  .meta({ id: 'HoldingFees' });
export type HoldingFees = z.infer<typeof HoldingFees>;

/** Lower-case asset class or category, e.g. `equity`, `bond`, `money_market`, `tech-equity`. */
export const HoldingCategory = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/, 'must be a lower-case category such as equity');

/** One thing the holding is invested in (a stock, a bond issue, an index), with its weight inside it. */
export const HoldingExposure = z
  .strictObject({
    name: z.string().trim().min(1).max(80),
    /** Share of the holding invested in it, basis points (1 250 = 12.5 %). */
    weightBps: z.int().min(1).max(10_000),
  })
  .meta({ id: 'HoldingExposure' });
export type HoldingExposure = z.infer<typeof HoldingExposure>;

/** One position: a fund, a wealth-management product, a deposit, as the holder holds it now. */
export const Holding = z
  .strictObject({
    id: HoldingId,
    /** The catalogue offer it is, when it is one of the bank's own products. */
    productId: Slug.optional(),
    name: z.string().trim().min(1).max(80),
    productType: ProductType.optional(),
    riskLevel: ProductRiskLevel.optional(),
    /** Market value today, in the currency's minor units. */
    marketValue: Money,
    fees: HoldingFees.optional(),
    category: HoldingCategory.optional(),
    topExposures: z.array(HoldingExposure).max(10).optional(),
  })
  .superRefine((h, ctx) => {
    const total = (h.topExposures ?? []).reduce((sum, e) => sum + e.weightBps, 0);
    if (total > 10_000) {
      ctx.addIssue({
        code: 'custom',
        path: ['topExposures'],
        message: 'the exposures’ weights add up to more than 100 %',
        params: { code: 'exposures_over_100' },
      });
    }
  })
  .meta({ id: 'Holding' });
export type Holding = z.infer<typeof Holding>;

function holdingsRules(holdings: readonly Holding[], ctx: z.RefinementCtx, path: (string | number)[]) {
  const seen = new Set<string>();
  const currency = holdings[0]?.marketValue.currency;
  holdings.forEach((h, i) => {
    if (seen.has(h.id)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, i, 'id'],
        message: `duplicate holding id ${h.id}`,
        params: { code: 'duplicate_holding_id' },
      });
    }
    seen.add(h.id);
    if (h.marketValue.currency !== currency) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, i, 'marketValue', 'currency'],
        message: `must be ${currency}, the portfolio's currency (one currency per check)`,
        params: { code: 'mixed_currencies' },
      });
    }
  });
}

/** A portfolio: up to 50 holdings in one currency, ids unique. */
export const PortfolioHoldings = z
  .strictObject({ holdings: z.array(Holding).min(1).max(50) })
  .superRefine((p, ctx) => holdingsRules(p.holdings, ctx, ['holdings']))
  .meta({ id: 'PortfolioHoldings' });
export type PortfolioHoldings = z.infer<typeof PortfolioHoldings>;

/**
 * `POST /v1/portfolio/health-check`: holdings the user entered, checked together with the trusted
 * `portfolio.holdings` signal's (when the partner sent one). With neither, the check is refused.
 */
export const HealthCheckRequest = z
  .strictObject({
    holdings: z.array(Holding).max(50).optional(),
    locale: Locale.optional(),
  })
  .superRefine((r, ctx) => holdingsRules(r.holdings ?? [], ctx, ['holdings']))
  .meta({ id: 'HealthCheckRequest' });
export type HealthCheckRequest = z.input<typeof HealthCheckRequest>;

/** Where a holding's facts come from: a trusted partner signal, or the user's own entry. */
export const HoldingSource = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('signal'), signalId: z.string(), occurredAt: Timestamp }),
    z.object({ kind: z.literal('user') }),
  ])
  .meta({ id: 'HoldingSource' });
export type HoldingSource = z.infer<typeof HoldingSource>;

/** What a statement of the report rests on. */
export const HealthCheckCitation = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('holding'),
      holdingId: HoldingId,
      productId: Slug.optional().meta({ description: 'The catalogue product the holding is, when known.' }),
      source: HoldingSource,
    }),
    z.object({
      kind: z.literal('investor_level'),
      level: InvestorRiskLevel.nullable().meta({
        description: 'Null: the session carries no valid assessment.',
      }),
      source: z.object({ kind: z.literal('session_signal'), signal: z.string() }),
    }),
    z.object({ kind: z.literal('offer'), offerId: Slug, version: z.int().min(1) }),
    z.object({
      kind: z.literal('rule'),
      rule: z.string().meta({ description: 'The documented rule, e.g. `concentration.holding`.' }),
      thresholdBps: z.int().min(0),
    }),
  ])
  .meta({ id: 'HealthCheckCitation' });
export type HealthCheckCitation = z.infer<typeof HealthCheckCitation>;

/** A number a finding states, with its unit. */
export const HealthCheckFigure = z
  .discriminatedUnion('unit', [
    z.object({ name: z.string(), unit: z.literal('bps'), value: z.int() }),
    z.object({ name: z.string(), unit: z.literal('money'), money: Money }),
    z.object({ name: z.string(), unit: z.literal('count'), value: z.int().min(0) }),
    z.object({
      name: z.string(),
      unit: z.literal('level'),
      level: z.union([ProductRiskLevel, InvestorRiskLevel]),
    }),
    z.object({ name: z.string(), unit: z.literal('text'), text: z.string() }),
  ])
  .meta({ id: 'HealthCheckFigure' });
export type HealthCheckFigure = z.infer<typeof HealthCheckFigure>;

export const HealthCheckFindingKind = z
  .enum([
    'concentration',
    'category_concentration',
    'risk_above_level',
    'no_assessment',
    'fee_drag',
    'overlap',
  ])
  .meta({ id: 'HealthCheckFindingKind' });
export type HealthCheckFindingKind = z.infer<typeof HealthCheckFindingKind>;

export const HealthCheckSeverity = z.enum(['info', 'warning', 'high']).meta({ id: 'HealthCheckSeverity' });
export type HealthCheckSeverity = z.infer<typeof HealthCheckSeverity>;

/** An explanation: a message key and its parameters, and the sentence in both languages. */
export const HealthCheckExplanation = z
  .object({
    key: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    text: LocalizedText,
  })
  .meta({ id: 'HealthCheckExplanation' });
export type HealthCheckExplanation = z.infer<typeof HealthCheckExplanation>;

export const HealthCheckFinding = z
  .object({
    id: z.string().meta({ description: 'Stable within the report, e.g. `concentration:fund-a`.' }),
    kind: HealthCheckFindingKind,
    severity: HealthCheckSeverity,
    figures: z.array(HealthCheckFigure),
    explanation: HealthCheckExplanation,
    citations: z.array(HealthCheckCitation).min(1),
  })
  .meta({ id: 'HealthCheckFinding' });
export type HealthCheckFinding = z.infer<typeof HealthCheckFinding>;

/** A next step. A product suggested is never above the investor's level; it cites its offer. */
export const HealthCheckSuggestion = z
  .object({
    kind: z.enum(['diversify', 'lower_fees', 'take_assessment']),
    addresses: z.array(z.string()).min(1).meta({ description: 'Ids of the findings it answers.' }),
    offers: z.array(
      z.object({ offerId: Slug, version: z.int().min(1), riskLevel: ProductRiskLevel, name: LocalizedText }),
    ),
    explanation: HealthCheckExplanation,
    citations: z.array(HealthCheckCitation).min(1),
  })
  .meta({ id: 'HealthCheckSuggestion' });
export type HealthCheckSuggestion = z.infer<typeof HealthCheckSuggestion>;

/** One holding with its computed share of the portfolio. Shares add up to exactly 10 000 bps. */
export const HealthCheckHolding = z
  .object({
    id: HoldingId,
    name: z.string(),
    riskLevel: ProductRiskLevel.optional(),
    category: z.string().optional(),
    marketValue: Money,
    shareBps: z.int().min(0).max(10_000),
    source: HoldingSource,
  })
  .meta({ id: 'HealthCheckHolding' });
export type HealthCheckHolding = z.infer<typeof HealthCheckHolding>;

/** The portfolio health check (基金健诊): findings with figures and citations, and suggestions. */
export const HealthCheckReport = z
  .object({
    locale: Locale,
    currency: CurrencyCode,
    total: Money,
    investorLevel: InvestorRiskLevel.nullable(),
    holdings: z.array(HealthCheckHolding),
    findings: z.array(HealthCheckFinding),
    suggestions: z.array(HealthCheckSuggestion),
    summary: z.string().meta({ description: 'One sentence in `locale`.' }),
  })
  .meta({ id: 'HealthCheckReport' });
export type HealthCheckReport = z.infer<typeof HealthCheckReport>;
