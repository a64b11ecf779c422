import { createHttp, type HttpHooks } from '@finlet/client';
import {
  AgentGrant,
  type AgentGrantCreate,
  AgentGrantCreated,
  EmbedSession,
  type EmbedSessionCreate,
  PartnerApplicationView,
  type SignalBatch,
  SignalBatchResult,
  SocialContinuation,
  type SocialContinuationRedeem,
  type WebhookDeliveryStatus,
  WebhookEndpoint,
  type WebhookEndpointCreate,
  WebhookEndpointList,
  WebhookEndpointSecret,
  WebhookEventList,
  WebhookEventRecord,
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
  const call = createHttp({
    gateway: options.gateway,
    timeout: options.timeout,
    fetch: options.fetch,
    hooks: options.hooks,
    headers: { authorization: `Bearer ${options.secretKey}` },
  });
  return {
    embedSessions: {
      create: (input) =>
        call(EmbedSession, { method: 'post', path: '/v1/embed-sessions', body: input, retrySafe: false }),
    },
    applications: {
      get: (id) =>
        call(PartnerApplicationView, {
          method: 'get',
          path: `/v1/applications/${encodeURIComponent(id)}`,
          retrySafe: true,
        }),
    },
    signals: {
      // Safe to retry: the gateway stores each signal id once.
      send: (batch) =>
        call(SignalBatchResult, { method: 'post', path: '/v1/signals', body: batch, retrySafe: true }),
    },
    webhookEndpoints: {
      list: async () =>
        (await call(WebhookEndpointList, { method: 'get', path: '/v1/webhook-endpoints', retrySafe: true }))
          .endpoints,
      create: (input) =>
        call(WebhookEndpointSecret, {
          method: 'post',
          path: '/v1/webhook-endpoints',
          body: input,
          retrySafe: false,
        }),
      rotateSecret: (id, input = {}) =>
        call(WebhookEndpointSecret, {
          method: 'post',
          path: `/v1/webhook-endpoints/${encodeURIComponent(id)}/rotate-secret`,
          body: input,
          retrySafe: false,
        }),
      disable: (id) =>
        call(WebhookEndpoint, {
          method: 'delete',
          path: `/v1/webhook-endpoints/${encodeURIComponent(id)}`,
          retrySafe: true,
        }),
    },
    agentGrants: {
      create: (input) =>
        call(AgentGrantCreated, { method: 'post', path: '/v1/agent-grants', body: input, retrySafe: false }),
      revoke: (id) =>
        call(AgentGrant, {
          method: 'delete',
          path: `/v1/agent-grants/${encodeURIComponent(id)}`,
          retrySafe: true,
        }),
    },
    socialContinuations: {
      // One use only: a retry after a lost answer finds the link used, so it is not retried blindly.
      redeem: (input) =>
        call(SocialContinuation, {
          method: 'post',
          path: '/v1/social/continuations/redeem',
          body: input,
          retrySafe: false,
        }),
    },
    webhookEvents: {
      list: async (query = {}) =>
        (
          await call(WebhookEventList, {
            method: 'get',
            path: '/v1/webhook-events',
            query,
            retrySafe: true,
          })
        ).events,
      replay: (id, input = {}) =>
        call(WebhookEventRecord, {
          method: 'post',
          path: `/v1/webhook-events/${encodeURIComponent(id)}/replay`,
          body: input,
          retrySafe: false,
        }),
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
