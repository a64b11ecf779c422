import {
  type AdminIdentity,
  type FxTable,
  type FxTableContent,
  FxTableList,
  FxTable as FxTableSchema,
  type RailTable,
  type RailTableContent,
  RailTableList,
  RailTable as RailTableSchema,
} from '@finlet/contracts';
import { ContentApi } from '../internal/content-api.js';

export type TableKind = 'rail-tables' | 'fx-tables';
export type StoredTable = RailTable | FxTable;
export type TableContent = RailTableContent | FxTableContent;

/** The rails and FX part of the admin API: one versioned-content API per kind of table. */
export class RailsApi {
  readonly 'rail-tables': ContentApi<RailTable, RailTableContent>;
  readonly 'fx-tables': ContentApi<FxTable, FxTableContent>;

  constructor(
    readonly baseUrl: string,
    apiKey: string,
  ) {
    this['rail-tables'] = new ContentApi(baseUrl, apiKey, {
      segment: 'rail-tables',
      one: RailTableSchema,
      list: RailTableList,
      listKey: 'tables',
    });
    this['fx-tables'] = new ContentApi(baseUrl, apiKey, {
      segment: 'fx-tables',
      one: FxTableSchema,
      list: FxTableList,
      listKey: 'tables',
    });
  }

  me(): Promise<AdminIdentity> {
    return this['rail-tables'].me();
  }
}
