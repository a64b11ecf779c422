import { createHttp, type HttpHooks } from '@finlet/client';
import {
  AdminIdentity,
  AuditList,
  type AuditQuery,
  Offer,
  type OfferContentInput,
  OfferList,
  type OfferStatus,
  type Partner,
  type PartnerCreate,
  PartnerCreated,
  PartnerList,
  SocialBot,
  type SocialBotCreate,
  SocialBotList,
} from '@finlet/contracts';

export interface AdminClientOptions {
  gateway: string;
  /** An admin API key (`fak_…`) from `finlet admin-keys create`. */
  apiKey: string;
  timeout?: number;
  fetch?: typeof fetch;
  hooks?: HttpHooks;
}

type Transition = (id: string, version: number, input?: { comment?: string }) => Promise<Offer>;

export interface AdminClient {
  me(): Promise<AdminIdentity>;
  partners: { list(): Promise<Partner[]>; create(input: PartnerCreate): Promise<PartnerCreated> };
  offers: {
    list(query?: { status?: OfferStatus; scenario?: string }): Promise<Offer[]>;
    create(content: OfferContentInput): Promise<Offer>;
    versions(id: string): Promise<Offer[]>;
    createVersion(id: string, content: OfferContentInput): Promise<Offer>;
    updateDraft(id: string, version: number, content: OfferContentInput): Promise<Offer>;
    submit: Transition;
    approve: Transition;
    reject: Transition;
    publish: Transition;
    retire: Transition;
  };
  audit: { list(query?: AuditQuery): Promise<AuditList['entries']> };
  /** Group-chat bots (admin role): `callbackPath` is the request URL to enter on the platform. */
  socialBots: { list(): Promise<SocialBot[]>; create(input: SocialBotCreate): Promise<SocialBot> };
}

/** Typed client of the admin API for bank product teams, scripts and the CLI. */
export function createAdminClient(options: AdminClientOptions): AdminClient {
  const call = createHttp({
    gateway: options.gateway,
    timeout: options.timeout,
    fetch: options.fetch,
    hooks: options.hooks,
    headers: { authorization: `Bearer ${options.apiKey}` },
  });
  const offerPath = (id: string) => `/v1/admin/offers/${encodeURIComponent(id)}`;
  const transition =
    (action: string): Transition =>
    (id, version, input = {}) =>
      call(Offer, {
        method: 'post',
        path: `${offerPath(id)}/versions/${version}/${action}`,
        body: input,
        retrySafe: false,
      });
  return {
    me: () => call(AdminIdentity, { method: 'get', path: '/v1/admin/me', retrySafe: true }),
    partners: {
      list: async () =>
        (await call(PartnerList, { method: 'get', path: '/v1/admin/partners', retrySafe: true })).partners,
      create: (input) =>
        call(PartnerCreated, { method: 'post', path: '/v1/admin/partners', body: input, retrySafe: false }),
    },
    offers: {
      list: async (query = {}) =>
        (await call(OfferList, { method: 'get', path: '/v1/admin/offers', query, retrySafe: true })).offers,
      create: (content) =>
        call(Offer, { method: 'post', path: '/v1/admin/offers', body: content, retrySafe: false }),
      versions: async (id) =>
        (await call(OfferList, { method: 'get', path: offerPath(id), retrySafe: true })).offers,
      createVersion: (id, content) =>
        call(Offer, { method: 'post', path: `${offerPath(id)}/versions`, body: content, retrySafe: false }),
      updateDraft: (id, version, content) =>
        call(Offer, {
          method: 'put',
          path: `${offerPath(id)}/versions/${version}`,
          body: content,
          retrySafe: true,
        }),
      submit: transition('submit'),
      approve: transition('approve'),
      reject: transition('reject'),
      publish: transition('publish'),
      retire: transition('retire'),
    },
    socialBots: {
      list: async () =>
        (await call(SocialBotList, { method: 'get', path: '/v1/admin/social-bots', retrySafe: true })).bots,
      create: (input) =>
        call(SocialBot, { method: 'post', path: '/v1/admin/social-bots', body: input, retrySafe: false }),
    },
    audit: {
      list: async (query = {}) =>
        (
          await call(AuditList, {
            method: 'get',
            path: '/v1/admin/audit',
            query: query as Record<string, string | number | undefined>,
            retrySafe: true,
          })
        ).entries,
    },
  };
}
