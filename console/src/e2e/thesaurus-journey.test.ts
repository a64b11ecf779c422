import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DevRun, openSite, startDev } from '@finlet/testing/dev';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, seriousViolations } from '../test/console-env.js';

// One fresh `finlet dev` (built dist, temp data dir, free ports): a document imported with the real
// `finlet docs import`, a thesaurus concept written and published in the console the gateway serves,
// and the tourism demo site's <finlet-advice-chat> asking about it in the other language.
let dev: DevRun;
let keys: Record<'author' | 'approver', string>;
let files: string;

const BIN = fileURLToPath(new URL('../../../packages/cli/bin/finlet.js', import.meta.url));
const poll = { timeout: 60_000, interval: 200 };
/** What the tourism site's customers call the bank's Harvest Loan (an old branch name). */
const QUESTION = '春耕贷是什么？';

/** A product document the bank has in English only. */
const DOCUMENT = `---
id: faq-harvest-loan
kind: faq
scenarios: [tourism]
locale: en
title: Harvest Loan
---
The Harvest Loan is a seasonal loan for family farms that also run farm stays, to buy seed and fertiliser before planting.

A family farm can borrow up to 300,000 yuan and repays after the harvest, within 12 months.
`;

beforeAll(async () => {
  dev = await startDev();
  const key = (role: string) => new RegExp(`^ +${role} +(fak_\\S+)$`, 'm').exec(dev.output())![1]!;
  keys = { author: key('author'), approver: key('approver') };
  files = mkdtempSync(join(tmpdir(), 'finlet-thesaurus-docs-'));
  writeFileSync(join(files, 'harvest-loan.md'), DOCUMENT);
}, 180_000);

afterAll(async () => {
  await dev?.stop();
  if (files) rmSync(files, { recursive: true, force: true });
});

/** The real CLI against the dev gateway, as a product team runs it. */
function finlet(args: string[], adminKey: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH ?? '', FINLET_GATEWAY: dev.gatewayUrl, FINLET_ADMIN_KEY: adminKey } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Asks the advisor on the page and waits for the whole answer; returns its text and sources. */
async function ask(page: Page, question: string) {
  const chat = page.locator('finlet-advice-chat');
  const before = await chat.locator('.message.assistant').count();
  const input = chat.locator('textarea');
  await expect.poll(() => input.count(), poll).toBe(1);
  await input.fill(question);
  await chat.locator('[part="form"] button[type="submit"]').click();
  const answer = chat.locator('.message.assistant').nth(before);
  await expect.poll(() => answer.count(), poll).toBe(1);
  await expect.poll(() => answer.getAttribute('aria-busy'), poll).toBe('false');
  const sources = answer.locator('[part="sources"] li');
  return {
    answer,
    text: await answer.locator('.answer').innerText(),
    sources: await Promise.all(
      (await sources.all()).map(async (li) => ({
        lang: await li.getAttribute('lang'),
        title: (await li.locator('summary').innerText()).trim(),
      })),
    ),
  };
}

describe('a bank thesaurus concept, end to end', () => {
  it('an English-only document imported with finlet docs import; a concept published in the console; a Chinese question in <finlet-advice-chat> cites the document, quoted in English', async () => {
    // 1. The document, in English only, through the real CLI: the author submits, the approver publishes.
    const submitted = await finlet(['docs', 'import', files], keys.author);
    expect(submitted.code, submitted.stderr).toBe(0);
    const published = await finlet(['docs', 'import', files], keys.approver);
    expect(published.code, published.stderr).toBe(0);
    expect(published.stdout).toMatch(/faq-harvest-loan.*published/);

    // 2. Before the concept, the branch name finds nothing of the English document.
    const site = await openSite(dev.browser, dev.sites.tourism);
    await site.page.locator('#login-button').click();
    await expect.poll(() => site.page.locator('#app').isVisible(), poll).toBe(true);
    const before = await ask(site.page, QUESTION);
    expect(before.sources.map((s) => s.title).join(' ')).not.toContain('Harvest Loan');

    // 3. The author writes the concept in the console; a one-character Chinese word is refused in words.
    const author = await openConsole(dev.browser, `${dev.gatewayUrl}/console/thesaurus/new`, 'en-US');
    await author.signIn(keys.author);
    const editor = author.page.locator('fc-thesaurus-editor');
    await expect.poll(() => editor.locator('#f-id').count(), poll).toBe(1);
    await editor.locator('#f-id').fill('harvest-loan');
    await editor.locator('#f-kind').selectOption('product');
    await editor.locator('#f-terms_zh-CN').fill('贷');
    await expect
      .poll(() => editor.locator('#f-terms_zh-CN-err').innerText(), poll)
      .toContain('A Chinese word needs at least two characters.');
    await editor.locator('#f-terms_zh-CN').fill('春耕贷, 丰收贷');
    await editor.locator('#f-terms_en').fill('harvest loan');
    const save = editor.locator('[part="save"]');
    await expect.poll(() => save.innerText(), poll).toBe('Save');
    await save.click();
    await expect
      .poll(() => author.page.url(), poll)
      .toBe(`${dev.gatewayUrl}/console/thesaurus/harvest-loan/versions/1`);
    const panel = (page: Page) => page.locator('fc-review-panel');
    const status = (page: Page) =>
      page.locator('fc-item-view .head .badge[data-status]').getAttribute('data-status');
    await panel(author.page).locator('button[data-action="submit"]').click();
    await expect.poll(() => status(author.page), poll).toBe('in_review');
    expect(await seriousViolations(author.page)).toEqual([]);
    expect(author.problems).toEqual([]);

    // Submitted is not published: the advisor still does not know the word.
    expect((await ask(site.page, QUESTION)).sources.map((s) => s.title).join(' ')).not.toContain(
      'Harvest Loan',
    );

    // 4. The approver reviews and publishes it from the console's thesaurus list.
    const approver = await openConsole(dev.browser, `${dev.gatewayUrl}/console/thesaurus`, 'en-US');
    await approver.signIn(keys.approver);
    const row = approver.page.locator('fc-thesaurus-list tr[data-id="harvest-loan"]');
    await expect.poll(() => row.count(), poll).toBe(1);
    expect(await row.innerText()).toContain('春耕贷, 丰收贷, harvest loan');
    await row.locator('a').first().click();
    await panel(approver.page).locator('button[data-action="approve"]').click();
    await expect.poll(() => status(approver.page), poll).toBe('approved');
    await panel(approver.page).locator('button[data-action="publish"]').click();
    await expect.poll(() => status(approver.page), poll).toBe('published');
    expect(approver.problems).toEqual([]);

    // 5. The same Chinese question now cites the English document, quoted in English with a note.
    const after = await ask(site.page, QUESTION);
    expect(after.sources[0], JSON.stringify(after)).toMatchObject({ lang: 'en' });
    expect(after.sources[0]!.title).toContain('Harvest Loan');
    expect(after.text).toContain('以下引自英文原文');
    expect(await seriousViolations(site.page)).toEqual([]);
    expect(site.problems).toEqual([]);
    await Promise.all([site.context.close(), author.context.close(), approver.context.close()]);
  }, 240_000);
});
