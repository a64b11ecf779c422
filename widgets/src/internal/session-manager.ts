import {
  type CreateSessionClient,
  decodeClaims,
  type FinletClient,
  isFinletApiError,
  REFRESH_MARGIN_MS,
  type SessionTokenSource,
  SessionTokens,
} from '@finlet/client/light';
import type { Locale } from '@finlet/contracts';
import { afterPaint } from './define.js';

export type SessionStatus = 'active' | 'expired';

export interface SessionSubscriber {
  /** Where `finlet-session-expired` is dispatched from (one element per expiry, not all of them). */
  readonly element: HTMLElement;
  statusChanged(status: SessionStatus): void;
}

interface TokenMessage {
  token: string;
}

const issuedAt = (token: string | undefined): number => {
  const iat = token ? decodeClaims(token)?.iat : undefined;
  return typeof iat === 'number' ? iat : 0;
};

/**
 * How this page's clients are made. An element that calls the gateway as soon as it shows brings
 * the transport (ky and the route calls) along (`./transport.js`); the chat brings a deferred one
 * that loads it meanwhile (`./lazy-transport.js`), and paints without it; the provider imports the
 * transport when it first shows the agent grants.
 */
let transport: CreateSessionClient | undefined;

/** Called by `./transport.js` and `./lazy-transport.js`; a loaded transport is never replaced by a deferred one. */
export function provideTransport(create: CreateSessionClient, lazy = false): void {
  if (!lazy || !transport) transport = create;
}

/** Random 0–5 s taken off the refresh time so that pages opened together do not refresh together. */
const JITTER_MS = 5_000;
const RETRY_MS = 5_000;
/**
 * Tabs that are not the leader refresh only this close to expiry, as a fallback for a leader that
 * was closed or throttled in the background; normally the leader's fresh token reaches them first.
 */
const FOLLOWER_MARGIN_MS = 10_000;
/** setTimeout fires at once beyond 2^31−1 ms (24.8 days); longer waits are taken in steps. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * One per gateway and page: every element shares its token and its refreshes. It refreshes
 * through `fetchSessionToken` shortly before expiry (a timer, not a failure), keeps one refresh in
 * flight however many elements ask, shares fresh tokens with the page's other tabs over a
 * BroadcastChannel, and, with no way to refresh, tells every element the session has ended.
 */
export class SessionManager {
  readonly tokens: SessionTokens;
  status: SessionStatus = 'active';
  readonly #clients = new Map<string, FinletClient>();
  readonly #subscribers = new Set<SessionSubscriber>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #channel: BroadcastChannel | undefined;
  #fromOtherTab = false;
  /** Whether this tab holds the page-group lock that makes it the one to refresh on time. */
  #leader = false;
  #releaseLeadership: (() => void) | undefined;

  constructor(
    readonly gateway: string,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = new SessionTokens({ token: undefined, expiresAt: undefined }, undefined, now);
    this.tokens.onChange((state) => {
      if (!this.#fromOtherTab && state.token) {
        this.#channel?.postMessage({ token: state.token } satisfies TokenMessage);
      }
      if (state.token && this.status === 'expired' && !this.#isLapsed()) this.#setStatus('active');
      this.#schedule();
    });
  }

  /** A client for this page's session that asks for answers in `locale`. */
  client(locale: Locale): FinletClient {
    let client = this.#clients.get(locale);
    if (!client) {
      // The match goes without a CORS preflight: offers are on screen one round trip after the call.
      if (!transport) throw new Error('Finlet: import an element (its entry), not only its class');
      client = transport({ gateway: this.gateway, locale, simpleRequests: true }, this.tokens);
      this.#clients.set(locale, client);
    }
    return client;
  }

  /** A token handed over by the page (attribute or configure); ignored when it is the current one. */
  useToken(token: string | undefined, expiresAt?: string | Date): void {
    if (!token || token === this.tokens.getToken()) return;
    this.tokens.setToken(token, expiresAt);
  }

  useSource(source: SessionTokenSource | undefined): void {
    if (!source) return;
    this.tokens.setSource(source);
    if (this.status === 'expired') {
      // A way to refresh arrived after the session lapsed: try it at once.
      this.tokens.refresh().catch(() => undefined);
    }
    this.#schedule();
  }

  subscribe(subscriber: SessionSubscriber): () => void {
    this.#subscribers.add(subscriber);
    if (this.#subscribers.size === 1) {
      // The tabs' channel and the leader's lock cost a few milliseconds of main thread to open,
      // and matter only near expiry: they open once the first frame is painted, not before it (at
      // once in a tab opened in the background, which paints no frame until it is shown).
      const open = () => this.#subscribers.size > 0 && this.#open();
      globalThis.document?.hidden ? setTimeout(open) : afterPaint(open);
    }
    this.#schedule();
    return () => {
      this.#subscribers.delete(subscriber);
      if (this.#subscribers.size === 0) this.#close();
    };
  }

  /** Elements report failed calls here; a session error with no way to refresh ends the session. */
  report(error: unknown): void {
    if (
      isFinletApiError(error) &&
      error.status === 401 &&
      (error.code === 'session_expired' || error.code === 'invalid_token') &&
      !this.tokens.canRefresh
    ) {
      this.#setStatus('expired');
    }
  }

  #isLapsed(): boolean {
    const expiresAt = this.tokens.getExpiresAt();
    return expiresAt !== undefined && expiresAt.getTime() <= this.now();
  }

  #setStatus(status: SessionStatus): void {
    if (this.status === status) return;
    this.status = status;
    if (status === 'expired') {
      const first = [...this.#subscribers].find((s) => s.element.isConnected);
      first?.element.dispatchEvent(
        new CustomEvent('finlet-session-expired', {
          bubbles: true,
          composed: true,
          detail: { gateway: this.gateway, expiredAt: this.tokens.getExpiresAt()?.toISOString() ?? null },
        }),
      );
    }
    for (const subscriber of this.#subscribers) subscriber.statusChanged(status);
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#subscribers.size === 0) return;
    const expiresAt = this.tokens.getExpiresAt();
    if (!expiresAt) return;
    const left = expiresAt.getTime() - this.now();
    const wait = this.tokens.canRefresh
      ? this.#leader
        ? Math.max(0, left - REFRESH_MARGIN_MS - Math.random() * JITTER_MS)
        : Math.max(0, left - FOLLOWER_MARGIN_MS)
      : Math.max(0, left);
    if (wait > MAX_TIMER_MS) {
      this.#timer = setTimeout(() => this.#schedule(), MAX_TIMER_MS);
      return;
    }
    if (this.tokens.canRefresh) {
      this.#timer = setTimeout(() => {
        this.tokens.refresh().catch(() => {
          // Try again shortly while the token still works; a call made meanwhile refreshes on its own.
          if (!this.#isLapsed()) this.#timer = setTimeout(() => this.#schedule(), RETRY_MS);
          else this.#setStatus('expired');
        });
      }, wait);
    } else {
      this.#timer = setTimeout(() => this.#setStatus('expired'), wait);
    }
  }

  #open(): void {
    this.#lead();
    if (typeof BroadcastChannel === 'undefined' || this.#channel) return;
    this.#channel = new BroadcastChannel(`finlet-session:${this.gateway}`);
    this.#channel.onmessage = (event: MessageEvent<TokenMessage>) => {
      const { token } = event.data ?? {};
      if (typeof token !== 'string' || token === this.tokens.getToken()) return;
      // Only a newer token replaces ours (tabs may refresh at nearly the same time).
      if (issuedAt(token) < issuedAt(this.tokens.getToken())) return;
      this.#fromOtherTab = true;
      try {
        this.tokens.setToken(token);
      } finally {
        this.#fromOtherTab = false;
      }
    };
  }

  /**
   * One tab per origin and gateway leads: it holds a Web Lock for as long as it has elements, and
   * only it refreshes ahead of time; when it goes away the lock passes to another tab. Without Web
   * Locks every tab leads (the jitter then keeps double refreshes rare).
   */
  #lead(): void {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) {
      this.#leader = true;
      this.#schedule();
      return;
    }
    if (this.#releaseLeadership) return;
    const held = new Promise<void>((resolve) => {
      this.#releaseLeadership = resolve;
    });
    locks
      .request(`finlet-session-leader:${this.gateway}`, () => {
        this.#leader = true;
        this.#schedule();
        return held;
      })
      .catch(() => {
        this.#leader = true;
        this.#schedule();
      });
  }

  #close(): void {
    this.#releaseLeadership?.();
    this.#releaseLeadership = undefined;
    this.#leader = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#channel?.close();
    this.#channel = undefined;
  }
}

const managers = new Map<string, SessionManager>();

/** The page's session manager for `gateway` (one per gateway URL). */
export function sessionManager(gateway: string): SessionManager {
  const key = gateway.replace(/\/+$/, '');
  let manager = managers.get(key);
  if (!manager) {
    manager = new SessionManager(key);
    managers.set(key, manager);
  }
  return manager;
}
