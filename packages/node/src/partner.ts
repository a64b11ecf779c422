import { createCaller, type HttpHooks } from '@finlet/client';
import {
  type AgentGrant,
  type AgentGrantCreate,
  type AgentGrantCreated,
  type EmbedSession,
  type EmbedSessionCreate,
  PartnerApplicationView,
  type SignalBatch,
  type SignalBatchResult,
  type SocialContinuation,
  type SocialContinuationRedeem,
  type WebhookDeliveryStatus,
  type WebhookEndpoint,
  type WebhookEndpointCreate,
  type WebhookEndpointSecret,
  type WebhookEventRecord,
  type WebhookEventType,
} from '@finlet/contracts';

export interface PartnerClientOptions {
  /** Base URL of the Finlet gateway. */
  gateway: string;
  /** The partner secret key (`fsk_…`). Server side only: never send it to a browser. */
  secretKey: string;
  timeout?: number;
  fetch?: typeof fetch;
  hooks?: HttpHooks;
}

export interface PartnerClient {
  embedSessions: { create(input: EmbedSessionCreate): Promise<EmbedSession> };
  applications: { get(id: string): Promise<PartnerApplicationView> };
  signals: {
    /**
     * Sends business signals about your users; the answer lists the nudges they raised. Re-sending a
     * signal id is a no-op, so a failed send can be retried as is.
     */
    send(batch: SignalBatch): Promise<SignalBatchResult>;
  };
  webhookEndpoints: {
    list(): Promise<WebhookEndpoint[]>;
    /** Registers an endpoint; keep the returned `secret` (shown once) for `verifyWebhook`. */
    create(input: WebhookEndpointCreate): Promise<WebhookEndpointSecret>;
    /** New secret; the old one keeps signing for `overlapHours` (default 24). */
    rotateSecret(id: string, input?: { overlapHours?: number }): Promise<WebhookEndpointSecret>;
    disable(id: string): Promise<WebhookEndpoint>;
  };
  agentGrants: {
    /**
     * Exchanges a user's live embed session for an agent grant: which tools, an amount cap, the
     * session's scenario, at most one hour. Give the returned `token` (shown once) to the agent's MCP
     * client as `Authorization: Bearer <token>` on the gateway's `/mcp`.
     * @example
     * const grant = await partner.agentGrants.create({ sessionToken, tools: ['match_offers'], amountCap: { value: 5_000_000, currency: 'CNY' }, scenario: 'supply-chain', agentName: 'Trip assistant' });
     */
    create(input: AgentGrantCreate): Promise<AgentGrantCreated>;
    /** Ends a grant at once: every later call under it is refused with `grant_revoked`. */
    revoke(id: string): Promise<AgentGrant>;
  };
  socialContinuations: {
    /**
     * Redeems the `finlet_continue` link the group assistant sent a member privately: once, within
     * ten minutes, for the member it was made for (`memberId`, as your page signed them in). The
     * answer holds an embed session for `userId` and what the member asked.
     * @example
     * const { session, topic } = await partner.socialContinuations.redeem({ token, memberId: openId, userId: 'u-42' });
     */
    redeem(input: SocialContinuationRedeem): Promise<SocialContinuation>;
  };
  webhookEvents: {
    list(query?: {
      type?: WebhookEventType;
      status?: WebhookDeliveryStatus;
      limit?: number;
    }): Promise<WebhookEventRecord[]>;
    replay(id: string, input?: { endpointId?: string }): Promise<WebhookEventRecord>;
  };
}

/** The partner server's client: mints widget sessions and reads application status. */
export function createPartnerClient(options: PartnerClientOptions): PartnerClient {
  if (!options.secretKey.startsWith('fsk_'))
    throw new TypeError('secretKey must be a Finlet partner secret key (fsk_…)');
  const call = createCaller({
    gateway: options.gateway,
    timeout: options.timeout,
    fetch: options.fetch,
    hooks: options.hooks,
    headers: { authorization: `Bearer ${options.secretKey}` },
  });
  return {
    embedSessions: {
      create: (input) => call('createEmbedSession', { body: input }),
    },
    applications: {
      // The partner's server sees the partner's view of the application, never the applicant's.
      get: (id) => call('getApplication', { params: { id }, schema: PartnerApplicationView }),
    },
    signals: {
      // Safe to retry: the gateway stores each signal id once.
      send: (batch) => call('sendSignals', { body: batch, retry: true }),
    },
    webhookEndpoints: {
      list: async () => (await call('listWebhookEndpoints')).endpoints,
      create: (input) => call('createWebhookEndpoint', { body: input }),
      rotateSecret: (id, input = {}) => call('rotateWebhookSecret', { params: { id }, body: input }),
      disable: (id) => call('deleteWebhookEndpoint', { params: { id } }),
    },
    agentGrants: {
      create: (input) => call('createAgentGrant', { body: input }),
      revoke: (id) => call('revokeAgentGrant', { params: { id } }),
    },
    socialContinuations: {
      // One use only: a retry after a lost answer finds the link used, so it is not retried blindly.
      redeem: (input) => call('redeemSocialContinuation', { body: input }),
    },
    webhookEvents: {
      list: async (query = {}) => (await call('listWebhookEvents', { query })).events,
      replay: (id, input = {}) => call('replayWebhookEvent', { params: { id }, body: input }),
    },
  };
}

/**
 * Mints an embed session for one of your users; hand `token` and `expiresAt` to the page.
 * @example
 * const session = await createEmbedSession({ gateway, secretKey }, { userId: 'u-42', scenario: 'consumption' });
 */
export function createEmbedSession(
  options: PartnerClientOptions,
  input: EmbedSessionCreate,
): Promise<EmbedSession> {
  return createPartnerClient(options).embedSessions.create(input);
}
