import { defineMessages } from '../internal/messages.js';

/**
 * What <finlet-advice-chat> says, in zh-CN (the default locale, inside the element's own module). The en texts
 * sit in `advice-chat.messages.en.ts`, loaded only on a page that asks for English. A new message is
 * added to both files under the same key; the types keep them in step.
 */
const zhCN = {
  'chat.title': '智能理财顾问',
  'chat.intro': '您好，我可以解答产品、资格和跨境汇款问题，回答都会注明出处。',
  'chat.placeholder': '请输入您的问题',
  'chat.label': '您的问题',
  'chat.send': '发送',
  'chat.stop': '停止',
  'chat.stopped': '已停止回答。',
  'chat.replaced': '前面的内容未通过核查，已换成经核实的回答。',
  'chat.retry': '重新回答',
  'chat.you': '您',
  'chat.advisor': '顾问',
  'chat.thinking': '正在查找资料…',
  'chat.sources': '来源',
  'chat.source': (n: number) => `来源 ${n}`,
  'chat.suggestions': '您可以问：',
  'chat.apply': '继续申请',
  'chat.human': '转人工客服',
  'chat.humanRequested': '已为您转接人工客服，稍后会有专人联系您。',
  'chat.queue.waiting': (position: number) =>
    position <= 1
      ? '正在为您转接人工客服，下一位就是您。'
      : `正在为您转接人工客服，您前面还有 ${position - 1} 位。`,
  'chat.queue.wait': (minutes: number) => `预计等待约 ${minutes} 分钟。`,
  'chat.queue.leave': '离开排队',
  'chat.queue.joined': (name: string) => `${name}已接入，正在为您服务。`,
  'chat.queue.end': '结束人工对话',
  'chat.queue.ended': '人工对话已结束，智能顾问继续为您服务。',
  'chat.agent.agent': '银行顾问',
  'chat.agent.admin': '银行主管',
  'chat.typing': (name: string) => `${name}正在输入…`,
  'chat.card.open': '打开申请',
  'chat.clear': '删除对话',
  'chat.cleared': '对话已删除。',
  'chat.answerReady': '回答已生成。',
  'chat.eligible': '您可能符合条件',
  'chat.withheld': '不向您推荐',
  'chat.routeGets': (amount: string) => `到账 ${amount}`,
  'chat.routeCost': (amount: string) => `费用 ${amount}`,
  'chat.routeEta': (duration: string) => `约 ${duration}`,
  'chat.suggest.tourism.1': '去日本旅游可以分期付款吗？',
  'chat.suggest.tourism.2': '给泰国酒店付 5 万泰铢，怎么汇最划算？',
  'chat.suggest.tourism.3': '旅游分期的利率是多少？',
  'chat.suggest.government.1': '新注册的公司应该开什么账户？',
  'chat.suggest.government.2': '我符合创业贷款的条件吗？',
  'chat.suggest.government.3': '开对公账户需要准备哪些材料？',
  'chat.suggest.consumption.1': '分期购物有哪些费用？',
  'chat.suggest.consumption.2': '8000 元分 12 期每月还多少？',
  'chat.suggest.consumption.3': '信用卡和分期哪个更适合我？',
  'chat.suggest.supply-chain.1': '我想借20万进货',
  'chat.suggest.supply-chain.2': '存货融资和应收账款融资有什么区别？',
  'chat.suggest.supply-chain.3': '给越南供应商付款怎么最快到账？',
  'chat.apr': '年化利率',
  'chat.aprRange': (min: string, max: string) => (min === max ? min : `${min} 起，最高 ${max}`),
  'chat.tag.cheapest': '最省钱',
  'chat.tag.fastest': '最快',
  'chat.tag.recommended': '推荐',
};

export type AdviceChatMessages = { [K in keyof typeof zhCN]: (typeof zhCN)[K] };

export const adviceChatMessages = defineMessages<AdviceChatMessages>(zhCN, {
  en: () => import('./advice-chat.messages.en.js'),
});
