import { Problem, type SocialBot, SocialContinuation } from '@finlet/contracts';
import {
  configureBot,
  DIALECTS,
  FeishuSimulator,
  ORIGIN_A,
  startTestGateway,
  type TestGateway,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishAgentWorld } from '../e2e/agent-fixtures.js';

const MASTER_KEY = Buffer.alloc(32, 7).toString('base64');
const HIGH = { limit: 100_000, windowSeconds: 60 };

const codeOf = async (response: Response) => Problem.parse(await response.json()).code;
const tokenIn = (text: string) => /finlet_continue=(fsc_[A-Za-z0-9]{40})/.exec(text)?.[1];

describe.each(DIALECTS)('group bot on Feishu callbacks over real HTTP on %s', (dialect) => {
  let gw: TestGateway;
  let feishu: FeishuSimulator;
  let bot: SocialBot;
  let url: string;
  const group = 'oc_merchants_association';

  beforeAll(async () => {
    gw = await startTestGateway(dialect, {
      masterKey: MASTER_KEY,
      gateway: {
        rateLimits: { defaults: { ip: HIGH, chatUser: HIGH, socialGroup: HIGH, socialMember: HIGH } },
      },
    });
    await publishAgentWorld(gw);
    feishu = await new FeishuSimulator(() => gw.clock.now).start();
    bot = await configureBot(gw, feishu);
    url = `${gw.url}${bot.callbackPath}`;
  });
  afterAll(async () => {
    await gw?.close();
    await feishu?.close();
  });

  it('stores the bot’s secrets sealed and never shows them', async () => {
    const listed = await gw.api<{ bots: SocialBot[] }>('GET', '/v1/admin/social-bots', {
      auth: gw.admins.admin.apiKey,
    });
    expect(listed.status).toBe(200);
    expect(listed.text).not.toContain(feishu.appSecret);
    expect(listed.text).not.toContain(feishu.encryptKey);
    expect(listed.text).not.toContain(feishu.verificationToken);
    const report = await gw.store.secrets.inspect();
    expect(report.clear).toBe(0);
    expect(report.unreadable).toEqual([]);
    // Only the admin role configures bots.
    const author = await gw.api('GET', '/v1/admin/social-bots', { auth: gw.admins.author.apiKey });
    expect(author.status).toBe(403);
  });

  it('refuses a continue page off the partner’s origins', async () => {
    const response = await gw.api('POST', '/v1/admin/social-bots', {
      auth: gw.admins.admin.apiKey,
      body: {
        partnerId: gw.partnerA.partner.id,
        platform: 'feishu',
        name: 'x',
        appId: 'cli_x',
        appSecret: 'secret-123',
        verificationToken: 'token-123',
        encryptKey: 'key-12345',
        botOpenId: 'ou_x',
        continueUrl: 'https://evil.example.net/continue',
        scenario: 'supply-chain',
      },
    });
    expect(response.status).toBe(400);
    expect((response.body as { errors: Array<{ path: string }> }).errors[0]?.path).toBe('continueUrl');
  });

  it('answers the URL check with its challenge, only under the verification token', async () => {
    const ok = await feishu.verifyUrl(url, 'challenge-7788');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ challenge: 'challenge-7788' });
    const wrong = await feishu.verifyUrl(url, 'challenge-7788', 'not-the-token');
    expect(wrong.status).toBe(401);
    expect(await codeOf(wrong)).toBe('social_signature_invalid');
  });

  it('refuses a bad signature, a body signed with another key, missing headers, a stale or future timestamp, and a replay', async () => {
    const event = () =>
      feishu.messageEvent({ chatId: group, sender: 'ou_li', text: 'hello', mentionBot: true });
    const before = feishu.sent.length;

    const tampered = feishu.sign(event());
    tampered.headers['x-lark-signature'] = tampered.headers['x-lark-signature']!.replace(/^./, (c) =>
      c === '0' ? '1' : '0',
    );
    const bad = await feishu.deliver(url, tampered);
    expect([bad.status, await codeOf(bad)]).toEqual([401, 'social_signature_invalid']);

    const otherKey = await feishu.deliver(url, feishu.sign(event(), { encryptKey: 'someone-elses-key' }));
    expect([otherKey.status, await codeOf(otherKey)]).toEqual([401, 'social_signature_invalid']);

    const unsigned = feishu.sign(event());
    delete unsigned.headers['x-lark-signature'];
    delete unsigned.headers['x-lark-request-timestamp'];
    delete unsigned.headers['x-lark-request-nonce'];
    const missing = await feishu.deliver(url, unsigned);
    expect([missing.status, await codeOf(missing)]).toEqual([401, 'social_signature_invalid']);

    const nowSeconds = Math.floor(gw.clock.now.getTime() / 1000);
    for (const timestamp of [nowSeconds - 301, nowSeconds + 301]) {
      const stale = await feishu.deliver(url, feishu.sign(event(), { timestamp }));
      expect([stale.status, await codeOf(stale)]).toEqual([401, 'social_timestamp_stale']);
    }
    // Within the window is fine (clocks differ a little).
    const skewed = await feishu.deliver(url, feishu.sign(event(), { timestamp: nowSeconds - 290 }));
    expect(skewed.status).toBe(200);

    const once = feishu.sign(event());
    expect((await feishu.deliver(url, once)).status).toBe(200);
    const replay = await feishu.deliver(url, once);
    expect([replay.status, await codeOf(replay)]).toEqual([409, 'social_replayed']);
    // The two accepted messages were answered; the refused ones were not.
    expect(feishu.sent.length - before).toBe(2);
  });

  it('acknowledges a retried event (new nonce, same event id) without answering twice', async () => {
    const event = feishu.messageEvent({
      chatId: group,
      sender: 'ou_li',
      text: 'hello again',
      mentionBot: true,
    });
    const before = feishu.sent.length;
    expect((await feishu.deliver(url, feishu.sign(event))).status).toBe(200);
    expect((await feishu.deliver(url, feishu.sign(event))).status).toBe(200);
    expect(feishu.sent.length - before).toBe(1);
  });

  it('stays silent unless mentioned, and answers a general question with citations', async () => {
    const before = feishu.sent.length;
    const quiet = await feishu.say(url, {
      chatId: group,
      sender: 'ou_wang',
      text: 'How do I repay inventory financing?',
      mentionBot: false,
    });
    expect(quiet.status).toBe(200);
    expect(feishu.sent.length).toBe(before);

    await feishu.say(url, {
      chatId: group,
      sender: 'ou_wang',
      text: 'How do I repay inventory financing?',
      mentionBot: true,
    });
    const [answer] = feishu.sent.slice(before);
    expect(answer).toMatchObject({ receiveIdType: 'chat_id', receiveId: group });
    expect(answer?.text).toContain('Sources: [1] Inventory financing FAQ');
    expect(answer?.text).toContain('<at user_id="ou_wang"></at>');
  });

  it('answers in Chinese when asked in Chinese', async () => {
    const before = feishu.sent.length;
    await feishu.say(url, { chatId: group, sender: 'ou_zhao', text: '存货融资怎么还款？', mentionBot: true });
    expect(
      feishu.sent
        .slice(before)
        .map((s) => s.text)
        .join('\n'),
    ).toMatch(/来源|公开资料/);
  });

  it('moves a personal question to a one-time link sent only to that member, bound to them', async () => {
    const before = feishu.sent.length;
    await feishu.say(url, {
      chatId: group,
      sender: 'ou_li',
      text: 'What is my credit limit?',
      mentionBot: true,
    });
    const sent = feishu.sent.slice(before);
    const dm = sent.find((s) => s.receiveIdType === 'open_id');
    const inGroup = sent.find((s) => s.receiveIdType === 'chat_id');
    expect(dm?.receiveId).toBe('ou_li');
    expect(inGroup?.text).toContain('continue privately');
    expect(inGroup?.text).not.toContain('finlet_continue');
    const token = tokenIn(dm?.text ?? '');
    expect(token).toBeDefined();
    expect(dm?.text).toContain(`${ORIGIN_A}/finance/continue?finlet_continue=`);

    const redeem = (memberId: string, auth = gw.partnerA.secretKey) =>
      gw.api('POST', '/v1/social/continuations/redeem', {
        auth,
        body: { token, memberId, userId: 'merchant-li' },
      });
    // Another member (a forwarded link) is refused, and the link stays the member's.
    const other = await redeem('ou_wang');
    expect([other.status, (other.body as { code: string }).code]).toEqual([403, 'social_member_mismatch']);
    // Another partner cannot tell it from an unknown link.
    const foreign = await redeem('ou_li', gw.partnerB.secretKey);
    expect([foreign.status, (foreign.body as { code: string }).code]).toEqual([
      410,
      'social_continuation_invalid',
    ]);

    const ok = await redeem('ou_li');
    expect(ok.status).toBe(200);
    const continuation = SocialContinuation.parse(ok.body);
    expect(continuation).toMatchObject({
      memberId: 'ou_li',
      scenario: 'supply-chain',
      topic: 'What is my credit limit?',
    });
    // The session is the member's own (partner's user id), usable by the widgets.
    const nudges = await gw.api('GET', '/v1/nudges', { auth: continuation.session.token });
    expect(nudges.status).toBe(200);

    const again = await redeem('ou_li');
    expect([again.status, (again.body as { code: string }).code]).toEqual([
      410,
      'social_continuation_invalid',
    ]);
  });

  it('lets a link expire after ten minutes (injected clock)', async () => {
    const before = feishu.sent.length;
    await feishu.say(url, { chatId: group, sender: 'ou_li', text: '我能借多少？', mentionBot: true });
    const token = tokenIn(feishu.sent.slice(before).find((s) => s.receiveIdType === 'open_id')?.text ?? '');
    expect(token).toBeDefined();
    const start = gw.clock.now;
    gw.clock.now = new Date(start.getTime() + 601_000);
    try {
      const late = await gw.api('POST', '/v1/social/continuations/redeem', {
        auth: gw.partnerA.secretKey,
        body: { token, memberId: 'ou_li', userId: 'merchant-li' },
      });
      expect([late.status, (late.body as { code: string }).code]).toEqual([
        410,
        'social_continuation_invalid',
      ]);
    } finally {
      gw.clock.now = start;
    }
  });

  it('records a member’s opt-out and opt-in, and ignores them in between', async () => {
    const member = 'ou_opt';
    const ask = () =>
      feishu.say(url, {
        chatId: group,
        sender: member,
        text: 'How do I repay inventory financing?',
        mentionBot: true,
      });
    let before = feishu.sent.length;
    await feishu.say(url, { chatId: group, sender: member, text: 'opt out', mentionBot: true });
    expect(
      feishu.sent
        .slice(before)
        .map((s) => s.text)
        .join(),
    ).toContain('no longer answer');
    before = feishu.sent.length;
    await ask();
    expect(feishu.sent.length).toBe(before);
    await feishu.say(url, { chatId: group, sender: member, text: '加入', mentionBot: true });
    before = feishu.sent.length;
    await ask();
    expect(feishu.sent.length).toBe(before + 1);
    const choices = await gw.store.social.choices(bot.id, member);
    expect(choices.map((c) => c.choice)).toEqual(['opt_out', 'opt_in']);
  });

  it('answers 404 for an unknown bot and never 500 for a malformed body', async () => {
    const unknown = await feishu.say(`${gw.url}/v1/social/feishu/sbt_000000000000000000000000/events`, {
      chatId: group,
      sender: 'ou_li',
      text: 'hi',
      mentionBot: true,
    });
    expect(unknown.status).toBe(404);
    const garbage = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ encrypt: 'bm90LWEtY2lwaGVydGV4dA==' }),
    });
    expect(garbage.status).toBe(401);
    const wrongShape = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ challenge: 'x', type: 'url_verification' }),
    });
    expect(wrongShape.status).toBe(400);
  });
});

describe('group bot rate limits', () => {
  let gw: TestGateway;
  let feishu: FeishuSimulator;
  let url: string;

  beforeAll(async () => {
    // Windows of an hour: the counts below cannot reset while the test runs, however slow the machine.
    gw = await startTestGateway('sqlite', {
      gateway: {
        rateLimits: {
          defaults: {
            ip: HIGH,
            chatUser: HIGH,
            socialMember: { limit: 2, windowSeconds: 3600 },
            socialGroup: { limit: 3, windowSeconds: 3600 },
          },
        },
      },
    });
    await publishAgentWorld(gw);
    feishu = await new FeishuSimulator(() => gw.clock.now).start();
    url = `${gw.url}${(await configureBot(gw, feishu)).callbackPath}`;
  });
  afterAll(async () => {
    await gw?.close();
    await feishu?.close();
  });

  it('limits answers per member, then per group, and still records an opt-out past the limit', async () => {
    const ask = (sender: string, chatId = 'oc_travel') =>
      feishu.say(url, { chatId, sender, text: 'How do I repay inventory financing?', mentionBot: true });
    for (let i = 0; i < 3; i++) expect((await ask('ou_a')).status).toBe(200);
    expect(feishu.groupMessages.filter((m) => m.text.includes('ou_a')).length).toBe(2);
    await ask('ou_b');
    await ask('ou_c');
    // The group's three answers: two for a, one for b; c is over the group's budget.
    expect(feishu.groupMessages.filter((m) => m.receiveId === 'oc_travel').length).toBe(3);
    expect(feishu.groupMessages.some((m) => m.text.includes('ou_c'))).toBe(false);
    // Another group has its own budget.
    await ask('ou_c', 'oc_other');
    expect(feishu.groupMessages.filter((m) => m.receiveId === 'oc_other').length).toBe(1);

    await feishu.say(url, { chatId: 'oc_travel', sender: 'ou_a', text: 'opt out', mentionBot: true });
    const bot = (await gw.store.social.listBots())[0]!;
    expect((await gw.store.social.choices(bot.id, 'ou_a')).map((c) => c.choice)).toEqual(['opt_out']);
  });
});
