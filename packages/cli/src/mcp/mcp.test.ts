import { join } from 'node:path';
import { AGENT_TOOL_NAMES, AGENT_TOOLS, type AgentToolName } from '@finlet/contracts';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoPartners } from '../dev/demo.js';
import { BIN, cleanEnv, run, tempDir } from '../test/run.js';

interface Ready {
  url: string;
  partners: { handle: string; id: string; secretKey: string }[];
}

describe('finlet mcp over stdio (the built binary, spawned)', () => {
  const tmp = tempDir('finlet-mcp-');
  const dataDir = join(tmp.dir, 'dev');
  const stop = new AbortController();
  let finished: ReturnType<typeof run>;
  let ready: Ready;
  let grantToken: string;
  let client: Client | undefined;

  beforeAll(async () => {
    // `finlet dev` seeds the demo partners, offers, documents, rails and FX tables on SQLite.
    ready = await new Promise<Ready>((resolve, reject) => {
      finished = run(['dev', '--port', '0', '--data-dir', dataDir, '--json', '--log-level', 'silent'], {
        signal: stop.signal,
        onStdout: (all) => {
          const line = all.split('\n').find((l) => l.startsWith('{'));
          if (line) resolve(JSON.parse(line) as Ready);
        },
      });
      finished.then((r) => reject(new Error(r.stderr)), reject);
    });
    const tourism = (await loadDemoPartners()).find((p) => p.handle === 'tourism')!;
    const partner = ready.partners.find((p) => p.handle === 'tourism')!;
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${ready.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${partner.secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, string>;
    };
    const session = await post('/v1/embed-sessions', tourism.sampleSession);
    const grant = await post('/v1/agent-grants', {
      sessionToken: session.token,
      tools: AGENT_TOOL_NAMES,
      amountCap: { value: 5_000_000, currency: 'CNY' },
      scenario: 'tourism',
      agentName: 'Travel assistant',
    });
    grantToken = grant.token!;
  });
  afterAll(async () => {
    await client?.close();
    stop.abort();
    await finished;
    tmp.remove();
  });

  it('lists and calls every tool through the SDK client', async () => {
    client = new Client({ name: 'finlet-stdio-test', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [BIN, 'mcp', '--data-dir', dataDir],
        env: cleanEnv({ FINLET_AGENT_GRANT: grantToken }) as Record<string, string>,
        stderr: 'pipe',
      }),
    );
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...AGENT_TOOL_NAMES].sort());

    const amount = { value: 1_280_000, currency: 'CNY' };
    const matched = AGENT_TOOLS.match_offers.output.parse(
      (await client.callTool({ name: 'match_offers', arguments: { amount } })).structuredContent,
    );
    const offerId = matched.matches[0]!.offer.id;
    const args: Record<AgentToolName, Record<string, unknown>> = {
      ask_advisor: { question: '去日本旅游怎么付款最划算？' },
      match_offers: { amount },
      explain_offer: { offerId, amount },
      quote_route: {
        amount: { value: 500_000, currency: 'CNY' },
        fromCountry: 'CN',
        toCountry: 'JP',
        fromCurrency: 'CNY',
        toCurrency: 'JPY',
        purpose: 'travel',
      },
      list_nudges: {},
      start_application: { offerId, amount, idempotencyKey: 'stdio-draft-0001' },
    };
    for (const name of AGENT_TOOL_NAMES) {
      const result = await client.callTool({ name, arguments: args[name] });
      expect(result.isError ?? false, `${name}: ${JSON.stringify(result.content)}`).toBe(false);
      expect(AGENT_TOOLS[name].output.safeParse(result.structuredContent).success, name).toBe(true);
    }
    const over = await client.callTool({
      name: 'match_offers',
      arguments: { amount: { value: 5_000_001, currency: 'CNY' } },
    });
    expect(over.isError).toBe(true);
    expect(over.structuredContent).toMatchObject({ error: { code: 'grant_amount_exceeded' } });
  });

  it('refuses to start without a grant, with one readable line', async () => {
    const result = await run(['mcp', '--data-dir', dataDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('FINLET_AGENT_GRANT');
  });
});
