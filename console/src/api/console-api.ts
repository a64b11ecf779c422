import type {
  AdminApplicationList,
  AdminApplicationQuery,
  AdminKeySummary,
  Application,
  ApplicationFile,
  ApplicationStatusUpdate,
  AuditEntry,
  ConsoleSession,
  FunnelQuery,
  FunnelReport,
  FxTable,
  KnowledgeDocument,
  KnowledgeDocumentContentInput,
  Offer,
  OfferContentInput,
  OfferStatus,
  Partner,
  PartnerKey,
  PartnerKeyRotated,
  PendingApproval,
  ProblemFieldError,
  RailTable,
  RiskQuestionnaire,
  ThesaurusConcept,
  ThesaurusConceptContentInput,
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

/**
 * The console's one way to the admin API, same origin with the session cookie. Every write carries
 * `x-csrf-token`; a 401 anywhere calls `onSignedOut` so the shell returns to the sign-in form.
 */
export class ConsoleApi {
  private csrfToken: string | undefined;

  constructor(private readonly onSignedOut: () => void = () => {}) {}

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const text = await this.send(method, path, options);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async send(
    method: string,
    path: string,
    { body, query, headers = {} }: RequestOptions,
  ): Promise<string> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== '') search.set(key, String(value));
    }
    const url = `${path}${search.size > 0 ? `?${search}` : ''}`;
    const sent: Record<string, string> = { accept: 'application/json', ...headers };
    if (body !== undefined) sent['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) sent['x-csrf-token'] = this.csrfToken;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: sent,
        credentials: 'same-origin',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (cause) {
      throw new ConsoleApiError(0, 'network', undefined, [], undefined, { cause });
    }
    const text = await response.text();
    if (!response.ok) {
      let problem: { code?: string; detail?: string; errors?: ProblemFieldError[]; requestId?: string } = {};
      try {
        problem = JSON.parse(text);
      } catch {}
      const error = new ConsoleApiError(
        response.status,
        problem.code ?? (response.status >= 500 ? 'internal_error' : 'invalid_request'),
        problem.detail,
        problem.errors ?? [],
        problem.requestId ?? response.headers.get('x-request-id') ?? undefined,
      );
      if (response.status === 401 && path !== SESSION) {
        this.csrfToken = undefined;
        this.onSignedOut();
      }
      throw error;
    }
    return text;
  }

  // Session ---------------------------------------------------------------------------------------

  async signIn(apiKey: string): Promise<ConsoleSession> {
    const session = await this.request<ConsoleSession>('POST', SESSION, { body: { apiKey } });
    this.csrfToken = session.csrfToken;
    return session;
  }

  /** The session behind the cookie, or null when there is none (not signed in, or it ended). */
  async currentSession(): Promise<ConsoleSession | null> {
    try {
      const session = await this.request<ConsoleSession>('GET', SESSION);
      this.csrfToken = session.csrfToken;
      return session;
    } catch (error) {
      if (isConsoleApiError(error) && (error.status === 401 || error.status === 404)) return null;
      throw error;
    }
  }

  async signOut(): Promise<void> {
    try {
      await this.request('DELETE', SESSION);
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
    const query: Record<string, string | undefined> = { status: filter.status };
    if (kind === 'offers' || kind === 'knowledge') query.scenario = filter.scenario;
    const body = await this.request<Record<string, Versioned[]>>('GET', `/v1/admin/${kind}`, { query });
    return pickList(body);
  }

  /** Every version of one item, newest first. */
  async versions(kind: ContentKind, id: string): Promise<Versioned[]> {
    const body = await this.request<Record<string, Versioned[]>>(
      'GET',
      `/v1/admin/${kind}/${encodeURIComponent(id)}`,
    );
    return pickList(body);
  }

  async createOffer(content: OfferContentInput): Promise<Offer> {
    return this.request<Offer>('POST', '/v1/admin/offers', { body: content });
  }

  async createKnowledge(content: KnowledgeDocumentContentInput): Promise<KnowledgeDocument> {
    return this.request<KnowledgeDocument>('POST', '/v1/admin/knowledge', { body: content });
  }

  async createThesaurusConcept(content: ThesaurusConceptContentInput): Promise<ThesaurusConcept> {
    return this.request<ThesaurusConcept>('POST', '/v1/admin/thesaurus', { body: content });
  }

  /** A new draft version of an existing item. */
  async createVersion<T extends Versioned>(kind: ContentKind, id: string, content: unknown): Promise<T> {
    return this.request<T>('POST', `/v1/admin/${kind}/${encodeURIComponent(id)}/versions`, { body: content });
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
    return this.request<T>('PUT', `/v1/admin/${kind}/${encodeURIComponent(id)}/versions/${version}`, {
      body: content,
      headers: { 'if-match': `"${opened}"` },
    });
  }

  /** A review step on one version: submit, approve, reject, publish (now or `at`), retire, unschedule, rollback. */
  async act<T extends Versioned>(
    kind: ContentKind,
    id: string,
    version: number,
    action: ReviewAction,
    body: { comment?: string; at?: string } = {},
  ): Promise<T> {
    return this.request<T>(
      'POST',
      `/v1/admin/${kind}/${encodeURIComponent(id)}/versions/${version}/${action}`,
      { body },
    );
  }

  // Partners and audit ----------------------------------------------------------------------------

  async partners(): Promise<Partner[]> {
    return (await this.request<{ partners: Partner[] }>('GET', '/v1/admin/partners')).partners;
  }

  // Keys (admin role) -----------------------------------------------------------------------------

  async partnerKeys(partnerId: string): Promise<PartnerKey[]> {
    const path = `/v1/admin/partners/${encodeURIComponent(partnerId)}/keys`;
    return (await this.request<{ keys: PartnerKey[] }>('GET', path)).keys;
  }

  /** A new secret key, shown once; the current keys keep working for the overlap (the gateway's default, 24 h). */
  async rotatePartnerKey(partnerId: string): Promise<PartnerKeyRotated> {
    const path = `/v1/admin/partners/${encodeURIComponent(partnerId)}/keys/rotate`;
    return this.request<PartnerKeyRotated>('POST', path, { body: {} });
  }

  async revokePartnerKey(partnerId: string, keyId: string): Promise<PartnerKey> {
    const path = `/v1/admin/partners/${encodeURIComponent(partnerId)}/keys/${encodeURIComponent(keyId)}/revoke`;
    return this.request<PartnerKey>('POST', path);
  }

  async setPartnerEnabled(partnerId: string, enabled: boolean): Promise<Partner> {
    const path = `/v1/admin/partners/${encodeURIComponent(partnerId)}/${enabled ? 'enable' : 'disable'}`;
    return this.request<Partner>('POST', path);
  }

  async adminKeys(): Promise<AdminKeySummary[]> {
    return (await this.request<{ adminKeys: AdminKeySummary[] }>('GET', '/v1/admin/admin-keys')).adminKeys;
  }

  async revokeAdminKey(id: string): Promise<AdminKeySummary> {
    return this.request<AdminKeySummary>('POST', `/v1/admin/admin-keys/${encodeURIComponent(id)}/revoke`);
  }

  /** One page of the audit log, newest first; `next` is the cursor of the following page or null. */
  async audit(search: AuditSearch = {}): Promise<{ entries: AuditEntry[]; next: string | null }> {
    const body = await this.request<{ entries: AuditEntry[]; next?: string | null }>(
      'GET',
      '/v1/admin/audit',
      {
        query: { ...search },
      },
    );
    return { entries: body.entries, next: body.next ?? null };
  }

  // Applications (bank workspace) -----------------------------------------------------------------

  /** One page of the inbox, newest first, masked for the signed-in role; `next` pages on. */
  async applications(query: AdminApplicationQuery = {}): Promise<AdminApplicationList> {
    return this.request<AdminApplicationList>('GET', '/v1/admin/applications', {
      query: { ...query } as Record<string, string | number | undefined>,
    });
  }

  /** The whole file of one application; its `updatedAt` is what a decision sends back as `If-Match`. */
  async applicationFile(id: string): Promise<ApplicationFile> {
    return this.request<ApplicationFile>('GET', `/v1/admin/applications/${encodeURIComponent(id)}`);
  }

  /**
   * Decides on an application opened at `opened` (its `updatedAt`): refused with `stale_version`
   * when someone decided since. An approval above the four-eyes threshold comes back `pending`.
   */
  async decide(id: string, update: ApplicationStatusUpdate, opened: string): Promise<DecisionOutcome> {
    const path = `/v1/admin/applications/${encodeURIComponent(id)}/status`;
    const body = await this.request<Application | PendingApproval>('POST', path, {
      body: update,
      headers: { 'if-match': `"${opened}"` },
    });
    return 'firstApproval' in body
      ? { kind: 'pending', pending: body }
      : { kind: 'decided', application: body };
  }

  async funnel(query: FunnelQuery): Promise<FunnelReport> {
    return this.request<FunnelReport>('GET', '/v1/admin/analytics/funnel', {
      query: { ...query } as Record<string, string | number | undefined>,
    });
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

const SESSION = '/v1/admin/console/session';

function pickList(body: Record<string, Versioned[]>): Versioned[] {
  return body.offers ?? body.documents ?? body.tables ?? body.concepts ?? body.questionnaires ?? [];
}
