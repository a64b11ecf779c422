import {
  type AdminIdentity,
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
import { CliError } from '../internal/errors.js';

const TIMEOUT_MS = 30_000;

export type TableKind = 'rail-tables' | 'fx-tables';
export type StoredTable = RailTable | FxTable;
export type TableContent = RailTableContent | FxTableContent;

/** The rails and FX part of the admin API, over fetch; answers are checked against the contracts. */
export class RailsApi {
  constructor(
    readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  me(): Promise<AdminIdentity> {
    return this.call('GET', '/v1/admin/me') as Promise<AdminIdentity>;
  }

  async versions(kind: TableKind, id: string): Promise<StoredTable[]> {
    const body = await this.call('GET', `/v1/admin/${kind}/${encodeURIComponent(id)}`, undefined, true);
    if (body === undefined) return [];
    return kind === 'rail-tables' ? RailTableList.parse(body).tables : FxTableList.parse(body).tables;
  }

  async create(kind: TableKind, content: TableContent, newVersion: boolean): Promise<StoredTable> {
    const path = newVersion
      ? `/v1/admin/${kind}/${encodeURIComponent(content.id)}/versions`
      : `/v1/admin/${kind}`;
    return this.parse(kind, await this.call('POST', path, content));
  }

  async transition(kind: TableKind, id: string, version: number, action: RailTableAction, comment?: string) {
    const body = await this.call(
      'POST',
      `/v1/admin/${kind}/${encodeURIComponent(id)}/versions/${version}/${action}`,
      comment ? { comment } : {},
    );
    return this.parse(kind, body);
  }

  private parse(kind: TableKind, body: unknown): StoredTable {
    return kind === 'rail-tables' ? RailTableSchema.parse(body) : FxTableSchema.parse(body);
  }

  private async call(
    method: string,
    path: string,
    body?: unknown,
    notFoundIsEmpty = false,
  ): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.apiKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new CliError(
        'gateway_unreachable',
        `cannot reach the gateway at ${this.baseUrl} (${code}); is it running? Set --gateway or FINLET_GATEWAY`,
        { cause: error },
      );
    }
    const text = await response.text();
    if (notFoundIsEmpty && response.status === 404) return undefined;
    const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    if (!response.ok) {
      const title =
        typeof parsed?.title === 'string' ? parsed.title : `the gateway answered ${response.status}`;
      const detail = typeof parsed?.detail === 'string' ? `: ${parsed.detail}` : '';
      const code = typeof parsed?.code === 'string' ? ` [${parsed.code}]` : '';
      throw new CliError('gateway_error', `${title}${detail}${code}`);
    }
    return parsed;
  }
}
