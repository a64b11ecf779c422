import type { InvestorRiskLevel } from '@finlet/contracts';
import { defineMessages } from '../internal/messages.js';

/**
 * What <finlet-suitability> says, in zh-CN (the default locale, inside the element's own module).
 * The en texts sit in `suitability.messages.en.ts`, loaded only on a page that asks for English.
 */
const zhCN = {
  'suitability.title': '风险承受能力评估',
  'suitability.intro': (count: number) =>
    `共 ${count} 道题，每题选一项，约需 3 分钟。结果决定向您推荐哪些理财产品。`,
  'suitability.start': '开始评估',
  'suitability.progress': (n: number, total: number) => `第 ${n} 题，共 ${total} 题`,
  'suitability.back': '上一题',
  'suitability.next': '下一题',
  'suitability.submit': '提交评估',
  'suitability.submitting': '正在提交…',
  'suitability.pick': '请选择一项后继续。',
  'suitability.result': '您的风险承受能力等级',
  'suitability.level': (level: InvestorRiskLevel) =>
    ({ C1: 'C1 保守型', C2: 'C2 稳健型', C3: 'C3 平衡型', C4: 'C4 成长型', C5: 'C5 进取型' })[level],
  'suitability.levelHint': (level: InvestorRiskLevel) =>
    `我们只会向您推荐风险等级不高于 R${level.slice(1)} 的产品。`,
  'suitability.expires': (date: string) => `有效期至 ${date}，到期后请重新评估。`,
  'suitability.retake': '重新评估',
  'error.no_risk_questionnaire': '银行暂未发布风险评估问卷，请稍后再试。',
  'error.risk_answers_invalid': '有题目未作答或答案无效，请检查后重新提交。',
  'error.risk_questionnaire_outdated': '问卷已更新，请重新作答。',
  'error.idempotency_conflict': '提交内容与之前不一致，请重新作答。',
};

export type SuitabilityMessages = { [K in keyof typeof zhCN]: (typeof zhCN)[K] };

export const suitabilityMessages = defineMessages<SuitabilityMessages>(zhCN, {
  en: () => import('./suitability.messages.en.js'),
});
