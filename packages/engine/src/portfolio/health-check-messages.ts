import { formatMinor, type Locale, type LocalizedText, type Money } from '@finlet/contracts';
import { type MessageArgs, translator } from '@finlet/contracts/messages';

/** An amount in the locale's currency format (`¥1,234.50`, `CN¥1,234.50`). */
export function formatMoney(amount: Money, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: amount.currency }).format(
    formatMinor(amount) as `${number}`,
  );
}

/** A product the health check names: its texts in each language and, for lower fees, its yearly rate. */
type Named = { readonly texts: Readonly<Record<Locale, { readonly name: string }>>; readonly fee?: string };

/**
 * What the health check says in each language, one entry per explanation key (`health.…`) plus the
 * report's summary. Each takes the figures already formatted, save the amounts, which each
 * language formats in its own way.
 */
const ZH = {
  'health.risk_above_level': (name: string, product: string, investor: string, share: string) =>
    `“${name}”的风险等级为 ${product}，高于您的风险承受能力等级 ${investor}，占您持仓的 ${share}。`,
  'health.no_assessment': (count: number) =>
    `您有 ${count} 项持仓带有风险等级，但尚无有效的风险承受能力评估，无法判断是否匹配。`,
  'health.concentration': (
    name: string,
    share: string,
    value: Money,
    total: Money,
    threshold: string,
    hhi: number,
  ) =>
    `“${name}”占您持仓的 ${share}（${formatMoney(value, 'zh-CN')} / ${formatMoney(total, 'zh-CN')}），超过单一持仓 ${threshold} 的集中度提示线；集中度指数（HHI）为 ${hhi}。`,
  'health.category_concentration': (count: number, category: string, share: string, threshold: string) =>
    `${count} 项持仓同属“${category}”类别，合计占 ${share}，超过单一类别 ${threshold} 的提示线。`,
  'health.overlap.category': (names: readonly string[], category: string, share: string) =>
    `${names.map((n) => `“${n}”`).join('、')}同属“${category}”类别（合计 ${share}），分散效果有限。`,
  'health.overlap.exposure': (count: number, name: string, share: string, value: Money, threshold: string) =>
    `${count} 项持仓都投资于“${name}”，穿透后合计占您持仓的 ${share}（约 ${formatMoney(value, 'zh-CN')}），超过 ${threshold} 的重叠提示线。`,
  'health.fee_drag': (rate: string, yearly: Money, threshold: string, covered: string) =>
    `按市值加权，您持仓的年费率（管理费 + 托管费 + 销售服务费）约为 ${rate}，每年约 ${formatMoney(yearly, 'zh-CN')}（= Σ 市值 × 年费率），高于 ${threshold} 的提示线；已知费率的持仓占 ${covered}。`,
  'health.suggest.take_assessment': () =>
    '请先完成风险承受能力评估，之后我们才能判断持仓是否适合您，并推荐与您等级相符的产品。',
  'health.suggest.diversify': (level: string, picks: readonly Named[]) =>
    picks.length > 0
      ? `可考虑逐步分散到与您等级 ${level} 相符的产品，例如：${picks.map((p) => `“${p.texts['zh-CN'].name}”`).join('、')}。`
      : `可考虑逐步分散持仓；目前没有与您等级 ${level} 相符的可推荐产品。`,
  'health.suggest.lower_fees': (level: string, cheaper: readonly Named[]) =>
    `与您等级 ${level} 相符、年费率更低的产品：${cheaper.map((p) => `“${p.texts['zh-CN'].name}”（${p.fee}）`).join('、')}。`,
  summary: (n: number) => (n === 0 ? '未发现需要关注的问题。' : `发现 ${n} 项需要关注的问题。`),
};

const EN: typeof ZH = {
  'health.risk_above_level': (name, product, investor, share) =>
    `“${name}” is rated ${product}, above your assessed risk tolerance ${investor}; it is ${share} of your holdings.`,
  'health.no_assessment': (count) =>
    `${count} of your holdings carry a risk level, but you have no valid risk assessment, so their fit cannot be judged.`,
  'health.concentration': (name, share, value, total, threshold, hhi) =>
    `“${name}” is ${share} of your holdings (${formatMoney(value, 'en')} of ${formatMoney(total, 'en')}), above the ${threshold} single-holding concentration line; the concentration index (HHI) is ${hhi}.`,
  'health.category_concentration': (count, category, share, threshold) =>
    `${count} holding${count === 1 ? '' : 's'} in the “${category}” category make up ${share}, above the ${threshold} single-category line.`,
  'health.overlap.category': (names, category, share) =>
    `${names.map((n) => `“${n}”`).join(', ')} are all in the “${category}” category (together ${share}), so they diversify little.`,
  'health.overlap.exposure': (count, name, share, value, threshold) =>
    `${count} of your holdings all invest in “${name}”: looked through, that is ${share} of your holdings (about ${formatMoney(value, 'en')}), above the ${threshold} overlap line.`,
  'health.fee_drag': (rate, yearly, threshold, covered) =>
    `Weighted by market value, your holdings’ yearly fees (management + custody + sales service) are about ${rate}, about ${formatMoney(yearly, 'en')} a year (= Σ market value × yearly fee rate), above the ${threshold} line; holdings with known fees are ${covered} of the total.`,
  'health.suggest.take_assessment': () =>
    'Please take the risk assessment first: then we can judge whether your holdings suit you and suggest products that fit your level.',
  'health.suggest.diversify': (level, picks) =>
    picks.length > 0
      ? `Consider spreading your money over products that fit your level ${level}, such as ${picks.map((p) => `“${p.texts.en.name}”`).join(', ')}.`
      : `Consider spreading your holdings; no product that fits your level ${level} is available to suggest now.`,
  'health.suggest.lower_fees': (level, cheaper) =>
    `Products that fit your level ${level} with lower yearly fees: ${cheaper.map((p) => `“${p.texts.en.name}” (${p.fee})`).join(', ')}.`,
  summary: (n) =>
    n === 0 ? 'Nothing needs your attention.' : `${n} point${n === 1 ? '' : 's'} need your attention.`,
};

/** The health check's texts through the shared translation helper. */
export const healthText = translator<typeof ZH>({ 'zh-CN': ZH, en: EN });

export type HealthMessageKey = Exclude<keyof typeof ZH, 'summary'>;
/** The arguments of message `K`. */
export type HealthArgs<K extends keyof typeof ZH> = MessageArgs<typeof ZH, K>;

/** A health-check text in both languages, as a finding or a suggestion carries it. */
export function inBothLanguages<K extends HealthMessageKey>(key: K, ...args: HealthArgs<K>): LocalizedText {
  return { 'zh-CN': healthText('zh-CN', key, ...args), en: healthText('en', key, ...args) };
}
