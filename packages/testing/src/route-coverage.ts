import { ROUTES } from '@finlet/contracts';

/** A `fetch` that records `METHOD /path` of every request it sends on, in order. */
export interface RecordingFetch {
  fetch: typeof fetch;
  sent: string[];
}

export function recordingFetch(): RecordingFetch {
  const sent: string[] = [];
  return {
    sent,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      sent.push(`${request.method} ${new URL(request.url).pathname}`);
      return fetch(request);
    },
  };
}

/** Whether `METHOD /path` is a route of the contracts' list (`{param}` matching one encoded segment). */
export function isRoute(line: string): boolean {
  const [method = '', path = ''] = line.split(' ');
  return ROUTES.some(
    (route) =>
      route.method === method.toLowerCase() &&
      new RegExp(`^${route.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path),
  );
}

/** The name of every method of a client object, `resource.method`, but those named in `skip`. */
export function methodsOf(client: object, skip: readonly string[] = []): string[] {
  return Object.entries(client).flatMap(([name, value]) =>
    skip.includes(name)
      ? []
      : typeof value === 'function'
        ? [name]
        : Object.keys(value as object).map((m) => `${name}.${m}`),
  );
}

/** What `routeCoverage` found wrong; every list is empty when each call reaches a route. */
export interface RouteCoverage {
  /** Methods of the client with no call in the test. */
  untested: string[];
  /** Calls in the test that are not methods of the client. */
  unknown: string[];
  /** Calls that sent no request. */
  silent: string[];
  /** Requests to a method and path that is no route of the list. */
  unrouted: string[];
}

/**
 * Makes every call (with whatever input: only where the request goes matters, so failures are
 * ignored) of a client built on `recorder.fetch`, and checks that the calls are exactly the
 * client's methods, that each sent a request, and that each request is a route of the list.
 */
export async function routeCoverage<C extends object>(
  client: C,
  calls: Record<string, (client: C) => Promise<unknown>>,
  recorder: RecordingFetch,
  options: { skip?: readonly string[] } = {},
): Promise<RouteCoverage> {
  const methods = methodsOf(client, options.skip);
  const start = recorder.sent.length;
  const silent: string[] = [];
  for (const [name, call] of Object.entries(calls)) {
    const before = recorder.sent.length;
    await call(client).catch(() => undefined);
    if (recorder.sent.length === before) silent.push(name);
  }
  return {
    untested: methods.filter((m) => !Object.hasOwn(calls, m)).sort(),
    unknown: Object.keys(calls)
      .filter((name) => !methods.includes(name))
      .sort(),
    silent,
    unrouted: recorder.sent.slice(start).filter((line) => !isRoute(line)),
  };
}
