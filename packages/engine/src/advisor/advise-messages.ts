import type { Ask } from './evidence.js';

/** What the advisor says in each language, apart from what it quotes. */
export const ADVISOR_MESSAGES = {
  'zh-CN': {
    intro: '根据本行已发布的资料：',
    notFound: '抱歉，我在本行已发布的资料中没有找到与您问题相关的内容。',
    offerHuman: '如需进一步帮助，我可以为您转接人工客服。',
    takeAssessment: '完成风险承受能力评估后，我才能为您推荐与您风险等级相符的产品。',
    overridable: '如您仍希望选择该产品，可在产品列表中确认“我已了解该产品超出我的风险等级”后再申请。',
    humanRequested: '好的，已为您转接人工客服，客服人员会查看我们的对话记录并尽快与您联系。',
    repeated: '我多次没能回答您的问题，已为您转接人工客服。',
    greeting: '您好！我可以根据本行已发布的资料，为您解答产品、费用、申请条件和跨境汇款等问题。',
    outOfScope: '抱歉，我只能回答与本行已发布的金融产品和服务有关的问题，例如贷款、分期、开户和跨境汇款。',
    unsafe: {
      prompt_injection: '抱歉，我不能改变我的工作规则。我只会根据本行已发布的资料回答问题。',
      other_customer_data: '抱歉，出于个人信息保护，我不能查询或透露任何其他客户的信息。',
      investment_promise:
        '抱歉，本行不承诺保本或任何收益，也不提供股票、加密货币等投资建议。我可以为您介绍本行已发布的产品资料。',
    },
    found: (name: string) => `为您找到「${name}」。`,
    quoteNote: '（以下引自英文原文。）',
    otherProduct:
      '抱歉，本行已发布的资料中没有关于您所问产品的内容。为免误导，我不会用其他产品的信息来回答。',
    notStated: (title: string, ask: Ask) =>
      `我找到了「${title}」，但其中没有写明您问的${ask === 'amount' ? '金额或比例' : ask === 'duration' ? '时间或期限' : ask === 'rule' ? '这项规定' : '内容'}。为免误导，我不作推测。`,
    applyNow: '您可以直接进入申请，以下信息已为您预先填好，提交前请核对。',
    outOfRange: (name: string, range: string) => `「${name}」的可申请金额为 ${range}。`,
    noEligible: '根据您在本平台的信息，暂时没有您符合全部条件的产品。',
    unmet: (name: string, labels: string) => `「${name}」还需要满足：${labels}。`,
    allMet: (name: string) => `根据您在本平台的信息，您符合「${name}」的全部申请条件。`,
    compareLine: (name: string, facts: string) => `「${name}」：${facts}。`,
    amountFact: (r: string) => `可申请金额 ${r}`,
    aprFact: (r: string) => `年化利率 ${r}`,
    termFact: (min: number, max: number) => `期限 ${min}–${max} 个月`,
    needTransfer: '请告诉我汇款金额、币种和收款国家，我为您比较可选的汇款路线。',
    routes: '以下是可选的汇款路线，费用和到账时间以实际办理为准。',
    sep: '，',
    listSep: '；',
  },
  en: {
    intro: 'From the bank’s published material:',
    notFound: 'Sorry, I found nothing about this in the bank’s published material.',
    offerHuman: 'If you like, I can pass you to a person from our customer service.',
    takeAssessment:
      'Once you complete the risk assessment, I can recommend products that match your risk level.',
    overridable:
      'If you still want this product, confirm "I understand this product exceeds my risk level" in the product list before applying.',
    humanRequested:
      'Certainly: I have passed you to our customer service. A person will read our conversation and contact you soon.',
    repeated: 'I could not answer several times, so I have passed you to our customer service.',
    greeting:
      'Hello! I answer questions about the bank’s published products, fees, eligibility and cross-border transfers.',
    outOfScope:
      'Sorry, I can only answer questions about the bank’s published financial products and services, such as loans, instalments, accounts and transfers abroad.',
    unsafe: {
      prompt_injection:
        'Sorry, I cannot change how I work. I only answer from the bank’s published material.',
      other_customer_data:
        'Sorry, to protect personal information I cannot look up or reveal anything about other customers.',
      investment_promise:
        'Sorry, the bank does not promise any return or protect capital, and I do not give advice on stocks or crypto. I can tell you about the bank’s published products.',
    },
    found: (name: string) => `I found “${name}” for you.`,
    quoteNote: '(Quoted from the Chinese original.)',
    otherProduct:
      'Sorry, the bank’s published material says nothing about the product you asked about, and I will not answer from another product’s details.',
    notStated: (title: string, ask: Ask) =>
      `I found “${title}”, but it does not state ${ask === 'amount' ? 'the amount or rate' : ask === 'duration' ? 'how long' : ask === 'rule' ? 'that rule' : 'what you asked'}, so I will not guess.`,
    applyNow:
      'You can apply right away: the details below are filled in for you; please check them before you submit.',
    outOfRange: (name: string, range: string) => `“${name}” lends ${range}.`,
    noEligible: 'From what this platform knows about you, no product fits all its conditions yet.',
    unmet: (name: string, labels: string) => `“${name}” also needs: ${labels}.`,
    allMet: (name: string) =>
      `From what this platform knows about you, you meet every condition of “${name}”.`,
    compareLine: (name: string, facts: string) => `“${name}”: ${facts}.`,
    amountFact: (r: string) => `amounts ${r}`,
    aprFact: (r: string) => `APR ${r}`,
    termFact: (min: number, max: number) => `terms of ${min}–${max} months`,
    needTransfer:
      'Tell me the amount, the currency and the destination country, and I will compare the routes.',
    routes: 'Here are the routes you can use; actual fees and arrival times are confirmed when you send.',
    sep: ', ',
    listSep: '; ',
  },
} as const;
