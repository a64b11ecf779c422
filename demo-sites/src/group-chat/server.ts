import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AgentGrant, AgentToolName } from '@finlet/contracts';
import { createAdminClient, createPartnerClient, type PartnerClient } from '@finlet/node';
import { DevLog } from '../dev-log.js';
import { contentSecurityPolicy, HttpError, readJson, serveSiteFile } from '../server.js';
import { initialState, SITES } from '../sites.js';
import { McpAgent } from './agent.js';
import { BOT_NAME, FeishuWorld, GROUP, type GroupMember, MEMBERS } from './feishu.js';

export interface GroupChatSiteOptions {
  gatewayUrl: string;
  /** The partner whose merchants' association this is (the supply-chain platform). */
  partner: { partnerId: string; secretKey: string };
  /** An admin API key with the `admin` role: the site configures its group bot on the gateway at start. */
  adminKey: string;
  /** The clock of the simulated Feishu (`X-Lark-Request-Timestamp`); tests pass the gateway's. */
  now?: () => Date;
}

/** Tools a user can grant the agent; only `start_application` acts (and still submits nothing). */
const TOOLS: readonly AgentToolName[] = [
  'ask_advisor',
  'match_offers',
  'explain_offer',
  'quote_route',
  'list_nudges',
  'start_application',
];

/** The agent's user: the association member who runs the supply-chain platform's merchant account. */
const AGENT_USER = MEMBERS[0]!;

interface Visitor {
  member: GroupMember;
  grant?: { view: AgentGrant; token: string };
}

const COOKIE = 'demo_gc';

/**
 * The fifth demo site: a Feishu-like group of merchants where members @-mention the bank's assistant,
 * and an agent console where the association's AI agent calls the bank's MCP tools under a grant.
 * Its backend is a dev-only relay: it signs and encrypts each message as Feishu does and posts it to
 * the gateway's real Feishu event endpoint, and answers the Open API calls the gateway makes to reply.
 */
export class GroupChatServer {
  readonly log = new DevLog();
  readonly feishu: FeishuWorld;
  origin = '';
  botId: string | undefined;
  private callbackUrl: string | undefined;
  private readonly server: Server;
  private readonly visitors = new Map<string, Visitor>();
  private readonly partner: PartnerClient;
  private readonly agent: McpAgent;
  private readonly csp: string;

  constructor(private readonly options: GroupChatSiteOptions) {
    this.feishu = new FeishuWorld(options.now ?? (() => new Date()));
    this.csp = contentSecurityPolicy(options.gatewayUrl);
    this.partner = createPartnerClient({ gateway: options.gatewayUrl, secretKey: options.partner.secretKey });
    this.agent = new McpAgent(options.gatewayUrl);
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        const known = error instanceof HttpError;
        if (!known) this.log.add('server', 'error', { message: String((error as Error)?.message ?? error) });
        if (res.headersSent) return void res.end();
        this.json(res, known ? error.status : 502, { error: known ? error.code : 'upstream_error' });
      });
    });
  }

  async listen(port: number, host: string): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    this.origin = `http://${host === 'localhost' ? 'localhost' : address.address}:${address.port}`;
    return this.origin;
  }

  /**
   * Configures the group bot as a bank admin would for a real Feishu app: its credentials, the Open
   * API base (this relay) and the continue page. Needs this site's origin among the partner's.
   */
  async registerBot(): Promise<string> {
    const admin = createAdminClient({ gateway: this.options.gatewayUrl, apiKey: this.options.adminKey });
    const bot = await admin.socialBots.create({
      partnerId: this.options.partner.partnerId,
      platform: 'feishu',
      name: `${GROUP.name} ${BOT_NAME['zh-CN']} (demo)`,
      appId: this.feishu.appId,
      appSecret: this.feishu.appSecret,
      verificationToken: this.feishu.verificationToken,
      encryptKey: this.feishu.encryptKey,
      botOpenId: this.feishu.botOpenId,
      apiBase: `${this.origin}/feishu`,
      continueUrl: `${this.origin}/continue.html`,
      scenario: 'supply-chain',
      locale: 'zh-CN',
    });
    this.botId = bot.id;
    this.callbackUrl = new URL(bot.callbackPath, this.options.gatewayUrl).toString();
    this.log.add('server', 'social_bot.registered', { botId: bot.id, callbackPath: bot.callbackPath });
    return bot.id;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://site');
    const method = req.method ?? 'GET';
    if (url.pathname.startsWith('/feishu/open-apis/')) {
      const body = (await readJson(req)) as Record<string, unknown>;
      const answer = this.feishu.openApi(
        method,
        url.pathname.slice('/feishu'.length),
        url.searchParams,
        body,
        req.headers.authorization,
      );
      return this.json(res, answer.status, answer.body);
    }
    if (url.pathname.startsWith('/api/')) return this.api(method, url, req, res);
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'method_not_allowed');
    const gateway = this.options.gatewayUrl.replace(/\/$/, '');
    return serveSiteFile(res, 'group-chat', url.pathname, this.csp, (html) =>
      html.replaceAll('%GATEWAY%', gateway),
    );
  }

  /** Each browser is one member's Feishu (chosen on the page), with the agent's grant for its user. */
  private visitor(req: IncomingMessage, res: ServerResponse): Visitor {
    const sid = /(?:^|;\s*)demo_gc=([A-Za-z0-9_-]+)/.exec(req.headers.cookie ?? '')?.[1];
    const known = sid ? this.visitors.get(sid) : undefined;
    if (known) return known;
    const fresh = randomBytes(18).toString('base64url');
    const visitor: Visitor = { member: AGENT_USER };
    this.visitors.set(fresh, visitor);
    res.setHeader('set-cookie', `${COOKIE}=${fresh}; HttpOnly; SameSite=Lax; Path=/`);
    return visitor;
  }

  private async api(method: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const route = `${method} ${url.pathname}`;
    if (route === 'GET /api/dev/log') {
      const after = Number(url.searchParams.get('after') ?? 0);
      return this.json(res, 200, { entries: this.log.since(Number.isFinite(after) ? after : 0) });
    }
    const visitor = this.visitor(req, res);
    switch (route) {
      case 'GET /api/group':
        return this.json(res, 200, {
          group: GROUP,
          members: MEMBERS.map(({ openId, name, nameEn }) => ({ openId, name, nameEn })),
          bot: { name: BOT_NAME, ready: this.botId !== undefined },
          me: visitor.member.openId,
        });
      case 'POST /api/group/me': {
        const body = (await readJson(req)) as { openId?: unknown };
        const member = MEMBERS.find((m) => m.openId === body.openId);
        if (!member) throw new HttpError(400, 'unknown_member');
        visitor.member = member;
        return this.json(res, 200, { me: member.openId });
      }
      case 'GET /api/group/lines': {
        const after = Number(url.searchParams.get('after') ?? 0);
        const lines = this.feishu.visibleTo(visitor.member.openId, Number.isFinite(after) ? after : 0);
        return this.json(res, 200, { lines });
      }
      case 'POST /api/group/messages':
        return this.json(res, 200, await this.say(visitor.member, await readJson(req)));
      case 'POST /api/continue':
        return this.json(res, 200, await this.continueHere(visitor.member, await readJson(req)));
      case 'GET /api/agent':
        return this.json(res, 200, {
          user: { id: AGENT_USER.userId, name: AGENT_USER.name, nameEn: AGENT_USER.nameEn },
          tools: TOOLS,
          grant: visitor.grant?.view ?? null,
        });
      case 'POST /api/agent/grant':
        return this.json(res, 200, { grant: await this.grant(visitor, await readJson(req)) });
      case 'DELETE /api/agent/grant': {
        if (visitor.grant) {
          const view = await this.partner.agentGrants.revoke(visitor.grant.view.id);
          visitor.grant.view = view;
          this.log.add('server', 'agent_grant.revoked', { id: view.id });
        }
        return this.json(res, 200, { grant: visitor.grant?.view ?? null });
      }
      case 'POST /api/agent/tools': {
        const listed = await this.agent.listTools(visitor.grant?.token);
        return this.json(res, 200, Array.isArray(listed) ? { ok: true, tools: listed } : listed);
      }
      case 'POST /api/agent/call': {
        const body = (await readJson(req)) as { name?: unknown; arguments?: unknown };
        if (typeof body.name !== 'string' || !(TOOLS as readonly string[]).includes(body.name))
          throw new HttpError(400, 'unknown_tool');
        const args =
          body.arguments && typeof body.arguments === 'object' && !Array.isArray(body.arguments)
            ? (body.arguments as Record<string, unknown>)
            : {};
        const outcome = await this.agent.call(visitor.grant?.token, body.name, args);
        this.log.add('server', outcome.ok ? 'mcp.call' : 'mcp.refused', {
          tool: body.name,
          ...(outcome.ok ? {} : { code: outcome.code }),
        });
        return this.json(res, 200, outcome);
      }
      default:
        throw new HttpError(404, 'not_found');
    }
  }

  /**
   * One member's message: shown in the group at once (as Feishu does), then delivered to the bot's
   * request URL signed and encrypted. The gateway answers through the Open API above before it
   * acknowledges, so the assistant's replies are in the chats when this returns.
   */
  private async say(member: GroupMember, input: unknown): Promise<{ delivered: boolean; status: number }> {
    const body = input as { text?: unknown; mentionBot?: unknown };
    const text = typeof body.text === 'string' ? body.text.trim() : '';
    if (text.length === 0 || text.length > 1000) throw new HttpError(400, 'invalid_text');
    const mentionBot = body.mentionBot === true;
    this.feishu.add({
      chat: 'group',
      chatId: GROUP.chatId,
      from: member.openId,
      text,
      mentions: mentionBot ? ['bot'] : [],
    });
    if (!this.callbackUrl) throw new HttpError(503, 'bot_not_registered');
    const callback = this.feishu.callback(member, text, mentionBot);
    const response = await fetch(this.callbackUrl, {
      method: 'POST',
      headers: callback.headers,
      body: callback.body,
    });
    await response.text().catch(() => '');
    this.log.add('server', 'feishu.event.delivered', { status: response.status, mentionBot });
    return { delivered: response.ok, status: response.status };
  }

  /** The continue page: redeems the one-time link for the signed-in member, as the partner's server. */
  private async continueHere(member: GroupMember, input: unknown) {
    const token = (input as { token?: unknown }).token;
    if (typeof token !== 'string' || !/^fsc_[A-Za-z0-9]{40}$/.test(token))
      throw new HttpError(400, 'invalid_link');
    try {
      const redeemed = await this.partner.socialContinuations.redeem({
        token,
        memberId: member.openId,
        userId: member.userId,
      });
      this.log.add('server', 'social_continuation.redeemed', { memberId: member.openId });
      return {
        topic: redeemed.topic,
        locale: redeemed.locale,
        session: redeemed.session,
        member: { name: member.name, nameEn: member.nameEn },
      };
    } catch (error) {
      throw asHttpError(error);
    }
  }

  /** The consent step: the user's session, exchanged by the partner's server for a grant. */
  private async grant(visitor: Visitor, input: unknown): Promise<AgentGrant> {
    const tools = (input as { tools?: unknown }).tools;
    if (
      !Array.isArray(tools) ||
      tools.length === 0 ||
      !tools.every((t) => typeof t === 'string' && (TOOLS as readonly string[]).includes(t))
    )
      throw new HttpError(400, 'invalid_tools');
    try {
      const site = SITES['supply-chain'];
      const session = await this.partner.embedSessions.create({
        ...site.session(site.user, initialState()),
        origin: this.origin,
      });
      if (visitor.grant?.view.status === 'active')
        await this.partner.agentGrants.revoke(visitor.grant.view.id).catch(() => undefined);
      const created = await this.partner.agentGrants.create({
        sessionToken: session.token,
        tools: [...new Set(tools as AgentToolName[])],
        amountCap: { value: 50_000_000, currency: 'CNY' },
        scenario: 'supply-chain',
        expiresInSeconds: 900,
        agentName: '商会 AI 助理 Association AI agent',
      });
      const { token, ...view } = created;
      visitor.grant = { view, token };
      this.log.add('server', 'agent_grant.created', { id: view.id, tools: view.tools });
      return view;
    } catch (error) {
      throw asHttpError(error);
    }
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  }
}

/** A gateway problem, passed on to the page with its stable code (never as a 500). */
function asHttpError(error: unknown): HttpError {
  const e = error as { status?: number; code?: string };
  if (typeof e.code === 'string' && typeof e.status === 'number' && e.status < 500)
    return new HttpError(e.status, e.code);
  return new HttpError(502, 'upstream_error');
}
