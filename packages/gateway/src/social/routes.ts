import { createHash } from 'node:crypto';
import type {
  FeishuCallbackAck,
  Locale,
  SocialBot,
  SocialBotList,
  SocialContinuation,
} from '@finlet/contracts';
import { sseParts } from '../agents/toolbox.js';
import { mintSessionToken } from '../auth/sessions.js';
import { bodyText } from '../http/body.js';
import { adminCaller, partnerCaller } from '../http/callers.js';
import type { FeatureHandlers } from '../http/handler.js';
import { header } from '../http/headers.js';
import { HttpProblem } from '../http/problem.js';
import { audit } from '../internal/audit.js';
import type { GatewayDeps } from '../internal/deps.js';
import { newId } from '../internal/ids.js';
import type { RateLimiter } from '../rate-limits/limiter.js';
import { type GeneralAnswer, GroupAssistant, hashContinuationToken } from './assistant.js';
import { FEISHU_MAX_SKEW_SECONDS, FeishuAdapter, openFeishuCallback } from './feishu.js';
import type { SocialBotRecord } from './store.js';

type Fetch = (request: Request) => Promise<Response>;

export interface SocialOptions {
  /** The gateway's own routes: the advisor is asked through `/v1/chat/messages` like any widget. */
  fetch: Fetch;
  /** The shared rate limiter (absent when rate limits are off). */
  limiter: () => RateLimiter | undefined;
}

function botView(bot: SocialBotRecord): SocialBot {
  return {
    id: bot.id,
    partnerId: bot.partnerId,
    platform: bot.platform,
    name: bot.name,
    appId: bot.appId,
    botOpenId: bot.botOpenId,
    apiBase: bot.apiBase,
    continueUrl: bot.continueUrl,
    scenario: bot.scenario,
    locale: bot.locale,
    callbackPath: `/v1/social/${bot.platform}/${bot.id}/events`,
    createdAt: bot.createdAt,
  };
}

export function socialHandlers(deps: GatewayDeps, options: SocialOptions) {
  const ask = async (
    bot: SocialBotRecord,
    groupId: string,
    question: string,
    locale: Locale,
  ): Promise<GeneralAnswer | undefined> => {
    // One anonymous user per group: the advisor's per-user limits and conversations stay per group,
    // and no member's identity, signals or applications come with the question.
    const userId = `social:${bot.id}:${createHash('sha256').update(groupId).digest('hex').slice(0, 24)}`;
    const session = await mintSessionToken(
      deps.sessions,
      bot.partnerId,
      { userId, scenario: bot.scenario, locale, ttlSeconds: 120 },
      deps.clock(),
    );
    const response = await options.fetch(
      new Request('http://gateway.internal/v1/chat/messages', {
        method: 'POST',
        headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: question, locale }),
      }),
    );
    if (!response.ok) return undefined;
    const parts = sseParts(await response.text());
    return {
      text: parts.flatMap((p) => (p.type === 'text' ? [p.delta] : [])).join(''),
      citations: parts.flatMap((p) => (p.type === 'citation' ? [{ ref: p.ref, title: p.title }] : [])),
    };
  };
  const assistant = new GroupAssistant({
    store: deps.store.social,
    clock: deps.clock,
    get limiter() {
      return options.limiter();
    },
    ask,
  });
  let lastPurge = 0;

  return {
    createSocialBot: async (c, { body: input }) => {
      adminCaller(c, []);
      const partner = await deps.partners.get(input.partnerId);
      if (!partner) {
        throw new HttpProblem('invalid_request', {
          detail: `partnerId: no partner ${input.partnerId}.`,
          errors: [{ path: 'partnerId', message: 'no such partner' }],
        });
      }
      if (!partner.origins.includes(new URL(input.continueUrl).origin)) {
        throw new HttpProblem('invalid_request', {
          detail: 'continueUrl: must be on one of the partner’s origins.',
          errors: [{ path: 'continueUrl', message: 'not on an allowed origin of this partner' }],
        });
      }
      if (!partner.scenarios.includes(input.scenario)) {
        throw new HttpProblem('invalid_request', {
          detail: `scenario: the partner serves ${partner.scenarios.join(', ')}.`,
          errors: [{ path: 'scenario', message: 'not a scenario of this partner' }],
        });
      }
      const now = deps.clock();
      const bot: SocialBotRecord = {
        id: newId('sbt'),
        partnerId: partner.id,
        platform: input.platform,
        name: input.name,
        appId: input.appId,
        appSecret: input.appSecret,
        verificationToken: input.verificationToken,
        encryptKey: input.encryptKey,
        botOpenId: input.botOpenId,
        apiBase: input.apiBase.replace(/\/+$/, ''),
        continueUrl: input.continueUrl,
        scenario: input.scenario,
        locale: input.locale,
        createdAt: now.toISOString(),
      };
      const view = botView(bot);
      await deps.store.transaction(async (tx) => {
        await tx.social.insertBot(bot);
        await audit(tx, c, now, {
          action: 'social_bot.created',
          target: { kind: 'social_bot', id: bot.id, version: null },
          after: { ...view },
        });
      });
      return c.json(view, 201, { location: `/v1/admin/social-bots/${bot.id}` });
    },

    listSocialBots: async (c) => {
      adminCaller(c, []);
      const body: SocialBotList = { bots: (await deps.store.social.listBots()).map(botView) };
      return c.json(body);
    },

    receiveFeishuEvent: async (c, { params, body }) => {
      const bot = await deps.store.social.getBot(params.id);
      if (bot?.platform !== 'feishu') throw new HttpProblem('not_found', { detail: `No bot ${params.id}.` });
      const now = deps.clock();
      const at = now.toISOString();
      if (now.getTime() - lastPurge > 60_000) {
        lastPurge = now.getTime();
        await deps.store.social.purgeSeen(
          new Date(now.getTime() - 2 * FEISHU_MAX_SKEW_SECONDS * 1000).toISOString(),
        );
      }
      // The signature covers the exact bytes Feishu sent, which the route already read once.
      const raw = await bodyText(c);
      const event = await openFeishuCallback(
        bot,
        {
          timestamp: header(c, 'x-lark-request-timestamp'),
          nonce: header(c, 'x-lark-request-nonce'),
          signature: header(c, 'x-lark-signature'),
        },
        raw,
        body.encrypt,
        now,
        (nonce) => deps.store.social.markSeen(bot.id, 'nonce', nonce, at),
      );
      if (event.kind === 'challenge') {
        const ack: FeishuCallbackAck = { challenge: event.challenge };
        return c.json(ack);
      }
      const ack: FeishuCallbackAck = {};
      if (event.kind === 'ignored') return c.json(ack);
      // Feishu delivers at least once: a retried event is acknowledged without answering twice.
      if (!(await deps.store.social.markSeen(bot.id, 'event', event.eventId, at))) return c.json(ack);
      const partner = await deps.partners.get(bot.partnerId);
      if (partner?.status !== 'active') return c.json(ack);
      const log = c.get('log');
      try {
        const outcome = await assistant.handle(bot, event.message, new FeishuAdapter(bot, deps.clock));
        log?.info({ requestId: c.get('requestId'), botId: bot.id, outcome }, 'social message');
      } catch (error) {
        // The platform being down is not the sender's fault: acknowledged, logged, not retried.
        log?.warn(
          {
            requestId: c.get('requestId'),
            botId: bot.id,
            err: error instanceof Error ? error.message : String(error),
          },
          'social message not answered',
        );
      }
      return c.json(ack);
    },

    redeemSocialContinuation: async (c, { body: input }) => {
      const partner = partnerCaller(c);
      const now = deps.clock();
      const record = await deps.store.social.continuationByHash(hashContinuationToken(input.token));
      // Another partner's link reads exactly like an unknown one.
      if (
        !record ||
        record.partnerId !== partner.id ||
        record.usedAt !== null ||
        Date.parse(record.expiresAt) <= now.getTime()
      ) {
        throw new HttpProblem('social_continuation_invalid', {
          detail: 'The link is unknown, was already used, or expired; ask the assistant again in the group.',
        });
      }
      if (record.memberId !== input.memberId) {
        throw new HttpProblem('social_member_mismatch', {
          detail: 'This link was made for another member of the group; it stays usable by that member only.',
        });
      }
      const bot = await deps.store.social.getBot(record.botId);
      if (!bot)
        throw new HttpProblem('social_continuation_invalid', { detail: 'The bot of this link is gone.' });
      if (!(await deps.store.social.useContinuation(record.id, now.toISOString()))) {
        throw new HttpProblem('social_continuation_invalid', { detail: 'The link was used meanwhile.' });
      }
      const session = await mintSessionToken(
        deps.sessions,
        partner.id,
        { userId: input.userId, scenario: bot.scenario, locale: bot.locale },
        now,
      );
      await audit(deps.store, c, now, {
        action: 'social_continuation.redeemed',
        target: { kind: 'social_continuation', id: record.id, version: null },
        after: { botId: bot.id, groupId: record.groupId },
      });
      const result: SocialContinuation = {
        botId: bot.id,
        memberId: record.memberId,
        scenario: bot.scenario,
        locale: bot.locale,
        topic: record.topic,
        session: { token: session.token, expiresAt: session.expiresAt.toISOString() },
      };
      return c.json(result, 200, { 'cache-control': 'no-store' });
    },
  } satisfies FeatureHandlers;
}
