import { seriousViolations, startWidgetEnv, type WidgetEnv } from '@finlet/testing/browser';
import { cashWealthOffer, concentratedHoldings, equityFundOffer } from '@finlet/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let env: WidgetEnv;
let investors = 0;

beforeAll(async () => {
  env = await startWidgetEnv([cashWealthOffer, equityFundOffer]);
});
afterAll(async () => env?.close());

function chatPage(name: string, userId: string, attrs = '') {
  env.sessionInput = { userId, scenario: 'consumption', signals: { 'investor.risk_level': 'C2' } };
  return env.page(name, {
    body: `<finlet-provider gateway="${env.gw.url}" ${attrs}><finlet-advice-chat></finlet-advice-chat></finlet-provider>`,
    script: `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });`,
  });
}

async function ask(page: import('playwright-core').Page, text: string) {
  const chat = page.locator('finlet-advice-chat');
  await expect.poll(() => chat.locator('textarea, input[type="text"]').count()).toBeGreaterThan(0);
  await chat.locator('textarea, input[type="text"]').first().fill(text);
  await chat.locator('textarea, input[type="text"]').first().press('Enter');
  const answer = chat.locator('.message.assistant').last();
  await expect.poll(() => answer.getAttribute('aria-busy')).toBe('false');
  return answer;
}

describe('<finlet-advice-chat> parts of a wealth answer', () => {
  it('says on the card of a product above the level why it is withheld, with no apply button and no "eligible" mark', async () => {
    const { page, problems, context } = await env.open(chatPage('withheld', `chat-investor-${++investors}`));
    const answer = await ask(page, '我想申请成长股票基金');
    const card = answer.locator(`[part="offer-card"][data-offer="${equityFundOffer.id}"]`).first();
    await expect.poll(() => card.count()).toBe(1);
    const withheld = card.locator('[part="withheld"]');
    expect(await withheld.getAttribute('data-code')).toBe('above_risk_level');
    expect(await withheld.innerText()).toContain('不向您推荐');
    expect(await withheld.innerText()).toContain('C2');
    expect(await card.innerText()).not.toContain('您可能符合条件');
    // A wealth product has no amount range: the card shows no empty range.
    expect(await card.innerText()).not.toContain(' – ');
    expect(await answer.locator('button', { hasText: '继续申请' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a health check answer with <finlet-health-check>, loaded on first use, each finding explained (English)', async () => {
    const userId = `chat-investor-${++investors}`;
    const sent = await env.gw.api('POST', '/v1/signals', {
      auth: env.partner.secretKey,
      body: {
        signals: [
          {
            id: `pf-${userId}`,
            type: 'portfolio.holdings',
            subject: userId,
            occurredAt: env.gw.clock.now.toISOString(),
            data: { holdings: concentratedHoldings },
          },
        ],
      },
    });
    expect(sent.status, sent.text).toBe(200);
    const { page, problems, context } = await env.open(chatPage('health', userId, 'locale="en"'));
    const checks: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/v1/portfolio/health-check')) checks.push(r.url());
    });
    const answer = await ask(page, 'Please check my fund portfolio');
    const report = answer.locator('finlet-health-check');
    await expect
      .poll(() =>
        report
          .locator('[data-kind="concentration"]')
          .innerText()
          .catch(() => ''),
      )
      .toContain('Too much in one holding');
    expect(await report.locator('[data-kind="concentration"] [data-cite="rule"]').innerText()).toContain(
      'Largest share for one holding',
    );
    expect(await report.locator(`[data-offer="${equityFundOffer.id}"]`).count()).toBe(0);
    // The chat's answer is the report: the element makes no call of its own.
    expect(checks).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
