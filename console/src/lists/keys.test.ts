import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleEnv, seriousViolations, startConsoleEnv } from '../test/console-env.js';

let env: ConsoleEnv;

beforeAll(async () => {
  env = await startConsoleEnv({ demoOffers: false });
}, 120_000);

afterAll(async () => {
  await env?.close();
});

const poll = { timeout: 15_000, interval: 50 };

async function mint(secretKey: string): Promise<{ status: number; code?: string }> {
  const response = await fetch(`${env.gw.url}/v1/embed-sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'u-console', scenario: 'consumption' }),
  });
  const body = (await response.json()) as { code?: string };
  return { status: response.status, ...(body.code ? { code: body.code } : {}) };
}

describe('key screens of the console', { timeout: 120_000 }, () => {
  it('rotates a partner key (shown once, with the overlap end), revokes it, disables and enables the partner', async () => {
    const { page, problems, signIn, context } = await env.open('/console/partners', { locale: 'en-US' });
    await signIn(env.gw.admins.admin.apiKey);
    const partnerA = env.gw.partnerA.partner;
    const row = page.locator(`fc-partner-list tr[data-id="${partnerA.id}"]`);
    await expect.poll(() => row.count(), poll).toBe(1);

    await row.locator('button.show-keys').click();
    const keyRows = page.locator('fc-partner-list .keys tbody tr');
    await expect.poll(() => keyRows.count(), poll).toBe(1);
    expect(await keyRows.first().innerText()).toContain('active');

    await page.locator('fc-partner-list button.rotate').click();
    const dialog = page.locator('fc-partner-list [role="alertdialog"]');
    expect(await dialog.innerText()).toContain('24-hour overlap');
    await dialog.locator('button.confirm-yes').click();
    const secret = page.locator('fc-partner-list input[name="new-secret-key"]');
    await expect.poll(() => secret.count(), poll).toBe(1);
    const newKey = await secret.inputValue();
    expect(newKey).toMatch(/^fsk_/);
    expect(await page.locator('fc-partner-list .rotated').innerText()).toMatch(/keep working until/);
    expect(await page.locator('fc-partner-list button.copy').count()).toBe(1);
    await expect.poll(() => keyRows.count(), poll).toBe(2);
    expect((await keyRows.allInnerTexts()).join(' ')).toContain('in overlap');
    expect(await mint(newKey)).toEqual({ status: 201 });
    expect(await mint(env.gw.partnerA.secretKey)).toEqual({ status: 201 });
    expect(await seriousViolations(page)).toEqual([]);

    const newKeyId = newKey.split('_')[1]!;
    await page.locator(`fc-partner-list tr[data-key="${newKeyId}"] button.revoke`).click();
    await page.locator('fc-partner-list [role="alertdialog"] button.confirm-yes').click();
    await expect
      .poll(() => page.locator(`fc-partner-list tr[data-key="${newKeyId}"]`).innerText(), poll)
      .toContain('revoked');
    expect(await mint(newKey)).toEqual({ status: 401, code: 'api_key_revoked' });

    // Cancelling changes nothing; confirming disables.
    await row.locator('button.disable').click();
    await page.locator('fc-partner-list [role="alertdialog"] button.confirm-no').click();
    expect(await page.locator('fc-partner-list [role="alertdialog"]').count()).toBe(0);
    expect(await mint(env.gw.partnerA.secretKey)).toEqual({ status: 201 });
    await row.locator('button.disable').click();
    await page.locator('fc-partner-list [role="alertdialog"] button.confirm-yes').click();
    await expect.poll(() => row.locator('td').nth(4).innerText(), poll).toBe('disabled');
    expect(await mint(env.gw.partnerA.secretKey)).toEqual({ status: 403, code: 'partner_disabled' });
    await row.locator('button.enable').click();
    await page.locator('fc-partner-list [role="alertdialog"] button.confirm-yes').click();
    await expect.poll(() => row.locator('td').nth(4).innerText(), poll).toBe('active');
    expect(await mint(env.gw.partnerA.secretKey)).toEqual({ status: 201 });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lists admin keys and revokes one after a confirmation; other roles see no keys', async () => {
    const { page, problems, signIn, context } = await env.open('/console/admin-keys', { locale: 'en-US' });
    await signIn(env.gw.admins.admin.apiKey);
    const rows = page.locator('fc-admin-key-list tbody tr');
    await expect.poll(() => rows.count(), poll).toBe(4);
    expect(await page.locator('fc-admin-key-list').innerText()).not.toContain(env.gw.admins.author2.apiKey);
    const target = env.gw.admins.author2.admin;
    const row = page.locator(`fc-admin-key-list tr[data-id="${target.id}"]`);
    await row.locator('button.revoke').click();
    expect(await page.locator('fc-admin-key-list [role="alertdialog"]').innerText()).toContain(target.name);
    await page.locator('fc-admin-key-list [role="alertdialog"] button.confirm-yes').click();
    await expect.poll(() => row.innerText(), poll).toContain('revoked');
    const me = await fetch(`${env.gw.url}/v1/admin/me`, {
      headers: { authorization: `Bearer ${env.gw.admins.author2.apiKey}` },
    });
    expect(me.status).toBe(401);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();

    const author = await env.open('/console/admin-keys', { locale: 'en-US' });
    await author.signIn(env.gw.admins.author.apiKey);
    await expect
      .poll(() => author.page.locator('fc-app #not-for-role').innerText(), poll)
      .toBe('Your role cannot use this screen.');
    expect(await author.page.locator('fc-admin-key-list').count()).toBe(0);
    await author.context.close();
  });
});
