import { type ChatPart, Conversation } from '@finlet/contracts';
import {
  inventoryFaq,
  type MockLlm,
  parseChatParts,
  startMockLlm,
  startTestGateway,
  type TestGateway,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The parts of a chat answer as they come off the socket, readable while the stream is open. */
function follow(response: Response) {
  const parts: ChatPart[] = [];
  let buffer = '';
  const decoder = new TextDecoder();
  const finished = (async () => {
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      const end = buffer.lastIndexOf('\n\n');
      if (end < 0) continue;
      parts.push(...parseChatParts(buffer.slice(0, end + 2)));
      buffer = buffer.slice(end + 2);
    }
  })();
  return { parts, finished };
}

const sentences = (parts: readonly ChatPart[]) =>
  parts.flatMap((p) => (p.type === 'text' && !p.disclaimer ? [p.delta] : []));

function gate() {
  let open = () => {};
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

describe('advice chat streaming a model’s answer (OpenAI streaming protocol, real sockets)', () => {
  let gw: TestGateway;
  let llm: MockLlm;
  let token: string;

  beforeAll(async () => {
    llm = await startMockLlm();
    gw = await startTestGateway('sqlite', {
      gateway: { chat: { llm: { baseURL: llm.baseURL, model: 'mock', timeoutMs: 60_000 } } },
    });
    await gw.publishDocument(inventoryFaq);
    token = await gw.session(gw.partnerA, { userId: 'stream-user', scenario: 'supply-chain' });
  });
  afterAll(async () => {
    await gw?.close();
    await llm?.close();
  });

  const ask = (text: string) =>
    fetch(`${gw.url}/v1/chat/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });
  const stored = async (conversationId: string) =>
    Conversation.parse(
      (await gw.api('GET', `/v1/chat/conversations/${conversationId}`, { auth: token })).body,
    ).messages.at(-1)!;

  it('relays each checked sentence while the model is still writing, then stores the answer', async () => {
    const rest = gate();
    llm.answer([
      '存货融资适合进货、',
      '备货等短期资金需求。[1] ',
      '额度批准后可随借随还，',
      { wait: rest.wait },
      '按实际用款天数计息。[1]',
    ]);
    const response = await ask('存货融资怎么计息？');
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const stream = follow(response);
    // The model has not finished: the first sentence and its source are out, the half sentence is not.
    await expect
      .poll(() => sentences(stream.parts), { timeout: 20_000 })
      .toEqual(['存货融资适合进货、备货等短期资金需求。']);
    expect(stream.parts.map((p) => p.type)).toEqual(['citation', 'text']);
    rest.open();
    await stream.finished;
    expect(sentences(stream.parts)).toEqual([
      '存货融资适合进货、备货等短期资金需求。',
      '额度批准后可随借随还，按实际用款天数计息。',
    ]);
    const done = stream.parts.at(-1);
    expect(done).toMatchObject({ type: 'done', provider: 'llm' });
    if (done?.type !== 'done') throw new Error('no done');
    expect((await stored(done.conversationId)).parts).toEqual(stream.parts.slice(0, -1));
    expect(llm.requests.at(-1)).toMatchObject({ stream: true, model: 'mock' });
  });

  it('tells the client to replace the shown text when a later sentence fails its check', async () => {
    const next = gate();
    // A sentence is complete once the next one begins (source marks may follow its end mark).
    llm.answer(['存货融资适合进货、备货等短期资金需求。[1] 放心', { wait: next.wait }, '借，肯定没问题。']);
    const stream = follow(await ask('存货融资怎么计息？'));
    await expect.poll(() => sentences(stream.parts), { timeout: 20_000 }).toHaveLength(1);
    next.open();
    await stream.finished;
    const types = stream.parts.map((p) => p.type);
    const at = types.indexOf('replace');
    expect(types.slice(0, at + 1)).toEqual(['citation', 'text', 'replace']);
    expect(stream.parts[at]).toEqual({ type: 'replace', reason: 'uncited' });
    expect(sentences(stream.parts).some((s) => s.includes('放心借'))).toBe(false);
    const done = stream.parts.at(-1);
    expect(done).toMatchObject({ type: 'done', provider: 'default' });
    if (done?.type !== 'done') throw new Error('no done');
    // What stands is the default advisor's cited answer: stored without the withdrawn sentence.
    const after = stream.parts.slice(at + 1, -1);
    expect(after.some((p) => p.type === 'citation')).toBe(true);
    expect((await stored(done.conversationId)).parts).toEqual(after);
  });

  it('falls back to the default advisor when the model’s stream breaks mid-way', async () => {
    const cut = gate();
    llm.answer(['存货融资适合进货、备货等短期资金需求。[1] 额度', { wait: cut.wait }, { cut: true }]);
    const stream = follow(await ask('存货融资怎么计息？'));
    await expect.poll(() => sentences(stream.parts), { timeout: 20_000 }).toHaveLength(1);
    cut.open();
    await stream.finished;
    const at = stream.parts.findIndex((p) => p.type === 'replace');
    expect(stream.parts[at]).toEqual({ type: 'replace', reason: 'error' });
    expect(stream.parts.at(-1)).toMatchObject({ type: 'done', provider: 'default' });
    expect(stream.parts.slice(at + 1).some((p) => p.type === 'text')).toBe(true);
  });

  it('still answers without the model: a policy answer never reaches it', async () => {
    const before = llm.requests.length;
    const parts = parseChatParts(await (await ask('转人工')).text());
    expect(llm.requests.length).toBe(before);
    expect(parts.some((p) => p.type === 'replace')).toBe(false);
    expect(parts.find((p) => p.type === 'human_handoff')).toMatchObject({ offered: false });
    expect(parts.at(-1)).toMatchObject({ type: 'done', provider: 'default' });
  });
});
