import {
  PROBLEM_CODES,
  PROBLEM_TITLES,
  PROBLEM_TYPE_BASE,
  type Problem,
  type ProblemCode,
  type ProblemFieldError,
} from '@finlet/contracts';
import type { z } from 'zod';

export interface HttpProblemOptions {
  detail?: string;
  errors?: ProblemFieldError[];
  headers?: Record<string, string>;
  cause?: unknown;
}

/** The one error class handlers throw; the app renders it as RFC 9457 problem+json. */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  readonly code: ProblemCode;
  readonly status: number;
  readonly detail: string | undefined;
  readonly errors: ProblemFieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(code: ProblemCode, options: HttpProblemOptions = {}) {
    super(
      options.detail ?? PROBLEM_TITLES[code],
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.status = PROBLEM_CODES[code];
    this.detail = options.detail;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }

  toProblem(requestId: string, instance?: string): Problem {
    return {
      type: `${PROBLEM_TYPE_BASE}${this.code}`,
      title: PROBLEM_TITLES[this.code],
      status: this.status,
      ...(this.detail !== undefined ? { detail: this.detail } : {}),
      ...(instance !== undefined ? { instance } : {}),
      code: this.code,
      requestId,
      ...(this.errors !== undefined ? { errors: this.errors } : {}),
    };
  }
}

/** Turns zod issues into field errors with dotted paths, e.g. `amount.value`. */
export function fieldErrors(error: z.ZodError, prefix = ''): ProblemFieldError[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)',
    message:
      issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
    // A rule with its own stable code (e.g. `amount_range_required`) says so in `params.code`.
    code: issue.code === 'custom' && typeof issue.params?.code === 'string' ? issue.params.code : issue.code,
  }));
}

export function invalidRequest(error: z.ZodError, prefix?: string): HttpProblem {
  const errors = fieldErrors(error, prefix);
  const first = errors[0];
  return new HttpProblem('invalid_request', {
    detail: first ? `${first.path}: ${first.message}` : 'The request does not match the schema.',
    errors,
  });
}
