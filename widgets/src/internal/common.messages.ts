import { defineMessages } from './messages.js';

/**
 * What every element says, in zh-CN (the default locale, inside the element's own module). The en texts
 * sit in `common.messages.en.ts`, loaded only on a page that asks for English. A new message is
 * added to both files under the same key; the types keep them in step.
 */
const zhCN = {
  'common.loading': '正在加载…',
  'common.retry': '重试',
  'common.more': (n: number) => `查看另外 ${n} 个`,
  'common.less': '收起',
  'common.back': '上一步',
  'common.next': '下一步',
  'config.noGateway': '未配置金融服务地址（gateway）。请联系网站管理员。',
  'config.noSession': '未提供会话。请刷新页面后重试。',
  'session.expired': '您的会话已过期，请刷新页面后继续。',
  'error.generic': '出了点问题，请稍后再试。',
  'error.network': '网络连接失败，请检查网络后重试。',
  'error.timeout': '服务响应超时，请重试。',
  'error.invalid_token': '会话无效，请刷新页面后继续。',
  'error.unauthorized': '缺少有效会话，请刷新页面后继续。',
  'error.session_expired': '您的会话已过期，请刷新页面后继续。',
  'error.origin_not_allowed': '此网站未获准使用该金融服务。',
  'error.partner_disabled': '此网站的金融服务暂时停用，请稍后再试或联系网站客服。',
  'error.no_question_pending': '银行目前没有需要您答复的问题，请刷新查看申请的最新状态。',
  'error.too_many_connections': '连接过多，请稍后再试。',
  'error.handoff_closed': '人工客服已结束本次对话。',
  'error.handoff_abandoned': '您已离开人工客服对话。',
  'error.request_timeout': '请求发送超时，请检查网络后重试。',
  'error.forbidden': '您无权进行此操作。',
  'error.consent_required': '需要您的授权才能继续。',
  'error.offer_not_available': '该产品目前不可申请。',
  'error.offer_not_eligible': '根据现有信息，您暂不符合该产品的申请条件。',
  'error.amount_out_of_range': '申请金额超出该产品的范围。',
  'error.rate_limited': '请求过于频繁，请稍后再试。',
  'error.rateLimitedWait': (seconds: number) =>
    seconds < 120
      ? `请求过于频繁，请在 ${seconds} 秒后再试。`
      : `请求过于频繁，请在约 ${Math.ceil(seconds / 60)} 分钟后再试。`,
  'error.invalid_request': '提交的信息有误，请检查后重试。',
  'error.not_found': '未找到相关内容。',
  'error.preview_only': '这是预览，不会提交任何内容。',
  'error.code': (code: string) => `错误代码：${code}`,
};

export type CommonMessages = { [K in keyof typeof zhCN]: (typeof zhCN)[K] };

export const commonMessages = defineMessages<CommonMessages>(zhCN, {
  en: () => import('./common.messages.en.js'),
});
