import { ROUTES, type RouteSpec } from '@finlet/contracts';
import { describe, expect, it } from 'vitest';
import { responseIssues } from './responses.js';

const route = (operationId: string): RouteSpec => {
  const found = ROUTES.find((r) => r.operationId === operationId);
  if (!found) throw new Error(operationId);
  return found;
};
const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
const consent = {
  id: 'cns_0123456789abcdef',
  partnerId: 'prt_1',
  userId: 'u1',
  scopes: ['profile.basic'],
  purpose: 'advice',
  offerId: null,
  dataCategories: [],
  recipients: { bank: 'Bank', partner: 'Shop' },
  retentionDays: 30,
  status: 'active',
  grantedAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-02-01T00:00:00.000Z',
  withdrawnAt: null,
};

describe('responseIssues', () => {
  it('passes an answer that matches the schema declared for its status', async () => {
    expect(await responseIssues(route('getConsent'), json(consent))).toEqual([]);
    expect(await responseIssues(route('deleteConsoleSession'), new Response(null, { status: 204 }))).toEqual(
      [],
    );
  });

  it('names what disagrees: a field, an undeclared status, a problem of the wrong shape', async () => {
    const { status: _status, ...noStatus } = consent;
    expect(await responseIssues(route('getConsent'), json(noStatus))).toEqual([
      expect.stringMatching(/^status: /),
    ]);
    expect(await responseIssues(route('getConsent'), json(consent, 201))).toEqual([
      'status 201 is not declared',
    ]);
    expect(
      await responseIssues(route('getConsent'), json({ code: 'not_found' }, 404, 'application/problem+json')),
    ).not.toEqual([]);
    expect(await responseIssues(route('getConsent'), json(consent, 200, 'text/plain'))).toEqual([
      'content-type text/plain where JSON is declared',
    ]);
  });

  it('lets through what it cannot hold: problems of the right shape, undeclared schemas, streams', async () => {
    const problem = {
      type: 'https://finlet.dev/problems/not_found',
      title: 'Not found',
      status: 404,
      code: 'not_found',
      requestId: 'req_1',
    };
    expect(await responseIssues(route('getConsent'), json(problem, 404, 'application/problem+json'))).toEqual(
      [],
    );
    expect(await responseIssues(route('openapi'), json({ openapi: '3.1.0' }))).toEqual([]);
    const stream = new Response('event: done\ndata: {}\n\n', {
      headers: { 'content-type': 'text/event-stream; charset=utf-8' },
    });
    expect(await responseIssues(route('sendChatMessage'), stream)).toEqual([]);
  });
});
