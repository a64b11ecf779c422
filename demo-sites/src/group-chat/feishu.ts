import { createCipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Feishu as the bank's group bot sees it, for the group-chat demo (dev only): the app's credentials,
 * the signed and encrypted `im.message.receive_v1` callbacks Feishu posts to the bot's request URL,
 * and the two Open API calls a bot makes to post (`tenant_access_token/internal`, `im/v1/messages`).
 * Written from Feishu's documented scheme, independently of the gateway's own helper.
 */

/** One member of the demo group. `userId` is the partner's own id for them (its Feishu login). */
export interface GroupMember {
  openId: string;
  name: string;
  nameEn: string;
  userId: string;
}

export const GROUP = {
  chatId: 'oc_ningbo_hardware_association',
  name: '宁波五金商会',
  nameEn: 'Ningbo Hardware Merchants’ Association',
};

export const MEMBERS: readonly GroupMember[] = [
  { openId: 'ou_zhou_jianguo', name: '周建国', nameEn: 'Zhou Jianguo', userId: 'merchant-3308' },
  { openId: 'ou_li_na', name: '李娜', nameEn: 'Li Na', userId: 'merchant-4410' },
  { openId: 'ou_wang_qiang', name: '王强', nameEn: 'Wang Qiang', userId: 'merchant-5127' },
  { openId: 'ou_chen_jing', name: '陈静', nameEn: 'Chen Jing', userId: 'merchant-6093' },
];

export const BOT_NAME = { 'zh-CN': '银行助手', en: 'Bank assistant' } as const;

/** A line of the demo's chats: the group everyone reads, or the bot's private chat with one member. */
export interface ChatLine {
  seq: number;
  at: string;
  chat: 'group' | 'private';
  /** The group's `chat_id`, or the member's `open_id` for a private chat. */
  chatId: string;
  /** A member's `open_id`, or `bot`. */
  from: string;
  text: string;
  /** Members the line mentions (the bot's replies mention who asked). */
  mentions: string[];
}

export class FeishuWorld {
  readonly appId = `cli_${randomBytes(8).toString('hex')}`;
  readonly appSecret = randomBytes(16).toString('hex');
  readonly verificationToken = randomBytes(16).toString('hex');
  readonly encryptKey = randomBytes(16).toString('hex');
  readonly botOpenId = `ou_bot_${randomBytes(6).toString('hex')}`;
  private readonly lines: ChatLine[] = [];
  private readonly tokens = new Set<string>();
  private seq = 0;

  constructor(private readonly now: () => Date) {}

  add(line: Omit<ChatLine, 'seq' | 'at'>): ChatLine {
    this.seq += 1;
    const full = { ...line, seq: this.seq, at: this.now().toISOString() };
    this.lines.push(full);
    if (this.lines.length > 500) this.lines.shift();
    return full;
  }

  /** The group's lines and one member's private chat with the bot: what that member's Feishu shows. */
  visibleTo(openId: string, after: number): ChatLine[] {
    return this.lines.filter(
      (l) => l.seq > after && (l.chat === 'group' || (l.chat === 'private' && l.chatId === openId)),
    );
  }

  /** Everything posted into the group (what every member can read). */
  groupLines(): ChatLine[] {
    return this.lines.filter((l) => l.chat === 'group');
  }

  /** The callback Feishu would post for one member's text message: body and signed headers. */
  callback(
    member: GroupMember,
    text: string,
    mentionBot: boolean,
  ): { body: string; headers: Record<string, string> } {
    const now = this.now();
    const event = {
      schema: '2.0',
      header: {
        event_id: randomBytes(16).toString('hex'),
        event_type: 'im.message.receive_v1',
        create_time: String(now.getTime()),
        token: this.verificationToken,
        app_id: this.appId,
        tenant_key: 'demo_tenant',
      },
      event: {
        sender: {
          sender_id: { open_id: member.openId, union_id: `on_${member.openId.slice(3)}` },
          sender_type: 'user',
          tenant_key: 'demo_tenant',
        },
        message: {
          message_id: `om_${randomBytes(12).toString('hex')}`,
          create_time: String(now.getTime()),
          chat_id: GROUP.chatId,
          chat_type: 'group',
          message_type: 'text',
          // Feishu writes a mention as a placeholder key in the text and lists it in `mentions`.
          content: JSON.stringify({ text: mentionBot ? `@_user_1 ${text}` : text }),
          mentions: mentionBot
            ? [
                {
                  key: '@_user_1',
                  id: { open_id: this.botOpenId },
                  name: BOT_NAME['zh-CN'],
                  tenant_key: 'demo_tenant',
                },
              ]
            : [],
        },
      },
    };
    const body = JSON.stringify({ encrypt: encrypt(JSON.stringify(event), this.encryptKey) });
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const nonce = randomBytes(8).toString('hex');
    return {
      body,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-lark-request-timestamp': timestamp,
        'x-lark-request-nonce': nonce,
        'x-lark-signature': sign(timestamp, nonce, this.encryptKey, body),
      },
    };
  }

  /**
   * The Open API under `/open-apis/`: what the gateway's adapter calls to post its answers. Answers
   * as Feishu does (HTTP status and `code`), recording each message in the chat it was sent to.
   */
  openApi(
    method: string,
    path: string,
    query: URLSearchParams,
    body: Record<string, unknown>,
    authorization: string | undefined,
  ): { status: number; body: Record<string, unknown> } {
    if (method === 'POST' && path === '/open-apis/auth/v3/tenant_access_token/internal') {
      if (body.app_id !== this.appId || body.app_secret !== this.appSecret)
        return { status: 200, body: { code: 10014, msg: 'app secret invalid' } };
      const token = `t-${randomBytes(12).toString('hex')}`;
      this.tokens.add(token);
      return { status: 200, body: { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 } };
    }
    if (method === 'POST' && path === '/open-apis/im/v1/messages') {
      const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
      if (!token || !this.tokens.has(token))
        return { status: 400, body: { code: 99991663, msg: 'token invalid' } };
      const type = query.get('receive_id_type');
      let text: unknown;
      try {
        text = (JSON.parse(String(body.content)) as { text?: unknown }).text;
      } catch {}
      if ((type !== 'chat_id' && type !== 'open_id') || body.msg_type !== 'text' || typeof text !== 'string')
        return { status: 400, body: { code: 230001, msg: 'bad request' } };
      const receiver = String(body.receive_id);
      // `<at user_id="ou_…"></at>` is how a text message mentions a member.
      const mentions = [...text.matchAll(/<at user_id="([^"]+)"><\/at>\s*/g)].map((m) => m[1]!);
      const clean = text.replace(/<at user_id="[^"]+"><\/at>\s*/g, '').trim();
      if (type === 'chat_id' && receiver !== GROUP.chatId)
        return { status: 400, body: { code: 230002, msg: 'bot not in chat' } };
      this.add({
        chat: type === 'chat_id' ? 'group' : 'private',
        chatId: receiver,
        from: 'bot',
        text: clean,
        mentions,
      });
      return {
        status: 200,
        body: { code: 0, msg: 'success', data: { message_id: `om_${randomBytes(8).toString('hex')}` } },
      };
    }
    return { status: 404, body: { code: 404, msg: 'not found' } };
  }
}

/** `X-Lark-Signature`: hex SHA-256 of timestamp + nonce + Encrypt Key + the raw body. */
export function sign(timestamp: string, nonce: string, encryptKey: string, body: string): string {
  return createHash('sha256').update(`${timestamp}${nonce}${encryptKey}${body}`, 'utf8').digest('hex');
}

/** `encrypt`: base64(iv ‖ AES-256-CBC(plain)), keyed with SHA-256 of the Encrypt Key, PKCS#7. */
export function encrypt(plain: string, encryptKey: string): string {
  const key = createHash('sha256').update(encryptKey, 'utf8').digest();
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}
