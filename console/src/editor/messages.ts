import { type Locale, PAST_PERFORMANCE_WARNING, type ProblemFieldError } from '@finlet/contracts';

/**
 * Every string the editors, the preview and the diff show, in both locales. Functions take
 * already-formatted values.
 */
const en = {
  'tab.form': 'Form',
  'tab.json': 'JSON',
  'tab.label': 'Edit as',
  save: 'Save',
  'save.blocked': (n: number) => (n === 1 ? 'Fix 1 problem to save' : `Fix ${n} problems to save`),
  cancel: 'Cancel',
  'issues.count': (n: number) => (n === 1 ? '1 problem' : `${n} problems`),
  'issues.none': 'No problems found.',
  'issues.other': 'Other problems',
  'json.invalid': (reason: string) => `Not valid JSON: ${reason}`,
  'json.hint': 'The whole content as JSON. Changes here update the form.',
  add: 'Add',
  remove: 'Remove',
  line: (n: number) => `line ${n}`,
  'locale.zh-CN': '中文 (zh-CN)',
  'locale.en': 'English (en)',
  'section.basics': 'Basics',
  'section.amount': 'Amount and term',
  'section.suitability': 'Risk and liquidity (wealth products)',
  'section.pricing': 'Pricing',
  'section.texts': 'Texts',
  'section.disclosures': 'Disclosures',
  'section.eligibility': 'Eligibility criteria',
  'section.triggers': 'Trigger rules (nudges)',
  'section.schedule': 'Schedule and ranking',
  'offer.id': 'Offer id',
  'offer.id.hint': 'Lower-case letters, digits and hyphens, e.g. scf-inventory-loan.',
  'offer.productType': 'Product type',
  'offer.scenarios': 'Scenarios',
  'offer.currency': 'Currency',
  'offer.amountMin': (c: string) => `Smallest amount (${c})`,
  'offer.amountMax': (c: string) => `Largest amount (${c})`,
  'offer.termMin': 'Shortest term (months)',
  'offer.termMax': 'Longest term (months)',
  'offer.none': '— none —',
  'offer.riskLevel': 'Risk level (R1–R5)',
  'offer.liquidity': 'Liquidity',
  'offer.minHoldingDays': 'Minimum holding period (days)',
  'section.pastPerformance': 'Past performance (wealth products)',
  'offer.pastPerformance.hint':
    'Past returns are shown only with the mandatory wording, in both languages. Leave the section empty for a product without past returns.',
  'offer.period': (n: number) => `Period ${n}`,
  'offer.period.label': 'Period',
  'offer.period.return': 'Return over the period (%, a loss is negative)',
  'offer.pastPerformance.notice': 'Notice shown with the returns',
  'offer.pastPerformance.required': (wording: string) => `Must contain: “${wording}”`,
  'offer.pastPerformance.insert': (lang: string) => `Insert the mandatory wording (${lang})`,
  'problem.pastPerformanceWarning': (wording: string) =>
    `Past performance is shown only with the mandatory wording “${wording}”: add it to this notice.`,
  'problem.server': (text: string, code: string) => `Refused by the gateway: ${text} (${code})`,
  'offer.aprMin': 'Lowest APR (%)',
  'offer.aprMax': 'Highest APR (%)',
  'offer.fees': 'Fees',
  'offer.fee': (n: number) => `Fee ${n}`,
  'offer.fee.id': 'Fee id',
  'offer.fee.kind': 'Kind',
  'offer.fee.fixed': (c: string) => `Fixed amount (${c})`,
  'offer.fee.rate': 'Rate (% of the amount)',
  'offer.fee.label': 'Label',
  'offer.name': 'Name',
  'offer.tagline': 'Tagline',
  'offer.highlights': 'Highlights (one per line)',
  'offer.disclosure': (n: number) => `Disclosure ${n}`,
  'offer.criterion': (n: number) => `Criterion ${n}`,
  'offer.criterion.id': 'Criterion id',
  'offer.criterion.signal': 'Signal key',
  'offer.criterion.op': 'Operator',
  'offer.criterion.value': 'Value',
  'offer.criterion.value.list': 'Values (comma-separated)',
  'offer.criterion.label': 'What it means, for the customer',
  'offer.trigger': (n: number) => `Trigger ${n}`,
  'offer.trigger.id': 'Trigger id',
  'offer.trigger.when': 'When all of these hold',
  'offer.trigger.condition': (n: number) => `Condition ${n}`,
  'offer.trigger.kind': 'Kind',
  'offer.trigger.signal': 'Signal type',
  'offer.trigger.op': 'Comparison',
  'offer.trigger.value': (unit: string) => `Value (${unit})`,
  'offer.trigger.direction': 'Direction',
  'offer.trigger.percent': 'Change (%)',
  'offer.trigger.windowDays': 'Window (days)',
  'offer.trigger.min': 'At least (signals)',
  'offer.trigger.cooldownDays': 'Cooldown (days)',
  'offer.trigger.weeklyCap': 'Weekly cap (nudges)',
  'offer.trigger.expiresAfterHours': 'Expires after (hours)',
  'offer.trigger.quietStart': 'Quiet hours from (HH:MM)',
  'offer.trigger.quietEnd': 'Quiet hours until (HH:MM)',
  'offer.trigger.timeZone': 'Time zone',
  'offer.trigger.prequalify': 'Pre-qualified amount',
  'offer.trigger.prequalify.none': 'None',
  'offer.trigger.prequalify.offer_max': 'The offer’s largest amount',
  'offer.trigger.prequalify.share_of_signal': 'A share of a signal’s amount',
  'offer.trigger.prequalify.signal': 'Signal type',
  'offer.trigger.prequalify.percent': 'Share (%)',
  'offer.trigger.message': 'Message added to the explanation (optional)',
  'offer.trigger.days': 'days',
  'offer.effectiveFrom': 'Effective from',
  'offer.effectiveUntil': 'Effective until (optional)',
  'offer.priority': 'Priority (0–100, 50 neutral)',
  'offer.partners': 'Only for these partner ids (comma-separated; empty: every partner)',
  'doc.id': 'Document id',
  'doc.kind': 'Kind',
  'doc.scenarios': 'Scenarios',
  'doc.productTypes': 'Product types',
  'doc.tags': 'Tags (comma-separated)',
  'doc.title': 'Title',
  'doc.body': 'Body (plain text; a blank line between paragraphs)',
  'section.terms': 'Words',
  'concept.id': 'Concept id',
  'concept.id.hint':
    'A built-in id (such as car-loan) adds these words to that concept; any other id is a concept of its own.',
  'concept.kind': 'What it names',
  'concept.terms.zh-CN': 'Chinese words (comma-separated)',
  'concept.terms.en': 'English words (comma-separated)',
  'concept.note': 'Note for reviewers (optional)',
  'enum.product': 'A product or service',
  'enum.attribute': 'Something asked about a product',
  'enum.term': 'Another word',
  'problem.required': 'Required.',
  'problem.amount': 'Enter an amount such as 1000 or 1000.50.',
  'problem.decimals': (c: string, d: number) =>
    d === 0 ? `${c} has no decimal places.` : `${c} has at most ${d} decimal places.`,
  'problem.percent': 'Enter a percentage such as 3.65 (at most two decimals).',
  'problem.number': 'Enter a number.',
  'problem.wholeNumber': 'Enter a whole number.',
  'problem.datetime': 'Enter a date and time.',
  'problem.atLeastChars': (n: number) => `At least ${n} characters.`,
  'problem.atMostChars': (n: number) => `At most ${n} characters.`,
  'problem.atLeast': (n: string) => `Must be at least ${n}.`,
  'problem.atMost': (n: string) => `Must be at most ${n}.`,
  'problem.atLeastOne': 'Add at least one.',
  'problem.atLeastItems': (n: number) => `At least ${n} items.`,
  'problem.atMostItems': (n: number) => `At most ${n} items.`,
  'problem.option': 'Choose one of the options.',
  'problem.unknownKeys': (keys: string) => `Unknown field: ${keys}.`,
  'problem.invalid': 'This value is not valid here.',
  'problem.format': 'The format is not valid.',
  'diff.added': 'Added',
  'diff.removed': 'Removed',
  'diff.changed': 'Changed',
  'diff.unchanged': (n: number) => (n === 1 ? '1 unchanged field' : `${n} unchanged fields`),
  'diff.none': 'No differences.',
  'diff.nothing': 'Nothing to compare.',
  'diff.summary': (a: number, r: number, c: number) => `${a} added, ${r} removed, ${c} changed`,
  'diff.before': 'Before',
  'diff.after': 'After',
  'diff.title': 'Changes',
  'enum.installment': 'Installments',
  'enum.consumer_loan': 'Consumer loan',
  'enum.credit_card': 'Credit card',
  'enum.business_loan': 'Business loan',
  'enum.startup_loan': 'Start-up loan',
  'enum.inventory_financing': 'Inventory financing',
  'enum.receivables_financing': 'Receivables financing',
  'enum.trade_finance': 'Trade finance',
  'enum.business_account': 'Business account',
  'enum.travel_card': 'Travel card',
  'enum.wealth_management': 'Wealth management',
  'enum.fund': 'Fund',
  'enum.time_deposit': 'Time deposit',
  'enum.personal_account': 'Personal account',
  'enum.debit_card': 'Debit card',
  'enum.daily': 'Redeemable any business day',
  'enum.periodic': 'Redeemable on open days',
  'enum.at_maturity': 'Redeemable at maturity',
  'enum.closed_period': 'Closed period',
  'enum.tourism': 'Tourism',
  'enum.government': 'Government services',
  'enum.consumption': 'Shopping',
  'enum.supply-chain': 'Supply chain',
  'enum.origination': 'Origination',
  'enum.service': 'Service',
  'enum.annual': 'Annual',
  'enum.early_repayment': 'Early repayment',
  'enum.late_payment': 'Late payment',
  'enum.account': 'Account',
  'enum.transfer': 'Transfer',
  'enum.subscription': 'Subscription',
  'enum.redemption': 'Redemption',
  'enum.management': 'Management',
  'enum.custody': 'Custody',
  'enum.faq': 'FAQ',
  'enum.terms': 'Terms',
  'enum.fees': 'Fees',
  'enum.guide': 'Guide',
  'preview.title': 'Preview',
  'preview.sample': 'Sample context',
  'preview.sample.merchant-62': 'A merchant with 62 turnover days (up from 45)',
  'preview.sample.merchant-20': 'A merchant with 20 turnover days',
  'preview.sample.cart-8000': 'An 8,000 CNY cart',
  'preview.sample.tokyo-trip': 'A Tokyo trip of 168,000 JPY',
  'preview.sample.new-company': 'A newly registered company',
  'preview.sample.custom': 'Custom signals only',
  'preview.sample.noneFits': (scenarios: string, scenario: string) =>
    `No sample context is for this offer’s scenarios (${scenarios}), so the first sample’s signals are previewed in the ${scenario} scenario. Add signals below, or pick another sample.`,
  'preview.scenario': 'Scenario',
  'preview.signals': 'Signals (one per line: key = value); added to the sample’s',
  'preview.signals.invalid': (n: number) => `Line ${n} is not “key = value”.`,
  'preview.run': 'Preview',
  'preview.running': 'Previewing…',
  'preview.elder': 'Elder mode',
  'preview.eligible': 'Eligible: every criterion and check passes.',
  'preview.notEligible': 'Not eligible for this context.',
  'preview.notVisible': 'Not shown in this context (scenario, partner, period or product type).',
  'preview.criteria': 'Eligibility criteria',
  'preview.checks': 'Limits and other checks',
  'preview.noCriteria': 'This offer has no criteria.',
  'preview.pass': 'Passes',
  'preview.fail': 'Fails',
  'preview.expected': (v: string) => `required: ${v}`,
  'preview.observed': (v: string) => `this context: ${v}`,
  'preview.missing': 'this context: no such signal',
  'preview.notGiven': 'this context: not given',
  'preview.triggers': 'Trigger rules',
  'preview.nudge.raised': 'A nudge would be raised now.',
  'preview.nudge.no_triggers': 'This offer has no trigger rules, so no nudge.',
  'preview.nudge.not_visible': 'No nudge: the offer is not shown in this context.',
  'preview.nudge.conditions_unmet': 'No nudge: the trigger conditions do not hold for these signals.',
  'preview.widgets': 'As partners’ users see it',
  'preview.chat': 'Ask the advisor about it',
  'preview.token': (time: string) => `Preview session until ${time}; nothing can be submitted.`,
  'preview.error.unauthorized': 'Your console session ended. Sign in again.',
  'preview.error.forbidden': 'Your role cannot preview offers.',
  'preview.error.not_found': 'This offer version does not exist.',
  'preview.error.csrf_failed': 'The request was refused as cross-site. Reload the console.',
  'preview.error.network': 'The gateway cannot be reached. Check the connection and retry.',
  'preview.error.generic': 'The preview failed. Retry, or check the request id with your administrator.',
  'preview.error.code': (code: string) => `Error code: ${code}`,
} as const;

type Messages = { [K in keyof typeof en]: (typeof en)[K] extends string ? string : (typeof en)[K] };

const zh: Messages = {
  'tab.form': '表单',
  'tab.json': 'JSON',
  'tab.label': '编辑方式',
  save: '保存',
  'save.blocked': (n: number) => `还有 ${n} 个问题，改正后才能保存`,
  cancel: '取消',
  'issues.count': (n: number) => `${n} 个问题`,
  'issues.none': '没有发现问题。',
  'issues.other': '其他问题',
  'json.invalid': (reason: string) => `不是有效的 JSON：${reason}`,
  'json.hint': '以 JSON 表示的完整内容。在此修改会同步到表单。',
  add: '添加',
  remove: '删除',
  line: (n: number) => `第 ${n} 行`,
  'locale.zh-CN': '中文 (zh-CN)',
  'locale.en': 'English (en)',
  'section.basics': '基本信息',
  'section.amount': '额度和期限',
  'section.suitability': '风险与流动性（理财产品）',
  'section.pricing': '定价',
  'section.texts': '文案',
  'section.disclosures': '信息披露',
  'section.eligibility': '准入条件',
  'section.triggers': '触发规则（主动推荐）',
  'section.schedule': '生效时间和排序',
  'offer.id': '产品编号',
  'offer.id.hint': '小写字母、数字和连字符，例如 scf-inventory-loan。',
  'offer.productType': '产品类型',
  'offer.scenarios': '适用场景',
  'offer.currency': '币种',
  'offer.amountMin': (c: string) => `最低额度（${c}）`,
  'offer.amountMax': (c: string) => `最高额度（${c}）`,
  'offer.termMin': '最短期限（月）',
  'offer.termMax': '最长期限（月）',
  'offer.none': '— 无 —',
  'offer.riskLevel': '风险等级（R1–R5）',
  'offer.liquidity': '流动性',
  'offer.minHoldingDays': '最短持有期（天）',
  'section.pastPerformance': '过往业绩（理财产品）',
  'offer.pastPerformance.hint':
    '过往业绩只能与强制提示语一同展示，中英文都须包含。没有过往业绩的产品请留空本节。',
  'offer.period': (n: number) => `期间 ${n}`,
  'offer.period.label': '期间',
  'offer.period.return': '期间收益率（%，亏损填负数）',
  'offer.pastPerformance.notice': '随业绩展示的提示',
  'offer.pastPerformance.required': (wording: string) => `须包含：“${wording}”`,
  'offer.pastPerformance.insert': (lang: string) => `插入强制提示语（${lang}）`,
  'problem.pastPerformanceWarning': (wording: string) =>
    `过往业绩只能与强制提示语“${wording}”一同展示：请在此提示中加入。`,
  'problem.server': (text: string, code: string) => `网关拒绝：${text}（${code}）`,
  'offer.aprMin': '最低年化利率（%）',
  'offer.aprMax': '最高年化利率（%）',
  'offer.fees': '费用',
  'offer.fee': (n: number) => `费用 ${n}`,
  'offer.fee.id': '费用编号',
  'offer.fee.kind': '类型',
  'offer.fee.fixed': (c: string) => `固定金额（${c}）`,
  'offer.fee.rate': '费率（占金额的 %）',
  'offer.fee.label': '名称',
  'offer.name': '名称',
  'offer.tagline': '一句话介绍',
  'offer.highlights': '亮点（每行一条）',
  'offer.disclosure': (n: number) => `披露 ${n}`,
  'offer.criterion': (n: number) => `条件 ${n}`,
  'offer.criterion.id': '条件编号',
  'offer.criterion.signal': '信号键',
  'offer.criterion.op': '运算符',
  'offer.criterion.value': '值',
  'offer.criterion.value.list': '值（用逗号分隔）',
  'offer.criterion.label': '面向客户的说明',
  'offer.trigger': (n: number) => `触发规则 ${n}`,
  'offer.trigger.id': '规则编号',
  'offer.trigger.when': '以下条件全部满足时',
  'offer.trigger.condition': (n: number) => `条件 ${n}`,
  'offer.trigger.kind': '类型',
  'offer.trigger.signal': '信号类型',
  'offer.trigger.op': '比较',
  'offer.trigger.value': (unit: string) => `值（${unit}）`,
  'offer.trigger.direction': '方向',
  'offer.trigger.percent': '变化幅度（%）',
  'offer.trigger.windowDays': '时间窗口（天）',
  'offer.trigger.min': '至少（条信号）',
  'offer.trigger.cooldownDays': '冷却期（天）',
  'offer.trigger.weeklyCap': '每周上限（条推荐）',
  'offer.trigger.expiresAfterHours': '有效时长（小时）',
  'offer.trigger.quietStart': '免打扰开始（HH:MM）',
  'offer.trigger.quietEnd': '免打扰结束（HH:MM）',
  'offer.trigger.timeZone': '时区',
  'offer.trigger.prequalify': '预审额度',
  'offer.trigger.prequalify.none': '不预审',
  'offer.trigger.prequalify.offer_max': '产品最高额度',
  'offer.trigger.prequalify.share_of_signal': '信号金额的一定比例',
  'offer.trigger.prequalify.signal': '信号类型',
  'offer.trigger.prequalify.percent': '比例（%）',
  'offer.trigger.message': '附加在说明后的文字（可选）',
  'offer.trigger.days': '天',
  'offer.effectiveFrom': '生效时间',
  'offer.effectiveUntil': '失效时间（可选）',
  'offer.priority': '优先级（0–100，50 为中性）',
  'offer.partners': '仅限这些合作方编号（逗号分隔；留空表示所有合作方）',
  'doc.id': '文档编号',
  'doc.kind': '类型',
  'doc.scenarios': '适用场景',
  'doc.productTypes': '相关产品类型',
  'doc.tags': '标签（逗号分隔）',
  'doc.title': '标题',
  'doc.body': '正文（纯文本；段落之间空一行）',
  'section.terms': '词语',
  'concept.id': '概念编号',
  'concept.id.hint': '使用内置编号（如 car-loan）会把这些词加入该概念；其他编号则是一个新概念。',
  'concept.kind': '类别',
  'concept.terms.zh-CN': '中文词语（逗号分隔）',
  'concept.terms.en': '英文词语（逗号分隔）',
  'concept.note': '给审核人的说明（可选）',
  'enum.product': '产品或服务',
  'enum.attribute': '产品的某项属性',
  'enum.term': '其他词语',
  'problem.required': '请填写此项。',
  'problem.amount': '请输入金额，例如 1000 或 1000.50。',
  'problem.decimals': (c: string, d: number) => (d === 0 ? `${c} 没有小数位。` : `${c} 最多 ${d} 位小数。`),
  'problem.percent': '请输入百分比，例如 3.65（最多两位小数）。',
  'problem.number': '请输入数字。',
  'problem.wholeNumber': '请输入整数。',
  'problem.datetime': '请输入日期和时间。',
  'problem.atLeastChars': (n: number) => `至少 ${n} 个字符。`,
  'problem.atMostChars': (n: number) => `最多 ${n} 个字符。`,
  'problem.atLeast': (n: string) => `不能小于 ${n}。`,
  'problem.atMost': (n: string) => `不能大于 ${n}。`,
  'problem.atLeastOne': '请至少添加一项。',
  'problem.atLeastItems': (n: number) => `至少 ${n} 项。`,
  'problem.atMostItems': (n: number) => `最多 ${n} 项。`,
  'problem.option': '请从选项中选择。',
  'problem.unknownKeys': (keys: string) => `未知字段：${keys}。`,
  'problem.invalid': '此处的值无效。',
  'problem.format': '格式不正确。',
  'diff.added': '新增',
  'diff.removed': '删除',
  'diff.changed': '修改',
  'diff.unchanged': (n: number) => `${n} 个字段未变`,
  'diff.none': '没有差异。',
  'diff.nothing': '没有可比较的内容。',
  'diff.summary': (a: number, r: number, c: number) => `新增 ${a} 项，删除 ${r} 项，修改 ${c} 项`,
  'diff.before': '修改前',
  'diff.after': '修改后',
  'diff.title': '变更',
  'enum.installment': '分期',
  'enum.consumer_loan': '消费贷',
  'enum.credit_card': '信用卡',
  'enum.business_loan': '经营贷',
  'enum.startup_loan': '创业贷',
  'enum.inventory_financing': '存货融资',
  'enum.receivables_financing': '应收账款融资',
  'enum.trade_finance': '贸易融资',
  'enum.business_account': '对公账户',
  'enum.travel_card': '旅行卡',
  'enum.wealth_management': '理财产品',
  'enum.fund': '基金',
  'enum.time_deposit': '定期存款',
  'enum.personal_account': '个人账户',
  'enum.debit_card': '借记卡',
  'enum.daily': '每个工作日可赎回',
  'enum.periodic': '定期开放赎回',
  'enum.at_maturity': '到期后赎回',
  'enum.closed_period': '封闭期',
  'enum.tourism': '旅游',
  'enum.government': '政务服务',
  'enum.consumption': '消费',
  'enum.supply-chain': '供应链',
  'enum.origination': '手续费',
  'enum.service': '服务费',
  'enum.annual': '年费',
  'enum.early_repayment': '提前还款费',
  'enum.late_payment': '逾期费',
  'enum.account': '账户费',
  'enum.transfer': '转账费',
  'enum.subscription': '认购/申购费',
  'enum.redemption': '赎回费',
  'enum.management': '管理费',
  'enum.custody': '托管费',
  'enum.faq': '常见问题',
  'enum.terms': '条款',
  'enum.fees': '费用说明',
  'enum.guide': '指南',
  'preview.title': '预览',
  'preview.sample': '示例情境',
  'preview.sample.merchant-62': '库存周转 62 天的商户（此前为 45 天）',
  'preview.sample.merchant-20': '库存周转 20 天的商户',
  'preview.sample.cart-8000': '8,000 元的购物车',
  'preview.sample.tokyo-trip': '168,000 日元的东京行程',
  'preview.sample.new-company': '新注册的公司',
  'preview.sample.custom': '仅使用自定义信号',
  'preview.sample.noneFits': (scenarios: string, scenario: string) =>
    `没有适用于该产品场景（${scenarios}）的示例情境，因此以第一个示例的信号按 ${scenario} 场景预览。可在下方补充信号，或选择其他示例。`,
  'preview.scenario': '场景',
  'preview.signals': '信号（每行一条：键 = 值），与示例的信号合并',
  'preview.signals.invalid': (n: number) => `第 ${n} 行不是“键 = 值”的格式。`,
  'preview.run': '预览',
  'preview.running': '正在预览…',
  'preview.elder': '长辈模式',
  'preview.eligible': '符合条件：所有条件和检查均通过。',
  'preview.notEligible': '在此情境下不符合条件。',
  'preview.notVisible': '在此情境下不展示（场景、合作方、有效期或产品类型不符）。',
  'preview.criteria': '准入条件',
  'preview.checks': '额度及其他检查',
  'preview.noCriteria': '该产品没有准入条件。',
  'preview.pass': '通过',
  'preview.fail': '未通过',
  'preview.expected': (v: string) => `要求：${v}`,
  'preview.observed': (v: string) => `此情境：${v}`,
  'preview.missing': '此情境：没有该信号',
  'preview.notGiven': '此情境：未提供',
  'preview.triggers': '触发规则',
  'preview.nudge.raised': '此时会发出一条主动推荐。',
  'preview.nudge.no_triggers': '该产品没有触发规则，不会发出主动推荐。',
  'preview.nudge.not_visible': '不会发出主动推荐：该产品在此情境下不展示。',
  'preview.nudge.conditions_unmet': '不会发出主动推荐：这些信号不满足触发条件。',
  'preview.widgets': '合作方用户看到的样子',
  'preview.chat': '向顾问提问',
  'preview.token': (time: string) => `预览会话有效至 ${time}；无法提交任何内容。`,
  'preview.error.unauthorized': '控制台会话已结束，请重新登录。',
  'preview.error.forbidden': '您的角色无权预览产品。',
  'preview.error.not_found': '该产品版本不存在。',
  'preview.error.csrf_failed': '请求被判定为跨站请求而被拒绝，请重新加载控制台。',
  'preview.error.network': '无法连接服务，请检查网络后重试。',
  'preview.error.generic': '预览失败。请重试，或将请求编号告知管理员。',
  'preview.error.code': (code: string) => `错误代码：${code}`,
};

export type MessageKey = keyof typeof en;
export type Args<K extends MessageKey> = (typeof en)[K] extends (...args: infer A) => string ? A : [];

const MESSAGES: Record<Locale, Messages> = { en, 'zh-CN': zh };

export function t<K extends MessageKey>(locale: Locale, key: K, ...args: Args<K>): string {
  const entry = MESSAGES[locale][key] as string | ((...a: unknown[]) => string);
  return typeof entry === 'function' ? entry(...args) : entry;
}

/** A contract enum value in words, with the value itself for those who know it: `Supply chain (supply-chain)`. */
export function enumLabel(locale: Locale, value: string): string {
  const key = `enum.${value}` as MessageKey;
  const entry = MESSAGES[locale][key];
  return typeof entry === 'string' ? `${entry} (${value})` : value;
}

/** A problem found before the contract runs (an amount that is not a number); shown like an issue. */
export interface LocalProblem {
  key: MessageKey;
  args: unknown[];
}

export function problemText(locale: Locale, problem: LocalProblem): string {
  return (t as (l: Locale, k: MessageKey, ...a: unknown[]) => string)(locale, problem.key, ...problem.args);
}

/** What a zod issue carries that the translation reads (zod's own message is English only). */
export interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  expected?: string;
  format?: string;
  keys?: string[];
  /** A contract rule's own stable code (`params.code`, e.g. `past_performance_warning_missing`). */
  params?: { code?: unknown };
}

/**
 * Rules with a stable code said in the console's words, whether the editor found them or the
 * gateway refused with them (`problem.errors[].code`): the two never disagree on what is wrong.
 */
function codedText(locale: Locale, code: unknown, path: readonly PropertyKey[]): string | undefined {
  if (code === 'past_performance_warning_missing') {
    const lang = path[path.length - 1] === 'en' ? 'en' : 'zh-CN';
    return t(locale, 'problem.pastPerformanceWarning', PAST_PERFORMANCE_WARNING[lang]);
  }
  return undefined;
}

const OPERATOR_WORDS: Record<Locale, Record<string, string>> = {
  en: {
    eq: '“equals”',
    neq: '“does not equal”',
    gt: '“greater than”',
    gte: '“at least”',
    lt: '“less than”',
    lte: '“at most”',
    in: '“one of”',
    not_in: '“none of”',
    exists: '“is present”',
  },
  'zh-CN': {
    eq: '“等于”',
    neq: '“不等于”',
    gt: '“大于”',
    gte: '“不少于”',
    lt: '“小于”',
    lte: '“不超过”',
    in: '“属于其中之一”',
    not_in: '“不属于其中任何一个”',
    exists: '“存在”',
  },
};

/**
 * The contracts' own messages (custom refinements and regex hints) in both locales. A message
 * added to the contracts later falls back to its English text.
 */
const CONTRACT_MESSAGES: Array<[RegExp, (locale: Locale, m: RegExpExecArray) => string]> = [
  [
    /^must be lower-case letters, digits and single hyphens$/,
    (l) =>
      l === 'en'
        ? 'Use lower-case letters, digits and single hyphens.'
        : '只能使用小写字母、数字和单个连字符。',
  ],
  [
    /^must be a dotted lower-case key such as (\S+)$/,
    (l, m) =>
      l === 'en' ? `Use a dotted lower-case key such as ${m[1]}.` : `请使用以点分隔的小写键，例如 ${m[1]}。`,
  ],
  [
    /^`min` must not exceed `max`$/,
    (l) => (l === 'en' ? 'The smallest value must not exceed the largest.' : '最小值不能大于最大值。'),
  ],
  [/^`until` must be after `from`$/, (l) => (l === 'en' ? 'Must be after the start.' : '须晚于生效时间。')],
  [
    /^`exists` takes no value$/,
    (l) => (l === 'en' ? '“is present” takes no value.' : '“存在”条件不需要填写值。'),
  ],
  [
    /^`(\w+)` needs a value$/,
    (l, m) =>
      l === 'en'
        ? `${OPERATOR_WORDS.en[m[1]!] ?? m[1]} needs a value.`
        : `${OPERATOR_WORDS['zh-CN'][m[1]!] ?? m[1]} 需要填写值。`,
  ],
  [
    /^`(\w+)` compares with one value, not a list$/,
    (l, m) =>
      l === 'en'
        ? `${OPERATOR_WORDS.en[m[1]!] ?? m[1]} compares with one value, not a list.`
        : `${OPERATOR_WORDS['zh-CN'][m[1]!] ?? m[1]} 只能与一个值比较，不能填写列表。`,
  ],
  [
    /^`(\w+)` needs a list of values$/,
    (l, m) =>
      l === 'en'
        ? `${OPERATOR_WORDS.en[m[1]!] ?? m[1]} needs a list of values, separated by commas.`
        : `${OPERATOR_WORDS['zh-CN'][m[1]!] ?? m[1]} 需要一组值，用逗号分隔。`,
  ],
  [
    /^`(\w+)` needs a number$/,
    (l, m) =>
      l === 'en'
        ? `${OPERATOR_WORDS.en[m[1]!] ?? m[1]} needs a number.`
        : `${OPERATOR_WORDS['zh-CN'][m[1]!] ?? m[1]} 需要数字。`,
  ],
  [
    /^must be the offer currency (\w+)$/,
    (l, m) => (l === 'en' ? `Must be in the offer currency ${m[1]}.` : `须使用产品币种 ${m[1]}。`),
  ],
  [/^duplicate id (.+)$/, (l, m) => (l === 'en' ? `The id ${m[1]} is used twice.` : `编号 ${m[1]} 重复。`)],
  [
    /^a fee needs `fixed`, `rateBps` or both$/,
    (l) =>
      l === 'en' ? 'A fee needs a fixed amount, a rate, or both.' : '费用需要填写固定金额或费率（或两者）。',
  ],
  [/^must be HH:MM \(24 h\)$/, (l) => (l === 'en' ? 'Use HH:MM (24 h).' : '请使用 24 小时制 HH:MM。')],
  [
    /^`start` and `end` must differ$/,
    (l) => (l === 'en' ? 'Start and end must differ.' : '开始和结束时间不能相同。'),
  ],
  [
    /^must be an IANA time zone such as (\S+)$/,
    (l, m) => (l === 'en' ? `Use an IANA time zone such as ${m[1]}.` : `请使用 IANA 时区，例如 ${m[1]}。`),
  ],
  [
    /^must be a signal one of the conditions looks at$/,
    (l) => (l === 'en' ? 'Must be a signal one of the conditions looks at.' : '须为某个条件所用的信号。'),
  ],
  [
    /^must be plain text, not HTML$/,
    (l) => (l === 'en' ? 'Use plain text, not HTML.' : '只能是纯文本，不能包含 HTML。'),
  ],
  [/^at most (\d+) signals$/, (l, m) => (l === 'en' ? `At most ${m[1]} signals.` : `最多 ${m[1]} 个信号。`)],
  [
    /^an? \S+ needs an amount range$/,
    (l) => (l === 'en' ? 'This product type needs an amount range.' : '此类产品须填写金额范围。'),
  ],
  [
    /^an? \S+ has no amount range$/,
    (l) =>
      l === 'en'
        ? 'This product type has no amount range: leave both empty.'
        : '此类产品没有金额范围，请留空。',
  ],
  [
    /^an? \S+ needs a risk level$/,
    (l) =>
      l === 'en'
        ? 'An investment product needs a risk level (R1–R5).'
        : '投资类产品须设定风险等级（R1–R5）。',
  ],
  [
    /^a Chinese term needs at least two characters$/,
    (l) =>
      l === 'en'
        ? 'A Chinese word needs at least two characters.'
        : '中文词语至少两个字：单个字会匹配太多内容。',
  ],
  [
    /^must contain a letter or a digit$/,
    (l) => (l === 'en' ? 'Must contain a letter or a digit.' : '须包含文字或数字。'),
  ],
  [
    /^give at least one term \(zh-CN or en\)$/,
    (l) => (l === 'en' ? 'Give at least one word, in Chinese or English.' : '请至少填写一个中文或英文词语。'),
  ],
  [/^"(.+)" is listed twice$/, (l, m) => (l === 'en' ? `“${m[1]}” is listed twice.` : `“${m[1]}”重复。`)],
  [
    /^must contain “(.+)”$/,
    (l, m) => (l === 'en' ? `Must contain the wording “${m[1]}”.` : `须包含“${m[1]}”字样。`),
  ],
];

const ZOD_CODES = new Set([
  'invalid_type',
  'too_small',
  'too_big',
  'invalid_format',
  'not_multiple_of',
  'unrecognized_keys',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'invalid_value',
  'custom',
]);

/**
 * A field error the gateway answered, in words; a contract rule's stable code (not zod's generic
 * ones) is named too, so a product team can look it up or quote it.
 */
export function serverErrorText(locale: Locale, error: ProblemFieldError): string {
  const text = issueText(locale, {
    code: 'server',
    path: error.path.split('.'),
    message: error.message,
    params: { code: error.code },
  });
  return error.code && !ZOD_CODES.has(error.code) ? t(locale, 'problem.server', text, error.code) : text;
}

function contractMessage(locale: Locale, message: string): string | undefined {
  for (const [pattern, render] of CONTRACT_MESSAGES) {
    const m = pattern.exec(message);
    if (m) return render(locale, m);
  }
  return undefined;
}

/** A zod issue in words a product team reads, in the console's locale. */
export function issueText(locale: Locale, issue: Issue): string {
  const coded = codedText(locale, issue.params?.code, issue.path);
  if (coded) return coded;
  const n = (v: number | bigint | undefined) => Number(v ?? 0);
  switch (issue.code) {
    case 'invalid_type':
      if (/received undefined/.test(issue.message)) return t(locale, 'problem.required');
      if (issue.expected === 'int') return t(locale, 'problem.wholeNumber');
      if (issue.expected === 'number') return t(locale, 'problem.number');
      return t(locale, 'problem.invalid');
    case 'too_small':
      if (issue.origin === 'string')
        return n(issue.minimum) <= 1
          ? t(locale, 'problem.required')
          : t(locale, 'problem.atLeastChars', n(issue.minimum));
      if (issue.origin === 'array')
        return n(issue.minimum) <= 1
          ? t(locale, 'problem.atLeastOne')
          : t(locale, 'problem.atLeastItems', n(issue.minimum));
      return t(locale, 'problem.atLeast', String(issue.minimum));
    case 'too_big':
      if (issue.origin === 'string') return t(locale, 'problem.atMostChars', n(issue.maximum));
      if (issue.origin === 'array') return t(locale, 'problem.atMostItems', n(issue.maximum));
      return t(locale, 'problem.atMost', String(issue.maximum));
    case 'invalid_format':
      if (issue.format === 'datetime') return t(locale, 'problem.datetime');
      return contractMessage(locale, issue.message) ?? t(locale, 'problem.format');
    case 'invalid_value':
      return t(locale, 'problem.option');
    case 'unrecognized_keys':
      return t(locale, 'problem.unknownKeys', (issue.keys ?? []).join(', '));
    case 'custom':
    case 'server':
      return contractMessage(locale, issue.message) ?? issue.message;
    default:
      return contractMessage(locale, issue.message) ?? t(locale, 'problem.invalid');
  }
}
