import {
  type AdminRole,
  AuditList,
  DisclosureReceiptList,
  MASKED_USER_ID,
  RiskAssessment,
  RiskAssessmentList,
  USER_DATA_ROUTES,
  type UserDataOperation,
  userDataAccess,
} from '@finlet/contracts';
import { DIALECTS, startTestGateway, type TestGateway } from '@finlet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminKey } from '../bootstrap.js';
import { appendAudit } from '../internal/audit.js';
import { newId } from '../internal/ids.js';

const USER = 'shopper-pii-7731';
const ROLES: readonly AdminRole[] = ['author', 'approver', 'reviewer', 'agent', 'admin'];

/** Every user id found in an answer, at any depth. */
function userIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(userIds);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key === 'userId' && typeof v === 'string' ? [v] : userIds(v),
  );
}

describe.each(DIALECTS)('who reads records of end users (%s)', (dialect) => {
  let gw: TestGateway;
  const keys = {} as Record<AdminRole, string>;
  const assessmentId = newId('rsk');
  const paths: Record<UserDataOperation, { path: string; parse: (body: unknown) => unknown }> = {
    listRiskAssessments: { path: '/v1/admin/risk-assessments', parse: (b) => RiskAssessmentList.parse(b) },
    getRiskAssessmentRecord: {
      path: `/v1/admin/risk-assessments/${assessmentId}`,
      parse: (b) => RiskAssessment.parse(b),
    },
    listDisclosures: { path: '/v1/admin/disclosures', parse: (b) => DisclosureReceiptList.parse(b) },
    listAudit: { path: '/v1/admin/audit?targetKind=agent_grant', parse: (b) => AuditList.parse(b) },
  };

  beforeAll(async () => {
    gw = await startTestGateway(dialect);
    for (const role of ROLES) {
      keys[role] = (await createAdminKey(gw.store, { name: `User-data ${role}`, role })).apiKey;
    }
    const at = gw.clock.now.toISOString();
    await gw.store.riskAssessments.insert({
      id: assessmentId,
      partnerId: gw.partnerA.partner.id,
      userId: USER,
      questionnaireId: 'risk-basic',
      questionnaireVersion: 1,
      score: 12,
      level: 'C3',
      answers: [],
      assessedAt: at,
      expiresAt: at,
    });
    await gw.store.disclosures.insert({
      id: newId('dsr'),
      partnerId: gw.partnerA.partner.id,
      userId: USER,
      surface: 'offers',
      locale: 'en',
      shownAt: at,
      offers: [],
    });
    await appendAudit(
      gw.store,
      { kind: 'partner', id: gw.partnerA.partner.id, name: null },
      null,
      gw.clock.now,
      {
        action: 'agent_grant.created',
        target: { kind: 'agent_grant', id: newId('agt'), version: null },
        after: { userId: USER, partnerId: gw.partnerA.partner.id },
      },
    );
  });
  afterAll(async () => gw?.close());

  const cases = Object.keys(USER_DATA_ROUTES).flatMap((op) =>
    ROLES.map((role) => [op as UserDataOperation, role] as const),
  );

  it.each(cases)('%s as %s: refused, masked or whole as USER_DATA_ROUTES says', async (op, role) => {
    const { path, parse } = paths[op];
    const access = userDataAccess(op, role);
    const res = await gw.api('GET', path, { auth: keys[role] });
    if (access === null) {
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain(USER);
      return;
    }
    expect(res.status).toBe(200);
    const ids = userIds(parse(res.body));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id === (access === 'full' ? USER : MASKED_USER_ID))).toBe(true);
    if (access === 'masked') expect(JSON.stringify(res.body)).not.toContain(USER);

    // Filtering by a user is reading who a record belongs to: only whole readers may.
    if (op === 'getRiskAssessmentRecord' || op === 'listAudit') return;
    const filtered = await gw.api('GET', `${path}?userId=${USER}`, { auth: keys[role] });
    expect(filtered.status).toBe(access === 'full' ? 200 : 403);
  });

  it('keeps the table honest: authors and agents never read user ids whole, admin always does', () => {
    for (const op of Object.keys(USER_DATA_ROUTES) as UserDataOperation[]) {
      expect(userDataAccess(op, 'author')).not.toBe('full');
      expect(userDataAccess(op, 'agent')).toBeNull();
      expect(userDataAccess(op, 'admin')).toBe('full');
    }
  });
});
