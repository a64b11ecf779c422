import {
  type AssessmentRequiredReason,
  InvestorRiskLevel,
  type LocalizedText,
  type Money,
  type Offer,
  type OfferTrigger,
  type Signal,
  type SignalType,
  type SuitabilityReasonCode,
  signalMetric,
  signalMoney,
  suits,
  type TriggerCondition,
} from '@finlet/contracts';
import { quietHoursEnd } from './quiet-hours.js';
import { formatMetric, nudgeText, SIGNAL_LABELS } from './text.js';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** A nudge the user already got (any status): what cool-downs and the weekly cap count. */
export interface NudgeHistoryEntry {
  offerId: string;
  triggerId: string;
  createdAt: string;
}

export interface EvaluateNudgesInput {
  /** Published offers; those without triggers, for another partner or out of their period are skipped. */
  offers: readonly Offer[];
  /** The user's recent signals, any order. Signals after `now` are ignored. */
  signals: readonly Signal[];
  /** The user's nudges of at least the last 7 days and the longest cool-down. */
  history: readonly NudgeHistoryEntry[];
  partnerId: string;
  now: Date;
  /**
   * The user's assessed level, from trusted signals (`investorLevelFrom`). A product with a risk
   * level is never nudged above it, nor to a user without one: a nudge is a recommendation, and
   * an acknowledged override is a choice the user makes, never one the bank pushes.
   */
  investorLevel?: InvestorRiskLevel | undefined;
  /** Without a level: the user's assessment has expired (rather than never taken). */
  assessmentExpired?: boolean | undefined;
}

export interface NudgeDecision {
  offer: Offer;
  trigger: OfferTrigger;
  /**
   * Same offer, trigger and newest signal that satisfied it: evaluating the same signals twice
   * yields the same key, so storage can refuse the second nudge.
   */
  dedupeKey: string;
  explanation: LocalizedText;
  amount: Money | null;
  /**
   * `now`: the in-page list (`GET /v1/nudges`) shows a nudge as soon as it is raised, quiet hours
   * included, because a user who is on the partner's page at 23:00 chose to be there.
   */
  visibleFrom: Date;
  /**
   * When the partner may be told (`nudge.created`), which it may turn into a push or a message:
   * `now`, or the end of the trigger's quiet hours when `now` falls inside them.
   */
  notifyFrom: Date;
  /** Counted from `notifyFrom`, so a nudge held back overnight is not stale when the partner hears of it. */
  expiresAt: Date;
}

export type SuppressionReason =
  | 'conditions_unmet'
  | 'cooldown'
  | 'weekly_cap'
  /** Another trigger of the same offer raised its nudge in this evaluation. */
  | 'same_offer'
  | SuitabilityReasonCode;

/**
 * A rated product whose trigger held for a user without a valid assessment: not recommended, but
 * the user is asked to take the assessment (at most one such prompt per evaluation).
 */
export interface AssessmentNudgeDecision extends Omit<NudgeDecision, 'amount'> {
  reason: AssessmentRequiredReason;
}

export interface NudgeEvaluation {
  nudges: NudgeDecision[];
  /** The "take the risk assessment" prompt, when a rated product's trigger held for a user without a valid one. */
  assessment?: AssessmentNudgeDecision;
  suppressed: Array<{ offerId: string; triggerId: string; reason: SuppressionReason }>;
}

interface ConditionOutcome {
  met: boolean;
  /** Newest signal the condition looked at. */
  newest?: Signal;
  /** The explanation, built only for conditions that end up in a nudge. */
  text?: () => LocalizedText;
}

interface Timed {
  signal: Signal;
  at: number;
}

/** A user's signals by type, each list oldest first, times parsed once per evaluation. */
class SignalIndex {
  private readonly byType = new Map<SignalType, Timed[]>();

  constructor(signals: readonly Signal[], now: number) {
    const timed = signals
      .map((signal) => ({ signal, at: Date.parse(signal.occurredAt) }))
      .filter((t) => t.at <= now)
      .sort((a, b) => a.at - b.at || (a.signal.id < b.signal.id ? -1 : a.signal.id > b.signal.id ? 1 : 0));
    for (const t of timed) {
      const list = this.byType.get(t.signal.type);
      if (list) list.push(t);
      else this.byType.set(t.signal.type, [t]);
    }
  }

  /** Signals of a type with `from ≤ time`, oldest first (all are at or before now). */
  since(type: SignalType, from: number): Signal[] {
    const list = this.byType.get(type) ?? [];
    let i = list.length;
    while (i > 0 && (list[i - 1] as Timed).at >= from) i -= 1;
    return list.slice(i).map((t) => t.signal);
  }

  newest(type: SignalType): Signal | undefined {
    return this.byType.get(type)?.at(-1)?.signal;
  }

  newestOf(signals: Signal[]): Signal | undefined {
    let best: Timed | undefined;
    for (const s of signals) {
      const at = Date.parse(s.occurredAt);
      if (!best || at > best.at || (at === best.at && s.id > best.signal.id)) best = { signal: s, at };
    }
    return best?.signal;
  }
}

/** Evaluates one condition over the user's signals at `now`. Metrics are integers: no floats. */
export function evaluateCondition(
  condition: TriggerCondition,
  signals: readonly Signal[],
  now: Date,
): { met: boolean; newest?: Signal; text?: LocalizedText } {
  const outcome = conditionOn(condition, new SignalIndex(signals, now.getTime()), now);
  return {
    met: outcome.met,
    ...(outcome.newest ? { newest: outcome.newest } : {}),
    ...(outcome.text ? { text: outcome.text() } : {}),
  };
}

function conditionOn(condition: TriggerCondition, index: SignalIndex, now: Date): ConditionOutcome {
  const to = now.getTime();
  const label = SIGNAL_LABELS[condition.signal];
  if (condition.kind === 'threshold') {
    const newest = index.newest(condition.signal);
    const value = newest && signalMetric(newest);
    if (newest === undefined || value === undefined) return { met: false };
    const met = {
      gt: value > condition.value,
      gte: value >= condition.value,
      lt: value < condition.value,
      lte: value <= condition.value,
    }[condition.op];
    return {
      met,
      newest,
      text: () => nudgeText('threshold', label, formatMetric(newest)),
    };
  }
  const inWindow = index.since(condition.signal, to - condition.windowDays * DAY_MS);
  const newest = inWindow.at(-1);
  if (condition.kind === 'count') {
    const n = inWindow.length;
    return {
      met: n >= condition.min,
      ...(newest ? { newest } : {}),
      text: () => nudgeText('count', label, n, condition.windowDays),
    };
  }
  const oldest = inWindow[0];
  if (!oldest || !newest || oldest === newest) return { met: false };
  const base = signalMetric(oldest);
  const latest = signalMetric(newest);
  if (base === undefined || latest === undefined) return { met: false };
  // (latest − base) / base ≥ percent / 100, cross-multiplied in BigInt so no rounding and no overflow.
  const delta = condition.direction === 'up' ? BigInt(latest) - BigInt(base) : BigInt(base) - BigInt(latest);
  const met = delta > 0n && delta * 100n >= BigInt(condition.percent) * BigInt(base);
  return {
    met,
    newest,
    text: () => {
      // "从 46 升至 92 天" in Chinese; in English the unit once, at the end, for days ("from 46 to 92 days").
      const from = {
        'zh-CN': formatMetric(oldest, { unit: false })['zh-CN'],
        en: formatMetric(oldest, { unit: condition.signal !== 'inventory.turnover_days' }).en,
      };
      return nudgeText(
        'change',
        label,
        condition.direction,
        condition.windowDays,
        from,
        formatMetric(newest),
      );
    },
  };
}

/** The pre-qualified amount: a share of a money signal or the offer's maximum, within the offer's limits. */
export function prequalifiedAmount(
  offer: Offer,
  trigger: OfferTrigger,
  signals: readonly Signal[],
  now: Date,
): Money | null {
  const rule = trigger.prequalify;
  // A product without an amount range (an account, a card) has no amount to pre-qualify.
  const range = offer.amount;
  if (!rule || !range) return null;
  if (rule.kind === 'offer_max') return { ...range.max };
  const newest = new SignalIndex(signals, now.getTime()).newest(rule.signal);
  const basis = newest && signalMoney(newest);
  if (!basis || basis.currency !== offer.currency) return null;
  const share = Number((BigInt(basis.value) * BigInt(rule.percent)) / 100n);
  if (share < range.min.value) return null;
  return { value: Math.min(share, range.max.value), currency: offer.currency };
}

/** The first trigger of a rated product that would nudge, turned into a "take the assessment" prompt. */
function assessmentPrompt(
  offer: Offer,
  index: SignalIndex,
  input: EvaluateNudgesInput,
  lastWeek: number,
): AssessmentNudgeDecision | undefined {
  const { now } = input;
  const at = now.getTime();
  for (const trigger of offer.triggers ?? []) {
    const outcomes = trigger.when.map((condition) => conditionOn(condition, index, now));
    if (!outcomes.every((o) => o.met)) continue;
    const cooling = input.history.some(
      (h) => h.offerId === offer.id && at - Date.parse(h.createdAt) < trigger.cooldownDays * DAY_MS,
    );
    if (cooling || lastWeek >= trigger.weeklyCap) return undefined;
    const newest = index.newestOf(outcomes.map((o) => o.newest).filter((s): s is Signal => s !== undefined));
    const notifyFrom = trigger.quietHours ? quietHoursEnd(trigger.quietHours, now) : now;
    const name = { 'zh-CN': offer.texts['zh-CN'].name, en: offer.texts.en.name };
    const reasons = outcomes.flatMap((o) => (o.text ? [o.text()] : []));
    const reason: AssessmentRequiredReason = input.assessmentExpired ? 'assessment_expired' : 'no_assessment';
    return {
      offer,
      trigger,
      reason,
      dedupeKey: `assessment:${offer.id}:${trigger.id}:${newest?.id ?? 'none'}`,
      explanation: nudgeText('assessmentNudge', reasons, name, reason === 'assessment_expired'),
      visibleFrom: now,
      notifyFrom,
      expiresAt: new Date(notifyFrom.getTime() + trigger.expiresAfterHours * 3_600_000),
    };
  }
  return undefined;
}

/** Why a rated product may not be nudged to this investor, or undefined when it may. */
function suitabilityBar(
  offer: Offer,
  investor: InvestorRiskLevel | undefined,
): SuitabilityReasonCode | undefined {
  if (offer.riskLevel === undefined) return undefined;
  if (investor === undefined) return 'needs_risk_assessment';
  return suits(investor, offer.riskLevel) ? undefined : 'above_risk_level';
}

function visibleToPartner(offer: Offer, partnerId: string, now: Date): boolean {
  if (offer.partners && !offer.partners.includes(partnerId)) return false;
  const at = now.getTime();
  if (Date.parse(offer.effective.from) > at) return false;
  return offer.effective.until === undefined || Date.parse(offer.effective.until) > at;
}

/**
 * Decides which nudges to raise for one user now. Pure: the same input gives the same answer.
 * Offers are considered by priority (highest first), then id; an offer raises at most one nudge per
 * evaluation (its first trigger that holds), never inside a trigger's cool-down since the user's
 * last nudge about the same offer (from any of its triggers), and never when the user already got
 * `weeklyCap` nudges (from any offer, this evaluation's included) in the last 7 days.
 */
export function evaluateNudges(input: EvaluateNudgesInput): NudgeEvaluation {
  const { now } = input;
  const at = now.getTime();
  const signals = input.signals.filter((s) => Date.parse(s.occurredAt) <= at);
  const index = new SignalIndex(signals, at);
  let lastWeek = input.history.filter((h) => at - Date.parse(h.createdAt) < WEEK_MS).length;
  const offers = [...input.offers]
    .filter((o) => o.triggers && o.triggers.length > 0 && visibleToPartner(o, input.partnerId, now))
    .sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const result: NudgeEvaluation = { nudges: [], suppressed: [] };
  const investor = InvestorRiskLevel.safeParse(input.investorLevel).data;
  for (const offer of offers) {
    const unsuitable = suitabilityBar(offer, investor);
    // Without an assessment the product is never nudged, but a trigger of it that holds asks the
    // user to take the assessment (once per evaluation, under the same cool-down and weekly cap).
    if (unsuitable === 'needs_risk_assessment' && result.assessment === undefined) {
      const prompt = assessmentPrompt(offer, index, input, lastWeek);
      if (prompt) {
        result.assessment = prompt;
        lastWeek += 1;
      }
    }
    if (unsuitable) {
      for (const trigger of offer.triggers ?? [])
        result.suppressed.push({ offerId: offer.id, triggerId: trigger.id, reason: unsuitable });
      continue;
    }
    let raised = false;
    for (const trigger of offer.triggers ?? []) {
      const outcomes = trigger.when.map((condition) => conditionOn(condition, index, now));
      const skip = (reason: SuppressionReason) =>
        result.suppressed.push({ offerId: offer.id, triggerId: trigger.id, reason });
      if (!outcomes.every((o) => o.met)) {
        skip('conditions_unmet');
        continue;
      }
      // One product, one nudge: when two of its triggers hold at once, the first (in the offer's
      // order) speaks for both.
      if (raised) {
        skip('same_offer');
        continue;
      }
      // A cool-down covers the product, not just the trigger: a user nudged about it by any of its
      // triggers is not nudged about it again by another until this trigger's cool-down has passed.
      const cooling = input.history.some(
        (h) => h.offerId === offer.id && at - Date.parse(h.createdAt) < trigger.cooldownDays * DAY_MS,
      );
      if (cooling) {
        skip('cooldown');
        continue;
      }
      if (lastWeek >= trigger.weeklyCap) {
        skip('weekly_cap');
        continue;
      }
      const newest = index.newestOf(
        outcomes.map((o) => o.newest).filter((s): s is Signal => s !== undefined),
      );
      const notifyFrom = trigger.quietHours ? quietHoursEnd(trigger.quietHours, now) : now;
      const name = { 'zh-CN': offer.texts['zh-CN'].name, en: offer.texts.en.name };
      const reasons = outcomes.flatMap((o) => (o.text ? [o.text()] : []));
      const explanation = nudgeText('nudge', reasons, name, trigger.message);
      result.nudges.push({
        offer,
        trigger,
        dedupeKey: `${offer.id}:${trigger.id}:${newest?.id ?? 'none'}`,
        explanation,
        amount: prequalifiedAmount(offer, trigger, signals, now),
        visibleFrom: now,
        notifyFrom,
        expiresAt: new Date(notifyFrom.getTime() + trigger.expiresAfterHours * 3_600_000),
      });
      lastWeek += 1;
      raised = true;
    }
  }
  return result;
}
