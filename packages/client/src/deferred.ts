import type { ClientOptions, FinletClient } from './core.js';
import { type SessionTokens, sessionFor } from './session.js';

/** Makes the session client once its module has loaded (`createUncheckedClient`). */
export type CreateSessionClient = (options: ClientOptions, shared?: SessionTokens) => FinletClient;

/** The client's methods that answer with a stream (an async generator) rather than a promise. */
const STREAMS: ReadonlySet<string> = new Set(['send', 'events']);

type Loose = Record<string, Record<string, (...args: unknown[]) => unknown>>;

/**
 * A session client usable before its transport (ky, the route calls: about 6 KB brotli) has
 * loaded: the load starts at once, and every call waits for it, then goes through the loaded
 * client. An element that calls nothing before the user acts (the chat) paints without the
 * transport and has it by the time it is needed. A failed load (the network dropped) is tried
 * again on the next call. `session` and `options` are there at once.
 *
 * @example
 * const client = deferredClient(
 *   () => import('@finlet/client/unchecked').then((m) => m.createUncheckedClient),
 *   { gateway },
 * );
 * client.session.setToken(token);
 * for await (const part of client.chat.send({ text })) render(part);
 */
export function deferredClient(
  load: () => Promise<CreateSessionClient>,
  options: ClientOptions,
  shared?: SessionTokens,
): FinletClient {
  const session = sessionFor(options, shared);
  let loading: Promise<FinletClient> | undefined;
  const loaded = () =>
    (loading ??= load().then(
      (create) => create(options, session),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  loaded().catch(() => undefined);
  const method = (group: string, name: string) =>
    STREAMS.has(name)
      ? async function* (...args: unknown[]) {
          yield* ((await loaded()) as unknown as Loose)[group]![name]!(...args) as AsyncGenerator;
        }
      : async (...args: unknown[]) => ((await loaded()) as unknown as Loose)[group]![name]!(...args);
  const own: Partial<FinletClient> = {
    options,
    session,
    health: async () => (await loaded()).health(),
    extend: (more) =>
      deferredClient(
        load,
        { ...options, ...more },
        more.fetchSessionToken || more.token ? undefined : session,
      ),
  };
  // The operations' groups (offers, chat, …) are read off the loaded client: nothing here lists them.
  return new Proxy(own, {
    get: (target, group) =>
      typeof group !== 'string' || group in target
        ? target[group as keyof FinletClient]
        : new Proxy({}, { get: (_, name) => (typeof name === 'string' ? method(group, name) : undefined) }),
  }) as FinletClient;
}
