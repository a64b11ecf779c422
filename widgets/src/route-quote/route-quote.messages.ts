import { defineMessages } from '../internal/messages.js';

/**
 * What <finlet-route-quote> says, in zh-CN (the default locale, inside the element's own module). The en texts
 * sit in `route-quote.messages.en.ts`, loaded only on a page that asks for English. A new message is
 * added to both files under the same key; the types keep them in step.
 */
const zhCN = {
  'error.route_amount_out_of_limits': '金额超出该线路可办理的范围，请调整金额。',
  'error.route_corridor_not_supported': '暂不支持该币种或国家/地区之间的汇款。',
  'error.route_purpose_not_supported': '该线路不支持此汇款用途。',
  'error.route_party_not_supported': '该线路不支持此付款人或收款人类型。',
  'error.fx_rates_stale': '汇率正在更新，请稍后再试。',
  'route.title': '跨境汇款方案',
  'route.direction': '金额指的是',
  'route.direction.send': (currency: string) => `我支付的金额（${currency}）`,
  'route.direction.receive': (currency: string) => `对方收到的金额（${currency}）`,
  'route.amount': (currency: string) => `金额（${currency}）`,
  'route.urgency': '优先考虑',
  'route.urgency.balanced': '兼顾费用和速度',
  'route.urgency.cheapest': '费用最低',
  'route.urgency.fastest': '到账最快',
  'route.submit': '查看方案',
  'route.invalidAmount': '请输入大于 0 的金额。',
  'route.found': (n: number) => `找到 ${n} 个方案`,
  'route.cheapest': '最省钱',
  'route.fastest': '最快',
  'route.recommended': '推荐',
  'route.recipientGets': '对方收到',
  'route.senderPays': '您支付',
  'route.totalCost': '总费用',
  'route.costBreakdown': (fees: string, spread: string) => `手续费 ${fees} + 汇率差 ${spread}`,
  'route.arrives': '预计到账',
  'route.arrivesWorst': (date: string) => `最晚 ${date}`,
  'route.in': (duration: string) => `约 ${duration}后`,
  'route.details': '路径和费用明细',
  'route.leg': (n: number) => `第 ${n} 段`,
  'route.legFee': (fee: string) => `手续费 ${fee}`,
  'route.legRate': (applied: string, mid: string) => `成交汇率 ${applied}（中间价 ${mid}）`,
  'route.legArrives': (date: string) => `到达 ${date}`,
  'route.select': '选择此方案',
  'route.validUntil': (time: string) => `报价有效至 ${time}`,
  'route.expired': '报价已过期，请重新查看最新方案。',
  'route.requote': '重新报价',
  'route.chart': '费用与到账时间对比',
  'route.chartAxisCost': '总费用',
  'route.chartAxisTime': '到账时间',
};

export type RouteQuoteMessages = { [K in keyof typeof zhCN]: (typeof zhCN)[K] };

export const routeQuoteMessages = defineMessages<RouteQuoteMessages>(zhCN, {
  en: () => import('./route-quote.messages.en.js'),
});
