import type { ExplanationPart, LocalizedText, RouteOption } from '@finlet/contracts';
import { localizer, type MessageArgs } from '@finlet/contracts/messages';
import type { LegAmounts } from './arithmetic.js';
import { formatMinorValue } from './arithmetic.js';
import { formatLocal } from './calendar.js';
import type { NetworkLeg } from './network.js';

type Leg = RouteOption['legs'][number];

/** A leg's step in the path: name, countries and currencies. */
const step = (l: Leg, locale: keyof LocalizedText) =>
  locale === 'zh-CN'
    ? l.from.currency === l.to.currency
      ? `${l.name['zh-CN']}（${l.from.country}→${l.to.country}，${l.from.currency}）`
      : `${l.name['zh-CN']}（${l.from.country}→${l.to.country}，${l.from.currency}→${l.to.currency}）`
    : l.from.currency === l.to.currency
      ? `${l.name.en} (${l.from.country}→${l.to.country}, ${l.from.currency})`
      : `${l.name.en} (${l.from.country}→${l.to.country}, ${l.from.currency}→${l.to.currency})`;

const ZH = {
  path: (legs: readonly Leg[], gets: string, pays: string) =>
    `路径：${legs.map((l) => step(l, 'zh-CN')).join('，然后 ')}。收款人到账 ${gets}，您支付 ${pays}。`,
  fee: (name: LocalizedText, fee: string, inSender: string | undefined) =>
    `${name['zh-CN']} 手续费 ${fee}${inSender === undefined ? '' : `（约 ${inSender}）`}。`,
  spread: (l: Leg, percent: string, cost: string) =>
    `${l.from.currency}→${l.to.currency} 换汇点差 ${percent}：按 ${l.appliedRate} 兑换（中间价 ${l.midRate}），约合 ${cost}。`,
  timing: (typical: string, zone: string, worst: string) => `预计 ${typical}（${zone}）到账，最迟 ${worst}。`,
  cutoff: (name: LocalizedText, s: NetworkLeg['leg']['schedule'], at: string) =>
    `${name['zh-CN']} 只在营业日 ${s.open}–${s.cutoff}（${s.timeZone}）受理，已过截止时间或非营业日，将于 ${at} 处理。`,
  dearerSooner: (extra: string, sooner: LocalizedText) =>
    `比最便宜的方案多花 ${extra}，但早 ${sooner['zh-CN']} 到账。`,
  cheaperLater: (saved: string, later: LocalizedText) =>
    `比最快的方案省 ${saved}，但晚 ${later['zh-CN']} 到账。`,
  only: '这是唯一可行的路线。',
  documents: (name: LocalizedText, document: LocalizedText) => `${name['zh-CN']} 需要：${document['zh-CN']}`,
};
const EN: typeof ZH = {
  path: (legs, gets, pays) =>
    `Route: ${legs.map((l) => step(l, 'en')).join(', then ')}. The recipient gets ${gets}; you pay ${pays}.`,
  fee: (name, fee, inSender) =>
    `${name.en} fee: ${fee}${inSender === undefined ? '' : ` (about ${inSender})`}.`,
  spread: (l, percent, cost) =>
    `FX spread ${percent} on ${l.from.currency}→${l.to.currency}: converted at ${l.appliedRate} against a mid rate of ${l.midRate}, about ${cost}.`,
  timing: (typical, zone, worst) => `Expected to arrive ${typical} (${zone}), at the latest ${worst}.`,
  cutoff: (name, s, at) =>
    `${name.en} takes payments on business days ${s.open}–${s.cutoff} (${s.timeZone}); it is past the cut-off or closed, so the payment is taken at ${at}.`,
  dearerSooner: (extra, sooner) =>
    `Costs ${extra} more than the cheapest option but arrives ${sooner.en} sooner.`,
  cheaperLater: (saved, later) => `Saves ${saved} against the fastest option but arrives ${later.en} later.`,
  only: 'This is the only feasible route.',
  documents: (name, document) => `${name.en} needs: ${document.en}`,
};
const explained = localizer<typeof ZH>({ 'zh-CN': ZH, en: EN });

/** One fact of an explanation: message `key` of its kind, in both locales. */
const part = <K extends keyof typeof ZH & string>(
  kind: ExplanationPart['kind'],
  key: K,
  ...args: MessageArgs<typeof ZH, K>
): ExplanationPart => ({ kind, text: explained(key, ...args) });

const amount = (m: { value: number; currency: RouteOption['senderPays']['currency'] }) =>
  `${formatMinorValue(BigInt(m.value), m.currency)} ${m.currency}`;

const bpsPercent = (bps: number) => {
  const s = formatMinorValue(BigInt(bps), 'USD'); // two decimals: 30 bps → 0.30
  return `${s}%`;
};

function duration(ms: number): LocalizedText {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const en =
    [d ? `${d} d` : '', h ? `${h} h` : '', m && !d ? `${m} min` : ''].filter(Boolean).join(' ') || '0 min';
  const zh = [d ? `${d}天` : '', h ? `${h}小时` : '', m && !d ? `${m}分钟` : ''].join('') || '0分钟';
  return { 'zh-CN': zh, en };
}

/** A feasible path before it is dressed as an option. */
export interface RouteCandidate {
  readonly legs: readonly NetworkLeg[];
  readonly amounts: readonly LegAmounts[];
  readonly accepted: readonly number[];
  readonly arrivals: readonly number[];
  readonly worstArrivals: readonly number[];
  readonly waited: readonly boolean[];
  /** Total cost in sender minor units. */
  readonly cost: bigint;
  readonly arrival: number;
}

/**
 * Plain explanation of one option: its path, every fee and spread, when it arrives and why it
 * waits, and how it compares with the cheapest and fastest options. One fact per part.
 */
export function explainOption(
  option: RouteOption,
  index: number,
  all: readonly RouteOption[],
  candidate: RouteCandidate,
): ExplanationPart[] {
  const parts: ExplanationPart[] = [];
  parts.push(part('path', 'path', option.legs, amount(option.recipientGets), amount(option.senderPays)));
  for (const l of option.legs) {
    if (l.fee.value === 0) continue;
    const inSender =
      l.fee.currency === option.senderPays.currency ? undefined : amount(l.feeInSenderCurrency);
    parts.push(part('fee', 'fee', l.name, amount(l.fee), inSender));
  }
  for (const l of option.legs) {
    if (l.spreadBps === 0) continue;
    parts.push(part('spread', 'spread', l, bpsPercent(l.spreadBps), amount(l.spreadInSenderCurrency)));
  }
  const lastLeg = candidate.legs[candidate.legs.length - 1]!.leg;
  const zone = lastLeg.schedule.timeZone;
  const typical = formatLocal(zone, candidate.arrival);
  const worst = formatLocal(zone, candidate.worstArrivals[candidate.worstArrivals.length - 1]!);
  parts.push(part('timing', 'timing', typical, zone, worst));
  candidate.legs.forEach((l, k) => {
    if (!candidate.waited[k]) return;
    const s = l.leg.schedule;
    const at = formatLocal(s.timeZone, candidate.accepted[k]!);
    parts.push(part('cutoff', 'cutoff', l.leg.name, s, at));
  });
  const cheapest = all[0]!;
  const fastest = all[all.length - 1]!;
  const arrival = Date.parse(option.arrivesAt);
  if (index > 0) {
    const more = option.totalCost.value - cheapest.totalCost.value;
    const sooner = duration(Date.parse(cheapest.arrivesAt) - arrival);
    const extra = amount({ value: more, currency: option.totalCost.currency });
    parts.push(part('tradeoff', 'dearerSooner', extra, sooner));
  }
  if (index < all.length - 1) {
    const less = fastest.totalCost.value - option.totalCost.value;
    const later = duration(arrival - Date.parse(fastest.arrivesAt));
    const saved = amount({ value: less, currency: option.totalCost.currency });
    parts.push(part('tradeoff', 'cheaperLater', saved, later));
  }
  if (all.length === 1) {
    parts.push(part('tradeoff', 'only'));
  }
  for (const l of option.legs) {
    for (const d of l.documents) {
      parts.push(part('documents', 'documents', l.name, d));
    }
  }
  return parts;
}
