import {
  type AgentGrantCreated,
  type AgentToolName,
  type KnowledgeDocumentContentInput,
  Problem,
} from '@finlet/contracts';
import {
  inventoryFaq,
  inventoryOffer,
  publishTable,
  type TestGateway,
  testFx,
  testRails,
} from '@finlet/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** The shared FAQ with the English words an agent asks in, and the interest rule stated. */
export const agentFaq: KnowledgeDocumentContentInput = {
  ...inventoryFaq,
  tags: [...(inventoryFaq.tags ?? []), 'restocking'],
  texts: {
    ...inventoryFaq.texts,
    en: {
      title: 'Inventory financing FAQ',
      body: 'Inventory financing is a working-capital loan secured by your stock, for needs such as restocking.\n\nYou draw and repay at any time, and interest runs only on the days you use the money.',
    },
  },
};

export const MERCHANT_SIGNALS = {
  'business.age_months': 38,
  'inventory.turnover_days': 62,
  'user.verified': true,
};

export const CAP = { value: 20_000_000, currency: 'CNY' } as const;

/** Valid arguments for each tool, all within `CAP` and the grant's scenario. */
export const VALID_ARGS: Record<AgentToolName, Record<string, unknown>> = {
  ask_advisor: { question: 'How do I repay inventory financing?', locale: 'en' },
  match_offers: { amount: { value: 10_000_000, currency: 'CNY' }, termMonths: 6 },
  explain_offer: { offerId: inventoryOffer.id, amount: { value: 10_000_000, currency: 'CNY' } },
  quote_route: {
    amount: { value: 1_000_000, currency: 'CNY' },
    fromCountry: 'CN',
    toCountry: 'HK',
    fromCurrency: 'CNY',
    toCurrency: 'HKD',
    purpose: 'family_support',
  },
  list_nudges: {},
  start_application: {
    offerId: inventoryOffer.id,
    amount: { value: 10_000_000, currency: 'CNY' },
    termMonths: 6,
    idempotencyKey: 'agent-retry-0001',
  },
};

/** Publishes what every tool reads: an offer, a knowledge document, rails and FX rates. */
export async function publishAgentWorld(gw: TestGateway): Promise<void> {
  await gw.publish(inventoryOffer);
  await gw.publishDocument(agentFaq);
  await publishTable(gw, 'rail-tables', testRails);
  await publishTable(gw, 'fx-tables', testFx('fx-agents', gw.clock.now));
}

/** A grant for the merchant's session, by the partner's server. */
export async function createGrant(
  gw: TestGateway,
  sessionToken: string,
  over: Record<string, unknown> = {},
): Promise<AgentGrantCreated> {
  const r = await gw.api<AgentGrantCreated>('POST', '/v1/agent-grants', {
    auth: gw.partnerA.secretKey,
    body: {
      sessionToken,
      tools: [
        'ask_advisor',
        'match_offers',
        'explain_offer',
        'quote_route',
        'list_nudges',
        'start_application',
      ],
      amountCap: CAP,
      scenario: 'supply-chain',
      expiresInSeconds: 1800,
      agentName: 'Shop A assistant',
      confirmUrl: 'https://shop-a.example.com/finance/apply',
      ...over,
    },
  });
  if (r.status !== 201)
    throw new Error(`grant: ${r.status} ${Problem.safeParse(r.body).data?.code} ${r.text}`);
  return r.body;
}

/** The SDK's own client over Streamable HTTP, authenticated with a grant token. */
export async function connectHttp(
  url: string,
  grantToken: string,
  headers: Record<string, string> = {},
): Promise<Client> {
  const client = new Client({ name: 'finlet-test-agent', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${grantToken}`, ...headers } },
  });
  await client.connect(transport);
  return client;
}
