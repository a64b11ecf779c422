import type { AdminKeyCreated, AdminRole } from '@finlet/contracts';
import { ORIGIN_A } from '@finlet/testing';
import { loadDemoDocs } from '@finlet/testing/demo';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleEnv, seriousViolations, startConsoleEnv } from '../test/console-env.js';

let env: ConsoleEnv;
let agentA: AdminKeyCreated;
let agentB: AdminKeyCreated;

const poll = { timeout: 20_000, interval: 50 };
const signals = {
  'business.age_months': 38,
  'business.annual_revenue_cny': 5_000_000,
  'inventory.turnover_days': 62,
  'user.verified': true,
};

beforeAll(async () => {
  env = await startConsoleEnv();
  agentA = await env.gw.adminKey({ name: 'Chen Jing (agent)', role: 'agent' });
  agentB = await env.gw.adminKey({ name: 'Sun Lei (agent)', role: 'agent' });
  // Suggested replies are drafted from published knowledge documents.
  for (const doc of await loadDemoDocs()) await env.gw.publishDocument(doc);
}, 180_000);

afterAll(async () => {
  await env?.close();
});

/** A user of partner A's supply-chain platform asks for money, then for a person; returns their ids. */
async function askForPerson(userId: string) {
  const token = await env.gw.session(env.gw.partnerA, { userId, scenario: 'supply-chain', signals });
  const send = async (body: object) => {
    const response = await env.gw.api('POST', '/v1/chat/messages', {
      auth: token,
      body,
      headers: { origin: ORIGIN_A },
    });
    expect(response.status, response.text).toBe(200);
    return response.text;
  };
  const first = await send({ text: '我想借20万进货，存货融资怎么还款？' });
  const conversationId = /"conversationId":"(cnv_[^"]+)"/.exec(first)![1]!;
  const second = await send({ conversationId, text: '转人工' });
  const handoffId = /"handoffId":"(hof_[^"]+)"/.exec(second)![1]!;
  return { token, conversationId, handoffId };
}

/**
 * Follows the user's conversation stream (as their widget does) until an event matches; the
 * stream is opened before the agent acts, so nothing is missed.
 */
function follow(token: string, conversationId: string) {
  const abort = new AbortController();
  const seen: { type: string; data: unknown }[] = [];
  const opened = fetch(`${env.gw.url}/v1/chat/conversations/${conversationId}/events`, {
    headers: { authorization: `Bearer ${token}`, origin: ORIGIN_A, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const done = (async () => {
    const response = await opened;
    expect(response.status).toBe(200);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const type = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (type && data) seen.push({ type, data: JSON.parse(data) });
        end = buffer.indexOf('\n\n');
      }
    }
  })().catch(() => {});
  return {
    seen,
    close: async () => {
      abort.abort();
      await done;
    },
  };
}

function row(page: Page, handoffId: string) {
  return page.locator(`fc-desk-queue tr[data-id="${handoffId}"]`);
}

function conversation(page: Page) {
  const c = page.locator('fc-desk-conversation');
  return {
    root: c,
    transcript: c.locator('ol.transcript > li'),
    agentMessages: c.locator('ol.transcript > li[data-role="agent"]'),
    suggestions: c.locator('li.suggestion'),
    composer: c.locator('textarea[name="reply"]'),
    send: c.locator('button.send'),
    notice: c.locator('.notice'),
    alert: c.locator('[role="alert"]'),
  };
}

/** Each screen of the console and the gateway route it is built on. */
const SCREENS = [
  ['offers', '/v1/admin/offers'],
  ['knowledge', '/v1/admin/knowledge'],
  ['tables', '/v1/admin/rail-tables'],
  ['thesaurus', '/v1/admin/thesaurus'],
  ['risk-questionnaires', '/v1/admin/risk-questionnaires'],
  ['partners', '/v1/admin/partners'],
  ['admin-keys', '/v1/admin/admin-keys'],
  ['audit', '/v1/admin/audit'],
  ['applications', '/v1/admin/applications'],
  ['funnel', '/v1/admin/analytics/funnel?from=2026-01-01T00:00:00.000Z&to=2026-01-02T00:00:00.000Z'],
  ['desk', '/v1/admin/handoffs'],
] as const;

describe('the console offers each role only the screens the gateway lets it use', {
  timeout: 300_000,
}, () => {
  const roles: AdminRole[] = ['author', 'approver', 'reviewer', 'agent', 'admin'];
  for (const role of roles) {
    it(`as ${role}: the nav and a direct visit agree with the gateway on every screen`, async () => {
      const key = await env.gw.adminKey({ name: `Nav ${role}`, role });
      const allowed = new Map<string, boolean>();
      for (const [screen, path] of SCREENS) {
        const response = await env.gw.api('GET', path, { auth: key.apiKey });
        expect([200, 403], `${role} ${path}: ${response.text}`).toContain(response.status);
        allowed.set(screen, response.status === 200);
      }
      const c = await env.open('/console', { locale: 'en-US' });
      await c.signIn(key.apiKey);
      await expect.poll(() => c.page.locator('fc-app nav a').count(), poll).toBeGreaterThan(0);
      const hrefs = await c.page
        .locator('fc-app nav a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      const offered = [...allowed].filter(([, ok]) => ok).map(([s]) => `/console/${s}`);
      expect(hrefs.sort(), role).toEqual(offered.sort());
      for (const [screen, ok] of allowed) {
        await c.page.goto(`${env.gw.url}/console/${screen}`);
        const refused = c.page.locator('fc-app #not-for-role');
        if (ok) {
          await expect.poll(() => c.page.locator('fc-app nav a').count(), poll).toBeGreaterThan(0);
          expect(await refused.count(), `${role} ${screen}`).toBe(0);
        } else {
          await expect.poll(() => refused.count(), { ...poll, message: `${role} ${screen}` }).toBe(1);
          expect(await refused.innerText()).toBe('Your role cannot use this screen.');
        }
      }
      await c.context.close();
    });
  }
});

describe('the hand-off desk', { timeout: 180_000 }, () => {
  it('queues a hand-off live with its summary, lets one agent claim it and tells the other in words', async () => {
    const a = await env.open('/console', { locale: 'en-US' });
    await a.signIn(agentA.apiKey);
    // An agent lands on the desk; a user asking for a person shows up without a reload.
    await expect.poll(() => a.page.url(), poll).toBe(`${env.gw.url}/console/desk`);
    await expect.poll(() => a.page.locator('fc-desk-queue #queue-title').count(), poll).toBe(1);
    // The audit log carries users' ids an agent may not read (USER_DATA_ROUTES): not offered.
    expect(await a.page.locator('fc-app nav').innerText()).not.toContain('Audit log');
    const { handoffId } = await askForPerson('desk-merchant-1');
    await expect.poll(() => row(a.page, handoffId).count(), poll).toBe(1);
    const text = await row(a.page, handoffId).innerText();
    expect(text).toContain('Supply chain');
    expect(text).toContain('Chinese');
    // The partner by its display name, its id a hover away.
    expect(text).toContain('Shop A');
    expect(text).not.toContain(env.gw.partnerA.partner.id);
    expect(await row(a.page, handoffId).locator('td.partner').getAttribute('title')).toBe(
      env.gw.partnerA.partner.id,
    );
    // The AI summary line names the amount the user asked for.
    expect(text).toContain('200,000');
    expect(await seriousViolations(a.page)).toEqual([]);

    // Agent B wins the race: their claim reaches the gateway just before A's does.
    await a.page.route('**/v1/admin/handoffs/*/claim', async (route) => {
      const won = await env.gw.api('POST', `/v1/admin/handoffs/${handoffId}/claim`, {
        auth: agentB.apiKey,
      });
      expect(won.status, won.text).toBe(200);
      await route.continue();
    });
    await row(a.page, handoffId).locator('button.claim').click();
    const alert = a.page.locator('fc-desk-queue [role="alert"]');
    await expect.poll(() => alert.count(), poll).toBe(1);
    expect(await alert.innerText()).toContain('Another agent claimed this conversation first.');
    await expect.poll(() => row(a.page, handoffId).innerText(), poll).toContain('Claimed by Sun Lei (agent)');
    expect(a.page.url()).toBe(`${env.gw.url}/console/desk`);
    expect(a.problems).toEqual([]);
    await a.context.close();
  });

  it('is kept live by the desk stream: with the page’s timers stopped, a new hand-off and a claim still show', async () => {
    const a = await env.open('/console/desk', { locale: 'en-US' });
    await a.signIn(agentA.apiKey);
    await expect.poll(() => a.page.locator('fc-desk-queue #queue-title').count(), poll).toBe(1);
    // Fake timers from the next load on; the session cookie keeps the agent signed in.
    await a.page.clock.install();
    await a.page.reload();
    const feed = a.page.locator('fc-desk-queue .feed');
    await expect.poll(() => feed.getAttribute('data-feed'), poll).toBe('live');
    expect(await feed.innerText()).toBe('Live');
    // From here no timer of the page fires: no poll can bring news, only the stream.
    await a.page.clock.pauseAt(await a.page.evaluate(() => Date.now() + 1000));
    const { handoffId } = await askForPerson('desk-merchant-pushed');
    await expect.poll(() => row(a.page, handoffId).getAttribute('data-status'), poll).toBe('waiting');
    const claimed = await env.gw.api('POST', `/v1/admin/handoffs/${handoffId}/claim`, {
      auth: agentB.apiKey,
    });
    expect(claimed.status, claimed.text).toBe(200);
    await expect.poll(() => row(a.page, handoffId).innerText(), poll).toContain('Claimed by Sun Lei (agent)');
    expect(a.problems).toEqual([]);
    await a.context.close();
  });

  it('polls when the desk stream cannot be opened, and says so', async () => {
    const a = await env.open('/console', { locale: 'zh-CN' });
    await a.page.route('**/v1/admin/handoffs/events', (route) => route.abort());
    await a.signIn(agentA.apiKey);
    const feed = a.page.locator('fc-desk-queue .feed');
    await expect.poll(() => feed.getAttribute('data-feed'), poll).toBe('polling');
    expect(await feed.innerText()).toBe('实时连接中断，每 2 秒刷新一次');
    const { handoffId } = await askForPerson('desk-merchant-polled');
    await expect.poll(() => row(a.page, handoffId).count(), poll).toBe(1);
    await a.context.close();
  });

  it('works a hand-off: summary with sources, suggested reply inserted, edited and sent, card, wrap-up', async () => {
    const { token, conversationId, handoffId } = await askForPerson('desk-merchant-2');
    const agent = await env.open('/console/desk', { locale: 'zh-CN' });
    await agent.signIn(agentA.apiKey);
    await expect.poll(() => row(agent.page, handoffId).count(), poll).toBe(1);
    await row(agent.page, handoffId).locator('button.claim').click();
    await expect.poll(() => agent.page.url(), poll).toBe(`${env.gw.url}/console/desk/${handoffId}`);
    const c = conversation(agent.page);

    // The AI summary: what the user wants, the amount understood, what the advisor answered and from where.
    await expect.poll(() => c.root.locator('.summary').count(), poll).toBe(1);
    const summary = await c.root.locator('.summary').innerText();
    expect(summary).toContain('200,000');
    await expect.poll(() => c.root.locator('.summary .citation').count(), poll).toBeGreaterThan(0);
    await expect.poll(() => c.transcript.count(), poll).toBeGreaterThanOrEqual(2);

    // Suggested replies come with their sources; inserting one sends nothing.
    await expect.poll(() => c.suggestions.count(), poll).toBeGreaterThan(0);
    expect(await c.suggestions.first().locator('.citation').count()).toBeGreaterThan(0);
    const before = await c.transcript.count();
    const suggested = await c.suggestions.first().locator('p.text').innerText();
    const suggestionId = await c.suggestions.first().getAttribute('data-id');
    const live = follow(token, conversationId);
    // By keyboard: Insert puts the text in the composer and focus there; nothing is sent.
    await c.suggestions.first().locator('button.insert').focus();
    await agent.page.keyboard.press('Enter');
    await expect.poll(() => c.composer.inputValue(), poll).toBe(suggested);
    expect(await c.composer.evaluate((el) => el.matches(':focus'))).toBe(true);
    expect(await c.transcript.count()).toBe(before);
    expect(await c.agentMessages.count()).toBe(0);
    const untouched = await env.gw.api<{ messages: { role: string }[] }>(
      'GET',
      `/v1/chat/conversations/${conversationId}`,
      { auth: token, headers: { origin: ORIGIN_A } },
    );
    expect(untouched.body.messages.filter((m) => m.role === 'agent')).toEqual([]);
    await agent.page.keyboard.press('End');
    await agent.page.keyboard.type(' 还有其他问题可以随时问我。');
    await c.send.click();
    await expect.poll(() => c.agentMessages.count(), poll).toBe(1);
    // The user's stream carries it as it is sent.
    await expect
      .poll(
        () =>
          live.seen.some(
            (e) =>
              e.type === 'message' &&
              JSON.stringify(e.data).includes('还有其他问题可以随时问我。') &&
              JSON.stringify(e.data).includes('"role":"agent"'),
          ),
        poll,
      )
      .toBe(true);
    // While the agent typed, the user was shown so.
    expect(
      live.seen.some((e) => e.type === 'agent_typing' && JSON.stringify(e.data).includes('"typing":true')),
    ).toBe(true);
    await live.close();
    expect(await c.agentMessages.first().innerText()).toContain('还有其他问题可以随时问我。');
    expect(await c.composer.inputValue()).toBe('');
    expect(await seriousViolations(agent.page)).toEqual([]);

    // The user reads it in their conversation; the suggestion was recorded as edited.
    const seen = await env.gw.api<{ messages: { role: string; text: string }[] }>(
      'GET',
      `/v1/chat/conversations/${conversationId}`,
      { auth: token, headers: { origin: ORIGIN_A } },
    );
    expect(seen.body.messages.at(-1)).toMatchObject({ role: 'agent' });
    expect(seen.body.messages.at(-1)?.text).toContain('还有其他问题可以随时问我。');
    const detail = await env.gw.api<{ suggestions: { id: string; outcome: string }[] }>(
      'GET',
      `/v1/admin/handoffs/${handoffId}`,
      { auth: agentA.apiKey },
    );
    expect(detail.body.suggestions.find((s) => s.id === suggestionId)?.outcome).toBe('edited');

    // Form assist: the pre-filled application card goes into the chat for the user to submit.
    await c.root.locator('button.send-card').click();
    await expect
      .poll(() => c.root.locator('ol.transcript > li[data-kind="application_card"]').count(), poll)
      .toBe(1);

    // Wrap-up: a disposition is required; the AI-drafted summary is there to edit.
    const wrap = c.root.locator('form.wrap-up');
    await expect.poll(() => wrap.locator('textarea[name="wrap-up"]').inputValue(), poll).not.toBe('');
    await wrap.locator('button.close').click();
    await expect.poll(() => wrap.locator('[role="alert"]').innerText(), poll).toBe('请选择处理结果。');
    await wrap.locator('select[name="disposition"]').selectOption('application_started');
    await wrap.locator('textarea[name="note"]').fill('用户将在组件中确认并提交申请。');
    await wrap.locator('textarea[name="wrap-up"]').fill('用户申请 20 万元存货融资，已发送申请卡片。');
    await wrap.locator('button.close').click();
    await expect.poll(() => c.root.locator('.state').getAttribute('data-status'), poll).toBe('closed');
    const closed = await env.gw.api<{ closure: { disposition: string; wrapUp: string; note: string } }>(
      'GET',
      `/v1/admin/handoffs/${handoffId}`,
      { auth: agentA.apiKey },
    );
    expect(closed.body.closure).toMatchObject({
      disposition: 'application_started',
      note: '用户将在组件中确认并提交申请。',
      wrapUp: '用户申请 20 万元存货融资，已发送申请卡片。',
    });

    // The metrics panel counts it: one suggestion sent after an edit.
    await agent.page.locator('fc-desk-conversation a.back').click();
    const edit = agent.page.locator('fc-desk-metrics [data-metric="edit"] dd');
    await expect.poll(() => edit.innerText(), poll).toBe('100%');
    expect(await seriousViolations(agent.page)).toEqual([]);
    expect(agent.problems).toEqual([]);
    await agent.context.close();
  });
  it('claims from a deep link, records a discarded suggestion, sends with Ctrl+Enter and releases', async () => {
    const { handoffId } = await askForPerson('desk-merchant-3');
    const agent = await env.open(`/console/desk/${handoffId}`, { locale: 'en-US' });
    await agent.signIn(agentA.apiKey);
    const c = conversation(agent.page);
    const claim = c.root.locator('button.claim');
    await expect.poll(() => claim.count(), poll).toBe(1);
    expect(await c.root.locator('p.message').allInnerTexts()).toContain(
      'No agent has claimed this conversation yet. Claim it to reply.',
    );
    expect(await c.composer.count()).toBe(0);
    await claim.click();
    await expect.poll(() => c.composer.count(), poll).toBe(1);

    // Discarding is recorded at once, and the suggestion leaves the list.
    await expect.poll(() => c.suggestions.count(), poll).toBeGreaterThan(0);
    const shown = await c.suggestions.count();
    const discarded = await c.suggestions.first().getAttribute('data-id');
    await c.suggestions.first().locator('button.discard').focus();
    await agent.page.keyboard.press('Enter');
    await expect.poll(() => c.suggestions.count(), poll).toBe(shown - 1);
    await expect
      .poll(async () => {
        const detail = await env.gw.api<{ suggestions: { id: string; outcome: string }[] }>(
          'GET',
          `/v1/admin/handoffs/${handoffId}`,
          { auth: agentA.apiKey },
        );
        return detail.body.suggestions.find((s) => s.id === discarded)?.outcome;
      }, poll)
      .toBe('discarded');

    // An empty message is refused before anything is sent; Ctrl+Enter sends from the composer.
    await c.send.click();
    await expect
      .poll(() => c.root.locator('#reply-missing').innerText(), poll)
      .toBe('Write something to send.');
    await c.composer.fill('One moment, I am checking your limit.');
    await c.composer.press('Control+Enter');
    await expect.poll(() => c.agentMessages.count(), poll).toBe(1);
    expect(await c.agentMessages.first().innerText()).toContain('Chen Jing (agent)');

    // Releasing puts it back in the queue for anyone to claim.
    await c.root.locator('button.release').click();
    await expect.poll(() => agent.page.url(), poll).toBe(`${env.gw.url}/console/desk`);
    await expect.poll(() => row(agent.page, handoffId).getAttribute('data-status'), poll).toBe('waiting');
    expect(await row(agent.page, handoffId).locator('button.claim').count()).toBe(1);
    expect(await seriousViolations(agent.page)).toEqual([]);
    expect(agent.problems).toEqual([]);
    await agent.context.close();
  });
});
