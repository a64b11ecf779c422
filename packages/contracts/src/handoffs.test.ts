import { describe, expect, it } from 'vitest';
import { ConversationEvent } from './chat.js';
import { HandoffClose, HandoffMessageCreate, HandoffQueueQuery } from './handoffs.js';
import { PROBLEM_CODES } from './problem.js';
import { ROUTES } from './routes.js';

describe('hand-off contracts', () => {
  it('declares every desk route with its schemas in the route list', () => {
    const byId = new Map<string, (typeof ROUTES)[number]>(ROUTES.map((r) => [r.operationId, r]));
    for (const id of [
      'listHandoffs',
      'getHandoff',
      'claimHandoff',
      'releaseHandoff',
      'sendHandoffMessage',
      'sendHandoffTyping',
      'suggestHandoffReplies',
      'discardHandoffSuggestion',
      'sendHandoffApplicationCard',
      'closeHandoff',
      'getHandoffMetrics',
      'streamHandoffEvents',
      'streamConversationEvents',
      'endHandoff',
    ]) {
      expect(byId.get(id), id).toBeDefined();
    }
    expect(byId.get('sendHandoffMessage')).toHaveProperty('body', HandoffMessageCreate);
    expect(byId.get('listHandoffs')).toHaveProperty('query', HandoffQueueQuery);
    // metrics is matched before /{id}
    const paths = ROUTES.map((r) => r.path);
    expect(paths.indexOf('/v1/admin/handoffs/metrics')).toBeLessThan(
      paths.indexOf('/v1/admin/handoffs/{id}'),
    );
    expect(paths.indexOf('/v1/admin/handoffs/events')).toBeLessThan(paths.indexOf('/v1/admin/handoffs/{id}'));
  });

  it('closes only with a disposition from the fixed list', () => {
    expect(HandoffClose.safeParse({ disposition: 'resolved' }).success).toBe(true);
    expect(HandoffClose.safeParse({ disposition: 'whatever' }).success).toBe(false);
    expect(HandoffClose.safeParse({}).success).toBe(false);
  });

  it('has stable problem codes for the desk', () => {
    expect(PROBLEM_CODES.handoff_already_claimed).toBe(409);
    expect(PROBLEM_CODES.handoff_closed).toBe(409);
    expect(PROBLEM_CODES.handoff_abandoned).toBe(409);
    expect(PROBLEM_CODES.message_empty).toBe(422);
  });

  it('parses the stream events a widget receives', () => {
    const event = ConversationEvent.parse({
      type: 'handoff_state',
      state: {
        handoffId: 'hof_aaaaaaaaaaaaaaaaaaaa',
        status: 'waiting',
        position: 2,
        expectedWaitSeconds: 120,
        agent: null,
      },
    });
    expect(event.type).toBe('handoff_state');
  });
});
