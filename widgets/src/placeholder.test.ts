import { startWidgetEnv, type WidgetEnv } from '@finlet/testing/browser';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finletPlaceholder, type PlaceholderOptions } from './placeholder.js';
import { ADULT, cardOffer, consumerOffer } from './test/fixtures.js';

let env: WidgetEnv;

beforeAll(async () => {
  env = await startWidgetEnv([consumerOffer, cardOffer]);
});
afterAll(async () => env?.close());

const NONCE = 'r4nd0m-n0nce';

/** Holds every request for `pattern` until `release()`: the page is seen before that code or answer arrives. */
function hold(pattern: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    release,
    prepare: (context: BrowserContext) =>
      context.route(pattern, async (route) => {
        await released;
        await route.continue().catch(() => undefined);
      }),
  };
}

/** The element's shadow tree as data: tags, attributes (class tokens sorted), texts; no styles, no comments. */
function shadowShape(page: Page) {
  return page.locator('finlet-offers').evaluate((host) => {
    type Shape = string | { tag: string; attrs: Record<string, string>; children: Shape[] };
    const walk = (node: Node): Shape[] => {
      if (node.nodeType === Node.TEXT_NODE) {
        const text = node.textContent?.trim() ?? '';
        return text ? [text] : [];
      }
      if (node.nodeType !== Node.ELEMENT_NODE) return [];
      const element = node as Element;
      if (element.localName === 'style') return [];
      const attrs: Record<string, string> = {};
      for (const { name, value } of [...element.attributes].sort((a, b) => a.name.localeCompare(b.name))) {
        attrs[name] = name === 'class' ? value.split(/\s+/).filter(Boolean).sort().join(' ') : value;
      }
      return [{ tag: element.localName, attrs, children: [...element.childNodes].flatMap(walk) }];
    };
    return host.shadowRoot ? [...host.shadowRoot.childNodes].flatMap(walk) : null;
  });
}

async function pageWith(name: string, placeholder: PlaceholderOptions | undefined, attrs = '') {
  const { token } = await env.token({ signals: ADULT });
  return env.page(name, {
    body: `<finlet-provider gateway="${env.gw.url}" session-token="${token}">
      <finlet-offers amount="8000"${attrs}>${placeholder ? finletPlaceholder('finlet-offers', placeholder) : ''}</finlet-offers>
    </finlet-provider>`,
    styleNonce: NONCE,
  });
}

describe('finletPlaceholder', () => {
  it('paints with the page, in the element’s styles, before finlet.js runs, and gives way to its first render', async () => {
    const script = hold('**/finlet.js');
    const { page, context, problems } = await env.open('about:blank', { prepare: script.prepare });
    await page.goto(await pageWith('placeholder-paints', { nonce: NONCE }), { waitUntil: 'commit' });
    await page.waitForFunction(() =>
      document.querySelector('finlet-offers')?.shadowRoot?.querySelector('h2'),
    );
    const before = await page.locator('finlet-offers').evaluate((host) => {
      const root = host.shadowRoot as ShadowRoot;
      return {
        defined: customElements.get('finlet-offers') !== undefined,
        title: root.querySelector('h2')?.textContent,
        skeletonHeight: root.querySelector('.skeleton')?.getBoundingClientRect().height ?? 0,
        hostHeight: host.getBoundingClientRect().height,
      };
    });
    expect(before.defined).toBe(false);
    expect(before.title).toBe('为您推荐的金融服务');
    // 7em of skeleton: the element's own styles apply (the nonce lets them through the page's CSP).
    expect(before.skeletonHeight).toBeGreaterThan(50);

    script.release();
    await expect
      .poll(() => page.locator('finlet-offers [part="offer"]').count(), { timeout: 20_000 })
      .toBe(2);
    const after = await page.locator('finlet-offers').evaluate((host) => {
      const root = host.shadowRoot as ShadowRoot;
      return { titles: root.querySelectorAll('h2').length, styles: root.querySelectorAll('style').length };
    });
    // One title, and the placeholder's own <style> gone: the element's first render replaced it.
    expect(after).toEqual({ titles: 1, styles: 0 });
    expect(problems).toEqual([]);
    await context.close();
  });

  it.each([
    ['zh-CN', {}, ''],
    ['English', { locale: 'en' }, ' locale="en"'],
    ['elder mode', { mode: 'elder' }, ' mode="elder"'],
  ] as const)('is what the element’s first render paints (%s)', async (_name, options, attrs) => {
    const slug = (options as PlaceholderOptions).locale ?? (options as PlaceholderOptions).mode ?? 'zh';
    // The placeholder as the browser builds it, before finlet.js arrives.
    const script = hold('**/finlet.js');
    const first = await env.open('about:blank', { prepare: script.prepare });
    await first.page.goto(await pageWith(`placeholder-${slug}`, { ...options, nonce: NONCE }, attrs), {
      waitUntil: 'commit',
    });
    await first.page.waitForFunction(() =>
      document.querySelector('finlet-offers')?.shadowRoot?.querySelector('h2'),
    );
    const placeholder = await shadowShape(first.page);
    script.release();
    await first.context.close();

    // The element's own first render, while its match has not been answered.
    const match = hold('**/v1/offers/match');
    const second = await env.open('about:blank', { prepare: match.prepare });
    await second.page.goto(await pageWith(`element-${slug}`, undefined, attrs));
    await expect.poll(() => second.page.locator('finlet-offers [part="loading"]').count()).toBe(1);
    const rendered = await shadowShape(second.page);
    match.release();
    await second.context.close();

    expect(placeholder).not.toBeNull();
    expect(placeholder).toEqual(rendered);
  });

  it('escapes what it writes and names the elements it has', () => {
    expect(finletPlaceholder('finlet-offers', { nonce: '"><script>' })).toContain(
      '<style nonce="&quot;&gt;&lt;script&gt;">',
    );
    expect(() => finletPlaceholder('finlet-chat' as 'finlet-offers')).toThrow(
      'finletPlaceholder: no placeholder for <finlet-chat>; one of finlet-offers',
    );
    expect(() => finletPlaceholder('toString' as 'finlet-offers')).toThrow(TypeError);
  });
});
