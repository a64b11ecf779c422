import type { Schema } from '@finlet/client';
import type { AdminIdentity, OperationId, VersionAction, VersionStatus } from '@finlet/contracts';
import { adminCall, isNotFound } from './gateway-api.js';

/** What the import pipeline reads of a stored version. */
export interface StoredVersion {
  id: string;
  version: number;
  status: VersionStatus;
  createdBy: string;
  submittedBy: string | null;
}

/** The admin API of one versioned kind, as the import pipeline uses it. */
export interface VersionedApi<T extends StoredVersion, C extends { id: string }> {
  /** Every version, newest first; empty when the object does not exist. */
  versions(id: string): Promise<T[]>;
  /** Version 1 of a new object, or (with `newVersion`) the next version of an existing one. */
  create(content: C, newVersion: boolean): Promise<T>;
  /** Replaces the content of a draft; absent for kinds whose drafts are not edited in place. */
  updateDraft?(version: number, content: C): Promise<T>;
  transition(id: string, version: number, action: VersionAction, comment?: string): Promise<T>;
}

/**
 * The operation ids of each kind (`create${noun}`, `get${noun}Versions`, `create${noun}Version`,
 * `${action}${noun}`), by its `/v1/admin` segment.
 */
const NOUNS = {
  knowledge: 'KnowledgeDocument',
  'rail-tables': 'RailTable',
  'fx-tables': 'FxTable',
  thesaurus: 'ThesaurusConcept',
  'risk-questionnaires': 'RiskQuestionnaire',
} as const;

/** How one kind lives under `/v1/admin`: its path segment and the schemas its answers are checked against. */
export interface ContentRoutes<T> {
  segment: keyof typeof NOUNS;
  one: Schema<T>;
  list: Schema<Record<string, T[]>>;
  /** The member of list answers that holds the versions (`documents`, `tables`). */
  listKey: string;
}

/**
 * The admin API of one versioned kind over HTTP, for the kinds @finlet/node has no client for
 * (knowledge documents, rail and FX tables); answers are checked against the contracts.
 */
export class ContentApi<T extends StoredVersion, C extends { id: string }> implements VersionedApi<T, C> {
  /**
   * The kind's operations by id. One class serves five kinds, so their inputs and answers meet
   * here as `object` and `T`; each answer is still checked against the route's schema.
   */
  private readonly call: (operation: OperationId, input?: object) => Promise<unknown>;
  private readonly caller: ReturnType<typeof adminCall>;

  constructor(
    readonly baseUrl: string,
    apiKey: string,
    private readonly routes: ContentRoutes<T>,
  ) {
    this.caller = adminCall(baseUrl, apiKey);
    this.call = this.caller as (operation: OperationId, input?: object) => Promise<unknown>;
  }

  me(): Promise<AdminIdentity> {
    return this.caller('adminMe');
  }

  async versions(id: string): Promise<T[]> {
    const { list, listKey } = this.routes;
    try {
      const answer = await this.call(`get${this.noun}Versions`, { params: { id }, schema: list });
      return (answer as Record<string, T[]>)[listKey] ?? [];
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
  }

  create(content: C, newVersion: boolean): Promise<T> {
    const schema = this.routes.one as never;
    return (
      newVersion
        ? this.call(`create${this.noun}Version`, {
            params: { id: content.id },
            body: content as never,
            schema,
          })
        : this.call(`create${this.noun}`, { body: content as never, schema })
    ) as Promise<T>;
  }

  transition(id: string, version: number, action: VersionAction, comment?: string): Promise<T> {
    return this.call(`${action}${this.noun}`, {
      params: { id, version },
      body: comment ? { comment } : {},
      schema: this.routes.one,
    }) as Promise<T>;
  }

  private get noun() {
    return NOUNS[this.routes.segment];
  }
}
