import { AdminRole, APPLICANT_FIELD_ACCESS } from '@finlet/contracts';
import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../http/problem.js';
import { maskApplicant } from './mask.js';

const applicant = {
  name: '王芳',
  businessName: '杭州云仓贸易有限公司',
  phone: '+86 138 0013 8000',
  email: 'wang.fang@example.com',
  idNumberMasked: '1101**********1234',
};

describe('what each admin role sees of an applicant', () => {
  it('shows the approver contact details whole, never the whole ID number', () => {
    expect(maskApplicant(applicant, 'approver')).toEqual(applicant);
  });

  it('masks the reviewer’s view of contact details', () => {
    expect(maskApplicant(applicant, 'reviewer')).toEqual({
      ...applicant,
      phone: '*********8000',
      email: 'w***@example.com',
    });
  });

  it('shows an admin or an agent a partial name and no ID number', () => {
    expect(maskApplicant(applicant, 'admin')).toMatchObject({ name: '王**', idNumberMasked: null });
    expect(maskApplicant(applicant, 'agent')).toMatchObject({
      name: '王**',
      phone: null,
      email: null,
      idNumberMasked: null,
    });
  });

  it('refuses an author, and has a policy for every role', () => {
    expect(() => maskApplicant(applicant, 'author')).toThrow(HttpProblem);
    expect(Object.keys(APPLICANT_FIELD_ACCESS).sort()).toEqual([...AdminRole.options].sort());
  });

  it('never reveals more for a role than its policy allows, whatever the input', () => {
    for (const role of AdminRole.options.filter((r) => r !== 'author')) {
      const seen = JSON.stringify(maskApplicant(applicant, role));
      const policy = APPLICANT_FIELD_ACCESS[role]!;
      if (policy.phone !== 'full') expect(seen, role).not.toContain('138 0013');
      if (policy.email !== 'full') expect(seen, role).not.toContain('wang.fang');
      if (policy.name !== 'full') expect(seen, role).not.toContain('王芳');
    }
  });
});
