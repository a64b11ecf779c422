import { defineMessages } from '../internal/messages.js';

/**
 * What <finlet-provider> (the agent grants it lists) says, in zh-CN (the default locale, inside the element's own module). The en texts
 * sit in `provider.messages.en.ts`, loaded only on a page that asks for English. A new message is
 * added to both files under the same key; the types keep them in step.
 */
const zhCN = {
  'grants.title': '可代您操作的 AI 助手',
  'grants.summary': (tools: string, cap: string, until: string) =>
    `可用：${tools}；金额上限 ${cap}；有效至 ${until}`,
  'grants.revoke': '撤销',
  'grants.revokeLabel': (agent: string) => `撤销 ${agent} 的授权`,
  'grants.revoked': (agent: string) => `已撤销 ${agent} 的授权。`,
  'grants.tool.ask_advisor': '咨询',
  'grants.tool.match_offers': '匹配产品',
  'grants.tool.explain_offer': '解释产品',
  'grants.tool.quote_route': '跨境报价',
  'grants.tool.list_nudges': '查看推荐',
  'grants.tool.start_application': '准备申请（需您确认）',
};

export type ProviderMessages = { [K in keyof typeof zhCN]: (typeof zhCN)[K] };

export const providerMessages = defineMessages<ProviderMessages>(zhCN, {
  en: () => import('./provider.messages.en.js'),
});
