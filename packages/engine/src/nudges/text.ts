import { formatMinor, type LocalizedText, type Money, type Signal, type SignalType } from '@finlet/contracts';
import { localizer } from '@finlet/contracts/messages';

/** How each signal type reads in an explanation. */
export const SIGNAL_LABELS: Record<SignalType, LocalizedText> = {
  'inventory.turnover_days': { 'zh-CN': '库存周转天数', en: 'inventory turnover' },
  'receivables.outstanding': { 'zh-CN': '应收账款余额', en: 'outstanding receivables' },
  'orders.monthly_gmv': { 'zh-CN': '月度交易额', en: 'monthly sales' },
  'trip.booked': { 'zh-CN': '行程预订', en: 'trip bookings' },
  'cart.checkout': { 'zh-CN': '购物结算', en: 'checkouts' },
  'gov.service_started': { 'zh-CN': '政务事项办理', en: 'government service applications' },
  'portfolio.holdings': { 'zh-CN': '持仓', en: 'holdings' },
};

/** Money through Intl from its exact decimal string (never through a binary float). */
export function formatNudgeMoney(amount: Money, locale: 'zh-CN' | 'en'): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: amount.currency });
  return format.format(formatMinor(amount) as `${number}`);
}

/** A signal's metric as text in both locales: `62 天` / `62 days`, `¥1,200.00` / `CN¥1,200.00`. */
export function formatMetric(signal: Signal, options: { unit?: boolean } = {}): LocalizedText {
  const unit = options.unit ?? true;
  switch (signal.type) {
    case 'inventory.turnover_days': {
      const d = signal.data.days;
      return unit ? { 'zh-CN': `${d} 天`, en: `${d} days` } : { 'zh-CN': String(d), en: String(d) };
    }
    case 'receivables.outstanding':
    case 'orders.monthly_gmv':
    case 'cart.checkout':
      return {
        'zh-CN': formatNudgeMoney(signal.data.amount, 'zh-CN'),
        en: formatNudgeMoney(signal.data.amount, 'en'),
      };
    case 'trip.booked':
      return {
        'zh-CN': formatNudgeMoney(signal.data.cost, 'zh-CN'),
        en: formatNudgeMoney(signal.data.cost, 'en'),
      };
    case 'gov.service_started':
      return { 'zh-CN': signal.data.serviceType, en: signal.data.serviceType };
    case 'portfolio.holdings': {
      const n = signal.data.holdings.length;
      return { 'zh-CN': `${n} 项持仓`, en: `${n} holding${n === 1 ? '' : 's'}` };
    }
  }
}

const ZH = {
  /** A threshold condition met: the newest reading. */
  threshold: (label: LocalizedText, shown: LocalizedText) => `您的${label['zh-CN']}为 ${shown['zh-CN']}`,
  /** A count condition: how many in the window. */
  count: (label: LocalizedText, n: number, windowDays: number) =>
    `您 ${windowDays} 天内有 ${n} 次${label['zh-CN']}`,
  /** A change condition: from the oldest to the newest reading in the window. */
  change: (
    label: LocalizedText,
    direction: 'up' | 'down',
    windowDays: number,
    from: LocalizedText,
    to: LocalizedText,
  ) =>
    `您的${label['zh-CN']} ${windowDays} 天内从 ${from['zh-CN']} ${direction === 'up' ? '升至' : '降至'} ${to['zh-CN']}`,
  /** A nudge's explanation: what was seen, the product, and the bank's own words if any. */
  nudge: (reasons: readonly LocalizedText[], name: LocalizedText, message: LocalizedText | undefined) =>
    `${reasons.map((r) => r['zh-CN']).join('；')}，「${name['zh-CN']}」或可帮到您。${message ? message['zh-CN'] : ''}`,
  /** A rated product's nudge to a user without a valid assessment: take it first. */
  assessmentNudge: (reasons: readonly LocalizedText[], name: LocalizedText, expired: boolean) =>
    `${reasons.map((r) => r['zh-CN']).join('；')}，「${name['zh-CN']}」或适合您。${expired ? '您的风险测评已过期，请先重新完成风险测评。' : '推荐前请先完成风险测评。'}`,
};
const EN: typeof ZH = {
  threshold: (label, shown) => `Your ${label.en} is ${shown.en}`,
  count: (label, n, windowDays) => `You had ${n} ${label.en} in the last ${windowDays} days`,
  change: (label, direction, windowDays, from, to) =>
    `Your ${label.en} ${direction === 'up' ? 'rose' : 'fell'} from ${from.en} to ${to.en} in ${windowDays} days`,
  nudge: (reasons, name, message) =>
    `${reasons.map((r) => r.en).join('; ')}. ${name.en} may help.${message ? ` ${message.en}` : ''}`,
  assessmentNudge: (reasons, name, expired) =>
    `${reasons.map((r) => r.en).join('; ')}. ${name.en} may suit you. ${expired ? 'Your risk assessment has expired: please take it again first.' : 'Please take the risk assessment first.'}`,
};
/** The nudges' explanations, in both locales. */
export const nudgeText = localizer<typeof ZH>({ 'zh-CN': ZH, en: EN });
