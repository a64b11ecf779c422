import { seriousViolations, startWidgetEnv, type WidgetEnv } from '@finlet/testing/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryOffer } from '../test/fixtures.js';

let env: WidgetEnv;
beforeAll(async () => {
  env = await startWidgetEnv([inventoryOffer]);
});
afterAll(async () => env?.close());

async function grantFor(token: string, agentName: string): Promise<{ id: string }> {
  const r = await env.gw.api('POST', '/v1/agent-grants', {
    auth: env.partner.secretKey,
    body: {
      sessionToken: token,
      tools: ['match_offers', 'start_application'],
      amountCap: { value: 20_000_000, currency: 'CNY' },
      scenario: 'supply-chain',
      expiresInSeconds: 1800,
      agentName,
    },
  });
  expect(r.status, r.text).toBe(201);
  return r.body as { id: string };
}

describe('<finlet-provider> shows the user’s agent grants', () => {
  it('lists each active grant, accessibly, and the user revokes it with one button', async () => {
    const { token } = await env.token({ userId: 'grant-user-1', scenario: 'supply-chain' });
    const grant = await grantFor(token, 'Shop assistant');
    const url = env.page('provider-grants', {
      body: `<finlet-provider gateway="${env.gw.url}" session-token="${token}" locale="en"><p>Partner page</p></finlet-provider>`,
    });
    const { page, problems, context } = await env.open(url);
    const list = page.locator('finlet-provider [part="agent-grants"]');
    await expect.poll(() => list.count()).toBe(1);
    const text = await list.innerText();
    expect(text).toContain('AI assistants that can act for you');
    expect(text).toContain('Shop assistant');
    expect(text).toContain('matching offers');
    expect(text).toContain('¥200,000.00');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Revoke access for Shop assistant' }).click();
    await expect.poll(() => list.innerText()).toContain('Access for Shop assistant revoked.');
    await expect.poll(() => list.locator('li').count()).toBe(0);
    const stored = await env.gw.store.agentGrants.get(grant.id);
    expect(stored).toMatchObject({ revokedBy: 'user' });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('renders nothing of its own without grants, and in Chinese by default', async () => {
    const { token } = await env.token({ userId: 'grant-user-2', scenario: 'supply-chain' });
    const none = await env.open(
      env.page('provider-none', {
        body: `<finlet-provider gateway="${env.gw.url}" session-token="${token}"><p>页面</p></finlet-provider>`,
      }),
    );
    expect(await none.page.locator('finlet-provider [part="agent-grants"]').count()).toBe(0);
    await none.context.close();

    await grantFor(token, '商城助手');
    const zh = await env.open(
      env.page('provider-zh', {
        body: `<finlet-provider gateway="${env.gw.url}" session-token="${token}"><p>页面</p></finlet-provider>`,
      }),
    );
    const list = zh.page.locator('finlet-provider [part="agent-grants"]');
    await expect.poll(() => list.count()).toBe(1);
    expect(await list.innerText()).toContain('可代您操作的 AI 助手');
    expect(await zh.page.getByRole('button', { name: '撤销 商城助手 的授权' }).count()).toBe(1);
    const hidden = await env.open(
      env.page('provider-hidden', {
        body: `<finlet-provider gateway="${env.gw.url}" session-token="${token}" agent-grants="hide"><p>页面</p></finlet-provider>`,
      }),
    );
    expect(await hidden.page.locator('finlet-provider [part="agent-grants"]').count()).toBe(0);
    await hidden.context.close();
    await zh.context.close();
  });
});
