import { defineMessages } from '../internal/messages.js';

/**
 * What <finlet-apply> says, in zh-CN (the default locale, inside the element's own module). The en texts
 * sit in `apply.messages.en.ts`, loaded only on a page that asks for English. A new message is
 * added to both files under the same key; the types keep them in step.
 */
const zhCN = {
  'apply.title': '申请',
  'apply.steps': (n: number, total: number) => `第 ${n} 步，共 ${total} 步`,
  'apply.step.details': '确认申请信息',
  'apply.step.consent': '授权',
  'apply.step.review': '核对并提交',
  'apply.amount': '申请金额',
  'apply.term': '期限（月）',
  'apply.purpose': '用途',
  'apply.name': '姓名',
  'apply.businessName': '企业名称',
  'apply.phone': '手机号',
  'apply.prefilled': '以下信息已根据您在本网站的资料预先填写，请核对。',
  'apply.required': '请填写此项。',
  'apply.amountRange': (range: string) => `金额需在 ${range} 之间。`,
  'apply.termRange': (min: number, max: number) => `期限需在 ${min}–${max} 个月之间。`,
  'apply.phoneInvalid': '请输入有效的手机号。',
  'apply.consent.intro': (bank: string) => `提交申请前，需要您授权将以下信息提供给${bank}：`,
  'apply.consent.scope.application.submit': '本次申请填写的信息（姓名、联系方式、金额、期限、用途）',
  'apply.consent.scope.business.profile': '企业基本信息',
  'apply.consent.scope.profile.basic': '个人基本信息',
  'apply.consent.purpose': (purpose: string) => `用途：${purpose}`,
  'apply.consent.expiry': (days: number) => `有效期：${days} 天，您可随时撤回。`,
  'apply.consent.retention': (days: number) => `银行保存期限：${Math.round(days / 365)} 年`,
  'apply.consent.shareStatus': (partner: string) =>
    `同意银行把申请进度（不含审批理由）告知${partner}（可选）`,
  'apply.consent.agree': '我已阅读并同意上述授权',
  'apply.consent.mustAgree': '请先勾选同意授权，才能提交申请。',
  'apply.purpose.loan_application': '贷款申请',
  'apply.purpose.account_opening': '开户申请',
  'apply.purpose.card_application': '办卡申请',
  'apply.submit': '提交申请',
  'apply.submitting': '正在提交…',
  'apply.done.title': '申请已提交',
  'apply.done.body': (id: string) => `申请编号 ${id}。银行审核后会通知您结果。`,
  'apply.offerMissing': '未找到该产品，或该产品目前不可申请。',
  'apply.thisPartner': '本网站',
  'apply.theBank': '合作银行',
  'apply.termRangeLabel': (min: number, max: number) =>
    min === max ? `期限 ${min} 个月` : `期限 ${min}–${max} 个月`,
  'apply.disclosures': '重要提示',
  'apply.status.title': '申请进度',
  'apply.status.number': (id: string) => `申请编号 ${id}`,
  'apply.status.submitted': '已提交，等待银行审核。',
  'apply.status.under_review': '银行正在审核您的申请。',
  'apply.status.more_info_needed': '银行需要您补充一些信息。',
  'apply.status.approved': '您的申请已获批准。',
  'apply.status.declined': '很抱歉，您的申请未获批准。',
  'apply.status.withdrawn': '该申请已撤回。',
  'apply.status.updated': (date: string) => `更新于 ${date}`,
  'apply.status.question': '银行的问题',
  'apply.status.reasons': '原因',
  'apply.status.terms': '批准的条件',
  'apply.status.amount': (amount: string) => `金额：${amount}`,
  'apply.status.term': (months: number) => `期限：${months} 个月`,
  'apply.status.apr': (apr: string) => `年化利率：${apr}`,
  'apply.status.refresh': '刷新进度',
  'apply.status.answered': '您的答复',
  'apply.reply.answer': '您的答复',
  'apply.reply.documents': '已提供的材料（选填）',
  'apply.reply.documentsHint': '例如：发票已通过邮件发给客户经理',
  'apply.reply.send': '发送答复',
  'apply.reply.sending': '正在发送答复…',
  'apply.reply.sent': '答复已发送，银行会继续审核。',
};

export type ApplyMessages = { [K in keyof typeof zhCN]: (typeof zhCN)[K] };

export const applyMessages = defineMessages<ApplyMessages>(zhCN, {
  en: () => import('./apply.messages.en.js'),
});
