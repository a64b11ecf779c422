import type { Locale, ProductType } from '@finlet/contracts';

type Notice = { readonly 'zh-CN': string; readonly en: string };

const CREDIT: Notice = {
  'zh-CN': '贷款额度、利率和期限以银行审批结果为准；请根据自身还款能力理性借款，按时还款。',
  en: 'Limits, rates and terms depend on the bank’s approval; borrow only what you can repay, and repay on time.',
};
const CONSUMER: Notice = {
  'zh-CN': '请理性消费，贷款资金不得用于购房、投资理财等禁止用途。',
  en: 'Spend within your means; loan money may not be used to buy property or to invest.',
};
const BUSINESS: Notice = {
  'zh-CN': '融资资金须用于真实的生产经营，不得流入股市、房地产等禁止领域。',
  en: 'Financing must fund real business operations and may not flow into stocks or property.',
};
const ACCOUNT: Notice = {
  'zh-CN': '开立账户须按规定提供材料并接受身份核验，具体以网点审核为准。',
  en: 'Opening an account requires the documents the rules ask for and an identity check; the branch decides.',
};
const CARD: Notice = {
  'zh-CN': '信用卡额度以审批为准；请按期还款，逾期将产生费用并影响个人征信。',
  en: 'Card limits depend on approval; late payments cost fees and harm your credit record.',
};

const INVESTMENT: Notice = {
  'zh-CN': '理财非存款，产品有风险，投资须谨慎；过往业绩不代表未来表现。',
  en: 'An investment is not a deposit and carries risk; past performance does not guarantee future returns.',
};
const DEPOSIT: Notice = {
  'zh-CN': '存款受《存款保险条例》保护；提前支取按活期利率计息，以本行规定为准。',
  en: 'Deposits are protected under China’s deposit insurance rules; early withdrawal earns the demand rate as the bank’s terms say.',
};
const DEBIT_CARD: Notice = {
  'zh-CN': '借记卡须本人实名办理并接受身份核验；请妥善保管卡片和密码。',
  en: 'A debit card is issued in your own name after an identity check; keep the card and PIN safe.',
};

/** Mandatory disclaimers per product type, approved by compliance; shown whenever the product is. */
export const PRODUCT_DISCLAIMERS: Record<ProductType, readonly Notice[]> = {
  installment: [CREDIT, CONSUMER],
  consumer_loan: [CREDIT, CONSUMER],
  credit_card: [CARD],
  travel_card: [CARD],
  business_loan: [CREDIT, BUSINESS],
  startup_loan: [CREDIT, BUSINESS],
  inventory_financing: [CREDIT, BUSINESS],
  receivables_financing: [CREDIT, BUSINESS],
  trade_finance: [CREDIT, BUSINESS],
  business_account: [ACCOUNT],
  wealth_management: [INVESTMENT],
  fund: [INVESTMENT],
  time_deposit: [DEPOSIT],
  personal_account: [ACCOUNT],
  debit_card: [DEBIT_CARD],
};

export const CROSS_BORDER_DISCLAIMER: Notice = {
  'zh-CN': '跨境汇款须遵守国家外汇管理规定；向境外提供您的个人信息前，须征得您的单独同意。',
  en: 'Cross-border transfers follow foreign-exchange rules; your personal data goes abroad only with your separate consent.',
};

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
