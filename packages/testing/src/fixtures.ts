import type {
  Holding,
  KnowledgeDocumentContentInput,
  OfferContentInput,
  RiskQuestionnaireContentInput,
} from '@finlet/contracts';

const yuan = (value: number) => ({ value: value * 100, currency: 'CNY' as const });

export const inventoryOffer: OfferContentInput = {
  id: 'scf-inventory-loan',
  productType: 'inventory_financing',
  scenarios: ['supply-chain'],
  currency: 'CNY',
  amount: { min: yuan(50_000), max: yuan(3_000_000) },
  termMonths: { min: 3, max: 12 },
  pricing: {
    apr: { min: 365, max: 720 },
    fees: [
      {
        id: 'arrangement',
        kind: 'origination',
        rateBps: 50,
        label: { 'zh-CN': '安排费（一次性）', en: 'Arrangement fee (one-off)' },
      },
    ],
  },
  texts: {
    'zh-CN': { name: '存货融资', tagline: '以在库商品为依托，随借随还', highlights: ['最快当天放款'] },
    en: {
      name: 'Inventory financing',
      tagline: 'Working capital backed by your stock',
      highlights: ['Same-day funds'],
    },
  },
  disclosures: [{ 'zh-CN': '贷款有风险，借款需谨慎。', en: 'Borrow only what you can repay.' }],
  eligibility: [
    {
      id: 'trading-history',
      signal: 'business.age_months',
      op: 'gte',
      value: 12,
      label: { 'zh-CN': '经营满 12 个月', en: 'Trading for at least 12 months' },
    },
    {
      id: 'turnover',
      signal: 'inventory.turnover_days',
      op: 'gte',
      value: 45,
      label: { 'zh-CN': '库存周转天数不少于 45 天', en: 'Inventory turnover of 45 days or more' },
    },
  ],
  effective: { from: '2026-01-01T00:00:00Z' },
  priority: 60,
};

export const receivablesOffer: OfferContentInput = {
  ...inventoryOffer,
  id: 'scf-receivables',
  productType: 'receivables_financing',
  pricing: { apr: { min: 420, max: 900 } },
  texts: {
    'zh-CN': { name: '应收账款融资', tagline: '账期变现金' },
    en: { name: 'Receivables financing', tagline: 'Turn invoices into cash' },
  },
  eligibility: [
    {
      id: 'receivables',
      signal: 'receivables.outstanding_cny',
      op: 'gte',
      value: 100_000,
      label: { 'zh-CN': '应收账款不少于 10 万元', en: 'At least CNY 100,000 receivable' },
    },
  ],
  priority: 50,
};

export const consumerOffer: OfferContentInput = {
  ...inventoryOffer,
  id: 'shop-installment',
  productType: 'installment',
  scenarios: ['consumption'],
  amount: { min: yuan(500), max: yuan(50_000) },
  pricing: { apr: { min: 600, max: 1800 } },
  texts: {
    'zh-CN': { name: '购物分期', tagline: '3–24 期，按月还款' },
    en: { name: 'Shopping installments', tagline: '3–24 monthly payments' },
  },
  eligibility: [
    {
      id: 'adult',
      signal: 'user.age',
      op: 'gte',
      value: 18,
      label: { 'zh-CN': '年满 18 周岁', en: 'Aged 18 or over' },
    },
  ],
};

/** The FAQ the advisor cites for inventory financing (two passages in each language). */
export const inventoryFaq: KnowledgeDocumentContentInput = {
  id: 'faq-inventory-financing',
  kind: 'faq',
  scenarios: ['supply-chain'],
  productTypes: ['inventory_financing'],
  tags: ['进货', '存货融资'],
  texts: {
    'zh-CN': {
      title: '存货融资常见问题',
      body: '存货融资是以平台仓库中的存货为担保的流动资金贷款，适合进货、备货等短期资金需求。\n\n额度批准后可随借随还，按实际用款天数计息。',
    },
    en: {
      title: 'Inventory financing FAQ',
      body: 'Inventory financing is a working-capital loan secured by your stock, for needs such as restocking.\n\nYou draw and repay at any time.',
    },
  },
};

/** A product with no amount range: an elder-friendly debit card (consumption scenario). */
export const debitCardOffer: OfferContentInput = {
  id: 'elder-debit-card',
  productType: 'debit_card',
  scenarios: ['consumption'],
  currency: 'CNY',
  pricing: {},
  texts: {
    'zh-CN': { name: '敬老借记卡', tagline: '免年费，大字版手机银行' },
    en: { name: 'Senior debit card', tagline: 'No annual fee, large-print mobile banking' },
  },
  disclosures: [{ 'zh-CN': '须本人持身份证办理。', en: 'Apply in person with your ID card.' }],
  effective: { from: '2026-01-01T00:00:00Z' },
};

const wealthBase = {
  scenarios: ['consumption'],
  currency: 'CNY',
  pricing: {
    fees: [
      { id: 'mgmt', kind: 'management', rateBps: 30, label: { 'zh-CN': '管理费', en: 'Management fee' } },
    ],
  },
  disclosures: [{ 'zh-CN': '理财非存款，产品有风险。', en: 'Not a deposit; it carries risk.' }],
  effective: { from: '2026-01-01T00:00:00Z' },
} as const satisfies Partial<OfferContentInput>;

/** A low-risk (R1) wealth-management product, redeemable daily, with past performance. */
export const cashWealthOffer: OfferContentInput = {
  ...wealthBase,
  id: 'cash-plus',
  productType: 'wealth_management',
  riskLevel: 'R1',
  liquidity: 'daily',
  minHoldingDays: 7,
  texts: {
    'zh-CN': { name: '现金宝', tagline: '每日可赎回的低风险理财' },
    en: { name: 'Cash Plus', tagline: 'Low-risk wealth product, redeemable daily' },
  },
  pastPerformance: {
    periods: [{ label: { 'zh-CN': '近一年', en: 'Last 12 months' }, returnBps: 215 }],
    notice: {
      'zh-CN': '过往业绩不代表未来表现。',
      en: 'Past performance does not guarantee future returns.',
    },
  },
};

/** A high-risk (R4) equity fund with a closed period. */
export const equityFundOffer: OfferContentInput = {
  ...wealthBase,
  id: 'equity-growth-fund',
  productType: 'fund',
  riskLevel: 'R4',
  liquidity: 'closed_period',
  minHoldingDays: 365,
  texts: {
    'zh-CN': { name: '成长股票基金', tagline: '投资 A 股成长企业' },
    en: { name: 'Equity Growth Fund', tagline: 'Invests in growing listed companies' },
  },
};

/**
 * A C2 investor's concentrated holdings for the portfolio health check: 80 % in one R4 equity fund
 * with high fees, the rest in an R1 money-market fund; both hold the same top stock.
 */
export const concentratedHoldings: Holding[] = [
  {
    id: 'tech-growth',
    name: '科技成长股票基金',
    productType: 'fund',
    riskLevel: 'R4',
    marketValue: yuan(80_000),
    fees: { managementBps: 150, custodyBps: 25, salesServiceBps: 40 },
    category: 'equity',
    topExposures: [
      { name: 'Kweichow Moutai', weightBps: 900 },
      { name: 'CATL', weightBps: 800 },
    ],
  },
  {
    id: 'money-market',
    name: '货币市场基金',
    productType: 'fund',
    riskLevel: 'R1',
    marketValue: yuan(20_000),
    fees: { managementBps: 30, custodyBps: 8 },
    category: 'money_market',
  },
];
const opt = (id: string, zh: string, en: string, score: number) => ({
  id,
  label: { 'zh-CN': zh, en },
  score,
});

/**
 * A four-question risk questionnaire. All first options score 0 (C1); `RISK_ANSWERS_C2` scores 4
 * (C2); all last options score 19 (C5). Valid for 365 days.
 */
export const riskQuestionnaire: RiskQuestionnaireContentInput = {
  id: 'investor-risk',
  title: { 'zh-CN': '风险承受能力评估', en: 'Risk tolerance assessment' },
  validityDays: 365,
  bands: [
    { level: 'C1', minScore: 0 },
    { level: 'C2', minScore: 4 },
    { level: 'C3', minScore: 8 },
    { level: 'C4', minScore: 12 },
    { level: 'C5', minScore: 16 },
  ],
  questions: [
    {
      id: 'horizon',
      text: { 'zh-CN': '这笔钱您打算投资多久？', en: 'How long do you plan to invest this money?' },
      options: [
        opt('under-1-year', '1 年以内', 'Under 1 year', 0),
        opt('1-3-years', '1 至 3 年', '1 to 3 years', 2),
        opt('3-5-years', '3 至 5 年', '3 to 5 years', 4),
        opt('over-5-years', '5 年以上', 'Over 5 years', 5),
      ],
    },
    {
      id: 'loss',
      text: { 'zh-CN': '您能接受的最大亏损是多少？', en: 'What is the largest loss you could accept?' },
      options: [
        opt('none', '不能接受亏损', 'No loss at all', 0),
        opt('up-to-5', '5% 以内', 'Up to 5%', 1),
        opt('up-to-20', '20% 以内', 'Up to 20%', 3),
        opt('over-20', '20% 以上', 'More than 20%', 5),
      ],
    },
    {
      id: 'experience',
      text: { 'zh-CN': '您投资过哪些产品？', en: 'What have you invested in before?' },
      options: [
        opt('none', '没有投资过', 'Nothing yet', 0),
        opt('deposits', '存款、低风险理财', 'Deposits, low-risk wealth products', 1),
        opt('funds', '基金', 'Funds', 3),
        opt('stocks', '股票、衍生品', 'Stocks, derivatives', 5),
      ],
    },
    {
      id: 'income',
      text: { 'zh-CN': '您的收入情况是？', en: 'How is your income?' },
      options: [
        opt('unstable', '不稳定', 'Irregular', 0),
        opt('stable', '稳定', 'Steady', 2),
        opt('high', '稳定且较高', 'Steady and high', 4),
      ],
    },
  ],
};

/** Answers to {@link riskQuestionnaire} scoring 4: level C2. */
export const RISK_ANSWERS_C2: Record<string, string> = {
  horizon: '1-3-years',
  loss: 'up-to-5',
  experience: 'deposits',
  income: 'unstable',
};

/** Answers to {@link riskQuestionnaire} scoring 19: level C5. */
export const RISK_ANSWERS_C5: Record<string, string> = {
  horizon: 'over-5-years',
  loss: 'over-20',
  experience: 'stocks',
  income: 'high',
};
