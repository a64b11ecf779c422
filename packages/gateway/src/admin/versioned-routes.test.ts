import { AuditList, type OperationId, Problem, ROUTES } from '@finlet/contracts';
import {
  consumerOffer,
  inventoryFaq,
  startTestGateway,
  type TestGateway,
  testFx,
  testRails,
} from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureHandlers } from '../http/handler.js';
import { versionedRoutes } from './versioned-routes.js';

// Every versioned kind's admin routes are served by one handler factory: the same request gets
// the same answer (status, code, headers, audit) whatever the kind.
const KINDS = [
  { segment: 'offers', target: 'offer', content: consumerOffer as { id: string } },
  { segment: 'knowledge', target: 'knowledge', content: inventoryFaq as { id: string } },
  { segment: 'rail-tables', target: 'rail_table', content: testRails as { id: string } },
  {
    segment: 'fx-tables',
    target: 'fx_table',
    content: testFx('fx-versioned', new Date('2026-01-05T08:00:00Z')),
  },
] as const;

describe('versioned content: one handler set for every kind', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('sqlite');
  });
  afterAll(async () => gw?.close());

  describe.each(KINDS)('$segment', ({ segment, target, content }) => {
    const path = `/v1/admin/${segment}`;
    const as = (role: 'author' | 'approver') => gw.admins[role].apiKey;

    it('creates version 1 and the next versions with a location, refuses a second version 1 and a path mismatch', async () => {
      const created = await gw.api('POST', path, { auth: as('author'), body: content });
      expect(created.status, created.text).toBe(201);
      expect(created.headers.get('location')).toBe(`${path}/${content.id}`);

      const again = await gw.api('POST', path, { auth: as('author'), body: content });
      expect(again.status).toBe(409);
      expect(Problem.parse(again.body).code).toBe('conflict');

      const mismatch = await gw.api('POST', `${path}/${content.id}/versions`, {
        auth: as('author'),
        body: { ...content, id: 'someone-else' },
      });
      expect(mismatch.status).toBe(400);
      expect(Problem.parse(mismatch.body)).toMatchObject({
        code: 'invalid_request',
        errors: [{ path: 'id' }],
      });

      const unknown = await gw.api('POST', `${path}/no-such-item/versions`, {
        auth: as('author'),
        body: { ...content, id: 'no-such-item' },
      });
      expect(unknown.status).toBe(404);
      expect(Problem.parse(unknown.body).code).toBe('not_found');

      const next = await gw.api('POST', `${path}/${content.id}/versions`, {
        auth: as('author'),
        body: content,
      });
      expect(next.status, next.text).toBe(201);
      expect(next.body).toMatchObject({ id: content.id, version: 2, status: 'draft' });
      expect(next.headers.get('location')).toBe(`${path}/${content.id}`);
    });

    it('answers every transition with the version and its ETag, and audits each step under the kind', async () => {
      const submitted = await gw.api('POST', `${path}/${content.id}/versions/2/submit`, {
        auth: as('author'),
        body: {},
      });
      expect(submitted.status, submitted.text).toBe(200);
      const { updatedAt, status } = submitted.body as { updatedAt: string; status: string };
      expect(status).toBe('in_review');
      expect(submitted.headers.get('etag')).toBe(`"${updatedAt}"`);

      const audit = await gw.api('GET', `/v1/admin/audit?targetKind=${target}&targetId=${content.id}`, {
        auth: as('approver'),
      });
      expect(
        AuditList.parse(audit.body)
          .entries.map((e) => `${e.action}@${e.target.version}`)
          .reverse(),
      ).toEqual([`${target}.create@1`, `${target}.create_version@2`, `${target}.submit@2`]);
    });
  });

  it('registers only the operations the route list declares for a kind', () => {
    const rails = versionedRoutes('RailTable', {} as never) satisfies FeatureHandlers;
    expect(Object.keys(rails).sort()).toEqual(
      ROUTES.map((r) => r.operationId as OperationId)
        .filter((op) => /RailTables?(Version|Versions)?$/.test(op))
        .sort(),
    );
    expect(rails).not.toHaveProperty('updateRailTableDraft');
  });
});
