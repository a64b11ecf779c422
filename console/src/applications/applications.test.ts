import { Application, ApplicationFile } from '@finlet/contracts';
import {
  cashWealthOffer,
  ORIGIN_A,
  publishTable,
  publishWorkspaceOffers,
  RISK_ANSWERS_C2,
  riskQuestionnaire,
  submit,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupFunnel } from '../funnel/fc-funnel.js';
import { type ConsoleEnv, seriousViolations, startConsoleEnv } from '../test/console-env.js';
import { toMinor } from './fc-decision-panel.js';

let env: ConsoleEnv;
let reviewer: { apiKey: string; name: string };
let reviewer2: { apiKey: string; name: string };
let agent: string;

beforeAll(async () => {
  env = await startConsoleEnv({
    demoOffers: false,
    gateway: { applications: { fourEyesAbove: { CNY: 50_000_000 } } },
  });
  const r1 = await env.gw.adminKey({ name: 'Sun Li', role: 'reviewer' });
  const r2 = await env.gw.adminKey({ name: 'Zhou Yu', role: 'reviewer' });
  reviewer = { apiKey: r1.apiKey, name: r1.admin.name };
  reviewer2 = { apiKey: r2.apiKey, name: r2.admin.name };
  agent = (await env.gw.adminKey({ name: 'Qian Hao', role: 'agent' })).apiKey;
  await publishWorkspaceOffers(env.gw);
}, 120_000);

afterAll(async () => {
  await env?.close();
});

const poll = { timeout: 15_000, interval: 50 };

const fileOf = async (id: string) =>
  ApplicationFile.parse(
    (await env.gw.api('GET', `/v1/admin/applications/${id}`, { auth: reviewer.apiKey })).body,
  );

describe('the console’s applications area', { timeout: 120_000 }, () => {
  it('filters the inbox, opens a masked file whose brief cites its sources, and declines with previewed reasons', async () => {
    const small = await submit(env.gw, {
      partner: 'A',
      userId: 'u-inbox-1',
      offer: 'inventory',
      amountYuan: 200_000,
      name: '赵敏',
      businessName: '敏达贸易',
      phone: '13800138000',
      termMonths: 6,
    });
    // The harness's clock stands still: move it, so the second is the newer one.
    env.gw.clock.now = new Date(env.gw.clock.now.getTime() + 1000);
    await submit(env.gw, {
      partner: 'B',
      userId: 'u-inbox-2',
      offer: 'inventory',
      amountYuan: 90_000,
      name: 'Li Lei',
    });
    const { page, problems, signIn, context } = await env.open('/console/applications', { locale: 'en-US' });
    await signIn(reviewer.apiKey);
    const rows = page.locator('fc-application-inbox tbody tr');
    await expect.poll(() => rows.count(), poll).toBe(2);
    // Newest first.
    expect(await rows.first().getAttribute('data-id')).not.toBe(small.id);

    await page.locator('fc-application-inbox input[name="q"]').fill('赵敏');
    await page.locator('fc-application-inbox button[type="submit"]').click();
    await expect.poll(() => rows.count(), poll).toBe(1);
    expect(await rows.first().getAttribute('data-id')).toBe(small.id);
    expect(await rows.first().innerText()).toContain('CN¥200,000.00');
    expect(await seriousViolations(page)).toEqual([]);

    // Keyboard: the row's link opens the file.
    await rows.first().locator('a').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url(), poll).toContain(`/console/applications/${small.id}`);
    const file = page.locator('fc-application-file');
    await expect.poll(() => file.locator('.brief li.statement').count(), poll).toBeGreaterThan(0);
    // A reviewer reads the phone partly masked; the whole number is nowhere on the page.
    expect(await file.locator('dd[data-field="phone"]').getAttribute('data-access')).toBe('partial');
    expect(await file.locator('.applicant').innerText()).toContain('8000');
    expect(await file.locator('.applicant').innerText()).not.toContain('13800138000');
    expect(await file.locator('.snapshot').innerText()).toContain('6 months');

    // Every statement cites; a cited source moves focus to its fact.
    const statements = file.locator('.brief li.statement');
    for (let i = 0; i < (await statements.count()); i++) {
      expect(await statements.nth(i).locator('a[data-cite]').count()).toBeGreaterThan(0);
    }
    const turnover = file.locator('.brief a[data-cite*="inventory.turnover_days"]').first();
    const cited = await turnover.getAttribute('data-cite');
    await turnover.click();
    expect(page.url()).toContain(`/console/applications/${small.id}`);
    await expect
      .poll(() => file.evaluate((el) => el.shadowRoot?.activeElement?.getAttribute('data-fact')), poll)
      .toBe(cited);
    expect(await seriousViolations(page)).toEqual([]);

    // Decline: each reason previewed in both languages before anything is sent.
    const panel = page.locator('fc-decision-panel');
    await panel.locator('input[value="declined"]').check();
    await panel.locator('input[value="debt_too_high"]').check();
    expect(await panel.locator('blockquote[data-locale="zh-CN"]').innerText()).toContain('您现有的负债较高');
    expect(await panel.locator('blockquote[data-locale="en"]').innerText()).toContain(
      'Your existing debts are high',
    );
    await panel.locator('textarea[name="comment"]').fill('leverage above policy');
    await panel.locator('button[type="submit"]').click();
    await expect.poll(() => panel.locator('.message.final').count(), poll).toBe(1);
    expect(await file.locator('h2 .badge').getAttribute('data-status')).toBe('declined');
    const decided = await fileOf(small.id);
    expect(decided.decisions.at(-1)).toMatchObject({ status: 'declined', reasonCodes: ['debt_too_high'] });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('asks the applicant a question; a stale decision is refused', async () => {
    const application = await submit(env.gw, {
      partner: 'A',
      userId: 'u-ask',
      offer: 'inventory',
      amountYuan: 100_000,
      name: '钱多',
    });
    const { page, problems, signIn, context } = await env.open(`/console/applications/${application.id}`);
    await signIn(reviewer.apiKey);
    const panel = page.locator('fc-decision-panel');
    await expect.poll(() => panel.locator('input[value="more_info_needed"]').count(), poll).toBe(1);
    // Someone else decides meanwhile (a minute later): the page's copy is stale.
    env.gw.clock.now = new Date(env.gw.clock.now.getTime() + 60_000);
    const meanwhile = await env.gw.api('POST', `/v1/admin/applications/${application.id}/status`, {
      auth: reviewer2.apiKey,
      body: { status: 'under_review' },
    });
    expect(meanwhile.status).toBe(200);
    await panel.locator('input[value="more_info_needed"]').check();
    await panel.locator('textarea[name="question"]').fill('请上传最近三个月的进货单据。');
    await panel.locator('button[type="submit"]').click();
    await expect
      .poll(() => panel.locator('[role="alert"] .code').innerText(), poll)
      .toContain('stale_version');
    expect((await fileOf(application.id)).application.status).toBe('under_review');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('four eyes: the first approval (a changed amount) waits; the same key cannot confirm; a second reviewer does', async () => {
    const application = await submit(env.gw, {
      partner: 'A',
      userId: 'u-large',
      offer: 'inventory',
      amountYuan: 800_000,
      name: '孙大',
    });
    const first = await env.open(`/console/applications/${application.id}`, { locale: 'en-US' });
    await first.signIn(reviewer.apiKey);
    const panel = first.page.locator('fc-decision-panel');
    await expect.poll(() => panel.locator('input[value="approved"]').count(), poll).toBe(1);
    await panel.locator('input[value="approved"]').check();
    await panel.locator('input[name="amount"]').fill('600,000');
    await panel.locator('button[type="submit"]').click();
    await expect.poll(() => panel.locator('.pending').count(), poll).toBe(1);
    expect(await panel.locator('.pending').innerText()).toContain('Sun Li approved CN¥600,000.00');
    expect(await panel.locator('.own-first').count()).toBe(1);
    expect(await panel.locator('button.confirm').count()).toBe(0);
    expect((await fileOf(application.id)).application.status).toBe('submitted');
    await first.context.close();

    const second = await env.open(`/console/applications/${application.id}`, { locale: 'en-US' });
    await second.signIn(reviewer2.apiKey);
    const panel2 = second.page.locator('fc-decision-panel');
    await expect.poll(() => panel2.locator('button.confirm').count(), poll).toBe(1);
    expect(await panel2.locator('.pending').innerText()).toContain('Sun Li');
    await panel2.locator('button.confirm').click();
    await expect.poll(() => panel2.locator('.message.final').count(), poll).toBe(1);
    const token = await env.gw.session(env.gw.partnerA, { userId: 'u-large', scenario: 'supply-chain' });
    const seen = Application.parse(
      (
        await env.gw.api('GET', `/v1/applications/${application.id}`, {
          auth: token,
          headers: { origin: ORIGIN_A },
        })
      ).body,
    );
    expect(seen.status).toBe('approved');
    expect(seen.decision?.approvedTerms?.amount).toEqual({ value: 60_000_000, currency: 'CNY' });
    expect(second.problems).toEqual([]);
    await second.context.close();
  });

  it('an agent reads the file but gets no decision form; the funnel shows the steps as a chart and a table', async () => {
    const application = await submit(env.gw, {
      partner: 'A',
      userId: 'u-agent',
      offer: 'inventory',
      amountYuan: 60_000,
      name: '周一',
      phone: '13900139000',
    });
    const { page, problems, signIn, context } = await env.open(`/console/applications/${application.id}`, {
      locale: 'en-US',
    });
    await signIn(agent);
    const file = page.locator('fc-application-file');
    await expect
      .poll(() => file.locator('dd[data-field="phone"]').getAttribute('data-access'), poll)
      .toBe('hidden');
    expect(await page.locator('fc-decision-panel .message').innerText()).toContain(
      'can read applications but not decide',
    );
    expect(await page.locator('fc-decision-panel form').count()).toBe(0);
    await context.close();
    expect(problems).toEqual([]);

    const funnel = await env.open('/console/funnel', { locale: 'en-US' });
    await funnel.signIn(reviewer.apiKey);
    const total = funnel.page.locator('fc-funnel tr[data-key="Total"]');
    await expect.poll(() => total.count(), poll).toBe(1);
    expect(Number(await total.locator('td[data-step="submitted"]').innerText())).toBeGreaterThanOrEqual(2);
    expect(await funnel.page.locator('fc-funnel svg[role="img"]').getAttribute('aria-label')).toMatch(
      /submitted \d+/,
    );
    expect(await seriousViolations(funnel.page)).toEqual([]);
    expect(funnel.problems).toEqual([]);
    await funnel.context.close();
  });
});

describe('the file of a wealth application', { timeout: 120_000 }, () => {
  it('shows the applicant’s assessment: level, expiry and questionnaire version, and no amount in the file and the inbox', async () => {
    await publishTable(env.gw, 'risk-questionnaires', riskQuestionnaire);
    await env.gw.publish(cashWealthOffer);
    const token = await env.gw.session(env.gw.partnerA, {
      userId: 'u-wealth',
      scenario: 'consumption',
      signals: {},
    });
    const assessed = await env.gw.api('POST', '/v1/suitability/assessments', {
      auth: token,
      headers: { origin: ORIGIN_A, 'idempotency-key': 'w-assess' },
      body: { questionnaireId: riskQuestionnaire.id, questionnaireVersion: 1, answers: RISK_ANSWERS_C2 },
    });
    expect(assessed.status, assessed.text).toBe(201);
    const consent = await env.gw.consent(token, ['application.submit']);
    const created = await env.gw.api('POST', '/v1/applications', {
      auth: token,
      headers: { origin: ORIGIN_A, 'idempotency-key': 'w-apply' },
      body: { offerId: cashWealthOffer.id, applicant: { name: '王芳' }, consentIds: [consent.id] },
    });
    expect(created.status, created.text).toBe(201);
    const { id } = Application.parse(created.body);
    const { page, problems, signIn, context } = await env.open(`/console/applications/${id}`, {
      locale: 'en-US',
    });
    await signIn(reviewer.apiKey);
    const section = page.locator('fc-application-file section.suitability');
    await expect.poll(() => section.count(), poll).toBe(1);
    expect(await section.locator('dd.level').innerText()).toBe('C2');
    expect(await section.innerText()).toContain(`${riskQuestionnaire.id} (version 1)`);
    expect(await section.innerText()).toContain('Assessment valid until');
    // The product has no amount range, so the application has no amount: said, not a broken figure.
    expect(await page.locator('fc-application-file dd.amount').innerText()).toBe('—');
    await context.close();
    expect(problems).toEqual([]);

    const inbox = await env.open('/console/applications', { locale: 'en-US' });
    await inbox.signIn(reviewer.apiKey);
    const row = inbox.page.locator(`fc-application-inbox tbody tr[data-id="${id}"]`);
    await expect.poll(() => row.count(), poll).toBe(1);
    expect(await row.locator('td.amount').innerText()).toBe('—');
    await inbox.context.close();
    expect(inbox.problems).toEqual([]);
  });
});

describe('console helpers', () => {
  it('reads an amount in major units into minor units, refusing what is not one', () => {
    expect(toMinor('600,000', 'CNY')).toBe(60_000_000);
    expect(toMinor('1234.5', 'CNY')).toBe(123_450);
    expect(toMinor('1000000', 'JPY')).toBe(1_000_000);
    expect(toMinor('1.234', 'CNY')).toBeUndefined();
    expect(toMinor('abc', 'CNY')).toBeUndefined();
  });

  it('sums funnel rows by one dimension, per currency', () => {
    const row = (partnerId: string, submitted: number, approved: number) => ({
      day: null,
      partnerId,
      scenario: 'supply-chain' as const,
      offerId: 'o',
      shown: 0,
      selected: 0,
      consented: 0,
      submitted,
      approved,
      declined: 0,
      approvedAmount: [{ value: approved * 100, currency: 'CNY' as const }],
      conversion: { selected: null, consented: null, submitted: null, approved: null },
    });
    const grouped = groupFunnel([row('a', 1, 1), row('b', 3, 0), row('a', 2, 2)], 'partnerId');
    expect(grouped.map((g) => [g.key, g.submitted, g.approved, g.approvedAmount[0]?.value])).toEqual([
      ['a', 3, 3, 300],
      ['b', 3, 0, 0],
    ]);
  });
});
