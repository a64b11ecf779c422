import type { createEmbedSession } from '@finlet/node';

export const SITE_HANDLES = ['tourism', 'government', 'consumption', 'supply-chain'] as const;
export type SiteHandle = (typeof SITE_HANDLES)[number];

export type SessionInput = Parameters<typeof createEmbedSession>[1];

/** Ports `finlet dev` uses by default; the partners' registered origins in demo/partners.yaml match them. */
export const DEFAULT_PORTS: Record<SiteHandle | 'index' | 'group-chat', number> = {
  tourism: 4401,
  government: 4402,
  consumption: 4403,
  'supply-chain': 4404,
  index: 4405,
  'group-chat': 4406,
};

/** The one account each demo partner's own login knows. */
export interface DemoUser {
  id: string;
  name: string;
  /** How the English pages show the name. */
  nameEn: string;
  phone: string;
}

/** What the partner's backend keeps about its signed-in user (its own data, not Finlet's). */
export interface UserState {
  /** Consumption: how many of the product are in the cart. */
  quantity: number;
  /** Government: the company being registered. */
  companyName: string;
}

export interface SiteDefinition {
  handle: SiteHandle;
  title: { 'zh-CN': string; en: string };
  summary: { 'zh-CN': string; en: string };
  user: DemoUser;
  /** The embed session the site's server mints for its user, from its own data. */
  session(user: DemoUser, state: UserState): SessionInput;
  /** The site's own business data shown on the page (`GET /api/data`). */
  data(state: UserState): Record<string, unknown>;
}

const yuan = (major: number) => ({ value: major * 100, currency: 'CNY' as const });

/** Consumption: the product on the product page, in minor units. */
const FRIDGE = { sku: 'YX-BCD520', price: 899_900 };
/** Tourism: the trip in the checkout. */
const TRIP = { price: 1_280_000, nights: 4, travellers: 2 };

export const SITES: Record<SiteHandle, SiteDefinition> = {
  tourism: {
    handle: 'tourism',
    title: { 'zh-CN': '云游旅行', en: 'Cloud Travel' },
    summary: {
      'zh-CN':
        '出境游预订：东京 5 日自由行结账，按行程金额分期；以日元向东京酒店付款比较汇款路线；旅行金融智能问答。',
      en: 'Outbound travel: a Tokyo 5-day trip checkout with instalments for the trip amount; paying the Tokyo hotel in yen with route quotes; a travel-finance advisor chat.',
    },
    user: { id: 'traveller-1024', name: '林晓', nameEn: 'Lin Xiao', phone: '13800001024' },
    session: (user) => ({
      userId: user.id,
      scenario: 'tourism',
      signals: {
        'user.age': 34,
        'user.verified': true,
        'user.credit_tier': 'A',
        'trip.destination_country': 'JP',
      },
      prefill: {
        amount: { value: TRIP.price, currency: 'CNY' as const },
        termMonths: 6,
        purpose: '东京 5 日自由行 Tokyo, 5 days',
        applicantName: user.name,
        phone: user.phone,
      },
    }),
    data: () => ({
      trip: { ...TRIP, destination: 'JP' },
      amount: { value: TRIP.price, currency: 'CNY' as const },
    }),
  },
  government: {
    handle: 'government',
    title: { 'zh-CN': '政务通', en: 'GovServe' },
    summary: {
      'zh-CN':
        '企业开办一网通办：登记新公司，边办边问智能顾问，顺手开立对公账户或申请创业担保贷款，信息自动带入。',
      en: 'Start a business online: register a company, ask the advisor while you do, then open a business account or apply for a startup loan with your details carried over.',
    },
    user: { id: 'founder-7731', name: '陈思远', nameEn: 'Chen Siyuan', phone: '13900007731' },
    session: (user, state) => ({
      userId: user.id,
      scenario: 'government',
      signals: {
        'user.age': 29,
        'user.verified': true,
        'business.age_months': 0,
        'business.annual_revenue_cny': 0,
      },
      prefill: {
        amount: yuan(200_000),
        termMonths: 24,
        businessName: state.companyName,
        applicantName: user.name,
        phone: user.phone,
        purpose: '新办企业启动资金 Startup working capital',
      },
    }),
    data: (state) => ({ companyName: state.companyName, loanAmount: yuan(200_000) }),
  },
  consumption: {
    handle: 'consumption',
    title: { 'zh-CN': '优选商城', en: 'BestBuy Mall' },
    summary: {
      'zh-CN': '电商购物：商品页与结账页按购物车金额展示消费分期，提供长辈模式与中英文切换。',
      en: 'E-commerce: product page and checkout with consumer-credit offers for the cart amount, elder mode and Chinese/English switch.',
    },
    user: { id: 'shopper-5520', name: '王芳', nameEn: 'Wang Fang', phone: '13700005520' },
    session: (user, state) => ({
      userId: user.id,
      scenario: 'consumption',
      signals: { 'user.age': 41, 'user.verified': true, 'user.credit_tier': 'A' },
      prefill: {
        amount: { value: FRIDGE.price * state.quantity, currency: 'CNY' as const },
        termMonths: 12,
        purpose: '冰箱 refrigerator',
        applicantName: user.name,
        phone: user.phone,
      },
    }),
    data: (state) => ({
      product: FRIDGE,
      quantity: state.quantity,
      total: { value: FRIDGE.price * state.quantity, currency: 'CNY' as const },
    }),
  },
  'supply-chain': {
    handle: 'supply-chain',
    title: { 'zh-CN': '链达供应链', en: 'ChainLink SCF' },
    summary: {
      'zh-CN':
        'B2B 商户工作台：库存、应收、供应商；库存周转放缓时银行主动推送存货融资，一键预填申请；向越南供应商付款比较汇款路线。',
      en: 'B2B merchant dashboard: inventory, receivables, suppliers; when stock turns over slowly the bank offers inventory financing, pre-filled; route quotes for paying a Vietnamese supplier.',
    },
    user: { id: 'merchant-3308', name: '周建国', nameEn: 'Zhou Jianguo', phone: '13600003308' },
    session: (user) => ({
      userId: user.id,
      scenario: 'supply-chain',
      signals: {
        'business.age_months': 38,
        'business.annual_revenue_cny': 12_000_000,
        'inventory.turnover_days': 62,
        'receivables.outstanding_cny': 850_000,
        'user.verified': true,
      },
      prefill: {
        amount: yuan(500_000),
        termMonths: 6,
        purpose: '旺季备货 Peak-season stock',
        businessName: '宁波海曙恒达五金有限公司',
        applicantName: user.name,
        phone: user.phone,
      },
    }),
    data: () => ({ businessName: '宁波海曙恒达五金有限公司' }),
  },
};

export const initialState = (): UserState => ({ quantity: 1, companyName: '杭州青禾文创工作室' });

/**
 * Supply chain: the readings the merchant's ERP would report as stock piles up (days to turn over
 * inventory), oldest first. The last one crosses 90 days, which raises a nudge at any hour; the rise
 * within 30 days also raises one outside quiet hours.
 */
export const TURNOVER_TIMELINE = [
  { daysAgo: 28, days: 46 },
  { daysAgo: 14, days: 63 },
  { daysAgo: 0, days: 92 },
] as const;
