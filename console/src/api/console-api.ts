import { type Call, createCaller, isFinletApiError, isFinletNetworkError } from '@finlet/client';
import {
  type AdminApplicationList,
  type AdminApplicationQuery,
  type AdminKeySummary,
  type Application,
  type ApplicationFile,
  type ApplicationStatusUpdate,
  type AuditEntry,
  type ConsoleSession,
  type FunnelQuery,
  type FunnelReport,
  type FxTable,
  type KnowledgeDocument,
  type KnowledgeDocumentContentInput,
  type Offer,
  type OfferContentInput,
  type OfferStatus,
  type OperationId,
  type Partner,
  type PartnerKey,
  type PartnerKeyRotated,
  type PendingApproval,
  type ProblemFieldError,
  type RailTable,
  type RiskQuestionnaire,
  type RouteLine,
  routeTable,
  type ThesaurusConcept,
  type ThesaurusConceptContentInput,
} from '@finlet/contracts';

export type { ConsoleSession };

/** Every versioned kind the console reviews, by its admin API path segment. */
export type ContentKind =
  | 'offers'
  | 'knowledge'
  | 'rail-tables'
  | 'fx-tables'
  | 'thesaurus'
  | 'risk-questionnaires';

export type Versioned = (
  | Offer
  | KnowledgeDocument
  | RailTable
  | FxTable
  | ThesaurusConcept
  | RiskQuestionnaire
) & {
  /** When an approved version publishes by itself (console API §3); absent on older gateways. */
  scheduledPublishAt?: string | null | undefined;
  /** The version a rollback restored (console API §4). */
  restoredFrom?: number | null | undefined;
};

export type ReviewAction = 'submit' | 'approve' | 'reject' | 'publish' | 'retire' | 'unschedule' | 'rollback';

export interface AuditSearch {
  q?: string;
  action?: string;
  targetKind?: string;
  from?: string;
  to?: string;
  before?: string;
  limit?: number;
}

/**
 * A refusal or failure from the gateway: its stable problem `code` (or `network`), the gateway's
 * own sentence in `detail`, and the offending fields of an invalid body in `errors`.
 */
export class ConsoleApiError extends Error {
  override readonly name = 'ConsoleApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string | undefined,
    readonly errors: readonly ProblemFieldError[] = [],
    readonly requestId?: string,
    options?: { cause?: unknown },
  ) {
    super(detail ?? code, options);
  }
}

export function isConsoleApiError(error: unknown): error is ConsoleApiError {
  return error instanceof Error && error.name === 'ConsoleApiError';
}

interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
}

/** The admin operations of each versioned kind, by the kind's path segment. */
const KINDS = {
  offers: 'Offer',
  knowledge: 'KnowledgeDocument',
  'rail-tables': 'RailTable',
  'fx-tables': 'FxTable',
  thesaurus: 'ThesaurusConcept',
  'risk-questionnaires': 'RiskQuestionnaire',
} as const satisfies Record<ContentKind, string>;
type Noun = (typeof KINDS)[ContentKind];
/** The operations one call of a kind-generic method may name, checked against the route list. */
type KindOperation<Template extends string> = Extract<Template, OperationId>;

/**
 * The console's one way to the admin API, same origin with the session cookie, through the one
 * typed client of the route list. Every write carries `x-csrf-token`; a 401 anywhere calls
 * `onSignedOut` so the shell returns to the sign-in form.
 */
export class ConsoleApi {
  private csrfToken: string | undefined;
  /** Any admin operation by its id, typed from the route list; failures are `ConsoleApiError`s. */
  readonly call: Call<OperationId>;

  constructor(private readonly onSignedOut: () => void = () => {}) {
    this.call = createCaller({
      gateway: globalThis.location?.origin ?? 'http://localhost',
      // A person is waiting and clicks again: nothing is retried behind their back.
      retryLimit: 0,
      hooks: {
        beforeRequest: ({ request }) => {
          if (request.method !== 'GET' && this.csrfToken) request.headers.set('x-csrf-token', this.csrfToken);
        },
      },
      mapError: (error, operation) =>
        this.refusal(error, operation !== 'createConsoleSession' && operation !== 'getConsoleSession'),
    });
  }

  /**
   * A raw call by method and path, for a route the console has no method for yet.
   * @deprecated Name the operation: `api.call('getFunnel', { query })`.
   */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const line = Object.values(routeTable).find(
      (r) =>
        r.method === method.toLowerCase() &&
        new RegExp(`^${r.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path),
    );
    if (!line) throw new ConsoleApiError(404, 'not_found', `No route ${method} ${path}`);
    const names: string[] = line.path.match(/\{\w+\}/g) ?? [];
    const values = path.split('/');
    const params = Object.fromEntries(
      line.path
        .split('/')
        .flatMap((segment, i) =>
          names.includes(segment) ? [[segment.slice(1, -1), decodeURIComponent(values[i] ?? '')]] : [],
        ),
    );
    const answer: unknown = await this.call(
      line as RouteLine,
      {
        params,
        ...(options.body !== undefined ? { body: options.body } : {}),
        ...(options.query ? { query: options.query } : {}),
        ...(options.headers ? { headers: options.headers } : {}),
      } as never,
    );
    return answer as T;
  }

  /** The client's error as the console shows it; a 401 outside sign-in signs the person out. */
  private refusal(error: unknown, signsOut: boolean): ConsoleApiError {
    if (!isFinletApiError(error)) {
      return new ConsoleApiError(
        0,
        isFinletNetworkError(error) ? 'network' : 'invalid_response',
        undefined,
        [],
        undefined,
        {
          cause: error,
        },
      );
    }
    const problem = error.problem;
    const refusal = new ConsoleApiError(
      error.status,
      problem ? error.code : error.status >= 500 ? 'internal_error' : 'invalid_request',
      problem?.detail,
      problem?.errors ?? [],
      error.requestId,
      { cause: error },
    );
    if (error.status === 401 && signsOut) {
      this.csrfToken = undefined;
      this.onSignedOut();
    }
    return refusal;
  }

  // Session ---------------------------------------------------------------------------------------

  async signIn(apiKey: string): Promise<ConsoleSession> {
    const session = await this.call('createConsoleSession', { body: { apiKey } });
    this.csrfToken = session.csrfToken;
    return session;
  }

  /** The session behind the cookie, or null when there is none (not signed in, or it ended). */
  async currentSession(): Promise<ConsoleSession | null> {
    try {
      const session = await this.call('getConsoleSession');
      this.csrfToken = session.csrfToken;
      return session;
    } catch (error) {
      if (isConsoleApiError(error) && (error.status === 401 || error.status === 404)) return null;
      throw error;
    }
  }

  async signOut(): Promise<void> {
    try {
      await this.call('deleteConsoleSession');
    } finally {
      this.csrfToken = undefined;
    }
  }

  // Versioned content -----------------------------------------------------------------------------

  /** The latest version of every item of `kind`, filtered by status (and scenario where it applies). */
  async list(kind: 'offers', filter?: ListFilter): Promise<Offer[]>;
  async list(kind: 'knowledge', filter?: ListFilter): Promise<KnowledgeDocument[]>;
  async list(kind: 'rail-tables', filter?: ListFilter): Promise<RailTable[]>;
  async list(kind: 'fx-tables', filter?: ListFilter): Promise<FxTable[]>;
  async list(kind: 'thesaurus', filter?: ListFilter): Promise<ThesaurusConcept[]>;
  async list(kind: ContentKind, filter?: ListFilter): Promise<Versioned[]>;
  async list(kind: ContentKind, filter: ListFilter = {}): Promise<Versioned[]> {
    const query: { status?: OfferStatus; scenario?: string } = {};
    if (filter.status) query.status = filter.status;
    if ((kind === 'offers' || kind === 'knowledge') && filter.scenario) query.scenario = filter.scenario;
    const operation = `list${KINDS[kind]}s` satisfies KindOperation<`list${Noun}s`>;
    return pickList(await this.call(operation as 'listOffers', { query }));
  }

  /** Every version of one item, newest first. */
  async versions(kind: ContentKind, id: string): Promise<Versioned[]> {
    const operation = `get${KINDS[kind]}Versions` satisfies KindOperation<`get${Noun}Versions`>;
    return pickList(await this.call(operation as 'getOfferVersions', { params: { id } }));
  }

  async createOffer(content: OfferContentInput): Promise<Offer> {
    return this.call('createOffer', { body: content });
  }

  async createKnowledge(content: KnowledgeDocumentContentInput): Promise<KnowledgeDocument> {
    return this.call('createKnowledgeDocument', { body: content });
  }

  async createThesaurusConcept(content: ThesaurusConceptContentInput): Promise<ThesaurusConcept> {
    return this.call('createThesaurusConcept', { body: content });
  }

  /** A new draft version of an existing item. */
  async createVersion<T extends Versioned>(kind: ContentKind, id: string, content: unknown): Promise<T> {
    const operation = `create${KINDS[kind]}Version` satisfies KindOperation<`create${Noun}Version`>;
    // The content is the editor's, checked by the gateway against this kind's schema.
    return (await this.call(operation as 'createOfferVersion', {
      params: { id },
      body: content as never,
    })) as T;
  }

  /**
   * Replaces a draft's content, refused with `stale_version` when someone saved it after `opened`
   * (the `updatedAt` of the version this person was editing).
   */
  async updateDraft<T extends Versioned>(
    kind: ContentKind,
    id: string,
    version: number,
    content: unknown,
    opened: string,
  ): Promise<T> {
    const operation = `update${KINDS[kind]}Draft` satisfies string;
    return (await this.call(operation as 'updateOfferDraft', {
      params: { id, version },
      body: content as never,
      headers: { 'if-match': `"${opened}"` },
    })) as T;
  }

  /** A review step on one version: submit, approve, reject, publish (now or `at`), retire, unschedule, rollback. */
  async act<T extends Versioned>(
    kind: ContentKind,
    id: string,
    version: number,
    action: ReviewAction,
    body: { comment?: string; at?: string } = {},
  ): Promise<T> {
    const operation = `${action}${KINDS[kind]}` satisfies string;
    return (await this.call(operation as 'publishOffer', { params: { id, version }, body })) as T;
  }

  // Partners and audit ----------------------------------------------------------------------------

  async partners(): Promise<Partner[]> {
    return (await this.call('listPartners')).partners;
  }

  // Keys (admin role) -----------------------------------------------------------------------------

  async partnerKeys(partnerId: string): Promise<PartnerKey[]> {
    return (await this.call('listPartnerKeys', { params: { id: partnerId } })).keys;
  }

  /** A new secret key, shown once; the current keys keep working for the overlap (the gateway's default, 24 h). */
  async rotatePartnerKey(partnerId: string): Promise<PartnerKeyRotated> {
    return this.call('rotatePartnerKey', { params: { id: partnerId }, body: {} });
  }

  async revokePartnerKey(partnerId: string, keyId: string): Promise<PartnerKey> {
    return this.call('revokePartnerKey', { params: { id: partnerId, keyId } });
  }

  async setPartnerEnabled(partnerId: string, enabled: boolean): Promise<Partner> {
    return this.call(enabled ? 'enablePartner' : 'disablePartner', { params: { id: partnerId } });
  }

  async adminKeys(): Promise<AdminKeySummary[]> {
    return (await this.call('listAdminKeys')).adminKeys;
  }

  async revokeAdminKey(id: string): Promise<AdminKeySummary> {
    return this.call('revokeAdminKey', { params: { id } });
  }

  /** One page of the audit log, newest first; `next` is the cursor of the following page or null. */
  async audit(search: AuditSearch = {}): Promise<{ entries: AuditEntry[]; next: string | null }> {
    const query = Object.fromEntries(Object.entries(search).filter(([, v]) => v !== undefined && v !== ''));
    const body = await this.call('listAudit', { query });
    return { entries: body.entries, next: body.next ?? null };
  }

  // Applications (bank workspace) -----------------------------------------------------------------

  /** One page of the inbox, newest first, masked for the signed-in role; `next` pages on. */
  async applications(query: AdminApplicationQuery = {}): Promise<AdminApplicationList> {
    return this.call('listAdminApplications', { query });
  }

  /** The whole file of one application; its `updatedAt` is what a decision sends back as `If-Match`. */
  async applicationFile(id: string): Promise<ApplicationFile> {
    return this.call('getApplicationFile', { params: { id } });
  }

  /**
   * Decides on an application opened at `opened` (its `updatedAt`): refused with `stale_version`
   * when someone decided since. An approval above the four-eyes threshold comes back `pending`.
   */
  async decide(id: string, update: ApplicationStatusUpdate, opened: string): Promise<DecisionOutcome> {
    const body = await this.call('updateApplicationStatus', {
      params: { id },
      body: update,
      headers: { 'if-match': `"${opened}"` },
    });
    return 'firstApproval' in body
      ? { kind: 'pending', pending: body }
      : { kind: 'decided', application: body };
  }

  async funnel(query: FunnelQuery): Promise<FunnelReport> {
    return this.call('getFunnel', { query });
  }
}

/** A decision's outcome: the application as decided, or the first of two approvals (four eyes). */
export type DecisionOutcome =
  | { kind: 'decided'; application: Application }
  | { kind: 'pending'; pending: PendingApproval };

export interface ListFilter {
  status?: OfferStatus | undefined;
  scenario?: string | undefined;
}

function pickList(body: object): Versioned[] {
  const lists = body as Partial<
    Record<'offers' | 'documents' | 'tables' | 'concepts' | 'questionnaires', Versioned[]>
  >;
  return lists.offers ?? lists.documents ?? lists.tables ?? lists.concepts ?? lists.questionnaires ?? [];
}
