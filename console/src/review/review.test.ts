import type { OfferContent } from '@finlet/contracts';
import { loadDemoDocs, loadDemoOffers } from '@finlet/testing/demo';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleEnv, seriousViolations, startConsoleEnv } from '../test/console-env.js';

let env: ConsoleEnv;
let base: OfferContent;

beforeAll(async () => {
  env = await startConsoleEnv({ demoOffers: false });
  base = (await loadDemoOffers(env.gw.clock.now))[0]!;
}, 120_000);

afterAll(async () => {
  await env?.close();
});

const poll = { timeout: 15_000, interval: 50 };

/** Creates a draft through the admin API as `apiKey`; returns its version. */
async function draft(id: string, apiKey: string, change: Partial<OfferContent> = {}): Promise<number> {
  const path = (await env.gw.api('GET', `/v1/admin/offers/${id}`, { auth: apiKey })).status === 200;
  const response = await env.gw.api<{ version: number }>(
    'POST',
    path ? `/v1/admin/offers/${id}/versions` : '/v1/admin/offers',
    { auth: apiKey, body: { ...base, ...change, id } },
  );
  expect(response.status).toBe(201);
  return response.body.version;
}

async function step(id: string, version: number, action: string, apiKey: string, body: object = {}) {
  const response = await env.gw.api('POST', `/v1/admin/offers/${id}/versions/${version}/${action}`, {
    auth: apiKey,
    body,
  });
  expect(response.status, response.text).toBeLessThan(300);
}

function panel(page: Page) {
  const review = page.locator('fc-review-panel');
  return {
    button: (action: string) => review.locator(`button[data-action="${action}"]`),
    comment: review.locator('textarea[name="comment"]'),
    alert: review.locator('[role="alert"]'),
    done: review.locator('.message.success'),
  };
}

async function status(page: Page) {
  const badge = page.locator('fc-item-view .head .badge[data-status]');
  await expect.poll(() => badge.count(), poll).toBe(1);
  return badge.getAttribute('data-status');
}

describe('the review panel', () => {
  it('walks a version through submit, approve and publish with buttons that follow role and status', async () => {
    const { admins } = env.gw;
    const version = await draft('console-review-walk', admins.author.apiKey);
    const author = await env.open(`/console/offers/console-review-walk/versions/${version}`, {
      locale: 'en-US',
    });
    await author.signIn(admins.author.apiKey);
    const a = panel(author.page);
    await expect.poll(() => status(author.page), poll).toBe('draft');
    expect(await a.button('submit').isEnabled()).toBe(true);
    for (const action of ['approve', 'reject', 'publish', 'retire', 'rollback', 'schedule', 'unschedule']) {
      expect(await a.button(action).isDisabled(), action).toBe(true);
    }
    expect(await seriousViolations(author.page)).toEqual([]);
    await a.button('submit').click();
    await expect.poll(() => a.done.innerText(), poll).toBe('Submitted for review.');
    await expect.poll(() => status(author.page), poll).toBe('in_review');
    expect(await a.button('submit').isDisabled()).toBe(true);
    expect(await a.button('approve').isDisabled()).toBe(true);

    const approver = await env.open(`/console/offers/console-review-walk/versions/${version}`, {
      locale: 'en-US',
    });
    await approver.signIn(admins.approver.apiKey);
    const p = panel(approver.page);
    await expect.poll(() => p.button('approve').isEnabled(), poll).toBe(true);
    // Rejecting needs a comment: asked for before anything is sent.
    await p.button('reject').click();
    await expect.poll(() => p.alert.innerText(), poll).toBe('Write a comment.');
    await p.comment.fill('Looks right.');
    await p.button('approve').click();
    await expect.poll(() => status(approver.page), poll).toBe('approved');
    expect(await p.comment.inputValue()).toBe('');
    await p.button('publish').click();
    await expect.poll(() => status(approver.page), poll).toBe('published');
    expect(await p.done.innerText()).toContain('Published');
    expect(await p.button('retire').isEnabled()).toBe(true);
    expect(await seriousViolations(approver.page)).toEqual([]);
    expect([...author.problems, ...approver.problems]).toEqual([]);
    await author.context.close();
    await approver.context.close();
  }, 120_000);

  it('shows the four-eyes refusal in words when an admin approves a version they wrote', async () => {
    const { admins } = env.gw;
    const version = await draft('console-review-own', admins.admin.apiKey);
    await step('console-review-own', version, 'submit', admins.admin.apiKey);
    const { page, signIn, context } = await env.open(
      `/console/offers/console-review-own/versions/${version}`,
    );
    await signIn(admins.admin.apiKey);
    const p = panel(page);
    await expect.poll(() => p.button('approve').isEnabled(), poll).toBe(true);
    expect(await page.locator('fc-review-panel p.muted').innerText()).toContain('必须由另一位审批人批准');
    await p.button('approve').click();
    await expect.poll(() => p.alert.innerText(), poll).toContain('四眼原则');
    const text = await p.alert.innerText();
    expect(text).toContain('approver_is_author');
    expect(await status(page)).toBe('in_review');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);

  it('schedules and unschedules a publish, and rolls back to an earlier published version', async () => {
    const { admins } = env.gw;
    const id = 'console-review-rollback';
    const v1 = await draft(id, admins.author.apiKey);
    for (const [action, key] of [
      ['submit', admins.author.apiKey],
      ['approve', admins.approver.apiKey],
      ['publish', admins.approver.apiKey],
    ] as const) {
      await step(id, v1, action, key);
    }
    const v2 = await draft(id, admins.author.apiKey, { priority: 90 });
    await step(id, v2, 'submit', admins.author.apiKey);
    await step(id, v2, 'approve', admins.approver.apiKey);

    const { page, signIn, context, problems } = await env.open(`/console/offers/${id}/versions/${v2}`, {
      locale: 'en-US',
    });
    await signIn(admins.approver.apiKey);
    const p = panel(page);
    await expect.poll(() => p.button('schedule').isEnabled(), poll).toBe(true);
    expect(await p.button('unschedule').isDisabled()).toBe(true);
    await p.button('schedule').click();
    await expect.poll(() => p.alert.innerText(), poll).toBe('Choose when to publish.');
    await page.locator('fc-review-panel input[name="at"]').fill('2099-01-02T09:30');
    await p.button('schedule').click();
    await expect.poll(() => p.done.innerText(), poll).toMatch(/^Scheduled to publish at .*2099/);
    await expect
      .poll(() => page.locator('fc-item-view .head .badge.scheduled').innerText(), poll)
      .toMatch(/Scheduled for .*2099/);
    await p.button('unschedule').click();
    await expect.poll(() => page.locator('fc-item-view .head .badge.scheduled').count(), poll).toBe(0);
    expect(await status(page)).toBe('approved');
    await p.button('publish').click();
    await expect.poll(() => status(page), poll).toBe('published');

    // Version 1 was published before: it can be restored in one step, with a comment.
    await page.locator(`fc-item-view a[href="/console/offers/${id}/versions/${v1}"]`).click();
    await expect.poll(() => status(page), poll).toBe('retired');
    await expect.poll(() => p.button('rollback').isEnabled(), poll).toBe(true);
    await p.button('rollback').click();
    await expect.poll(() => p.alert.innerText(), poll).toBe('Write a comment.');
    await p.comment.fill('Priority 90 crowded out the other offers.');
    await p.button('rollback').click();
    const v3 = v2 + 1;
    await expect.poll(() => page.url(), poll).toBe(`${env.gw.url}/console/offers/${id}/versions/${v3}`);
    await expect.poll(() => status(page), poll).toBe('published');
    expect(await page.locator('fc-item-view .head').innerText()).toContain(`Restored from version ${v1}`);
    const versions = await env.gw.api<{ offers: { version: number; status: string; priority: number }[] }>(
      'GET',
      `/v1/admin/offers/${id}`,
      { auth: admins.approver.apiKey },
    );
    expect(versions.body.offers.map((o) => [o.version, o.status, o.priority])).toEqual([
      [v3, 'published', base.priority],
      [v2, 'retired', 90],
      [v1, 'retired', base.priority],
    ]);
    // The item page shows what changed against the published version.
    await page.locator(`fc-item-view a[href="/console/offers/${id}/versions/${v2}"]`).click();
    await expect
      .poll(() => page.locator('fc-item-view fc-diff li[data-path="priority"]').count(), poll)
      .toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('schedules, unschedules and rolls back knowledge documents too', async () => {
    const { admins } = env.gw;
    const doc = { ...(await loadDemoDocs())[0]!, id: 'console-review-doc' };
    const path = `/v1/admin/knowledge/${doc.id}/versions`;
    const create = async (change: object) => {
      const first = (await env.gw.api('GET', `/v1/admin/knowledge/${doc.id}`, { auth: admins.author.apiKey }))
        .status;
      const response = await env.gw.api<{ version: number }>(
        'POST',
        first === 200 ? path : '/v1/admin/knowledge',
        { auth: admins.author.apiKey, body: { ...doc, ...change } },
      );
      expect(response.status, response.text).toBe(201);
      return response.body.version;
    };
    const docStep = async (version: number, action: string, apiKey: string) => {
      const response = await env.gw.api('POST', `${path}/${version}/${action}`, { auth: apiKey, body: {} });
      expect(response.status, response.text).toBeLessThan(300);
    };
    const v1 = await create({});
    await docStep(v1, 'submit', admins.author.apiKey);
    await docStep(v1, 'approve', admins.approver.apiKey);
    await docStep(v1, 'publish', admins.approver.apiKey);
    const v2 = await create({ tags: ['changed'] });
    await docStep(v2, 'submit', admins.author.apiKey);
    await docStep(v2, 'approve', admins.approver.apiKey);

    const { page, signIn, context, problems } = await env.open(
      `/console/knowledge/${doc.id}/versions/${v2}`,
      {
        locale: 'en-US',
      },
    );
    await signIn(admins.approver.apiKey);
    const p = panel(page);
    await expect.poll(() => p.button('schedule').isEnabled(), poll).toBe(true);
    await page.locator('fc-review-panel input[name="at"]').fill('2099-01-02T09:30');
    await p.button('schedule').click();
    await expect.poll(() => p.done.innerText(), poll).toMatch(/^Scheduled to publish at .*2099/);
    await expect.poll(() => p.button('unschedule').isEnabled(), poll).toBe(true);
    await p.button('unschedule').click();
    await expect.poll(() => page.locator('fc-item-view .head .badge.scheduled').count(), poll).toBe(0);
    await p.button('publish').click();
    await expect.poll(() => status(page), poll).toBe('published');

    await page.locator(`fc-item-view a[href="/console/knowledge/${doc.id}/versions/${v1}"]`).click();
    await expect.poll(() => status(page), poll).toBe('retired');
    await expect.poll(() => p.button('rollback').isEnabled(), poll).toBe(true);
    await p.comment.fill('The new tags confused the advisor.');
    await p.button('rollback').click();
    const v3 = v2 + 1;
    await expect
      .poll(() => page.url(), poll)
      .toBe(`${env.gw.url}/console/knowledge/${doc.id}/versions/${v3}`);
    await expect.poll(() => status(page), poll).toBe('published');
    expect(await page.locator('fc-item-view .head').innerText()).toContain(`Restored from version ${v1}`);
    const versions = await env.gw.api<{ documents: { version: number; status: string }[] }>(
      'GET',
      `/v1/admin/knowledge/${doc.id}`,
      { auth: admins.approver.apiKey },
    );
    expect(versions.body.documents.map((d) => [d.version, d.status])).toEqual([
      [v3, 'published'],
      [v2, 'retired'],
      [v1, 'retired'],
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
