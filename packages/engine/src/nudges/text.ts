import { formatMinor, type LocalizedText, type Money, type Signal, type SignalType } from '@finlet/contracts';

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
