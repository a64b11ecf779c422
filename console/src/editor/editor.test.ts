import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OfferContent } from '@finlet/contracts';
import { cashWealthOffer, debitCardOffer, inventoryOffer } from '@finlet/testing';
import { launchChromium, seriousViolations } from '@finlet/testing/browser';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
const contracts = fileURLToPath(new URL('../../../packages/contracts/src/index.ts', import.meta.url));
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:";

let server: Server;
let browser: Browser;
let origin: string;
let dir: string;

/** The console's editors and diff bundled from source, on a page with the console's strict CSP. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fc-editor-'));
  await build({
    stdin: {
      contents:
        "import './fc-offer-editor.ts'; import './fc-knowledge-editor.ts'; import './fc-thesaurus-editor.ts'; import '../diff/fc-diff.ts';",
      resolveDir: here,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    outfile: join(dir, 'elements.js'),
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    plugins: [
      {
        name: 'contracts-source',
        setup(b) {
          b.onResolve({ filter: /^@finlet\/contracts$/ }, () => ({ path: contracts }));
        },
      },
    ],
    logLevel: 'silent',
  });
  const script = readFileSync(join(dir, 'elements.js'));
  server = createServer((req, res) => {
    const headers = { 'content-security-policy': CSP, 'cache-control': 'no-store' };
    if (req.url === '/elements.js') {
      res.writeHead(200, { ...headers, 'content-type': 'text/javascript' });
      return res.end(script);
    }
    res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Console elements</title>
<script type="module" src="/elements.js"></script></head><body><main></main></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  rmSync(dir, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  problems: string[];
  saves(): Promise<unknown[]>;
}

/** Opens the page and mounts `tag` with `props`; records CSP violations, errors and `fc-save` events. */
async function mount(tag: string, props: Record<string, unknown>): Promise<Opened> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // A missing element fails the step that looks for it, not the whole test by timeout.
  page.setDefaultTimeout(8_000);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    const w = window as unknown as { __saves: unknown[]; __cancels: number; __csp: string[] };
    w.__saves = [];
    w.__cancels = 0;
    w.__csp = [];
    document.addEventListener('fc-save', (e) => w.__saves.push((e as CustomEvent).detail));
    document.addEventListener('fc-cancel', () => {
      w.__cancels++;
    });
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(`${origin}/`);
  await page.evaluate(
    async ({ tag, props }) => {
      await customElements.whenDefined(tag);
      const el = document.createElement(tag);
      Object.assign(el, props);
      document.querySelector('main')!.append(el);
    },
    { tag, props },
  );
  return {
    page,
    problems,
    saves: () => page.evaluate(() => (window as unknown as { __saves: unknown[] }).__saves),
  };
}

async function csp(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

const offer = OfferContent.parse(inventoryOffer);

// Each test walks a whole form through Chromium; two busy cores can take a minute.
describe('<fc-offer-editor>', { timeout: 120_000 }, () => {
  it('shows an invalid criterion next to its field in words, blocks save, and saves minor units once fixed', async () => {
    const { page, problems, saves } = await mount('fc-offer-editor', { offer, locale: 'en' });
    const save = page.locator('fc-offer-editor [part="save"]');
    await expect.poll(() => save.textContent()).toContain('Save');
    await expect.poll(() => save.getAttribute('aria-disabled')).toBe('false');

    const value = page.locator('fc-offer-editor #f-eligibility_0_value');
    await value.fill('twelve');
    const error = page.locator('fc-offer-editor #f-eligibility_0_value-err');
    await expect.poll(() => error.textContent()).toContain('“at least” needs a number.');
    expect(await value.getAttribute('aria-invalid')).toBe('true');
    expect(await value.getAttribute('aria-describedby')).toContain('f-eligibility_0_value-err');
    await expect.poll(() => save.textContent()).toContain('Fix 1 problem to save');
    expect(await save.getAttribute('aria-disabled')).toBe('true');
    await save.click({ force: true }); // aria-disabled: still focusable and explained, never fires fc-save
    expect(await saves()).toEqual([]);
    // Saving an invalid draft takes the author to the first field with a problem.
    expect(
      await page.evaluate(() => document.querySelector('fc-offer-editor')!.shadowRoot!.activeElement?.id),
    ).toBe('f-eligibility_0_value');
    expect(await seriousViolations(page)).toEqual([]);

    // An `in` criterion takes a list; the same field now reads commas.
    await page.selectOption('fc-offer-editor #f-eligibility_0_op', 'in');
    await value.fill('12, 24');
    await expect.poll(() => error.count()).toBe(0);
    // Back to `gte`: the typed list is read again for the new operator.
    await page.selectOption('fc-offer-editor #f-eligibility_0_op', 'gte');
    await expect.poll(() => error.textContent()).toContain('“at least” needs a number.');
    await value.fill('24');
    await expect.poll(() => error.count()).toBe(0);

    // Amounts are typed in major units and saved in the currency's minor units.
    await page.fill('fc-offer-editor #f-amount_max_value', '3,500,000.50');
    await page.fill('fc-offer-editor #f-pricing_apr_min', '3.5');
    await page.fill('fc-offer-editor #f-pricing_fees_0_fixed_value', '88.8');
    await expect.poll(() => save.textContent()).toContain('Save');
    await save.click();
    await expect.poll(async () => (await saves()).length).toBe(1);
    const content = ((await saves())[0] as { content: OfferContent }).content;
    expect(content.amount?.max).toEqual({ value: 350_000_050, currency: 'CNY' });
    expect(content.pricing.apr?.min).toBe(350);
    expect(content.pricing.fees[0]).toMatchObject({ fixed: { value: 8880, currency: 'CNY' }, rateBps: 50 });
    expect(content.eligibility[0]).toMatchObject({ op: 'gte', value: 24 });
    expect(OfferContent.safeParse(content).success).toBe(true);

    // Another currency: what was typed stays in major units, converted with its minor units.
    await page.selectOption('fc-offer-editor #f-currency', 'JPY');
    await page.fill('fc-offer-editor #f-amount_min_value', '1.5');
    await expect
      .poll(() => page.locator('fc-offer-editor #f-amount_min_value-err').textContent())
      .toContain('JPY has no decimal places.');
    await page.fill('fc-offer-editor #f-amount_min_value', '50000');
    // The 3,500,000.50 typed before has cents, which yen does not.
    await expect
      .poll(() => page.locator('fc-offer-editor #f-amount_max_value-err').textContent())
      .toContain('JPY has no decimal places.');
    await page.fill('fc-offer-editor #f-amount_max_value', '3500000');
    await page.fill('fc-offer-editor #f-pricing_fees_0_fixed_value', '900');
    await expect.poll(() => save.textContent()).toContain('Save');
    await save.click();
    await expect.poll(async () => (await saves()).length).toBe(2);
    const jpy = ((await saves())[1] as { content: OfferContent }).content;
    expect(jpy.currency).toBe('JPY');
    expect(jpy.amount).toEqual({
      min: { value: 50_000, currency: 'JPY' },
      max: { value: 3_500_000, currency: 'JPY' },
    });
    expect(jpy.pricing.fees[0]!.fixed).toEqual({ value: 900, currency: 'JPY' });

    expect(await csp(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('speaks zh-CN or en, and edits the texts of both locales side by side', async () => {
    const { page, problems } = await mount('fc-offer-editor', { offer, locale: 'zh-CN' });
    await page.fill('fc-offer-editor #f-eligibility_1_signal', 'Inventory Days');
    const error = page.locator('fc-offer-editor #f-eligibility_1_signal-err');
    await expect
      .poll(() => error.textContent())
      .toContain('请使用以点分隔的小写键，例如 business.age_months。');
    expect(await page.locator('fc-offer-editor label[for="f-eligibility_1_signal"]').textContent()).toBe(
      '信号键',
    );
    await expect
      .poll(() => page.locator('fc-offer-editor [part="save"]').textContent())
      .toContain('还有 1 个问题');
    await page.evaluate(() => {
      document.querySelector('fc-offer-editor')!.locale = 'en';
    });
    await expect
      .poll(() => error.textContent())
      .toContain('Use a dotted lower-case key such as business.age_months.');
    expect(await page.locator('fc-offer-editor label[for="f-eligibility_1_signal"]').textContent()).toBe(
      'Signal key',
    );
    // Both texts at once: the zh-CN name and the en name are separate fields in two columns.
    await page.fill('fc-offer-editor #f-texts_zh-CN_name', '');
    await expect
      .poll(() => page.locator('fc-offer-editor #f-texts_zh-CN_name-err').textContent())
      .toContain('Required.');
    expect(await page.locator('fc-offer-editor #f-texts_en_name').inputValue()).toBe('Inventory financing');
    expect(await page.locator('fc-offer-editor #f-texts_zh-CN_name').getAttribute('lang')).toBe('zh-CN');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await csp(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('adds and removes criteria and triggers, and edits the raw JSON', async () => {
    const { page, saves } = await mount('fc-offer-editor', { offer, locale: 'en' });
    await page.getByRole('button', { name: 'Add: Criterion 3' }).click();
    await expect
      .poll(() => page.locator('fc-offer-editor #f-eligibility_2_id-err').textContent())
      .toContain('Required.');
    await page.fill('fc-offer-editor #f-eligibility_2_id', 'registered');
    await page.fill('fc-offer-editor #f-eligibility_2_signal', 'business.registered');
    await page.selectOption('fc-offer-editor #f-eligibility_2_op', 'exists');
    await page.fill('fc-offer-editor #f-eligibility_2_label_zh-CN', '已完成工商登记');
    await page.fill('fc-offer-editor #f-eligibility_2_label_en', 'Registered business');
    await page.getByRole('button', { name: 'Add: Trigger 1' }).click();
    await page.fill('fc-offer-editor #f-triggers_0_id', 'slow-stock');
    await page.fill('fc-offer-editor #f-triggers_0_when_0_value', '62');
    await page.getByRole('button', { name: 'Remove' }).first().click(); // the first fee
    const save = page.locator('fc-offer-editor [part="save"]');
    await expect.poll(() => save.textContent()).toContain('Save');
    await save.click();
    await expect.poll(async () => (await saves()).length).toBe(1);
    const content = ((await saves())[0] as { content: OfferContent }).content;
    expect(content.eligibility[2]).toEqual({
      id: 'registered',
      signal: 'business.registered',
      op: 'exists',
      label: { 'zh-CN': '已完成工商登记', en: 'Registered business' },
    });
    expect(content.triggers?.[0]).toMatchObject({
      id: 'slow-stock',
      when: [{ kind: 'threshold', signal: 'inventory.turnover_days', op: 'gte', value: 62 }],
      cooldownDays: 30,
    });
    expect(content.pricing.fees).toEqual([]);

    // The tabs follow the ARIA pattern: arrow keys move between them.
    await page.getByRole('tab', { name: 'Form' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.getByRole('tab', { name: 'JSON' }).getAttribute('aria-selected'))
      .toBe('true');
    const json = page.locator('fc-offer-editor #json');
    const parsed = JSON.parse(await json.inputValue()) as Record<string, unknown>;
    await json.fill(JSON.stringify({ ...parsed, priority: 200 }, null, 2));
    await expect
      .poll(() => page.locator('fc-offer-editor #json-err').textContent())
      .toContain('priority: Must be at most 100.');
    await json.fill('{ "id": ');
    await expect
      .poll(() => page.locator('fc-offer-editor #json-err').textContent())
      .toContain('Not valid JSON');
    await page.getByRole('tab', { name: 'Form' }).click();
    await expect
      .poll(() => page.locator('fc-offer-editor #f-priority-err').textContent())
      .toContain('Must be at most 100.');
    expect(await page.locator('fc-offer-editor #f-priority').inputValue()).toBe('200');
  });

  it('starts a new offer empty, with what is missing marked, and cannot save it yet', async () => {
    const { page, saves } = await mount('fc-offer-editor', { offer: null, locale: 'en' });
    const save = page.locator('fc-offer-editor [part="save"]');
    await expect.poll(() => save.getAttribute('aria-disabled')).toBe('true');
    expect(await page.locator('fc-offer-editor #f-id-err').textContent()).toContain('Required.');
    // An installment needs an amount range: said at the amount, in words.
    expect(await page.locator('fc-offer-editor #f-amount_min_value-err').textContent()).toContain(
      'This product type needs an amount range.',
    );
    expect(await page.locator('fc-offer-editor #f-scenarios-err').textContent()).toContain(
      'Add at least one.',
    );
    await save.click({ force: true });
    expect(await saves()).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('keeps the author’s edits when the host re-renders with an equal copy, and loads other content', async () => {
    const { page } = await mount('fc-offer-editor', {
      offer,
      locale: 'en',
      serverErrors: [{ path: 'texts.en.name', message: 'duplicate id scf-inventory-loan' }],
    });
    // What the gateway refused at the last save shows at its field until the author edits.
    const serverError = page.locator('fc-offer-editor #f-texts_en_name-err');
    await expect.poll(() => serverError.textContent()).toContain('The id scf-inventory-loan is used twice.');
    const name = page.locator('fc-offer-editor #f-texts_en_name');
    await name.fill('Edited name');
    await expect.poll(() => serverError.count()).toBe(0);
    await page.evaluate((copy) => {
      document.querySelector('fc-offer-editor')!.offer = copy;
    }, structuredClone(offer));
    expect(await name.inputValue()).toBe('Edited name');
    await page.evaluate(
      (other) => {
        document.querySelector('fc-offer-editor')!.offer = other;
      },
      { ...offer, id: 'another-offer' },
    );
    await expect.poll(() => page.locator('fc-offer-editor #f-id').inputValue()).toBe('another-offer');
    expect(await name.inputValue()).toBe('Inventory financing');
  });

  it('shows a version read-only without save', async () => {
    const { page } = await mount('fc-offer-editor', { offer, locale: 'en', readonly: true });
    await expect.poll(() => page.locator('fc-offer-editor #f-id').isDisabled()).toBe(true);
    expect(await page.locator('fc-offer-editor [part="save"]').count()).toBe(0);
  });
});

describe('<fc-knowledge-editor>', { timeout: 120_000 }, () => {
  it('validates a document with the contract and saves it', async () => {
    const { page, saves, problems } = await mount('fc-knowledge-editor', { document: null, locale: 'en' });
    await page.fill('fc-knowledge-editor #f-id', 'faq-inventory');
    await page.getByLabel('supply-chain').check();
    await page.fill('fc-knowledge-editor #f-tags', 'inventory, loans');
    await page.fill('fc-knowledge-editor #f-texts_zh-CN_title', '存货融资常见问题');
    await page.fill('fc-knowledge-editor #f-texts_zh-CN_body', '可以提前还款吗？\n\n可以。');
    await page.fill('fc-knowledge-editor #f-texts_en_title', 'Inventory financing FAQ');
    await page.fill('fc-knowledge-editor #f-texts_en_body', 'Can I repay <b>early</b>?');
    await expect
      .poll(() => page.locator('fc-knowledge-editor #f-texts_en_body-err').textContent())
      .toContain('Use plain text, not HTML.');
    await page.fill('fc-knowledge-editor #f-texts_en_body', 'Can I repay early?\n\nYes.');
    const save = page.locator('fc-knowledge-editor [part="save"]');
    await expect.poll(() => save.textContent()).toContain('Save');
    await save.click();
    await expect.poll(async () => (await saves()).length).toBe(1);
    expect((await saves())[0]).toEqual({
      content: {
        id: 'faq-inventory',
        kind: 'faq',
        scenarios: ['supply-chain'],
        productTypes: [],
        tags: ['inventory', 'loans'],
        texts: {
          'zh-CN': { title: '存货融资常见问题', body: '可以提前还款吗？\n\n可以。' },
          en: { title: 'Inventory financing FAQ', body: 'Can I repay early?\n\nYes.' },
        },
      },
    });
    expect(await seriousViolations(page)).toEqual([]);
    expect(await csp(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('saves a document written in one language: the empty one is left out, not refused', async () => {
    const { page, saves, problems } = await mount('fc-knowledge-editor', { document: null, locale: 'zh-CN' });
    await page.fill('fc-knowledge-editor #f-id', 'faq-pension');
    await page.locator('fc-knowledge-editor input[type="checkbox"]').first().check();
    await page.fill('fc-knowledge-editor #f-texts_zh-CN_title', '个人养老金');
    await page.fill('fc-knowledge-editor #f-texts_zh-CN_body', '每年缴存上限为 12000 元。');
    const save = page.locator('fc-knowledge-editor [part="save"]');
    await expect.poll(() => save.getAttribute('aria-disabled')).toBe('false');
    await save.click();
    await expect.poll(async () => (await saves()).length).toBe(1);
    const [saved] = (await saves()) as { content: { texts: Record<string, unknown> } }[];
    expect(saved?.content.texts).toEqual({
      'zh-CN': { title: '个人养老金', body: '每年缴存上限为 12000 元。' },
    });
    // Clearing the one written language leaves nothing: the contract's message shows.
    await page.fill('fc-knowledge-editor #f-texts_zh-CN_title', '');
    await page.fill('fc-knowledge-editor #f-texts_zh-CN_body', '');
    await expect.poll(() => save.getAttribute('aria-disabled')).toBe('true');
    expect(problems).toEqual([]);
  });
});

describe('<fc-diff>', { timeout: 120_000 }, () => {
  it('lists added, removed and changed leaves with their paths, marked in text, unchanged collapsed', async () => {
    const after = structuredClone(offer) as OfferContent;
    after.amount!.max.value = 4_000_000_00;
    after.eligibility = after.eligibility.slice(0, 1);
    after.texts.en.highlights = ['Same-day funds', 'No collateral'];
    const { page, problems } = await mount('fc-diff', { before: offer, after, locale: 'en' });
    const rows = page.locator('fc-diff li[data-kind]');
    await expect.poll(() => rows.count()).toBeGreaterThan(3);
    const listed = await rows.evaluateAll((els) =>
      els.map((el) => `${el.getAttribute('data-kind')} ${el.getAttribute('data-path')}`),
    );
    expect(listed).toContain('changed amount.max.value');
    expect(listed).toContain('added texts.en.highlights[1]');
    expect(listed).toContain('removed eligibility[1].signal');
    expect(listed).toContain('removed eligibility[1].label["zh-CN"]');
    const changed = page.locator('fc-diff li[data-path="amount.max.value"]');
    expect(await changed.textContent()).toMatch(
      /Changed:.*amount\.max\.value.*Before:.*300000000.*After:.*400000000/s,
    );
    expect(await changed.locator('.mark').textContent()).toBe('~');
    expect(await page.locator('fc-diff [part="summary"]').textContent()).toContain(
      '1 added, 6 removed, 1 changed',
    );
    expect(await page.locator('fc-diff details summary').first().textContent()).toMatch(/unchanged field/);
    // A collapsed unchanged row spans the whole row: its summary stays on one line, not a word a line.
    const summary = await page.locator('fc-diff details summary').first().boundingBox();
    const row = await page.locator('fc-diff li.unchanged').first().boundingBox();
    expect(summary!.height).toBeLessThan(40);
    expect(summary!.width).toBeGreaterThan(row!.width * 0.8);
    await page.evaluate(() => {
      document.querySelector('fc-diff')!.locale = 'zh-CN';
    });
    await expect.poll(() => page.locator('fc-diff [part="summary"]').textContent()).toContain('新增 1 项');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe('<fc-offer-editor> with products without an amount range', { timeout: 120_000 }, () => {
  it('saves a debit card with no amount range, and asks for one when the type is credit', async () => {
    const { page, problems, saves } = await mount('fc-offer-editor', {
      offer: OfferContent.parse(debitCardOffer),
      locale: 'en',
    });
    const save = page.locator('fc-offer-editor [part="save"]');
    await expect.poll(() => save.getAttribute('aria-disabled')).toBe('false');
    expect(await page.inputValue('fc-offer-editor #f-amount_min_value')).toBe('');
    expect(await page.inputValue('fc-offer-editor #f-amount_max_value')).toBe('');
    expect(
      await page.locator('fc-offer-editor form, fc-offer-editor [part="base"]').first().innerText(),
    ).not.toMatch(/NaN|undefined/);

    await page.selectOption('fc-offer-editor #f-productType', 'installment');
    await expect.poll(() => save.textContent()).toContain('Fix 1 problem to save');
    await expect
      .poll(() => page.locator('fc-offer-editor #f-amount_min_value-err').textContent())
      .toContain('This product type needs an amount range.');
    await page.selectOption('fc-offer-editor #f-productType', 'debit_card');
    await expect.poll(() => save.getAttribute('aria-disabled')).toBe('false');
    await save.click();
    await expect.poll(async () => (await saves()).length).toBe(1);
    const content = ((await saves())[0] as { content: OfferContent }).content;
    expect(content.productType).toBe('debit_card');
    expect(content).not.toHaveProperty('amount');
    expect(await csp(page)).toEqual([]);
    expect(problems).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('shows and edits a wealth product’s risk level, liquidity and holding period, keeping its past performance', async () => {
    const { page, problems, saves } = await mount('fc-offer-editor', {
      offer: OfferContent.parse(cashWealthOffer),
      locale: 'zh-CN',
    });
    const save = page.locator('fc-offer-editor [part="save"]');
    await expect.poll(() => save.getAttribute('aria-disabled')).toBe('false');
    expect(await page.inputValue('fc-offer-editor #f-riskLevel')).toBe('R1');
    expect(await page.inputValue('fc-offer-editor #f-liquidity')).toBe('daily');
    expect(await page.inputValue('fc-offer-editor #f-minHoldingDays')).toBe('7');
    expect(await page.locator('fc-offer-editor #s-suitability').innerText()).toContain('风险与流动性');

    // A wealth product without a risk level cannot be saved.
    await page.selectOption('fc-offer-editor #f-riskLevel', '');
    await expect.poll(() => save.getAttribute('aria-disabled')).toBe('true');
    await page.selectOption('fc-offer-editor #f-riskLevel', 'R2');
    await page.selectOption('fc-offer-editor #f-liquidity', 'closed_period');
    await page.fill('fc-offer-editor #f-minHoldingDays', '90');
    await expect.poll(() => save.getAttribute('aria-disabled')).toBe('false');
    await save.click();
    await expect.poll(async () => (await saves()).length).toBe(1);
    const content = ((await saves())[0] as { content: OfferContent }).content;
    expect(content).toMatchObject({ riskLevel: 'R2', liquidity: 'closed_period', minHoldingDays: 90 });
    expect(content.pastPerformance?.notice.en).toContain(
      'Past performance does not guarantee future returns',
    );
    expect(content).not.toHaveProperty('amount');
    expect(problems).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe('<fc-offer-editor> past performance', { timeout: 120_000 }, () => {
  const field = (page: Page, id: string) => page.locator(`fc-offer-editor #f-${id}`);

  it('adds and removes return periods, starts the notice with the mandatory wording, and refuses a notice without it', async () => {
    const { pastPerformance: _past, ...withoutPast } = OfferContent.parse(cashWealthOffer);
    const { page, problems, saves } = await mount('fc-offer-editor', { offer: withoutPast, locale: 'en' });
    const save = page.locator('fc-offer-editor [part="save"]');
    await expect.poll(() => save.getAttribute('aria-disabled')).toBe('false');
    // No past performance: no notice to write, the section says what it is for.
    expect(await page.locator('fc-offer-editor #s-past-hint').textContent()).toContain('mandatory wording');
    expect(await field(page, 'pastPerformance_notice_en').count()).toBe(0);

    // Keyboard only: the add button is reached and pressed without a mouse.
    await page.locator('fc-offer-editor button.add-period').focus();
    await page.keyboard.press('Enter');
    const notice = field(page, 'pastPerformance_notice_en');
    await expect.poll(() => notice.inputValue()).toBe('Past performance does not guarantee future returns.');
    expect(await field(page, 'pastPerformance_notice_zh-CN').inputValue()).toBe('过往业绩不代表未来表现。');
    // The required wording is the field's description, so a screen reader hears it.
    expect(await notice.getAttribute('aria-describedby')).toContain('f-pastPerformance_notice_en-hint');
    expect(await page.locator('fc-offer-editor #f-pastPerformance_notice_en-hint').textContent()).toContain(
      'Must contain: “Past performance does not guarantee future returns”',
    );
    // A period needs its return and its label in both languages.
    await expect.poll(() => save.textContent()).toContain('Fix 3 problems to save');
    await field(page, 'pastPerformance_periods_0_returnBps').fill('-1.25');
    await field(page, 'pastPerformance_periods_0_label_zh-CN').fill('近一年');
    await field(page, 'pastPerformance_periods_0_label_en').fill('Last 12 months');
    await page.locator('fc-offer-editor button.add-period').click();
    await field(page, 'pastPerformance_periods_1_returnBps').fill('3.5');
    await field(page, 'pastPerformance_periods_1_label_zh-CN').fill('近三年');
    await field(page, 'pastPerformance_periods_1_label_en').fill('Last 3 years');
    await expect.poll(() => save.getAttribute('aria-disabled')).toBe('false');

    // The bank rewrites the English notice without the wording: refused in words, at the field.
    await notice.fill('Returns are not guaranteed.');
    await expect
      .poll(() => page.locator('fc-offer-editor #f-pastPerformance_notice_en-err').textContent())
      .toContain(
        'Past performance is shown only with the mandatory wording “Past performance does not guarantee future returns”',
      );
    expect(await notice.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => save.textContent()).toContain('Fix 1 problem to save');
    await save.click({ force: true });
    expect(await saves()).toEqual([]);
    // One button puts the wording back in front of the bank's own text.
    const insert = page.locator('fc-offer-editor button.insert-warning[data-locale="en"]');
    expect(await insert.textContent()).toContain('Insert the mandatory wording (English (en))');
    await insert.click();
    await expect
      .poll(() => notice.inputValue())
      .toBe('Past performance does not guarantee future returns. Returns are not guaranteed.');
    expect(await insert.count()).toBe(0);
    await expect.poll(() => save.getAttribute('aria-disabled')).toBe('false');

    // The first period removed: the second moves up.
    await page
      .locator('fc-offer-editor [role="group"][aria-labelledby="f-pastPerformance_periods_0-h"] button')
      .click();
    await expect
      .poll(() => field(page, 'pastPerformance_periods_0_label_en').inputValue())
      .toBe('Last 3 years');
    expect(await field(page, 'pastPerformance_periods_0_returnBps').inputValue()).toBe('3.5');
    expect(await seriousViolations(page)).toEqual([]);
    await save.click();
    await expect.poll(async () => (await saves()).length).toBe(1);
    const content = ((await saves())[0] as { content: OfferContent }).content;
    expect(content.pastPerformance).toEqual({
      periods: [{ label: { 'zh-CN': '近三年', en: 'Last 3 years' }, returnBps: 350 }],
      notice: {
        'zh-CN': '过往业绩不代表未来表现。',
        en: 'Past performance does not guarantee future returns. Returns are not guaranteed.',
      },
    });

    // The last period removed: no past performance at all, and the product saves without it.
    await page
      .locator('fc-offer-editor [role="group"][aria-labelledby="f-pastPerformance_periods_0-h"] button')
      .click();
    await expect.poll(() => notice.count()).toBe(0);
    await save.click();
    await expect.poll(async () => (await saves()).length).toBe(2);
    expect((await saves())[1]).not.toHaveProperty('content.pastPerformance');
    expect(await csp(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('says in Chinese what the gateway refused, with its stable code, at the notice', async () => {
    const { page } = await mount('fc-offer-editor', {
      offer: OfferContent.parse(cashWealthOffer),
      locale: 'zh-CN',
      serverErrors: [
        {
          path: 'pastPerformance.notice.zh-CN',
          message: 'must contain “过往业绩不代表未来表现”',
          code: 'past_performance_warning_missing',
        },
      ],
    });
    await expect
      .poll(() => page.locator('fc-offer-editor #f-pastPerformance_notice_zh-CN-err').textContent())
      .toContain(
        '网关拒绝：过往业绩只能与强制提示语“过往业绩不代表未来表现”一同展示：请在此提示中加入。（past_performance_warning_missing）',
      );
    expect(await page.locator('fc-offer-editor #s-past').textContent()).toContain('过往业绩（理财产品）');
    await page.context().close();
  });
});

describe('<fc-thesaurus-editor>', { timeout: 120_000 }, () => {
  it('says in Chinese what is wrong with a concept’s words, and saves it with one language left out', async () => {
    const { page, saves, problems } = await mount('fc-thesaurus-editor', { concept: null, locale: 'zh-CN' });
    const field = (name: string) => page.locator(`fc-thesaurus-editor #f-${name}`);
    await field('id').fill('harvest-loan');
    await field('terms_zh-CN').fill('贷');
    await expect.poll(() => field('terms_zh-CN-err').textContent()).toContain('中文词语至少两个字');
    await field('terms_zh-CN').fill('春耕贷，丰收贷、春耕贷');
    await expect.poll(() => field('terms_zh-CN-err').textContent()).toContain('“春耕贷”重复。');
    await field('terms_zh-CN').fill('春耕贷，丰收贷');
    const save = page.locator('fc-thesaurus-editor [part="save"]');
    await expect.poll(() => save.getAttribute('aria-disabled')).toBe('false');
    await save.click();
    await expect.poll(async () => (await saves()).length).toBe(1);
    expect((await saves())[0]).toEqual({
      content: { id: 'harvest-loan', kind: 'product', terms: { 'zh-CN': ['春耕贷', '丰收贷'] } },
    });
    expect(await seriousViolations(page)).toEqual([]);
    expect(await csp(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
