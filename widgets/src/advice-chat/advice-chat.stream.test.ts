import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { inventoryFaq, type MockLlm, startMockLlm } from '@finlet/testing';
import { seriousViolations, startWidgetEnv, type WidgetEnv } from '@finlet/testing/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryOffer } from '../test/fixtures.js';

let env: WidgetEnv;
let llm: MockLlm;
let merchant = 0;

beforeAll(async () => {
  llm = await startMockLlm();
  env = await startWidgetEnv([inventoryOffer], {
    gateway: { gateway: { chat: { llm: { baseURL: llm.baseURL, model: 'mock', timeoutMs: 120_000 } } } },
  });
  await env.gw.publishDocument(inventoryFaq);
});
afterAll(async () => {
  await env?.close();
  await llm?.close();
});

function chatPage(name: string, attrs = '', gateway = env.gw.url) {
  env.sessionInput = { userId: `stream-merchant-${++merchant}`, scenario: 'supply-chain' };
  return env.page(name, {
    body: `<finlet-provider gateway="${gateway}" ${attrs}><finlet-advice-chat></finlet-advice-chat></finlet-provider>`,
    script: `window.finlet.configure({ fetchSessionToken: () => fetch('/session').then((r) => r.json()) });`,
  });
}

/** A TCP proxy in front of the gateway whose connections can be cut, as a dropped network does. */
async function cuttableProxy(target: string) {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut: () => {
      for (const s of sockets) s.resetAndDestroy();
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function gate() {
  let open = () => {};
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

describe('<finlet-advice-chat> with a model streaming its answer', () => {
  it('shows checked sentences as they arrive, then replaces them when a later one fails', async () => {
    const next = gate();
    llm.answer([
      '存货融资适合进货、',
      '备货等短期资金需求。[1] 放心',
      { wait: next.wait },
      '借，肯定没问题。',
    ]);
    const { page, problems, context, events } = await env.open(chatPage('stream'));
    const chat = page.locator('finlet-advice-chat');
    const input = chat.locator('textarea');
    await expect.poll(() => input.count(), { timeout: 20_000 }).toBe(1);
    await input.fill('存货融资怎么计息？');
    await input.press('Enter');

    const answer = chat.locator('.message.assistant');
    const text = () => answer.locator('.answer').innerText();
    // The first checked sentence is on screen while the model is still writing; screen readers
    // wait (aria-busy) instead of reading each sentence.
    await expect.poll(text, { timeout: 20_000 }).toContain('存货融资适合进货、备货等短期资金需求。');
    expect(await answer.getAttribute('aria-busy')).toBe('true');
    expect(await answer.locator('button.cite').count()).toBe(1);
    expect(await text()).not.toContain('放心');
    expect(await seriousViolations(page)).toEqual([]);

    next.open();
    await expect.poll(() => answer.getAttribute('aria-busy'), { timeout: 20_000 }).toBe('false');
    // The default advisor's answer replaced the model's, with a visible note; the failed sentence never showed.
    expect(await text()).not.toContain('存货融资适合进货、备货等短期资金需求。');
    expect(await text()).not.toContain('放心');
    expect(await answer.innerText()).toContain('前面的内容未通过核查，已换成经核实的回答。');
    expect(await answer.locator('[part="sources"] li').count()).toBeGreaterThan(0);
    expect(await chat.locator('[role="status"]').innerText()).toContain('回答已生成');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    expect(await events('csp')).toEqual([]);
    await context.close();
  });

  it('keeps a model answer that passes every check, in English: one paragraph, each source listed', async () => {
    const next = gate();
    llm.answer(
      [{ toolCall: { name: 'match_offers', args: { product_types: ['inventory_financing'] } } }],
      [
        'Inventory financing is a working-capital loan secured by your stock [1]. You',
        { wait: next.wait },
        ' can apply for this loan [2].',
      ],
    );
    const { page, context } = await env.open(chatPage('stream-en', 'locale="en"'));
    const chat = page.locator('finlet-advice-chat');
    const input = chat.locator('textarea');
    await expect.poll(() => input.count(), { timeout: 20_000 }).toBe(1);
    await input.fill('How is inventory financing charged?');
    await input.press('Enter');
    const answer = chat.locator('.message.assistant');
    await expect
      .poll(() => answer.locator('.answer').innerText(), { timeout: 20_000 })
      .toContain('working-capital loan');
    next.open();
    await expect.poll(() => answer.getAttribute('aria-busy'), { timeout: 20_000 }).toBe('false');
    const paragraph = answer.locator('.answer p').first();
    // The second source arrived between the two sentences: they still read as one paragraph.
    expect(await paragraph.innerText()).toContain('working-capital loan');
    expect(await paragraph.innerText()).toContain('You can apply for this loan.');
    expect(await answer.locator('[part="sources"] li').count()).toBe(2);
    expect(await answer.locator('[part="offer-card"]').count()).toBe(1);
    expect(await answer.innerText()).not.toContain('replaced');
    await context.close();
  });

  it('loses the connection mid-answer: nothing unchecked stays on screen, a translated error offers a retry that answers', async () => {
    const next = gate();
    llm.answer(
      ['存货融资适合进货、', '备货等短期资金需求。[1] 另外', { wait: next.wait }, '还可以随借随还。'],
      ['存货融资适合进货、备货等短期资金需求。[1]'],
    );
    const proxy = await cuttableProxy(env.gw.url);
    env.allowConnect(proxy.url);
    const { page, context } = await env.open(chatPage('stream-drop', '', proxy.url));
    const chat = page.locator('finlet-advice-chat');
    const input = chat.locator('textarea');
    await expect.poll(() => input.count(), { timeout: 20_000 }).toBe(1);
    await input.fill('存货融资怎么计息？');
    await input.press('Enter');
    const answer = chat.locator('.message.assistant');
    const text = () => answer.locator('.answer').innerText();
    await expect.poll(text, { timeout: 20_000 }).toContain('存货融资适合进货、备货等短期资金需求。');

    // The connection drops while the model is still writing.
    proxy.cut();
    await expect.poll(() => answer.getAttribute('aria-busy'), { timeout: 20_000 }).toBe('false');
    expect(await text()).toBe('');
    expect(await answer.locator('[part="sources"]').count()).toBe(0);
    expect(await answer.innerText()).toContain('网络连接失败，请检查网络后重试。');
    expect(await chat.locator('[role="status"]').innerText()).toContain('网络连接失败');
    expect(await seriousViolations(page)).toEqual([]);
    next.open();

    // "Retry" asks again and the checked answer arrives whole.
    await answer.locator('button', { hasText: '重新回答' }).click();
    await expect
      .poll(() => chat.locator('.message.assistant').getAttribute('aria-busy'), { timeout: 20_000 })
      .toBe('false');
    expect(await chat.locator('.message.assistant .answer').innerText()).toContain(
      '存货融资适合进货、备货等短期资金需求。',
    );
    expect(await chat.locator('.message.assistant').innerText()).not.toContain('网络连接失败');
    await context.close();
    await proxy.close();
  });
});
