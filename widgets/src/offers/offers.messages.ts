import { defineMessages } from '../internal/messages.js';

/**
 * What <finlet-offers> says, in zh-CN (the default locale, inside the element's own module). The en texts
 * sit in `offers.messages.en.ts`, loaded only on a page that asks for English. A new message is
 * added to both files under the same key; the types keep them in step.
 */
const zhCN = {
  'offers.title': '为您推荐的金融服务',
  'offers.empty': '暂时没有适合您的金融产品。条件变化后我们会再为您推荐。',
  'offers.apr': '年化利率',
  'offers.aprRange': (min: string, max: string) => (min === max ? min : `${min} 起，最高 ${max}`),
  'offers.term': (min: number, max: number) => (min === max ? `期限 ${min} 个月` : `期限 ${min}–${max} 个月`),
  'offers.fees': '费用',
  'offers.noFees': '无其他费用',
  'offers.example': (amount: string, months: number) => `示例：借 ${amount}，分 ${months} 期`,
  'offers.exampleMonthly': (payment: string) => `每月还款约 ${payment}`,
  'offers.exampleTotal': (total: string, cost: string) => `共还 ${total}（其中利息和费用 ${cost}）`,
  'offers.exampleNote': '按最低年化利率和等额本息计算，仅供参考，以银行审批结果为准。',
  'offers.outOfRange': (range: string) => `您填写的金额不在此产品的额度范围内（${range}）。`,
  'offers.disclosures': '重要提示',
  'offers.why': '为什么推荐给您',
  'offers.criterionObserved': (value: string) => `（您的情况：${value}）`,
  'offers.select': '了解并申请',
  'offers.recommended': '首选推荐',
  'offers.found': (n: number) => `为您找到 ${n} 个产品`,
  'offers.amount': '申请金额',
  'offers.termLabel': '期限（月）',
  'offers.risk': '风险等级',
  'offers.liq': '流动性',
  'offers.liq.daily': '每日可赎回',
  'offers.liq.periodic': '定期开放',
  'offers.liq.at_maturity': '到期赎回',
  'offers.liq.closed_period': '封闭期',
  'offers.hold': (n: number) => `，最短持有 ${n} 天`,
  'offers.past': '过往业绩不代表未来表现。',
  'offers.ack': '确认并继续',
  'offers.assess': '进行风险测评',
};

export type OffersMessages = { [K in keyof typeof zhCN]: (typeof zhCN)[K] };

export const offersMessages = defineMessages<OffersMessages>(zhCN, {
  en: () => import('./offers.messages.en.js'),
});
