import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { feishuEncrypt, feishuSignature } from '@finlet/gateway';

/** A message the bot sent through the simulated Open API. */
export interface SimulatedSend {
  receiveIdType: 'chat_id' | 'open_id';
  receiveId: string;
  text: string;
}

export interface SimulatedMessage {
  chatId: string;
  sender: string;
  text: string;
  /** Mention the bot (as Feishu does: `@_user_1` in the text and an entry in `mentions`). */
  mentionBot: boolean;
  chatType?: 'group' | 'p2p';
}

export interface SignedCallback {
  body: string;
  headers: Record<string, string>;
}

/**
 * Feishu, as far as a group bot sees it, on a loopback port: it signs and encrypts event
 * callbacks exactly as the event subscription documents (`X-Lark-Signature`, AES-256-CBC with
 * SHA-256 of the Encrypt Key), and answers the Open API calls a bot makes to post
 * (`tenant_access_token/internal`, `im/v1/messages`), recording every message sent.
 */
export class FeishuSimulator {
  readonly appId = `cli_${randomBytes(8).toString('hex')}`;
  readonly appSecret = randomBytes(16).toString('hex');
  readonly verificationToken = randomBytes(16).toString('hex');
  readonly encryptKey = randomBytes(16).toString('hex');
  readonly botOpenId = `ou_bot${randomBytes(8).toString('hex')}`;
  readonly sent: SimulatedSend[] = [];
  /** Tokens the simulated API issued; a send with any other is refused (code 99991663). */
  private readonly tokens = new Set<string>();
  private server: Server | undefined;
  private events = 0;
  apiBase = '';

  /** `now` is the simulator's clock for `X-Lark-Request-Timestamp` (the test's injected clock). */
  constructor(private readonly now: () => Date) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://feishu.test');
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
        } catch {
          body = {};
        }
        const answer = (status: number, value: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify(value));
        };
        if (req.method === 'POST' && url.pathname === '/open-apis/auth/v3/tenant_access_token/internal') {
          if (body.app_id !== this.appId || body.app_secret !== this.appSecret) {
            return answer(200, { code: 10014, msg: 'app secret invalid' });
          }
          const token = `t-${randomBytes(12).toString('hex')}`;
          this.tokens.add(token);
          return answer(200, { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 });
        }
        if (req.method === 'POST' && url.pathname === '/open-apis/im/v1/messages') {
          const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
          if (!token || !this.tokens.has(token)) return answer(400, { code: 99991663, msg: 'token invalid' });
          const type = url.searchParams.get('receive_id_type');
          if ((type !== 'chat_id' && type !== 'open_id') || body.msg_type !== 'text') {
            return answer(400, { code: 230001, msg: 'bad request' });
          }
          const content = JSON.parse(String(body.content)) as { text: string };
          this.sent.push({ receiveIdType: type, receiveId: String(body.receive_id), text: content.text });
          return answer(200, {
            code: 0,
            msg: 'success',
            data: { message_id: `om_${randomBytes(8).toString('hex')}` },
          });
        }
        answer(404, { code: 404, msg: 'not found' });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.apiBase = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Messages posted into groups (everything every member of the group can read). */
  get groupMessages(): SimulatedSend[] {
    return this.sent.filter((s) => s.receiveIdType === 'chat_id');
  }

  /** The encrypted body and signed headers of one callback. */
  sign(
    payload: unknown,
    options: { timestamp?: number; nonce?: string; encryptKey?: string } = {},
  ): SignedCallback {
    const key = options.encryptKey ?? this.encryptKey;
    const body = JSON.stringify({ encrypt: feishuEncrypt(JSON.stringify(payload), key) });
    const timestamp = String(options.timestamp ?? Math.floor(this.now().getTime() / 1000));
    const nonce = options.nonce ?? randomBytes(8).toString('hex');
    return {
      body,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-lark-request-timestamp': timestamp,
        'x-lark-request-nonce': nonce,
        'x-lark-signature': feishuSignature(timestamp, nonce, key, body),
      },
    };
  }

  /** The `im.message.receive_v1` event (schema 2.0) of a text message. */
  messageEvent(message: SimulatedMessage): Record<string, unknown> {
    this.events += 1;
    const mentions = message.mentionBot
      ? [
          {
            key: '@_user_1',
            id: { open_id: this.botOpenId, union_id: 'on_bot' },
            name: 'Bank assistant',
            tenant_key: 't1',
          },
        ]
      : [];
    return {
      schema: '2.0',
      header: {
        event_id: `ev_${randomBytes(8).toString('hex')}_${this.events}`,
        event_type: 'im.message.receive_v1',
        create_time: String(this.now().getTime()),
        token: this.verificationToken,
        app_id: this.appId,
        tenant_key: 't1',
      },
      event: {
        sender: {
          sender_id: { open_id: message.sender, union_id: `on_${message.sender}` },
          sender_type: 'user',
          tenant_key: 't1',
        },
        message: {
          message_id: `om_${randomBytes(8).toString('hex')}`,
          create_time: String(this.now().getTime()),
          chat_id: message.chatId,
          chat_type: message.chatType ?? 'group',
          message_type: 'text',
          content: JSON.stringify({ text: message.mentionBot ? `@_user_1 ${message.text}` : message.text }),
          mentions,
        },
      },
    };
  }

  async deliver(url: string, callback: SignedCallback): Promise<Response> {
    return fetch(url, { method: 'POST', headers: callback.headers, body: callback.body });
  }

  /** Sends one member's message to the bot's callback URL, signed and encrypted. */
  async say(url: string, message: SimulatedMessage): Promise<Response> {
    return this.deliver(url, this.sign(this.messageEvent(message)));
  }

  /** The URL check Feishu makes when the request URL is saved (no signature headers). */
  async verifyUrl(url: string, challenge: string, token = this.verificationToken): Promise<Response> {
    const encrypt = feishuEncrypt(
      JSON.stringify({ challenge, token, type: 'url_verification' }),
      this.encryptKey,
    );
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ encrypt }),
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
