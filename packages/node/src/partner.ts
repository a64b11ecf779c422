import { createHttp, type HttpHooks } from '@finlet/client';
import { EmbedSession, type EmbedSessionCreate, PartnerApplicationView } from '@finlet/contracts';

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
