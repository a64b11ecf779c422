import {
  AdminIdentity,
  type KnowledgeAction,
  type KnowledgeDocument,
  type KnowledgeDocumentContent,
  KnowledgeDocumentList,
  KnowledgeDocument as KnowledgeDocumentSchema,
} from '@finlet/contracts';
import { adminCall } from '../internal/gateway-api.js';

/** The knowledge part of the admin API; answers are checked against the contracts. */
export class KnowledgeApi {
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

  async versions(id: string): Promise<KnowledgeDocument[]> {
    const list = await this.call(
      KnowledgeDocumentList,
      'get',
      `/v1/admin/knowledge/${encodeURIComponent(id)}`,
      {
        notFound: { documents: [] },
      },
    );
    return list.documents;
  }

  create(content: KnowledgeDocumentContent, newVersion: boolean): Promise<KnowledgeDocument> {
    const path = newVersion
      ? `/v1/admin/knowledge/${encodeURIComponent(content.id)}/versions`
      : '/v1/admin/knowledge';
    return this.call(KnowledgeDocumentSchema, 'post', path, { body: content });
  }

  transition(
    id: string,
    version: number,
    action: KnowledgeAction,
    comment?: string,
  ): Promise<KnowledgeDocument> {
    return this.call(
      KnowledgeDocumentSchema,
      'post',
      `/v1/admin/knowledge/${encodeURIComponent(id)}/versions/${version}/${action}`,
      { body: comment ? { comment } : {} },
    );
  }
}
