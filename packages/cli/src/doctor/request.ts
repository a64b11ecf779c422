import { isFinletApiError, isFinletError } from '@finlet/client';

/** What `request` got: the response and its body with when it was sent and received, or why not. */
export type Fetched =
  | { response: Response; body: string; sentAt: number; receivedAt: number }
  | { error: string };

export async function request(
  url: string,
  options: {
    timeoutMs: number;
    now: () => number;
    method?: string;
    body?: string;
    headers?: Record<string, string>;
    accept?: string;
  },
): Promise<Fetched> {
  const sentAt = options.now();
  try {
    const response = await fetch(url, {
      method: options.method ?? 'GET',
      headers: { accept: options.accept ?? 'application/json', ...options.headers },
      ...(options.body === undefined ? {} : { body: options.body }),
      redirect: options.method === 'POST' ? 'manual' : 'follow',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const receivedAt = options.now();
    const body = await response.text();
    return { response, body, sentAt, receivedAt };
  } catch (error) {
    return { error: networkReason(error, options.timeoutMs) };
  }
}

/** The innermost cause's code (ECONNREFUSED, ENOTFOUND…) or message: what a person can act on. */
function networkReason(error: unknown, timeoutMs: number): string {
  let current: unknown = error;
  let reason = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 6 && current instanceof Error; depth++) {
    if (current.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
    if ('code' in current && typeof current.code === 'string' && /^E[A-Z]+/.test(current.code))
      return current.code;
    reason = current.message || reason;
    current = current instanceof AggregateError && current.errors[0] ? current.errors[0] : current.cause;
  }
  return reason;
}

export function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function problemText(problem: unknown): string {
  if (problem && typeof problem === 'object') {
    const p = problem as { title?: unknown; detail?: unknown; code?: unknown };
    const text = [p.title, p.detail].filter((x) => typeof x === 'string').join(': ');
    if (text) return typeof p.code === 'string' ? `${text} [${p.code}]` : text;
  }
  return 'it answered with an error';
}

/** The path of the first field error of a 400 problem (`scenario`, `origin`), if any. */
export function fieldError(error: unknown): string | undefined {
  return isFinletApiError(error) && error.status === 400 ? error.problem?.errors?.[0]?.path : undefined;
}

export function errorText(error: unknown): string {
  if (isFinletApiError(error)) return `${problemText(error.problem)} (HTTP ${error.status})`;
  if (isFinletError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** The claims of a session token, read without verifying: the gateway just minted it for us. */
export function decodeClaims(token: string): { aud?: string; iss?: string; iat?: number } {
  try {
    const payload = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as Record<string, unknown>;
    return {
      ...(typeof payload.aud === 'string' ? { aud: payload.aud } : {}),
      ...(typeof payload.iss === 'string' ? { iss: payload.iss } : {}),
      ...(typeof payload.iat === 'number' ? { iat: payload.iat } : {}),
    };
  } catch {
    return {};
  }
}
