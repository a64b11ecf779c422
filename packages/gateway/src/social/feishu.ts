import { z } from 'zod';
import { HttpProblem } from '../http/problem.js';
import type { ChatAdapter, IncomingMessage, OutgoingMessage } from './adapter.js';
import { feishuDecrypt, feishuSignatureMatches, sameSecret } from './feishu-crypto.js';
import type { SocialBotRecord } from './store.js';

/** Callbacks older or newer than this are refused; nonces are remembered at least this long. */
export const FEISHU_MAX_SKEW_SECONDS = 300;

export interface FeishuHeaders {
  timestamp: string | undefined;
  nonce: string | undefined;
  signature: string | undefined;
}

export type FeishuCallbackEvent =
  | { kind: 'challenge'; challenge: string }
  | { kind: 'message'; eventId: string; message: IncomingMessage }
  | { kind: 'ignored'; eventId: string | undefined };

const UrlVerification = z.object({
  type: z.literal('url_verification'),
  challenge: z.string().max(1000),
  token: z.string(),
});

const Mention = z.object({
  key: z.string(),
  id: z.object({ open_id: z.string().optional() }).loose(),
  name: z.string().optional(),
});

const EventV2 = z.object({
  schema: z.literal('2.0'),
  header: z
    .object({
      event_id: z.string().min(1).max(200),
      event_type: z.string(),
      token: z.string(),
      app_id: z.string(),
    })
    .loose(),
  event: z.unknown(),
});

const MessageReceive = z.object({
  sender: z.object({
    sender_id: z.object({ open_id: z.string().min(1).max(128) }).loose(),
    sender_type: z.string(),
  }),
  message: z.object({
    message_id: z.string().min(1).max(200),
    chat_id: z.string().min(1).max(200),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string().max(60_000),
    mentions: z.array(Mention).max(100).optional(),
  }),
});

const invalidSignature = (detail: string) => new HttpProblem('social_signature_invalid', { detail });

/**
 * Verifies and decrypts one Feishu callback. The signature (constant time) comes first, then the
 * timestamp, then the nonce: an unsigned request learns nothing, and only a valid one spends a
 * nonce. Feishu sends the URL check without signature headers; it is answered only when its
 * decrypted token is the bot's verification token.
 */
export async function openFeishuCallback(
  bot: SocialBotRecord,
  headers: FeishuHeaders,
  rawBody: string,
  encrypt: string,
  now: Date,
  markNonce: (nonce: string) => Promise<boolean>,
): Promise<FeishuCallbackEvent> {
  const signed =
    headers.signature !== undefined || headers.timestamp !== undefined || headers.nonce !== undefined;
  if (signed) {
    const { timestamp, nonce, signature } = headers;
    if (!timestamp || !nonce || !signature) {
      throw invalidSignature(
        'X-Lark-Request-Timestamp, X-Lark-Request-Nonce and X-Lark-Signature go together.',
      );
    }
    if (!feishuSignatureMatches(signature, timestamp, nonce, bot.encryptKey, rawBody)) {
      throw invalidSignature(
        'X-Lark-Signature is not the SHA-256 of timestamp, nonce, Encrypt Key and body.',
      );
    }
    const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
    if (!Number.isFinite(seconds) || Math.abs(now.getTime() / 1000 - seconds) > FEISHU_MAX_SKEW_SECONDS) {
      throw new HttpProblem('social_timestamp_stale', {
        detail: `X-Lark-Request-Timestamp must be within ${FEISHU_MAX_SKEW_SECONDS} s of the gateway's time.`,
      });
    }
    if (!(await markNonce(nonce))) {
      throw new HttpProblem('social_replayed', { detail: 'This X-Lark-Request-Nonce was already received.' });
    }
  }
  const plain = feishuDecrypt(encrypt, bot.encryptKey);
  let payload: unknown;
  try {
    payload = plain === undefined ? undefined : JSON.parse(plain);
  } catch {
    payload = undefined;
  }
  if (payload === undefined) throw invalidSignature('`encrypt` does not decrypt with the bot’s Encrypt Key.');

  const check = UrlVerification.safeParse(payload);
  if (check.success) {
    if (!sameSecret(check.data.token, bot.verificationToken)) {
      throw invalidSignature('The URL check’s token is not the bot’s Verification Token.');
    }
    return { kind: 'challenge', challenge: check.data.challenge };
  }
  if (!signed) throw invalidSignature('Events must carry X-Lark-Signature.');
  const event = EventV2.safeParse(payload);
  if (!event.success) return { kind: 'ignored', eventId: undefined };
  const { header } = event.data;
  if (!sameSecret(header.token, bot.verificationToken) || header.app_id !== bot.appId) {
    throw invalidSignature('The event’s token or app_id is not the bot’s.');
  }
  if (header.event_type !== 'im.message.receive_v1') return { kind: 'ignored', eventId: header.event_id };
  const received = MessageReceive.safeParse(event.data.event);
  if (!received.success) return { kind: 'ignored', eventId: header.event_id };
  const { sender, message } = received.data;
  if (sender.sender_type !== 'user' || message.message_type !== 'text') {
    return { kind: 'ignored', eventId: header.event_id };
  }
  let text = '';
  try {
    const content = JSON.parse(message.content) as { text?: unknown };
    text = typeof content.text === 'string' ? content.text : '';
  } catch {
    return { kind: 'ignored', eventId: header.event_id };
  }
  let mentionsBot = false;
  for (const mention of message.mentions ?? []) {
    const isBot = mention.id.open_id === bot.botOpenId;
    mentionsBot ||= isBot;
    text = text.split(mention.key).join(isBot ? '' : `@${mention.name ?? 'member'}`);
  }
  return {
    kind: 'message',
    eventId: header.event_id,
    message: {
      messageId: message.message_id,
      groupId: message.chat_id,
      chatType: message.chat_type === 'p2p' ? 'private' : 'group',
      sender: { id: sender.sender_id.open_id },
      text: text.replace(/\s+/g, ' ').trim(),
      mentionsBot,
    },
  };
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

const tenantTokens = new Map<string, { token: string; expiresAt: number }>();

/**
 * Sends through the Feishu Open API: a `tenant_access_token` for the app (cached until shortly
 * before it expires), then `im/v1/messages` to a chat (`chat_id`) or a member (`open_id`).
 */
export class FeishuAdapter implements ChatAdapter {
  constructor(
    private readonly bot: SocialBotRecord,
    private readonly clock: () => Date,
    private readonly fetch: Fetch = globalThis.fetch,
  ) {}

  private async tenantToken(): Promise<string> {
    const key = `${this.bot.id}:${this.bot.appId}`;
    const cached = tenantTokens.get(key);
    const now = this.clock().getTime();
    if (cached && cached.expiresAt - 60_000 > now) return cached.token;
    const response = await this.fetch(`${this.bot.apiBase}/open-apis/auth/v3/tenant_access_token/internal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ app_id: this.bot.appId, app_secret: this.bot.appSecret }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json().catch(() => ({}))) as {
      code?: number;
      tenant_access_token?: string;
      expire?: number;
    };
    if (!response.ok || body.code !== 0 || !body.tenant_access_token) {
      throw new Error(`feishu tenant_access_token: HTTP ${response.status}, code ${body.code}`);
    }
    if (tenantTokens.size > 1000) tenantTokens.clear();
    tenantTokens.set(key, { token: body.tenant_access_token, expiresAt: now + (body.expire ?? 7200) * 1000 });
    return body.tenant_access_token;
  }

  async send(message: OutgoingMessage): Promise<void> {
    const token = await this.tenantToken();
    const [type, id] =
      message.to.kind === 'group' ? ['chat_id', message.to.groupId] : ['open_id', message.to.memberId];
    // Feishu renders `<at user_id="ou_…"></at>` in a text message as a mention of that member.
    const mentions = (message.mention ?? [])
      .map((m) => `<at user_id="${m.replace(/[^\w-]/g, '')}"></at> `)
      .join('');
    const response = await this.fetch(
      `${this.bot.apiBase}/open-apis/im/v1/messages?receive_id_type=${type}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          receive_id: id,
          msg_type: 'text',
          content: JSON.stringify({ text: mentions + message.text }),
        }),
        signal: AbortSignal.timeout(10_000),
      },
    );
    const body = (await response.json().catch(() => ({}))) as { code?: number };
    if (!response.ok || body.code !== 0) {
      throw new Error(`feishu im/v1/messages: HTTP ${response.status}, code ${body.code}`);
    }
  }
}
