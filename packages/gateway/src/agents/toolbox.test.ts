import type { ChatPart } from '@finlet/contracts';
import { describe, expect, it } from 'vitest';
import { sseEvent } from '../chat/routes.js';
import { sseParts } from './toolbox.js';

describe('sseParts', () => {
  it('keeps only the answer that stands: a replace withdraws the parts before it', () => {
    const withdrawn: ChatPart[] = [
      { type: 'citation', ref: 1, sourceKind: 'document', id: 'faq', version: 1, title: 'FAQ', passage: 'p' },
      { type: 'text', delta: 'Checked, then withdrawn.', cites: [1] },
    ];
    const stands: ChatPart[] = [
      { type: 'citation', ref: 1, sourceKind: 'document', id: 'faq', version: 1, title: 'FAQ', passage: 'q' },
      { type: 'text', delta: 'The default answer.', cites: [1] },
      {
        type: 'done',
        conversationId: 'cnv_1',
        messageId: 'msg_1',
        intent: 'product_question',
        provider: 'default',
      },
    ];
    const body = [...withdrawn, { type: 'replace', reason: 'uncited' } as const, ...stands]
      .map(sseEvent)
      .join('');
    expect(sseParts(body)).toEqual(stands);
    expect(sseParts(stands.map(sseEvent).join(''))).toEqual(stands);
  });
});
