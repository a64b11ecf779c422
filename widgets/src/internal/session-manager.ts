import {
  createUncheckedClient,
  decodeExpiry,
  type FinletClient,
  isFinletApiError,
  REFRESH_MARGIN_MS,
  type SessionTokenSource,
  SessionTokens,
} from '@finlet/client/unchecked';
import type { Locale } from '@finlet/contracts';

export type SessionStatus = 'active' | 'expired';

export interface SessionSubscriber {
  /** Where `finlet-session-expired` is dispatched from (one element per expiry, not all of them). */
  readonly element: HTMLElement;
  statusChanged(status: SessionStatus): void;
}

interface TokenMessage {
  token: string;
  expiresAt: string | null;
}

/** Random 0–5 s added to the refresh time so that several tabs rarely refresh at the same moment. */
const JITTER_MS = 5_000;
const RETRY_MS = 5_000;

/**
 * One per gateway and page: every element shares its token and its refreshes. It refreshes
 * through `fetchSessionToken` shortly before expiry (a timer, not a failure), keeps one refresh in
 * flight however many elements ask, shares fresh tokens with the page's other tabs over a
 * BroadcastChannel, and, with no way to refresh, tells every element the session has ended.
 */
export class SessionManager {
  readonly tokens: SessionTokens;
  status: SessionStatus = 'active';
  private readonly clients = new Map<string, FinletClient>();
  private readonly subscribers = new Set<SessionSubscriber>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private channel: BroadcastChannel | undefined;
  private fromOtherTab = false;

  constructor(
    readonly gateway: string,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = new SessionTokens({ token: undefined, expiresAt: undefined }, undefined, now);
    this.tokens.onChange((state) => {
      if (!this.fromOtherTab && state.token) {
        this.channel?.postMessage({
          token: state.token,
          expiresAt: state.expiresAt?.toISOString() ?? null,
        } satisfies TokenMessage);
      }
      if (state.token && this.status === 'expired' && !this.isLapsed()) this.setStatus('active');
      this.schedule();
    });
  }

  /** A client for this page's session that asks for answers in `locale`. */
  client(locale: Locale): FinletClient {
    let client = this.clients.get(locale);
    if (!client) {
      client = createUncheckedClient({ gateway: this.gateway, locale }, this.tokens);
      this.clients.set(locale, client);
    }
    return client;
  }

  /** A token handed over by the page (attribute or configure); ignored when it is the current one. */
  useToken(token: string | undefined, expiresAt?: string | Date): void {
    if (!token || token === this.tokens.getToken()) return;
    this.tokens.setToken(token, expiresAt ?? decodeExpiry(token));
  }

  useSource(source: SessionTokenSource | undefined): void {
    if (!source) return;
    this.tokens.setSource(source);
    if (this.status === 'expired') {
      // A way to refresh arrived after the session lapsed: try it at once.
      this.tokens.refresh().catch(() => undefined);
    }
    this.schedule();
  }

  subscribe(subscriber: SessionSubscriber): () => void {
    this.subscribers.add(subscriber);
    if (this.subscribers.size === 1) this.open();
    this.schedule();
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) this.close();
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
      this.setStatus('expired');
    }
  }

  private isLapsed(): boolean {
    const expiresAt = this.tokens.getExpiresAt();
    return expiresAt !== undefined && expiresAt.getTime() <= this.now();
  }

  private setStatus(status: SessionStatus): void {
    if (this.status === status) return;
    this.status = status;
    if (status === 'expired') {
      const first = [...this.subscribers].find((s) => s.element.isConnected);
      first?.element.dispatchEvent(
        new CustomEvent('finlet-session-expired', {
          bubbles: true,
          composed: true,
          detail: { gateway: this.gateway, expiredAt: this.tokens.getExpiresAt()?.toISOString() ?? null },
        }),
      );
    }
    for (const subscriber of this.subscribers) subscriber.statusChanged(status);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.subscribers.size === 0) return;
    const expiresAt = this.tokens.getExpiresAt();
    if (!expiresAt) return;
    const left = expiresAt.getTime() - this.now();
    if (this.tokens.canRefresh) {
      const wait = Math.max(0, left - REFRESH_MARGIN_MS - Math.random() * JITTER_MS);
      this.timer = setTimeout(() => {
        this.tokens.refresh().catch(() => {
          // Try again shortly while the token still works; a call made meanwhile refreshes on its own.
          if (!this.isLapsed()) this.timer = setTimeout(() => this.schedule(), RETRY_MS);
          else this.setStatus('expired');
        });
      }, wait);
    } else {
      this.timer = setTimeout(() => this.setStatus('expired'), Math.max(0, left));
    }
  }

  private open(): void {
    if (typeof BroadcastChannel === 'undefined' || this.channel) return;
    this.channel = new BroadcastChannel(`finlet-session:${this.gateway}`);
    this.channel.onmessage = (event: MessageEvent<TokenMessage>) => {
      const { token, expiresAt } = event.data ?? {};
      if (typeof token !== 'string' || token === this.tokens.getToken()) return;
      const current = this.tokens.getExpiresAt()?.getTime() ?? 0;
      const incoming = expiresAt ? Date.parse(expiresAt) : Number.POSITIVE_INFINITY;
      if (incoming <= current) return;
      this.fromOtherTab = true;
      try {
        this.tokens.setToken(token, expiresAt ?? undefined);
      } finally {
        this.fromOtherTab = false;
      }
    };
  }

  private close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.channel?.close();
    this.channel = undefined;
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

/** Decodes a JWT segment into text (UTF-8), for reading display-only claims such as `pre`. */
export function base64UrlDecode(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** The claims of a session token, unverified: only for display hints like the prefill. */
export function readClaims(token: string | undefined): Record<string, unknown> | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    return JSON.parse(base64UrlDecode(payload)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
