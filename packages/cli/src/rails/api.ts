import type { Schema } from '@finlet/client';
import {
  AdminIdentity,
  type FxTable,
  type FxTableContent,
  FxTableList,
  FxTable as FxTableSchema,
  type RailTable,
  type RailTableAction,
  type RailTableContent,
  RailTableList,
  RailTable as RailTableSchema,
} from '@finlet/contracts';
import { adminCall } from '../internal/gateway-api.js';

export type TableKind = 'rail-tables' | 'fx-tables';
export type StoredTable = RailTable | FxTable;
export type TableContent = RailTableContent | FxTableContent;

/** The rails and FX part of the admin API; answers are checked against the contracts. */
export class RailsApi {
  private readonly call: ReturnType<typeof adminCall>;

  constructor(
    readonly baseUrl: string,
    apiKey: string,
  ) {
    this.call = adminCall(baseUrl, apiKey);
  }

  me(): Promise<AdminIdentity> {
    return this.call(AdminIdentity, 'get', '/v1/admin/me');
  }

  async versions(kind: TableKind, id: string): Promise<StoredTable[]> {
    const path = `/v1/admin/${kind}/${encodeURIComponent(id)}`;
    return kind === 'rail-tables'
      ? (await this.call(RailTableList, 'get', path, { notFound: { tables: [] } })).tables
      : (await this.call(FxTableList, 'get', path, { notFound: { tables: [] } })).tables;
  }

  create(kind: TableKind, content: TableContent, newVersion: boolean): Promise<StoredTable> {
    const path = newVersion
      ? `/v1/admin/${kind}/${encodeURIComponent(content.id)}/versions`
      : `/v1/admin/${kind}`;
    return this.call(this.schema(kind), 'post', path, { body: content });
  }

  transition(
    kind: TableKind,
    id: string,
    version: number,
    action: RailTableAction,
    comment?: string,
  ): Promise<StoredTable> {
    return this.call(
      this.schema(kind),
      'post',
      `/v1/admin/${kind}/${encodeURIComponent(id)}/versions/${version}/${action}`,
      { body: comment ? { comment } : {} },
    );
  }

  private schema(kind: TableKind): Schema<StoredTable> {
    return kind === 'rail-tables' ? RailTableSchema : FxTableSchema;
  }
}
