import type { Locale, ProductType } from '@finlet/contracts';

import { translator } from '@finlet/contracts/messages';

/** Compliance's approved wording in each language: the disclaimers products are shown with. */
const ZH = {
  credit: '贷款额度、利率和期限以银行审批结果为准；请根据自身还款能力理性借款，按时还款。',
  consumer: '请理性消费，贷款资金不得用于购房、投资理财等禁止用途。',
  business: '融资资金须用于真实的生产经营，不得流入股市、房地产等禁止领域。',
  account: '开立账户须按规定提供材料并接受身份核验，具体以网点审核为准。',
  card: '信用卡额度以审批为准；请按期还款，逾期将产生费用并影响个人征信。',
  investment: '理财非存款，产品有风险，投资须谨慎；过往业绩不代表未来表现。',
  deposit: '存款受《存款保险条例》保护；提前支取按活期利率计息，以本行规定为准。',
  debitCard: '借记卡须本人实名办理并接受身份核验；请妥善保管卡片和密码。',
  crossBorder: '跨境汇款须遵守国家外汇管理规定；向境外提供您的个人信息前，须征得您的单独同意。',
  riskLevel: (level: string) => `产品风险等级：${level}`,
};

const EN: typeof ZH = {
  credit:
    'Limits, rates and terms depend on the bank’s approval; borrow only what you can repay, and repay on time.',
  consumer: 'Spend within your means; loan money may not be used to buy property or to invest.',
  business: 'Financing must fund real business operations and may not flow into stocks or property.',
  account:
    'Opening an account requires the documents the rules ask for and an identity check; the branch decides.',
  card: 'Card limits depend on approval; late payments cost fees and harm your credit record.',
  investment:
    'An investment is not a deposit and carries risk; past performance does not guarantee future returns.',
  deposit:
    'Deposits are protected under China’s deposit insurance rules; early withdrawal earns the demand rate as the bank’s terms say.',
  debitCard: 'A debit card is issued in your own name after an identity check; keep the card and PIN safe.',
  crossBorder:
    'Cross-border transfers follow foreign-exchange rules; your personal data goes abroad only with your separate consent.',
  riskLevel: (level) => `Product risk level: ${level}`,
};

/** Compliance's texts through the shared translation helper. */
export const complianceText = translator<typeof ZH>({ 'zh-CN': ZH, en: EN });

type Notice = { readonly 'zh-CN': string; readonly en: string };

/** One disclaimer in both languages, made once per key (`disclaimersFor` tells them apart by identity). */
const notice = (key: Exclude<keyof typeof ZH, 'riskLevel'>): Notice => ({
  'zh-CN': complianceText('zh-CN', key),
  en: complianceText('en', key),
});

const NOTICES = {
  credit: notice('credit'),
  consumer: notice('consumer'),
  business: notice('business'),
  account: notice('account'),
  card: notice('card'),
  investment: notice('investment'),
  deposit: notice('deposit'),
  debitCard: notice('debitCard'),
  crossBorder: notice('crossBorder'),
} satisfies Record<Exclude<keyof typeof ZH, 'riskLevel'>, Notice>;

const { credit, consumer, business, account, card, investment, deposit, debitCard } = NOTICES;

/** Mandatory disclaimers per product type, approved by compliance; shown whenever the product is. */
export const PRODUCT_DISCLAIMERS: Record<ProductType, readonly Notice[]> = {
  installment: [credit, consumer],
  consumer_loan: [credit, consumer],
  credit_card: [card],
  travel_card: [card],
  business_loan: [credit, business],
  startup_loan: [credit, business],
  inventory_financing: [credit, business],
  receivables_financing: [credit, business],
  trade_finance: [credit, business],
  business_account: [account],
  wealth_management: [investment],
  fund: [investment],
  time_deposit: [deposit],
  personal_account: [account],
  debit_card: [debitCard],
};

export const CROSS_BORDER_DISCLAIMER: Notice = NOTICES.crossBorder;

/** The disclaimers for a set of product types, each once, in the given locale. */
export function disclaimersFor(types: Iterable<ProductType>, locale: Locale): string[] {
  const seen = new Set<Notice>();
  for (const t of types) for (const n of PRODUCT_DISCLAIMERS[t]) seen.add(n);
  return [...seen].map((n) => n[locale]);
}

const PROMISE =
  /保本|保收益|稳赚|保证(收益|回报|盈利|赚)|无风险|零风险|一定(能|会)赚|guarantee(d|s)?\s+(\S+\s+){0,3}(returns?|profits?|income|yields?|gains)|risk[- ]free|can'?t lose|no risk/i;
const NEGATED =
  /(不|非|并不|绝不|无法|不能|不会)(承诺|保证|构成)|not\s+(a\s+)?(guarantee|promise)|no\s+guarantee|never\s+(promise|guarantee)|does not (promise|guarantee)|do not (promise|guarantee)/i;

/**
 * True when a sentence promises returns or no risk. A sentence that denies such a promise
 * ("本行不承诺保本", "returns are not guaranteed") is allowed.
 */
export function promisesReturns(sentence: string): boolean {
  return PROMISE.test(sentence) && !NEGATED.test(sentence);
}
