import {
  type BriefFact,
  type BriefStatement,
  type Consent,
  formatMinor,
  type Money,
  type Offer,
  type RecordedSignal,
  type RiskBrief,
  type Signals,
  type SignalType,
  signalMetric,
} from '@finlet/contracts';
import { localizer, plural } from '@finlet/contracts/messages';
import { evaluateChecks } from '../offers/checks.js';
import { evaluateEligibility } from '../offers/eligibility.js';

/** What the gateway knows about one application: its own records, nothing of anyone else. */
export interface BriefInput {
  application: {
    id: string;
    partnerId: string;
    /** Null for a product applied for without an amount (an account, a debit card). */
    amount: Money | null;
    termMonths: number | null;
    purpose: string | null;
    submittedAt: string;
  };
  /** The offer version applied for. */
  offer: Offer | null;
  /** The session's claims at submission; null when they were not recorded. */
  session: { id: string; issuedAt: string; claims: Signals } | null;
  /** Partner-sent signals on record at submission, oldest first. */
  partnerSignals: readonly RecordedSignal[];
  consents: readonly Consent[];
}

type Text = BriefStatement['text'];
type Tone = BriefStatement['tone'];

const money = (m: Money) => `${formatMinor(m)} ${m.currency}`;

/** Trends read from partner signals: which direction is the worrying one. */
const TRENDS: Partial<Record<SignalType, { label: Text; unit: Text; worseWhen: 'up' | 'down' }>> = {
  'inventory.turnover_days': {
    label: { 'zh-CN': '库存周转天数', en: 'Inventory turnover' },
    unit: { 'zh-CN': ' 天', en: ' days' },
    worseWhen: 'up',
  },
  'receivables.outstanding': {
    label: { 'zh-CN': '应收账款余额', en: 'Receivables outstanding' },
    unit: { 'zh-CN': '', en: '' },
    worseWhen: 'down',
  },
  'orders.monthly_gmv': {
    label: { 'zh-CN': '月度交易额', en: 'Monthly GMV' },
    unit: { 'zh-CN': '', en: '' },
    worseWhen: 'down',
  },
};

/** A change of this many basis points or more in the worrying direction is a red flag. */
const TREND_FLAG_BPS = 3_000;
/** A requested amount above this multiple of monthly GMV is out of proportion. */
const GMV_MULTIPLE_FLAG = 6;
/** Repayments above this share of monthly GMV (basis points) strain capacity. */
const REPAYMENT_SHARE_FLAG_BPS = 3_000;
const YOUNG_BUSINESS_MONTHS = 24;

type Trend = NonNullable<(typeof TRENDS)[SignalType]>;

const ZH = {
  trend: (trend: Trend, values: readonly string[], readings: number) =>
    `${trend.label['zh-CN']}：${values.join(' → ')}${trend.unit['zh-CN']}（${readings} 次记录）`,
  trendFlag: (trend: Trend, percent: number) =>
    `${trend.label['zh-CN']}${trend.worseWhen === 'up' ? '上升' : '下降'}了 ${percent}%，经营状况可能在变化。`,
  criterion: (label: Text, met: boolean, observed: string | number | boolean | null | undefined) =>
    `${label['zh-CN']}：${met ? '满足' : '不满足'}（${observed ?? '无数据'}）`,
  check: (check: string, observed: string | number | boolean | null | undefined, expected: string) =>
    `${check === 'amount' ? '申请金额' : '期限'} ${observed ?? '—'}，产品要求 ${expected}`,
  gmvMultiple: (times: string, above: number | undefined) =>
    `申请金额是最近月度交易额的 ${times} 倍${above === undefined ? '' : `，超过 ${above} 倍`}。`,
  receivables: (owed: string, covered: boolean, requested: string) =>
    `应收账款余额 ${owed}${covered ? '覆盖' : '不足以覆盖'}申请金额 ${requested}。`,
  youngBusiness: (months: number, under: number) => `企业经营 ${months} 个月，不足 ${under} 个月。`,
  capacity: (formula: string, repayment: string) =>
    `按最高年化利率估算的月还款上限：${formula} = ${repayment}`,
  repaymentShare: (percent: string) => `月还款约占最近月度交易额的 ${percent}%。`,
  consentWithdrawn: (scopes: readonly string[]) =>
    `申请人已撤回授权（${scopes.join('、')}），不能再据此处理。`,
  approve: '建议批准：各项条件均满足，未发现风险信号。',
  review: (flags: number) => `建议人工审核：有 ${flags} 项风险信号需要核实。`,
  decline: '建议拒绝：有条件不满足或授权已撤回。',
};
const EN: typeof ZH = {
  trend: (trend, values, readings) =>
    `${trend.label.en}: ${values.join(' → ')}${trend.unit.en} (${plural('en', readings, { one: '1 reading', other: `${readings} readings` })})`,
  trendFlag: (trend, percent) =>
    `${trend.label.en} ${trend.worseWhen === 'up' ? 'rose' : 'fell'} ${percent}%: the business may be changing.`,
  criterion: (label, met, observed) => `${label.en}: ${met ? 'met' : 'not met'} (${observed ?? 'no data'})`,
  check: (check, observed, expected) =>
    `${check === 'amount' ? 'Amount' : 'Term'} ${observed ?? '—'}; the offer allows ${expected}`,
  gmvMultiple: (times, above) =>
    `The amount is ${times}× the latest monthly GMV${above === undefined ? '' : `, above ${above}×`}.`,
  receivables: (owed, covered, requested) =>
    `Receivables outstanding of ${owed} ${covered ? 'cover' : 'do not cover'} the ${requested} asked for.`,
  youngBusiness: (months, under) => `The business has traded for ${months} months, under ${under}.`,
  capacity: (formula, repayment) =>
    `Monthly repayment at most, at the highest APR: ${formula} = ${repayment}`,
  repaymentShare: (percent) => `Repayments would take about ${percent}% of the latest monthly GMV.`,
  consentWithdrawn: (scopes) =>
    `The applicant withdrew consent to ${scopes.join(', ')}; processing on it has stopped.`,
  approve: 'Approve: every criterion is met and no red flag was found.',
  review: (flags) =>
    `Review: ${plural('en', flags, { one: `${flags} red flag needs`, other: `${flags} red flags need` })} checking.`,
  decline: 'Decline: a criterion is not met or consent was withdrawn.',
};
/** The brief's statements, in both locales. */
const briefText = localizer<typeof ZH>({ 'zh-CN': ZH, en: EN });

function signalValueText(recorded: RecordedSignal): string {
  const s = recorded.signal;
  if ('amount' in s.data) return money(s.data.amount);
  if (s.type === 'inventory.turnover_days') return String(s.data.days);
  const metric = signalMetric(s);
  return metric === undefined ? s.type : String(metric);
}

/**
 * Builds the risk brief of one application from its own facts. Every statement cites the facts it
 * rests on, and a statement whose facts are missing is not made. Pure and deterministic: the same
 * input gives the same brief.
 */
export function riskBrief(input: BriefInput): RiskBrief {
  const facts: BriefFact[] = [];
  const statements: BriefStatement[] = [];
  const add = (fact: BriefFact) => {
    if (!facts.some((f) => f.id === fact.id)) facts.push(fact);
    return fact.id;
  };
  const say = (section: BriefStatement['section'], tone: Tone, text: Text, cites: readonly string[]) => {
    // Briefs cite or stay silent.
    if (cites.length === 0) return;
    statements.push({ id: `s${statements.length + 1}`, section, tone, text, cites: [...new Set(cites)] });
  };
  const { application, offer, session } = input;

  const requested = application.amount;
  const amountFact =
    requested === null
      ? undefined
      : add({
          id: 'application:amount',
          kind: 'application',
          source: 'applicant',
          key: 'amount',
          value: money(requested),
          at: application.submittedAt,
        });
  const termFact =
    application.termMonths === null
      ? undefined
      : add({
          id: 'application:term',
          kind: 'application',
          source: 'applicant',
          key: 'termMonths',
          value: application.termMonths,
          at: application.submittedAt,
        });

  // Signals, grouped by type, oldest first: the history is the point.
  const byType = new Map<SignalType, RecordedSignal[]>();
  for (const recorded of input.partnerSignals) {
    byType.set(recorded.signal.type, [...(byType.get(recorded.signal.type) ?? []), recorded]);
  }
  const latest = new Map<SignalType, { recorded: RecordedSignal; factId: string }>();
  for (const [type, history] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
    const ids = history.map((recorded) =>
      add({
        id: `signal:${recorded.signal.id}`,
        kind: 'signal',
        source: 'partner_signal',
        key: type,
        value: signalMetric(recorded.signal) ?? null,
        at: recorded.signal.occurredAt,
      }),
    );
    const last = history.at(-1)!;
    latest.set(type, { recorded: last, factId: ids.at(-1)! });
    const trend = TRENDS[type];
    if (!trend) continue;
    const values = history.map(signalValueText);
    say('signals', 'neutral', briefText('trend', trend, values, history.length), ids);
    const first = signalMetric(history[0]!.signal);
    const end = signalMetric(last.signal);
    if (history.length >= 2 && first !== undefined && end !== undefined && first > 0) {
      const changeBps = Math.round(((end - first) * 10_000) / first);
      const worse = trend.worseWhen === 'up' ? changeBps >= TREND_FLAG_BPS : changeBps <= -TREND_FLAG_BPS;
      if (worse) {
        const pct = Math.abs(Math.round(changeBps / 100));
        say('red_flag', 'warning', briefText('trendFlag', trend, pct), [ids[0]!, ids.at(-1)!]);
      }
    }
  }

  // Session claims the offer's criteria read.
  const claimFact = (key: string): string | undefined => {
    const value = session?.claims[key];
    if (session === null || value === undefined) return undefined;
    return add({
      id: `claim:${key}`,
      kind: 'claim',
      source: 'session_claim',
      key,
      value,
      at: session.issuedAt,
    });
  };

  let unmet = 0;
  if (offer) {
    const eligibility = evaluateEligibility(offer, session?.claims ?? {});
    for (const criterion of eligibility.criteria) {
      const id = add({
        id: `criterion:${criterion.id}`,
        kind: 'criterion',
        source: 'offer',
        key: criterion.id,
        value: criterion.met,
        at: null,
      });
      const claim = claimFact(criterion.signal);
      if (!criterion.met) unmet++;
      say(
        'criteria',
        criterion.met ? 'positive' : 'critical',
        briefText('criterion', criterion.label, criterion.met, criterion.observed),
        [id, ...(claim ? [claim] : [])],
      );
    }
    const checks = evaluateChecks(offer, {
      scenario: offer.scenarios[0]!,
      partnerId: application.partnerId,
      now: new Date(application.submittedAt),
      amount: requested ?? undefined,
      termMonths: application.termMonths ?? undefined,
    }).filter((check) => check.check === 'amount' || check.check === 'term');
    for (const check of checks) {
      const id = add({
        id: `check:${check.check}`,
        kind: 'check',
        source: 'offer',
        key: check.check,
        value: check.met,
        at: null,
      });
      if (!check.met) unmet++;
      const subject = check.check === 'amount' ? amountFact : termFact;
      say(
        'criteria',
        check.met ? 'positive' : 'critical',
        briefText('check', check.check, check.observed, check.expected),
        [id, ...(subject ? [subject] : [])],
      );
    }
  }

  // Consistency: the amount against what the business turns over or is owed.
  const gmv = latest.get('orders.monthly_gmv');
  const gmvMoney = gmv && 'amount' in gmv.recorded.signal.data ? gmv.recorded.signal.data.amount : undefined;
  if (
    requested &&
    amountFact &&
    gmv &&
    gmvMoney &&
    gmvMoney.currency === requested.currency &&
    gmvMoney.value > 0
  ) {
    const multipleTenths = Math.round((requested.value * 10) / gmvMoney.value);
    const high = multipleTenths > GMV_MULTIPLE_FLAG * 10;
    const times = (multipleTenths / 10).toFixed(1);
    say(
      high ? 'red_flag' : 'consistency',
      high ? 'warning' : 'positive',
      briefText('gmvMultiple', times, high ? GMV_MULTIPLE_FLAG : undefined),
      [amountFact, gmv.factId],
    );
  }
  const receivables = latest.get('receivables.outstanding');
  const owed =
    receivables && 'amount' in receivables.recorded.signal.data
      ? receivables.recorded.signal.data.amount
      : undefined;
  if (requested && amountFact && receivables && owed && owed.currency === requested.currency) {
    const covered = owed.value >= requested.value;
    say(
      'consistency',
      covered ? 'positive' : 'neutral',
      briefText('receivables', money(owed), covered, money(requested)),
      [amountFact, receivables.factId],
    );
  }
  const age = session?.claims['business.age_months'];
  if (typeof age === 'number' && age < YOUNG_BUSINESS_MONTHS) {
    say('red_flag', 'warning', briefText('youngBusiness', age, YOUNG_BUSINESS_MONTHS), [
      claimFact('business.age_months')!,
    ]);
  }

  // Repayment capacity: a flat-rate upper bound of the monthly repayment, in integer minor units.
  const aprBps = offer?.pricing.apr?.max;
  if (aprBps !== undefined && requested && amountFact && termFact && application.termMonths) {
    const aprFact = add({
      id: `offer:apr_max`,
      kind: 'offer',
      source: 'offer',
      key: 'pricing.apr.max',
      value: aprBps,
      at: null,
    });
    const n = BigInt(application.termMonths);
    const amount = BigInt(requested.value);
    // amount / n + amount × APR / 12, rounded up: never below the annuity payment at that APR.
    const monthly = (amount * (120_000n + BigInt(aprBps) * n) + 120_000n * n - 1n) / (120_000n * n);
    const repayment: Money = { value: Number(monthly), currency: requested.currency };
    const formula = `${money(requested)} ÷ ${application.termMonths} + ${money(requested)} × ${(aprBps / 100).toFixed(2)}% ÷ 12`;
    say('capacity', 'neutral', briefText('capacity', formula, money(repayment)), [
      amountFact,
      termFact,
      aprFact,
    ]);
    if (gmv && gmvMoney && gmvMoney.currency === repayment.currency && gmvMoney.value > 0) {
      const shareBps = Number((monthly * 10_000n) / BigInt(gmvMoney.value));
      const strained = shareBps > REPAYMENT_SHARE_FLAG_BPS;
      say(
        strained ? 'red_flag' : 'capacity',
        strained ? 'warning' : 'positive',
        briefText('repaymentShare', (shareBps / 100).toFixed(1)),
        [amountFact, termFact, aprFact, gmv.factId],
      );
    }
  }

  let withdrawn = 0;
  for (const consent of [...input.consents].sort((a, b) => a.id.localeCompare(b.id))) {
    const id = add({
      id: consent.id,
      kind: 'consent',
      source: 'consent',
      key: consent.scopes.join(' '),
      value: consent.status,
      at: consent.withdrawnAt ?? consent.grantedAt,
    });
    if (consent.status === 'withdrawn') {
      withdrawn++;
      say('consent', 'critical', briefText('consentWithdrawn', consent.scopes), [id]);
    }
  }

  const flags = statements.filter((s) => s.tone === 'warning' || s.tone === 'critical');
  const recommendation: RiskBrief['recommendation'] =
    statements.length === 0
      ? null
      : unmet > 0 || withdrawn > 0
        ? 'decline'
        : flags.length > 0
          ? 'review'
          : 'approve';
  if (recommendation) {
    const basis = recommendation === 'approve' ? statements.filter((s) => s.tone === 'positive') : flags;
    const cites = basis.flatMap((s) => s.cites);
    const words = recommendation === 'review' ? briefText('review', flags.length) : briefText(recommendation);
    say(
      'recommendation',
      recommendation === 'approve' ? 'positive' : recommendation === 'review' ? 'warning' : 'critical',
      words,
      cites,
    );
  }
  return {
    facts,
    statements,
    recommendation: statements.some((s) => s.section === 'recommendation') ? recommendation : null,
  };
}
