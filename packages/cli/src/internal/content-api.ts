import type { Schema } from '@finlet/client';
import { AdminIdentity, type VersionAction, type VersionStatus } from '@finlet/contracts';
import { adminCall } from './gateway-api.js';

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

/** How one kind lives under `/v1/admin`: its path segment and the schemas its answers are checked against. */
export interface ContentRoutes<T> {
  segment: string;
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
  private readonly call: ReturnType<typeof adminCall>;

  constructor(
    readonly baseUrl: string,
    apiKey: string,
    private readonly routes: ContentRoutes<T>,
  ) {
    this.call = adminCall(baseUrl, apiKey);
  }

  me(): Promise<AdminIdentity> {
    return this.call(AdminIdentity, 'get', '/v1/admin/me');
  }

  async versions(id: string): Promise<T[]> {
    const { list, listKey } = this.routes;
    const answer = await this.call(list, 'get', this.path(id), { notFound: { [listKey]: [] } });
    return answer[listKey] ?? [];
  }

  create(content: C, newVersion: boolean): Promise<T> {
    const path = newVersion ? `${this.path(content.id)}/versions` : this.path();
    return this.call(this.routes.one, 'post', path, { body: content });
  }

  transition(id: string, version: number, action: VersionAction, comment?: string): Promise<T> {
    return this.call(this.routes.one, 'post', `${this.path(id)}/versions/${version}/${action}`, {
      body: comment ? { comment } : {},
    });
  }

  private path(id?: string): string {
    const base = `/v1/admin/${this.routes.segment}`;
    return id === undefined ? base : `${base}/${encodeURIComponent(id)}`;
  }
}
