import type { HealthCheckFindingKind, HealthCheckSeverity, InvestorRiskLevel } from '@finlet/contracts';
import { defineMessages } from '../internal/messages.js';

/**
 * What <finlet-health-check> says, in zh-CN (the default locale, inside the element's own module).
 * The en texts sit in `health-check.messages.en.ts`, loaded only on a page that asks for English.
 * The findings' own sentences come from the gateway in both languages.
 */
const zhCN = {
  'health.title': '持仓健诊',
  'health.intro':
    '填写您在其他地方持有的基金或理财，我们帮您看看是否过于集中、风险是否超出您的等级、费用是否偏高。',
  'health.level': (level: InvestorRiskLevel | null) =>
    level === null
      ? '您还没有有效的风险承受能力评估，暂不推荐任何产品。'
      : `您的风险承受能力等级：${{ C1: 'C1 保守型', C2: 'C2 稳健型', C3: 'C3 平衡型', C4: 'C4 成长型', C5: 'C5 进取型' }[level]}。`,
  'health.total': (total: string) => `持仓总额 ${total}`,
  'health.holdings': '您的持仓',
  'health.holding.name': '名称',
  'health.holding.share': '占比',
  'health.holding.risk': '风险等级',
  'health.holding.source': '来源',
  'health.source.signal': (date: string) => `合作方于 ${date} 提供`,
  'health.source.user': '您填写的',
  'health.findings': '发现的问题',
  'health.noFindings': '没有发现需要注意的问题。',
  'health.kind': (kind: HealthCheckFindingKind) =>
    ({
      concentration: '单一持仓过于集中',
      category_concentration: '同类资产过于集中',
      risk_above_level: '风险超出您的等级',
      no_assessment: '尚未评估风险承受能力',
      fee_drag: '费用偏高',
      overlap: '持仓重叠',
    })[kind],
  'health.severity': (severity: HealthCheckSeverity) =>
    ({ info: '提示', warning: '请注意', high: '重要' })[severity],
  'health.basis': '依据',
  'health.cite.holding': (name: string, source: string) => `持仓“${name}”（${source}）`,
  'health.cite.level': (level: InvestorRiskLevel | null) =>
    level === null ? '您没有有效的风险评估' : `您的风险评估结果 ${level}`,
  'health.cite.offer': (name: string, version: number) => `银行产品“${name}”第 ${version} 版`,
  'health.cite.rule': (rule: string, threshold: string) =>
    `${
      (
        {
          'concentration.holding': '单一持仓占比上限',
          'concentration.category': '同类资产占比上限',
          'fee_drag.weighted_rate': '年费率上限',
          'overlap.exposure': '重叠投资占比上限',
        } as Record<string, string>
      )[rule] ?? rule
    } ${threshold}`,
  'health.suggestions': '建议',
  'health.suggestion.offers': '适合您等级的产品：',
  'health.risk': (level: string) => `风险等级 ${level}`,
  'health.enter': '填写持仓',
  'health.addMore': '补充其他持仓',
  'health.row': (n: number) => `第 ${n} 项持仓`,
  'health.field.name': '产品名称',
  'health.field.amount': (currency: string) => `现在的市值（${currency}）`,
  'health.field.risk': '风险等级（不清楚可不选）',
  'health.field.riskUnknown': '不清楚',
  'health.field.fee': '年管理费率 %（可不填）',
  'health.addRow': '再加一项',
  'health.removeRow': (n: number) => `删除第 ${n} 项`,
  'health.check': '开始健诊',
  'health.checking': '正在健诊…',
  'health.invalid.name': '请填写产品名称。',
  'health.invalid.amount': '请填写大于 0 的金额，例如 20000。',
  'health.invalid.fee': '请填写 0 到 100 之间的数字，例如 1.5。',
  'error.holdings_required': '还没有持仓信息，请先填写您的持仓。',
};

export type HealthCheckMessages = { [K in keyof typeof zhCN]: (typeof zhCN)[K] };

export const healthCheckMessages = defineMessages<HealthCheckMessages>(zhCN, {
  en: () => import('./health-check.messages.en.js'),
});
