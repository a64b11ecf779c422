import type { ExplanationPart, LocalizedText, RouteOption } from '@finlet/contracts';
import type { LegAmounts } from './arithmetic.js';
import { formatMinorValue } from './arithmetic.js';
import { formatLocal } from './calendar.js';
import type { NetworkLeg } from './network.js';

const text = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
const part = (kind: ExplanationPart['kind'], zh: string, en: string): ExplanationPart => ({
  kind,
  text: text(zh, en),
});

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
  const steps = option.legs.map((l) =>
    l.from.currency === l.to.currency
      ? {
          zh: `${l.name['zh-CN']}（${l.from.country}→${l.to.country}，${l.from.currency}）`,
          en: `${l.name.en} (${l.from.country}→${l.to.country}, ${l.from.currency})`,
        }
      : {
          zh: `${l.name['zh-CN']}（${l.from.country}→${l.to.country}，${l.from.currency}→${l.to.currency}）`,
          en: `${l.name.en} (${l.from.country}→${l.to.country}, ${l.from.currency}→${l.to.currency})`,
        },
  );
  parts.push(
    part(
      'path',
      `路径：${steps.map((s) => s.zh).join('，然后 ')}。收款人到账 ${amount(option.recipientGets)}，您支付 ${amount(option.senderPays)}。`,
      `Route: ${steps.map((s) => s.en).join(', then ')}. The recipient gets ${amount(option.recipientGets)}; you pay ${amount(option.senderPays)}.`,
    ),
  );
  for (const l of option.legs) {
    if (l.fee.value === 0) continue;
    const inSender =
      l.fee.currency === option.senderPays.currency ? '' : `（约 ${amount(l.feeInSenderCurrency)}）`;
    const inSenderEn =
      l.fee.currency === option.senderPays.currency ? '' : ` (about ${amount(l.feeInSenderCurrency)})`;
    parts.push(
      part(
        'fee',
        `${l.name['zh-CN']} 手续费 ${amount(l.fee)}${inSender}。`,
        `${l.name.en} fee: ${amount(l.fee)}${inSenderEn}.`,
      ),
    );
  }
  for (const l of option.legs) {
    if (l.spreadBps === 0) continue;
    parts.push(
      part(
        'spread',
        `${l.from.currency}→${l.to.currency} 换汇点差 ${bpsPercent(l.spreadBps)}：按 ${l.appliedRate} 兑换（中间价 ${l.midRate}），约合 ${amount(l.spreadInSenderCurrency)}。`,
        `FX spread ${bpsPercent(l.spreadBps)} on ${l.from.currency}→${l.to.currency}: converted at ${l.appliedRate} against a mid rate of ${l.midRate}, about ${amount(l.spreadInSenderCurrency)}.`,
      ),
    );
  }
  const lastLeg = candidate.legs[candidate.legs.length - 1]!.leg;
  const zone = lastLeg.schedule.timeZone;
  const typical = formatLocal(zone, candidate.arrival);
  const worst = formatLocal(zone, candidate.worstArrivals[candidate.worstArrivals.length - 1]!);
  parts.push(
    part(
      'timing',
      `预计 ${typical}（${zone}）到账，最迟 ${worst}。`,
      `Expected to arrive ${typical} (${zone}), at the latest ${worst}.`,
    ),
  );
  candidate.legs.forEach((l, k) => {
    if (!candidate.waited[k]) return;
    const s = l.leg.schedule;
    const at = formatLocal(s.timeZone, candidate.accepted[k]!);
    parts.push(
      part(
        'cutoff',
        `${l.leg.name['zh-CN']} 只在营业日 ${s.open}–${s.cutoff}（${s.timeZone}）受理，已过截止时间或非营业日，将于 ${at} 处理。`,
        `${l.leg.name.en} takes payments on business days ${s.open}–${s.cutoff} (${s.timeZone}); it is past the cut-off or closed, so the payment is taken at ${at}.`,
      ),
    );
  });
  const cheapest = all[0]!;
  const fastest = all[all.length - 1]!;
  const arrival = Date.parse(option.arrivesAt);
  if (index > 0) {
    const more = option.totalCost.value - cheapest.totalCost.value;
    const sooner = duration(Date.parse(cheapest.arrivesAt) - arrival);
    const extra = amount({ value: more, currency: option.totalCost.currency });
    parts.push(
      part(
        'tradeoff',
        `比最便宜的方案多花 ${extra}，但早 ${sooner['zh-CN']} 到账。`,
        `Costs ${extra} more than the cheapest option but arrives ${sooner.en} sooner.`,
      ),
    );
  }
  if (index < all.length - 1) {
    const less = fastest.totalCost.value - option.totalCost.value;
    const later = duration(arrival - Date.parse(fastest.arrivesAt));
    const saved = amount({ value: less, currency: option.totalCost.currency });
    parts.push(
      part(
        'tradeoff',
        `比最快的方案省 ${saved}，但晚 ${later['zh-CN']} 到账。`,
        `Saves ${saved} against the fastest option but arrives ${later.en} later.`,
      ),
    );
  }
  if (all.length === 1) {
    parts.push(part('tradeoff', '这是唯一可行的路线。', 'This is the only feasible route.'));
  }
  for (const l of option.legs) {
    for (const d of l.documents) {
      parts.push(part('documents', `${l.name['zh-CN']} 需要：${d['zh-CN']}`, `${l.name.en} needs: ${d.en}`));
    }
  }
  return parts;
}
