import { defineMessages } from '../internal/messages.js';

/**
 * What <finlet-nudges> says, in zh-CN (the default locale, inside the element's own module). The en texts
 * sit in `nudges.messages.en.ts`, loaded only on a page that asks for English. A new message is
 * added to both files under the same key; the types keep them in step.
 */
const zhCN = {
  'nudges.title': '为您准备的服务',
  'nudges.empty': '暂时没有新的提醒。',
  'nudges.view': '查看并申请',
  'nudges.dismiss': '不感兴趣',
  'nudges.assess': '进行风险测评',
  'nudges.back': '返回服务列表',
  'nudges.expires': (date: string) => `有效期至 ${date}`,
  'nudges.amount': (amount: string) => `预估额度 ${amount}`,
};

export type NudgesMessages = { [K in keyof typeof zhCN]: (typeof zhCN)[K] };

export const nudgesMessages = defineMessages<NudgesMessages>(zhCN, {
  en: () => import('./nudges.messages.en.js'),
});
