import type {
  AdminIdentity,
  KnowledgeAction,
  KnowledgeDocument,
  KnowledgeDocumentContent,
} from '@finlet/contracts';
import { KnowledgeDocumentList, KnowledgeDocument as KnowledgeDocumentSchema } from '@finlet/contracts';
import { CliError } from '../internal/errors.js';

const TIMEOUT_MS = 30_000;

/** The knowledge part of the admin API, over fetch; answers are checked against the contracts. */
export class KnowledgeApi {
  constructor(
    readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  me(): Promise<AdminIdentity> {
    return this.call('GET', '/v1/admin/me') as Promise<AdminIdentity>;
  }

  async versions(id: string): Promise<KnowledgeDocument[]> {
    const body = await this.call('GET', `/v1/admin/knowledge/${encodeURIComponent(id)}`, undefined, true);
    return body === undefined ? [] : KnowledgeDocumentList.parse(body).documents;
  }

  async create(content: KnowledgeDocumentContent, newVersion: boolean): Promise<KnowledgeDocument> {
    const path = newVersion
      ? `/v1/admin/knowledge/${encodeURIComponent(content.id)}/versions`
      : '/v1/admin/knowledge';
    return KnowledgeDocumentSchema.parse(await this.call('POST', path, content));
  }

  async transition(
    id: string,
    version: number,
    action: KnowledgeAction,
    comment?: string,
  ): Promise<KnowledgeDocument> {
    const body = await this.call(
      'POST',
      `/v1/admin/knowledge/${encodeURIComponent(id)}/versions/${version}/${action}`,
      comment ? { comment } : {},
    );
    return KnowledgeDocumentSchema.parse(body);
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
