import { createHash } from 'node:crypto';
import { type Locale, SOCIAL_CONTINUATION_SECONDS } from '@finlet/contracts';
import { newId, randomBase62 } from '../internal/ids.js';
import type { RateLimiter } from '../rate-limits/limiter.js';
import type { ChatAdapter, IncomingMessage } from './adapter.js';
import type { SocialBotRecord, SocialStore } from './store.js';

/** A general answer from the advisor: its text and the titles of the passages it cites. */
export interface GeneralAnswer {
  text: string;
  citations: Array<{ ref: number; title: string }>;
}

export interface AssistantDeps {
  store: SocialStore;
  clock: () => Date;
  limiter: RateLimiter | undefined;
  /**
   * Asks the advisor as nobody in particular: no member's session, signals or applications are
   * reachable from it, so a group answer cannot contain them whatever the question says.
   */
  ask(
    bot: SocialBotRecord,
    groupId: string,
    question: string,
    locale: Locale,
  ): Promise<GeneralAnswer | undefined>;
}

export type AssistantOutcome =
  | 'not_mentioned'
  | 'opted_out'
  | 'opt_out'
  | 'opt_in'
  | 'rate_limited'
  | 'answered'
  | 'no_answer'
  | 'continued';

const OPT_OUT = /^(?:opt[\s-]?out|stop|unsubscribe|退出|退订|别回复我|不要回复我)$/i;
const OPT_IN = /^(?:opt[\s-]?in|start|subscribe|加入|恢复|订阅)$/i;

/**
 * Whether a question is about someone's own case rather than the products in general. It errs on
 * the private side: a general question sent privately costs a click; a personal one answered in
 * the group cannot be taken back. Any figure counts as personal (amounts, ids, dates of a case).
 */
export function isPersonal(text: string): boolean {
  if (/[0-9０-９]/.test(text)) return true;
  if (
    /\b(?:my|mine|me|myself|am i|can i|could i|may i|will i|should i|do i qualify|i'm|i am|i have|i've|eligib\w*|qualif\w*|limits?|approv\w*|applications?|appl(?:y|ied)|status|score|income|salary|balance|owe|debt|signals?|his|her|their)\b/i.test(
      text,
    )
  ) {
    return true;
  }
  if (/\b\w+['’]s\b/.test(text)) return true;
  return /我的|我能|我可以|我有|我是否|我够|我家|本人|额度|资格|申请|审批|批了|批下|收入|流水|余额|欠款|负债|征信|他的|她的|他们的|的额度|能贷|能借|多少钱/.test(
    text,
  );
}

function localeOf(text: string, fallback: Locale): Locale {
  if (/[\u4e00-\u9fff]/.test(text)) return 'zh-CN';
  if (/[A-Za-z]{3,}/.test(text)) return 'en';
  return fallback;
}

const TEXTS = {
  en: {
    sources: 'Sources',
    noAnswer:
      'I can only answer general questions about the bank’s products and rates, and I found nothing published on that. For anything about you, mention me with your question and I will continue privately.',
    movedToPrivate:
      'This is about you, so let’s continue privately: I have sent you a one-time link (valid for 10 minutes). Nobody’s finances are discussed in this group.',
    privateLink: (url: string) =>
      `Continue here, with your consent first (one-time link, valid for 10 minutes, only for you): ${url}`,
    optedOut:
      'Done: I will no longer answer or read your messages in groups. Mention me with “opt in” to come back.',
    optedIn: 'Welcome back: mention me with a question about the bank’s products or rates.',
  },
  'zh-CN': {
    sources: '来源',
    noAnswer:
      '我只能回答关于本行产品和利率的一般问题，目前没有找到相关的公开资料。涉及您个人情况的问题，请@我提问，我会私下继续。',
    movedToPrivate:
      '这个问题涉及您个人的情况，我们私下继续：已私信您一个一次性链接（10 分钟内有效）。群里不讨论任何人的财务情况。',
    privateLink: (url: string) =>
      `请在这里继续，先确认授权（一次性链接，10 分钟内有效，仅限您本人使用）：${url}`,
    optedOut: '已退出：我将不再回复或处理您在群里的消息。@我并发送“加入”即可恢复。',
    optedIn: '欢迎回来：@我即可询问本行产品或利率的问题。',
  },
} as const;

export function hashContinuationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The bank's assistant in a group. It speaks only when mentioned, answers general product and rate
 * questions with citations, and never says anything about a member: a personal question gets a
 * one-time link, sent to that member alone, that opens the partner's page with the widgets.
 */
export class GroupAssistant {
  constructor(private readonly deps: AssistantDeps) {}

  async handle(
    bot: SocialBotRecord,
    message: IncomingMessage,
    adapter: ChatAdapter,
  ): Promise<AssistantOutcome> {
    if (message.chatType === 'group' && !message.mentionsBot) return 'not_mentioned';
    const { store, clock } = this.deps;
    const member = message.sender.id;
    const locale = localeOf(message.text, bot.locale);
    const texts = TEXTS[locale];
    const reply = (text: string) =>
      adapter.send({ to: { kind: 'group', groupId: message.groupId }, text, mention: [member] });
    const command = message.text.replace(/[\s.!。！,，]+$/u, '').trim();

    if (OPT_OUT.test(command) || OPT_IN.test(command)) {
      const choice = OPT_OUT.test(command) ? 'opt_out' : 'opt_in';
      // Recorded whatever the rate limits say: a member's choice is never dropped.
      await store.recordChoice({
        botId: bot.id,
        memberId: member,
        choice,
        groupId: message.groupId,
        messageId: message.messageId,
        at: clock().toISOString(),
      });
      if (await this.allowed(bot, message))
        await reply(choice === 'opt_out' ? texts.optedOut : texts.optedIn);
      return choice;
    }
    if (await store.optedOut(bot.id, member)) return 'opted_out';
    if (!(await this.allowed(bot, message))) return 'rate_limited';

    if (isPersonal(message.text)) {
      const url = await this.continuation(bot, message);
      await adapter.send({ to: { kind: 'member', memberId: member }, text: texts.privateLink(url) });
      await reply(texts.movedToPrivate);
      return 'continued';
    }
    const answer = await this.deps.ask(bot, message.groupId, message.text, locale);
    if (!answer || answer.citations.length === 0 || answer.text.trim() === '') {
      await reply(texts.noAnswer);
      return 'no_answer';
    }
    const sources = answer.citations.map((c) => `[${c.ref}] ${c.title}`).join('; ');
    await reply(`${answer.text.trim()}\n\n${texts.sources}: ${sources}`);
    return 'answered';
  }

  /** Counts the member first, so a member who floods does not use up the group's budget. */
  private async allowed(bot: SocialBotRecord, message: IncomingMessage): Promise<boolean> {
    const limiter = this.deps.limiter;
    if (!limiter) return true;
    const member = await limiter.take('socialMember', `${bot.id}:${message.sender.id}`);
    if (member && !member.allowed) return false;
    const group = await limiter.take('socialGroup', `${bot.id}:${message.groupId}`);
    return !group || group.allowed;
  }

  private async continuation(bot: SocialBotRecord, message: IncomingMessage): Promise<string> {
    const now = this.deps.clock();
    const token = `fsc_${randomBase62(40)}`;
    await this.deps.store.insertContinuation({
      id: newId('scn'),
      tokenHash: hashContinuationToken(token),
      botId: bot.id,
      partnerId: bot.partnerId,
      memberId: message.sender.id,
      groupId: message.groupId,
      topic: message.text.slice(0, 500),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SOCIAL_CONTINUATION_SECONDS * 1000).toISOString(),
      usedAt: null,
    });
    const url = new URL(bot.continueUrl);
    url.searchParams.set('finlet_continue', token);
    return url.toString();
  }
}
