import { z } from 'zod';
import { Locale, Scenario, Timestamp } from './common.js';
import { PartnerUserId } from './session.js';

/**
 * Group-chat assistants: a bank-configured bot of a partner in a chat platform's groups. It answers
 * general product and rate questions with citations when mentioned, and moves anything personal to
 * a one-time link bound to the member (a private continuation).
 */
export const SocialPlatform = z.enum(['feishu']).meta({ id: 'SocialPlatform' });
export type SocialPlatform = z.infer<typeof SocialPlatform>;

export const SocialBotId = z
  .string()
  .regex(/^sbt_[A-Za-z0-9]{24}$/)
  .meta({ id: 'SocialBotId' });

export const SocialBotParams = z.object({ id: SocialBotId });

const secret = (description: string) => z.string().min(8).max(256).meta({ description });

export const SocialBotCreate = z
  .strictObject({
    partnerId: z.string().min(1).max(64).meta({ description: 'The partner whose groups the bot serves.' }),
    platform: SocialPlatform,
    name: z.string().trim().min(1).max(80).meta({ description: 'What the console lists.' }),
    appId: z.string().min(1).max(64).meta({ description: 'The Feishu app id (`cli_…`).' }),
    appSecret: secret('The Feishu app secret (for `tenant_access_token`). Stored sealed; never shown again.'),
    verificationToken: secret(
      'The event subscription’s Verification Token, checked in every decrypted callback. Stored sealed.',
    ),
    encryptKey: secret(
      'The event subscription’s Encrypt Key: signs (`X-Lark-Signature`) and encrypts callbacks. Stored sealed.',
    ),
    botOpenId: z
      .string()
      .min(1)
      .max(128)
      .meta({ description: 'The bot’s own `open_id`: the assistant answers only messages that mention it.' }),
    apiBase: z
      .url({ protocol: /^https?$/ })
      .max(300)
      .default('https://open.feishu.cn')
      .meta({ description: 'Where the Feishu Open API answers (Lark: `https://open.larksuite.com`).' }),
    continueUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .meta({
        description:
          'The partner page with the widgets where a private continuation opens, with `finlet_continue=<token>`. Must be on one of the partner’s origins.',
      }),
    scenario: Scenario,
    locale: Locale.default('zh-CN'),
  })
  .meta({ id: 'SocialBotCreate' });
export type SocialBotCreate = z.input<typeof SocialBotCreate>;

export const SocialBot = z
  .object({
    id: SocialBotId,
    partnerId: z.string(),
    platform: SocialPlatform,
    name: z.string(),
    appId: z.string(),
    botOpenId: z.string(),
    apiBase: z.string(),
    continueUrl: z.string(),
    scenario: Scenario,
    locale: Locale,
    callbackPath: z
      .string()
      .meta({ description: 'The request URL to enter in the platform’s event subscription.' }),
    createdAt: Timestamp,
  })
  .meta({ id: 'SocialBot' });
export type SocialBot = z.infer<typeof SocialBot>;

export const SocialBotList = z.object({ bots: z.array(SocialBot) }).meta({ id: 'SocialBotList' });
export type SocialBotList = z.infer<typeof SocialBotList>;

/** Feishu's encrypted callback body: only `encrypt` (a bot is always configured with an Encrypt Key). */
export const FeishuCallback = z
  .strictObject({ encrypt: z.string().min(1).max(100_000) })
  .meta({ id: 'FeishuCallback' });

/** Feishu's answer: `challenge` for the URL check, an empty object for an event. */
export const FeishuCallbackAck = z
  .object({ challenge: z.string().optional() })
  .meta({ id: 'FeishuCallbackAck' });
export type FeishuCallbackAck = z.infer<typeof FeishuCallbackAck>;

export const SocialContinuationRedeem = z
  .strictObject({
    token: z
      .string()
      .regex(/^fsc_[A-Za-z0-9]{40}$/)
      .meta({ description: 'The `finlet_continue` query parameter.' }),
    memberId: z.string().min(1).max(128).meta({
      description:
        'The platform user (`open_id`) the partner’s page signed in (Feishu login); must be the member the link was made for.',
    }),
    userId: PartnerUserId.meta({
      description: 'The partner’s own id for that member: the session is minted for it.',
    }),
  })
  .meta({ id: 'SocialContinuationRedeem' });
export type SocialContinuationRedeem = z.input<typeof SocialContinuationRedeem>;

export const SocialContinuation = z
  .object({
    botId: SocialBotId,
    memberId: z.string(),
    scenario: Scenario,
    locale: Locale,
    topic: z
      .string()
      .meta({ description: 'What the member asked in the group, to prefill the advice chat.' }),
    session: z.object({ token: z.string(), expiresAt: Timestamp }),
  })
  .meta({ id: 'SocialContinuation' });
export type SocialContinuation = z.infer<typeof SocialContinuation>;

/** How long a private-continuation link stays usable: ten minutes, once. */
export const SOCIAL_CONTINUATION_SECONDS = 600;
