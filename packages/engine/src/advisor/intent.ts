import type { ChatIntent, ChatSlots, CurrencyCode, Locale, ProductType } from '@finlet/contracts';
import { currencyOf, findAmounts, findTermMonths } from './amounts.js';
import { type Classified, NaiveBayes } from './classifier.js';
import { withoutIdentifiers } from './identifiers.js';
import type { ClassifiedIntent } from './intent-examples.js';
import { INTENT_MODEL } from './models.generated.js';
import { classifyUnsafe } from './safety.js';
import { hasHan, normalizeText } from './text.js';

/** Why a request is refused. */
export type UnsafeKind = 'prompt_injection' | 'other_customer_data' | 'investment_promise';

export interface Understanding {
  readonly intent: ChatIntent;
  readonly slots: ChatSlots;
  readonly unsafe?: UnsafeKind;
  /** The language the user wrote in (a mixed text counts as Chinese when it has Han characters). */
  readonly detectedLocale: Locale;
}

const INJECTION = [
  /ignore (all |any |the )?(previous|prior|above|earlier|your|all)( \w+)? (instructions|rules|prompts?|guidelines)/,
  /disregard .{0,30}(instructions|rules|guidelines)/,
  /(system|hidden|initial) prompt/,
  /reveal (your|the) (prompt|instructions|rules)/,
  /you are now\b|\bact as\b|pretend (to be|you)|developer mode|jailbreak|\bdan mode\b/,
  /(new|override) instructions?/,
  /忽略(之前|以上|上面|前面|所有|你的|全部).{0,8}(指令|规则|提示|设定|要求|限制)?/,
  /无视.{0,10}(规则|指令|限制|设定)/,
  /系统提示|提示词|你现在是|扮演|假装你|越狱|开发者模式/,
];
const OTHER_PEOPLE =
  /(他人|别人|其他客户|其他用户|别的客户|所有客户|所有用户|客户名单|他的|她的|邻居|同事|朋友的|张三|李四|王五)|\b(another (customer|user|person|client)|other (customers|users|clients|people)|someone else'?s?|all (customers|users|clients)|(my )?(neighbou?r|colleague|friend|boss)'s|his|her)\b/;
const PERSONAL_DATA =
  /(信息|数据|资料|身份证|手机|电话|账户|账号|余额|贷款记录|借款记录|记录|银行卡|名单|住址|征信)|\b(data|details|information|info|account|balance|phone|number|id|records?|loans?|list|address|credit (report|history))\b/;
const INVESTMENT_PROMISE = [
  /保本|保收益|稳赚|保证(收益|回报|赚|盈利)|[无零]风险.{0,6}(收益|回报)|(收益|回报).{0,6}[无零]风险|一定(能|会)赚|翻倍|荐股|推荐.{0,4}股票|炒股|买哪(只|支)股|比特币|加密货币|虚拟货币|高收益理财/,
  /guarantee(d|s)? .{0,20}(returns?|profits?|income|yields?|gains)|(returns?|profits?) .{0,10}guarantee/,
  /risk[- ]free (returns?|profits?|investment)|double my money|stock tips?|which stocks?|\b(bitcoin|crypto|cryptocurrency)\b|promise.{0,20}(returns?|profits?)|can'?t lose|never (lose|loses|lost)\b|只赚不赔|不会亏/,
];
/** A request to look over the user's own holdings (基金健诊): answered with a health-check report. */
const PORTFOLIO_CHECK =
  /(基金|持仓|仓位|理财|投资组合).{0,6}(健诊|诊断|体检)|(看看|看一下|检查|分析|诊断).{0,4}我的(基金|持仓|理财|投资组合|组合)|我的(基金|持仓|投资组合).{0,6}(怎么样|如何|合理|健康)|\b(check|review|analy[sz]e)\b.{0,12}\bmy\b.{0,6}\b(funds?|portfolio|holdings|investments)\b|\bportfolio (health )?check\b/;
/** Today's rule for a message no intent fits: a question in the bank's vocabulary, or out of scope. */
const DOMAIN =
  /贷|借|款|利率|利息|年化|费|分期|分\d+期|\d+期|还款|额度|融资|账户|开户|卡|汇|银行|申请|理财|保险|存|担保|补贴|贴息|征信|营业执照|质押|货|逾期|罚息|免息|美元|外币|换|审批|保证金|诈骗|验证码|授权|同意|\b(loans?|borrow\w*|credit|card|rates?|apr|fees?|interest|repay\w*|accounts?|financ\w*|transfer\w*|remit\w*|banks?|instal\w*|limits?|apply|eligib\w*|money|pay\w*|cash|deposit|subsid\w*|invoice|receivables?|inventory|stock|travel|business|export\w*|import\w*|yuan|cny|rmb|usd|currency|foreign exchange|quota|consent|fraud|scam|pledged?)\b/;

const LOOKUP =
  /查(一下|询|查|看)?(.{1,16}?)的(贷款|借款|账户|账号|余额|身份证|手机|电话|记录|信息|征信|银行卡|流水)/;

/** 帮我查一下隔壁恒达五金的贷款记录: a lookup of anyone but the user. */
function lookupOfSomeoneElse(lower: string): boolean {
  const m = LOOKUP.exec(lower);
  return m !== null && !/^(我|我们|本人|自己|我司|我公司)/.test(m[2]!.trim());
}

const DESTINATIONS: Array<[RegExp, CurrencyCode]> = [
  [/越南|vietnam/, 'VND'],
  [/泰国|thailand/, 'THB'],
  [/日本|japan/, 'JPY'],
  [/香港|hong kong/, 'HKD'],
  [/美国|\b(usa|america|the us)\b/, 'USD'],
  [/新加坡|singapore/, 'SGD'],
  [/英国|\b(uk|britain|england)\b/, 'GBP'],
  [/欧洲|德国|法国|意大利|西班牙|europe|germany|france|italy|spain/, 'EUR'],
  [/韩国|korea/, 'KRW'],
  [/马来西亚|malaysia/, 'MYR'],
  [/澳大利亚|澳洲|australia/, 'AUD'],
  [/加拿大|canada/, 'CAD'],
];
const CURRENCY_MENTION =
  /人民币|美元|美金|越南盾|港币|港元|欧元|日元|泰铢|新加坡元|英镑|韩元|林吉特|澳元|加元|\b(rmb|cny|usd|vnd|hkd|eur|jpy|thb|sgd|gbp|krw|myr|aud|cad|dong|baht|yen|euros?)\b/g;
const URGENT =
  /急|尽快|马上|立刻|今天到|当天|加急|最快|\b(urgent\w*|asap|fast\w*|quick\w*|today|same[- ]day|right away|immediately)\b/;

/** Purposes the user may name, the products that serve them, and the words kept as the purpose. */
const PURPOSES: Array<{ re: RegExp; zh: string; en: string; products: ProductType[] }> = [
  {
    re: /进货|备货|采购|存货|库存|\b(restock\w*|inventory|stock up|buy(ing)? stock|purchas\w* (goods|stock))\b/,
    zh: '进货',
    en: 'restocking inventory',
    products: ['inventory_financing', 'business_loan'],
  },
  {
    re: /应收|账期|回款|发票|\b(receivables?|invoices?|unpaid bills)\b/,
    zh: '应收账款周转',
    en: 'receivables turnover',
    products: ['receivables_financing'],
  },
  {
    re: /创业|开店|开公司|\b(start(ing)? a business|startup|start-up|new business)\b/,
    zh: '创业',
    en: 'starting a business',
    products: ['startup_loan'],
  },
  {
    re: /开户|对公账户|营业执照|\b(business account|company account|open an account|register a company)\b/,
    zh: '企业开户',
    en: 'opening a business account',
    products: ['business_account'],
  },
  {
    re: /周转|经营|扩大|\b(working capital|business loan|expand\w*|operat\w* costs?)\b/,
    zh: '经营周转',
    en: 'working capital',
    products: ['business_loan'],
  },
  {
    re: /旅游|旅行|出行|机票|酒店|度假|签证|\b(travel\w*|trip|flights?|hotels?|holiday|vacation)\b/,
    zh: '旅游出行',
    en: 'travel',
    products: ['installment', 'travel_card'],
  },
  {
    re: /信用卡|\bcredit cards?\b/,
    zh: '信用卡',
    en: 'credit card',
    products: ['credit_card', 'travel_card'],
  },
  {
    re: /购物|家电|手机|电脑|装修|家具|分期|网购|\b(shopping|appliances?|phone|laptop|furniture|renovat\w*|instal\w*|purchase)\b/,
    zh: '购物消费',
    en: 'shopping',
    products: ['installment', 'consumer_loan'],
  },
  {
    re: /消费|结婚|教育|学费|医疗|\b(personal loan|consumer loan|wedding|tuition|medical|education)\b/,
    zh: '个人消费',
    en: 'personal spending',
    products: ['consumer_loan'],
  },
];

function detectSlots(said: string, locale: Locale, crossBorder: boolean): ChatSlots {
  // A phone, ID or card number says who the user is, not what they want: no slot comes from it
  // (nor from its label: `my phone is …` is not a purpose).
  const text = withoutIdentifiers(said);
  const amounts = findAmounts(text, 'CNY');
  const slots: {
    -readonly [K in keyof ChatSlots]: ChatSlots[K];
  } = {};
  if (amounts[0]) slots.amount = amounts[0].amount;
  const term = findTermMonths(text);
  if (term !== undefined) slots.termMonths = term;
  const lower = normalizeText(text);
  for (const p of PURPOSES) {
    if (p.re.test(lower)) {
      slots.purpose = locale === 'zh-CN' ? p.zh : p.en;
      slots.productTypes = p.products;
      break;
    }
  }
  if (crossBorder) {
    const mentioned = [...lower.matchAll(CURRENCY_MENTION)].map((m) => currencyOf(m[0])).filter((c) => c);
    const from = amounts[0]?.explicitCurrency ? amounts[0].amount.currency : (mentioned[0] ?? 'CNY');
    slots.fromCurrency = from as CurrencyCode;
    const to =
      mentioned.find((c) => c !== from) ?? DESTINATIONS.find(([re]) => re.test(lower))?.[1] ?? undefined;
    if (to && to !== from) slots.toCurrency = to;
    slots.urgency = URGENT.test(lower) ? 'urgent' : 'normal';
  }
  return slots;
}

/**
 * Probability below which the intent classifier's answer is not taken: the message is then read as
 * a product question when it uses the bank's vocabulary and as out of scope otherwise (answered
 * from the documents or declined, never routed to an application or a transfer on a guess), as a
 * message no rule fitted was read before. Set on the demo eval set (eval/questions.json): every
 * wrong reading there scores above 0.8, right ones as low as 0.57; a message of words the model
 * never saw scores 1/8.
 */
export const INTENT_THRESHOLD = 0.5;

let intents: NaiveBayes<ClassifiedIntent> | undefined;

/**
 * The intent classifier's reading of a message: the shared naive Bayes over the intent model,
 * trained at build time on intent-examples.ts. Refusals are not its business (see `understand`).
 */
export function classifyIntent(text: string): Classified<ClassifiedIntent> {
  intents ??= new NaiveBayes(INTENT_MODEL);
  return intents.classify(text);
}

/**
 * Understands one message: the intent and the slots it fills. Refusals come first: guard rules
 * for the plainest wordings of prompt injection, other people's data and investment promises,
 * which fire whatever a classifier says, then the safety classifier for their rewordings. Then the
 * intent classifier (character n-grams, trained on labelled zh-CN and en messages), taken when it
 * is confident (`INTENT_THRESHOLD`). Slots are read by rules. Everything runs anywhere, and every
 * decision can be traced to a rule or to the labelled examples.
 *
 * @example
 * understand('我想借20万进货').slots.amount // { value: 20000000, currency: 'CNY' }
 */
export function understand(text: string, locale?: Locale): Understanding {
  const lower = normalizeText(text);
  const detectedLocale: Locale = hasHan(text) ? 'zh-CN' : 'en';
  const slotLocale = locale ?? detectedLocale;
  const done = (intent: ChatIntent, unsafe?: UnsafeKind): Understanding => ({
    intent,
    slots: detectSlots(text, slotLocale, intent === 'cross_border'),
    detectedLocale,
    ...(unsafe ? { unsafe } : {}),
  });
  if (INJECTION.some((re) => re.test(lower))) return done('unsafe', 'prompt_injection');
  if ((OTHER_PEOPLE.test(lower) && PERSONAL_DATA.test(lower)) || lookupOfSomeoneElse(lower))
    return done('unsafe', 'other_customer_data');
  if (INVESTMENT_PROMISE.some((re) => re.test(lower))) return done('unsafe', 'investment_promise');
  // Looking over one's own holdings is not investment advice: the report states facts and cites them.
  if (PORTFOLIO_CHECK.test(lower)) return done('portfolio_check');
  const unsafe = classifyUnsafe(text);
  if (unsafe) return done('unsafe', unsafe);
  const guess = classifyIntent(text);
  const inDomain = DOMAIN.test(lower);
  // Guard: a message in the bank's vocabulary is never out of scope, however the classifier leans.
  if (guess.probability >= INTENT_THRESHOLD && !(guess.label === 'out_of_scope' && inDomain))
    return done(guess.label);
  return done(inDomain ? 'product_question' : 'out_of_scope');
}
