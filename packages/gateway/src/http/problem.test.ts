import { PROBLEM_CODES, Problem } from '@finlet/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpProblem, invalidRequest } from './problem.js';

describe('HttpProblem', () => {
  it('renders every code as a valid RFC 9457 problem with its status and troubleshooting link', () => {
    for (const [code, status] of Object.entries(PROBLEM_CODES)) {
      const problem = new HttpProblem(code as keyof typeof PROBLEM_CODES).toProblem('req_1', '/v1/x');
      expect(Problem.parse(problem)).toMatchObject({ code, status, requestId: 'req_1', instance: '/v1/x' });
      expect(problem.type).toMatch(new RegExp(`#${code}$`));
    }
  });

  it('names each invalid field by its dotted path and lists unknown fields', () => {
    const schema = z.strictObject({ amount: z.strictObject({ value: z.int() }) });
    const error = schema.safeParse({ amount: { value: 'ten' }, extra: 1 }).error!;
    const problem = invalidRequest(error);
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['(root)', 'amount.value']);
    expect(problem.errors?.find((e) => e.path === '(root)')?.message).toBe('unknown field(s): extra');
  });
});
