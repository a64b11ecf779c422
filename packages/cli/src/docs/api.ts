import {
  type KnowledgeDocument,
  type KnowledgeDocumentContent,
  KnowledgeDocumentList,
  KnowledgeDocument as KnowledgeDocumentSchema,
} from '@finlet/contracts';
import { ContentApi } from '../internal/content-api.js';

/** The knowledge part of the admin API; answers are checked against the contracts. */
export class KnowledgeApi extends ContentApi<KnowledgeDocument, KnowledgeDocumentContent> {
  constructor(baseUrl: string, apiKey: string) {
    super(baseUrl, apiKey, {
      segment: 'knowledge',
      one: KnowledgeDocumentSchema,
      list: KnowledgeDocumentList,
      listKey: 'documents',
    });
  }
}
