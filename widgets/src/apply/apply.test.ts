import { seriousViolations, startWidgetEnv, type WidgetEnv } from '@finlet/testing/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADULT, consumerOffer, inventoryOffer } from '../test/fixtures.js';

let env: WidgetEnv;
let user = 0;

beforeAll(async () => {
  env = await startWidgetEnv([consumerOffer, inventoryOffer]);
});
afterAll(async () => env?.close());

/** A page with <finlet-apply> for a fresh user whose partner pre-filled the application. */
function applyPage(name: string, attrs = '', provider = '') {
  const userId = `apply-user-${++user}`;
  env.sessionInput = {
    userId,
    signals: ADULT,
    prefill: {
      amount: { value: 800_000, currency: 'CNY' },
      termMonths: 12,
      purpose: '购买家电',
      applicantName: '张三',
      phone: '13800000000',
    },
  };
  const url = env.page(name, {
    body: `<finlet-provider gateway="${env.gw.url}" ${provider}><finlet-apply offer="shop-installment" ${attrs}></finlet-apply></finlet-provider>`,
    script: `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });`,
  });
  return { url, userId };
}

describe('<finlet-apply> in Chromium against a real gateway', () => {
  it('goes from pre-filled details through consent to a submitted application with the keyboard only', async () => {
    const { url, userId } = applyPage('keyboard');
    const { page, events, problems, context } = await env.open(url);
    const apply = page.locator('finlet-apply');
    const amount = apply.locator('#f-amount');
    await expect.poll(() => amount.count()).toBe(1);
    // The user confirms what the partner knows; nothing is retyped.
    expect(await amount.inputValue()).toBe('8000');
    expect(await apply.locator('#f-name').inputValue()).toBe('张三');
    expect(await apply.locator('#f-termMonths').inputValue()).toBe('12');
    expect(await seriousViolations(page)).toEqual([]);

    await page.keyboard.press('Tab');
    expect(await amount.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await page.keyboard.press('Enter'); // submits the details form

    const consent = apply.locator('[part="consent"]');
    await expect.poll(() => consent.count()).toBe(1);
    expect(
      await consent.locator('h3').evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement),
    ).toBe(true);
    const text = await consent.innerText();
    expect(text).toContain('贷款有风险，借款需谨慎。');
    await expect
      .poll(async () =>
        (await env.gw.store.disclosures.list({ userId, limit: 10 })).map((r) => [r.surface, r.offers[0]?.id]),
      )
      .toEqual([['apply', 'shop-installment']]);
    expect(text).toContain('本次申请填写的信息');
    expect(text).toContain('用途：贷款申请');
    expect(text).toContain('有效期：30 天，您可随时撤回');
    expect(await seriousViolations(page)).toEqual([]);

    // Submitting without agreeing is refused in words, and focus goes to the checkbox.
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent?.trim()),
    ).toBe('提交申请');
    await page.keyboard.press('Enter');
    await expect.poll(() => consent.locator('#agree-error').count()).toBe(1);
    expect(
      await apply.locator('#agree').evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement),
    ).toBe(true);
    await page.keyboard.press('Space');
    for (let i = 0; i < 2; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    const result = apply.locator('[part="result"]');
    await expect.poll(() => result.count()).toBe(1);
    expect(await result.innerText()).toContain('申请已提交');
    const submitted = (await events('finlet-application-submit')) as Array<{
      application: { id: string; amount: { value: number }; applicant: { name: string } };
    }>;
    expect(submitted).toHaveLength(1);
    const application = submitted[0]!.application;
    expect(application.amount.value).toBe(800_000);
    expect(application.applicant.name).toBe('张三');
    const stored = await env.gw.store.applications.listForUser(env.partner.partner.id, userId);
    expect(stored.map((a) => a.id)).toEqual([application.id]);
    expect(stored[0]!.purpose).toBe('购买家电');
    expect(problems).toEqual([]);
    expect(await events('csp')).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
    // Five axe runs and a whole journey: on a loaded machine this takes longer than the default.
  }, 120_000);

  it('creates one application when the answer is lost and the button is double-clicked', async () => {
    const { url, userId } = applyPage('idempotent', '', 'locale="en"');
    const { page, events, context } = await env.open(url);
    const apply = page.locator('finlet-apply');
    await expect.poll(() => apply.locator('#f-amount').count()).toBe(1);
    await apply.locator('button[type="submit"]').click();
    await apply.locator('#agree').check();

    // The first submit reaches the gateway but its answer is lost on the way back.
    let attempts = 0;
    const keys: string[] = [];
    await page.route(`${env.gw.url}/v1/applications`, async (route) => {
      attempts++;
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      const response = await route.fetch();
      if (attempts === 1) return route.abort('connectionreset');
      return route.fulfill({ response });
    });
    await apply.locator('[part="submit"]').dblclick();
    // The client retries the lost answer on its own with the same key; the gateway replays it.
    await expect.poll(() => apply.locator('[part="result"]').count()).toBe(1);
    expect(attempts).toBe(2);
    expect(new Set(keys).size).toBe(1);
    const stored = await env.gw.store.applications.listForUser(env.partner.partner.id, userId);
    expect(stored).toHaveLength(1);
    expect(await events('finlet-application-submit')).toHaveLength(1);
    await context.close();
  });

  it('validates in words next to the field, in elder mode with large targets', async () => {
    const { url } = applyPage('validate', 'amount="999999"', 'mode="elder"');
    const { page, context } = await env.open(url);
    const apply = page.locator('finlet-apply');
    await expect.poll(() => apply.locator('#f-amount').count()).toBe(1);
    await apply.locator('#f-name').fill('');
    await apply.locator('button[type="submit"]').click();
    expect(await apply.locator('#f-amount-error').innerText()).toContain(
      '金额需在 ¥500.00 – ¥50,000.00 之间',
    );
    expect(await apply.locator('#f-name-error').innerText()).toContain('请填写此项');
    expect(
      await apply
        .locator('#f-amount')
        .evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement),
    ).toBe(true);
    const size = await apply.locator('#f-amount').evaluate((el) => {
      const box = el.getBoundingClientRect();
      return { height: box.height, font: Number.parseFloat(getComputedStyle(el).fontSize) };
    });
    expect(size.height).toBeGreaterThanOrEqual(44);
    expect(size.font).toBeGreaterThanOrEqual(18);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);

  it('says so when the offer does not exist or the user is not eligible', async () => {
    const missing = env.page('missing', {
      body: `<finlet-apply gateway="${env.gw.url}" offer="no-such-offer" locale="en"></finlet-apply>`,
      script: `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });`,
    });
    env.sessionInput = { signals: ADULT };
    const first = await env.open(missing);
    await expect.poll(() => first.page.locator('finlet-apply [part="error"]').count()).toBe(1);
    expect(await first.page.locator('finlet-apply [part="error"]').innerText()).toContain('could not find');
    await first.context.close();

    env.sessionInput = { signals: { 'user.age': 16 } };
    const ineligible = env.page('ineligible', {
      body: `<finlet-apply gateway="${env.gw.url}" offer="shop-installment" locale="en"></finlet-apply>`,
      script: `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });`,
    });
    const second = await env.open(ineligible);
    await expect.poll(() => second.page.locator('finlet-apply [part="error"]').count()).toBe(1);
    expect(await second.page.locator('finlet-apply [part="error"]').innerText()).toContain('not eligible');
    await second.context.close();
  }, 120_000);
});

describe('<finlet-apply application> shows the bank’s decision and takes the applicant’s answer', () => {
  /** An application submitted over the API by a fresh user, and a page showing its status. */
  async function submitted(name: string, provider = '', userId = `status-user-${++user}`) {
    const { token } = await env.token({ userId, signals: ADULT });
    const headers = { origin: env.origin };
    const consent = await env.gw.api<{ id: string }>('POST', '/v1/consents', {
      auth: token,
      headers,
      body: { scopes: ['application.submit'], purpose: 'loan_application' },
    });
    expect(consent.status, consent.text).toBe(201);
    const created = await env.gw.api<{ id: string }>('POST', '/v1/applications', {
      auth: token,
      headers: { ...headers, 'idempotency-key': `status-${name}` },
      body: {
        offerId: 'shop-installment',
        amount: { value: 800_000, currency: 'CNY' },
        termMonths: 12,
        applicant: { name: '张三' },
        consentIds: [consent.body.id],
      },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id;
    env.sessionInput = { userId, signals: ADULT };
    const url = env.page(name, {
      body: `<finlet-provider gateway="${env.gw.url}" ${provider}><finlet-apply application="${id}"></finlet-apply></finlet-provider>`,
      script: `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });`,
    });
    return { id, url, userId };
  }
  const decide = async (id: string, body: Record<string, unknown>) => {
    const response = await env.gw.api('POST', `/v1/admin/applications/${id}/status`, {
      auth: env.gw.admins.approver.apiKey,
      body,
    });
    expect(response.status, response.text).toBe(200);
  };
  const QUESTION = 'Which shop will deliver the fridge?';
  const focused = (locator: import('playwright-core').Locator) =>
    locator.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement);

  it('the bank asks in the console API, the applicant answers with the keyboard, the bank reads the answer', async () => {
    const { id, url } = await submitted('status-reply', 'locale="en"');
    await decide(id, { status: 'more_info_needed', question: QUESTION });
    const { page, events, problems, context } = await env.open(url);
    const apply = page.locator('finlet-apply');
    const question = apply.locator('[part="question"]');
    await expect.poll(() => question.count()).toBe(1);
    expect(await question.innerText()).toBe(QUESTION);
    // English texts load with the first English render: wait for them, not for the first paint.
    await expect
      .poll(() => apply.locator('[part="status"]').innerText())
      .toContain('The bank needs a little more information from you.');
    expect(await events('finlet-ready')).toEqual([{ element: 'apply' }]);
    expect(await seriousViolations(page)).toEqual([]);

    // The answer field is described by the question, so a screen reader reads both.
    const answer = apply.locator('#reply-answer');
    expect(await answer.getAttribute('aria-describedby')).toBe('question');
    await answer.focus();
    await page.keyboard.type('Suning, on Nanjing Road.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Invoice emailed to my manager');
    await page.keyboard.press('Tab');
    // (The sending state has its own test, with the request held in the gateway.)
    await page.keyboard.press('Enter');

    const answered = apply.locator('.answered');
    await expect.poll(() => answered.count()).toBe(1);
    expect(await answered.innerText()).toContain('Your answer was sent.');
    expect(await answered.innerText()).toContain('Suning, on Nanjing Road.');
    expect(await apply.locator('[role="status"]').last().textContent()).toBe(
      'Your answer was sent. The bank will carry on with its review.',
    );
    expect(await focused(apply.locator('#answered'))).toBe(true);
    expect(await apply.locator('[part="reply"]').count()).toBe(0);
    expect(await apply.locator('[part="status"]').innerText()).toContain(
      'The bank is reviewing your application.',
    );

    // The bank sees the answer beside its question in the file.
    const file = await env.gw.api<{ replies: Array<Record<string, unknown>> }>(
      'GET',
      `/v1/admin/applications/${id}`,
      { auth: env.gw.admins.approver.apiKey },
    );
    expect(file.status, file.text).toBe(200);
    expect(file.body.replies).toEqual([
      expect.objectContaining({
        question: QUESTION,
        answer: 'Suning, on Nanjing Road.',
        documentsNote: 'Invoice emailed to my manager',
      }),
    ]);
    expect(problems).toEqual([]);
    expect(await events('csp')).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);

  it('says it is sending while the answer is on its way, and takes no second click meanwhile', async () => {
    const { id, url } = await submitted('status-sending', 'locale="en"');
    await decide(id, { status: 'more_info_needed', question: QUESTION });
    const { page, problems, context } = await env.open(url);
    const apply = page.locator('finlet-apply');
    await expect
      .poll(() => apply.locator('[part="status"]').innerText())
      .toContain('The bank needs a little more information from you.');
    await apply.locator('#reply-answer').fill('Suning, on Nanjing Road.');

    // The gateway holds the reply's write until the test lets it go: the request is really in
    // flight over the socket, however slow or fast the machine (no browser-side interception).
    const store = env.gw.store;
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transaction = store.transaction.bind(store);
    store.transaction = (async (fn) => {
      await released;
      return transaction(fn);
    }) as typeof store.transaction;
    const send = apply.locator('[part="reply"] button[type="submit"]');
    try {
      await send.click();
      await expect.poll(() => send.innerText()).toBe('Sending your answer…');
      expect(await send.getAttribute('aria-busy')).toBe('true');
      expect(await send.isDisabled()).toBe(true);
      expect(await apply.locator('#reply-answer').isDisabled()).toBe(true);
      expect(await apply.locator('[part="status"] > .actions button').isDisabled()).toBe(true);
      expect(await apply.locator('p[role="status"]').last().textContent()).toBe('Sending your answer…');
      // A second click while sending sends nothing more.
      await send.click({ force: true });
    } finally {
      Reflect.deleteProperty(store, 'transaction');
      release();
    }

    const answered = apply.locator('.answered');
    await expect.poll(() => answered.count()).toBe(1);
    expect(await answered.innerText()).toContain('Your answer was sent.');
    const file = await env.gw.api<{ replies: unknown[] }>('GET', `/v1/admin/applications/${id}`, {
      auth: env.gw.admins.approver.apiKey,
    });
    expect(file.body.replies).toHaveLength(1);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('says in words when the question was settled meanwhile, then shows the approval on refresh', async () => {
    const { id, url } = await submitted('status-stale');
    await decide(id, { status: 'more_info_needed', question: '请说明购买用途。' });
    const { page, events, context } = await env.open(url);
    const apply = page.locator('finlet-apply');
    await expect.poll(() => apply.locator('#reply-answer').count()).toBe(1);
    // The bank decides before the answer arrives.
    await decide(id, {
      status: 'approved',
      terms: { amount: { value: 600_000, currency: 'CNY' }, termMonths: 12, aprBps: 1200 },
    });
    await apply.locator('#reply-answer').fill('自用');
    await apply.locator('[part="reply"] button[type="submit"]').click();
    const error = apply.locator('[part="reply"] [part="error"]');
    await expect.poll(() => error.count()).toBe(1);
    expect(await error.innerText()).toContain('银行目前没有需要您答复的问题');
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await events('finlet-error')).toEqual([
      expect.objectContaining({ code: 'no_question_pending', status: 409 }),
    ]);

    await apply.getByRole('button', { name: '刷新进度' }).click();
    const status = apply.locator('[part="status"]');
    await expect.poll(async () => (await status.innerText()).includes('您的申请已获批准')).toBe(true);
    const text = await status.innerText();
    expect(text).toContain('金额：¥6,000.00');
    expect(text).toContain('期限：12 个月');
    expect(text).toContain('年化利率：12.00%');
    expect(await apply.locator('[part="reply"]').count()).toBe(0);
    expect(await apply.locator('[role="status"]').last().textContent()).toBe('您的申请已获批准。');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);

  it('in elder mode asks for the answer alone, in large type, and shows a decline’s reasons in words', async () => {
    const { id, url } = await submitted('status-elder', 'mode="elder" locale="en"');
    await decide(id, { status: 'more_info_needed', question: QUESTION });
    const { page, context } = await env.open(url);
    const apply = page.locator('finlet-apply');
    const answer = apply.locator('#reply-answer');
    await expect.poll(() => answer.count()).toBe(1);
    expect(await apply.locator('#reply-documents').count()).toBe(0);
    const size = await answer.evaluate((el) => ({
      height: el.getBoundingClientRect().height,
      font: Number.parseFloat(getComputedStyle(el).fontSize),
    }));
    expect(size.height).toBeGreaterThanOrEqual(48);
    expect(size.font).toBeGreaterThanOrEqual(18);
    // An empty answer is refused next to the field, and the keyboard goes back to it.
    await apply.locator('[part="reply"] button[type="submit"]').click();
    await expect.poll(() => apply.locator('#reply-answer-error').count()).toBe(1);
    expect(await apply.locator('#reply-answer-error').innerText()).toBe('Please fill this in.');
    expect(await answer.getAttribute('aria-invalid')).toBe('true');
    expect(await focused(answer)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    await decide(id, { status: 'declined', reasonCodes: ['debt_too_high'] });
    await apply.getByRole('button', { name: 'Check for updates' }).click();
    const status = apply.locator('[part="status"]');
    await expect.poll(async () => (await status.innerText()).includes('was not approved')).toBe(true);
    expect(await status.innerText()).toContain('Your existing debts are high');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);

  it('starts afresh when the page points it at another application', async () => {
    const first = await submitted('status-switch', 'locale="en"');
    const second = await submitted('status-switch-2', 'locale="en"', first.userId);
    await decide(first.id, { status: 'more_info_needed', question: QUESTION });
    await decide(second.id, { status: 'more_info_needed', question: 'Which colour is the fridge?' });
    const { page, context } = await env.open(first.url);
    const apply = page.locator('finlet-apply');
    const answer = apply.locator('#reply-answer');
    await expect.poll(() => answer.count()).toBe(1);
    await answer.fill('A half-typed answer');
    await apply.evaluate((el, id) => el.setAttribute('application', id), second.id);
    await expect
      .poll(() => apply.locator('[part="question"]').innerText())
      .toBe('Which colour is the fridge?');
    expect(await answer.inputValue()).toBe('');
    expect(await apply.locator('[part="status"]').innerText()).toContain(second.id);
    await context.close();
  }, 120_000);
});
