import { createCaller, type HttpHooks } from '@finlet/client';
import type {
  AdminIdentity,
  AuditList,
  AuditQuery,
  Offer,
  OfferContentInput,
  OfferStatus,
  Partner,
  PartnerCreate,
  PartnerCreated,
  SocialBot,
  SocialBotCreate,
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
  const call = createCaller({
    gateway: options.gateway,
    timeout: options.timeout,
    fetch: options.fetch,
    hooks: options.hooks,
    headers: { authorization: `Bearer ${options.apiKey}` },
  });
  const transition =
    (
      operation: 'submitOffer' | 'approveOffer' | 'rejectOffer' | 'publishOffer' | 'retireOffer',
    ): Transition =>
    (id, version, input = {}) =>
      call(operation, { params: { id, version }, body: input });
  return {
    me: () => call('adminMe'),
    partners: {
      list: async () => (await call('listPartners')).partners,
      create: (input) => call('createPartner', { body: input }),
    },
    offers: {
      list: async (query = {}) => (await call('listOffers', { query })).offers,
      create: (content) => call('createOffer', { body: content }),
      versions: async (id) => (await call('getOfferVersions', { params: { id } })).offers,
      createVersion: (id, content) => call('createOfferVersion', { params: { id }, body: content }),
      updateDraft: (id, version, content) =>
        call('updateOfferDraft', { params: { id, version }, body: content }),
      submit: transition('submitOffer'),
      approve: transition('approveOffer'),
      reject: transition('rejectOffer'),
      publish: transition('publishOffer'),
      retire: transition('retireOffer'),
    },
    socialBots: {
      list: async () => (await call('listSocialBots')).bots,
      create: (input) => call('createSocialBot', { body: input }),
    },
    audit: {
      list: async (query = {}) => (await call('listAudit', { query })).entries,
    },
  };
}
