import {
  decodeClaims,
  type FinletClient,
  isFinletApiError,
  isFinletRateLimitError,
  isFinletTimeoutError,
  isFinletValidationError,
} from '@finlet/client/light';
import type { Locale } from '@finlet/contracts';
import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { type CommonMessages, commonMessages } from './common.messages.js';
import { type FinletConfig, type FinletMode, globalConfig, onGlobalConfig } from './config.js';
import { finletContext } from './context.js';
import { emit, type FinletErrorDetail, type FinletEventDetail, type FinletEventName } from './events.js';
import { type Args, type Dictionary, format, lookup, type MessageBundle, messagesReady } from './messages.js';
import { type SessionManager, type SessionStatus, sessionManager } from './session-manager.js';

export interface ResolvedConfig extends Omit<FinletConfig, 'locale' | 'mode'> {
  locale: Locale;
  mode: FinletMode;
}

/** A failure turned into what the element shows and what `finlet-error` carries. */
export interface ShownError extends FinletErrorDetail {}

/**
 * What every Finlet element shares: configuration (own attributes, then the enclosing
 * `<finlet-provider>`, then `finlet.configure()`), the page's session, translations, errors and
 * typed events. One level of inheritance only; behaviour lives in controllers and helpers.
 */
export class FinletElement<M extends Dictionary = CommonMessages> extends LitElement {
  /**
   * The message bundles this element shows, its own and the common one; the locale in use is
   * loaded before the element renders in it.
   * @internal
   */
  static messages: readonly MessageBundle[] = [commonMessages];

  /** Base URL of the Finlet gateway. */
  @property() gateway?: string;
  /** Embed-session token minted by your server. */
  @property({ attribute: 'session-token' }) sessionToken?: string;
  /** `zh-CN` (default) or `en`. */
  @property() locale?: Locale;
  /** `standard` (default) or `elder`: larger text and targets, high contrast, one choice first. */
  @property() mode?: FinletMode;
  /** Asks your server for a fresh session token (shared by the whole page). */
  @property({ attribute: false }) fetchSessionToken?: FinletConfig['fetchSessionToken'];

  @state() protected sessionStatus: SessionStatus = 'active';
  /** Set when no token and no way to get one arrived within a few seconds of connecting. */
  @state() private credentialsLate = false;
  #credentialsTimer: ReturnType<typeof setTimeout> | undefined;
  #provided: FinletConfig = {};
  #manager: SessionManager | undefined;
  #unsubscribe: (() => void) | undefined;
  #unwatchGlobal: (() => void) | undefined;

  constructor() {
    super();
    new ContextConsumer(this, {
      context: finletContext,
      subscribe: true,
      callback: (value) => {
        this.#provided = value ?? {};
        this.requestUpdate();
      },
    });
  }

  /** The configuration in force: own attributes, then provider, then page-wide. */
  protected get config(): ResolvedConfig {
    const global = globalConfig();
    const pick = <K extends keyof FinletConfig>(key: K): FinletConfig[K] =>
      this[key as keyof this] !== undefined
        ? (this[key as keyof this] as FinletConfig[K])
        : this.#provided[key] !== undefined
          ? this.#provided[key]
          : global[key];
    const locale = pick('locale');
    return {
      gateway: pick('gateway'),
      sessionToken: pick('sessionToken'),
      fetchSessionToken: pick('fetchSessionToken'),
      locale: locale === 'en' || locale === 'zh-CN' ? locale : 'zh-CN',
      mode: pick('mode') === 'elder' ? 'elder' : 'standard',
    };
  }

  protected get elder(): boolean {
    return this.config.mode === 'elder';
  }

  /** The page's client for the configured gateway, or undefined when no gateway is set. */
  protected get client(): FinletClient | undefined {
    return this.#sync()?.client(this.config.locale);
  }

  /**
   * Whether a token or a way to fetch one is known. Elements wait (showing "loading") until it is:
   * `finlet.configure()` often runs in a script after the elements were upgraded.
   */
  protected get credentialed(): boolean {
    const { sessionToken, fetchSessionToken } = this.config;
    return Boolean(
      sessionToken ||
        fetchSessionToken ||
        this.#manager?.tokens.getToken() ||
        this.#manager?.tokens.canRefresh,
    );
  }

  /** Display-only claims of the current session (prefill, scenario); never trusted. */
  protected get claims(): Record<string, unknown> | undefined {
    const token = this.#manager?.tokens.getToken();
    return token ? decodeClaims(token) : undefined;
  }

  get #bundles(): readonly MessageBundle[] {
    return (this.constructor as typeof FinletElement).messages;
  }

  /** The message `key` in the element's locale, with its arguments applied. */
  protected t<K extends keyof (CommonMessages & M) & string>(
    key: K,
    ...args: Args<CommonMessages & M, K>
  ): string {
    return format(lookup(this.#bundles, this.config.locale, key), key, args);
  }

  /** `t` for the common messages, which every element has whatever its own are. */
  #common<K extends keyof CommonMessages>(key: K, ...args: Args<CommonMessages, K>): string {
    return format(lookup(this.#bundles, this.config.locale, key), key, args);
  }

  /** The translated message for an error code, falling back to a generic one for codes added later. */
  protected errorText(code: string): string {
    const entry = lookup(this.#bundles, this.config.locale, `error.${code}`);
    return typeof entry === 'string' ? entry : this.#common('error.generic');
  }

  /** Waits for the messages of a locale not loaded yet (`en` on first use), then renders. */
  // biome-ignore lint/suspicious/noConfusingVoidType: the signature is Lit's own.
  protected override scheduleUpdate(): void | Promise<unknown> {
    const loading = messagesReady(this.#bundles, this.config.locale);
    return loading ? loading.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  protected emit<K extends FinletEventName>(
    name: K,
    detail: FinletEventDetail<K>,
    options?: { cancelable?: boolean },
  ): boolean {
    return emit(this, name, detail, options);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unwatchGlobal = onGlobalConfig(() => this.requestUpdate());
    this.#sync();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unwatchGlobal?.();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#manager = undefined;
    clearTimeout(this.#credentialsTimer);
    this.#credentialsTimer = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#sync();
  }

  /** Hands the configured token and token source to the page's session manager for the gateway. */
  #sync(): SessionManager | undefined {
    const { gateway, sessionToken, fetchSessionToken } = this.config;
    if (!gateway) return undefined;
    const manager = sessionManager(gateway);
    if (manager !== this.#manager) {
      this.#unsubscribe?.();
      this.#manager = manager;
      this.sessionStatus = manager.status;
      if (this.isConnected) {
        this.#unsubscribe = manager.subscribe({
          element: this,
          statusChanged: (status) => {
            this.sessionStatus = status;
            this.sessionChanged(status);
          },
        });
      }
    }
    manager.useToken(sessionToken);
    manager.useSource(fetchSessionToken);
    if (!this.credentialed && !this.#credentialsTimer && this.isConnected) {
      this.#credentialsTimer = setTimeout(() => {
        this.credentialsLate = !this.credentialed;
      }, 3_000);
    } else if (this.credentialed) {
      this.credentialsLate = false;
    }
    return manager;
  }

  /** Called when the session ends or comes back (another tab refreshed it); elements may reload. */
  protected sessionChanged(_status: SessionStatus): void {}

  /** Turns a failure into what is shown, emits `finlet-error`, and tells the session manager. */
  protected fail(error: unknown): ShownError {
    this.#manager?.report(error);
    let shown: ShownError;
    if (isFinletRateLimitError(error) && error.retryAfter !== undefined) {
      shown = {
        code: error.code,
        message: this.#common('error.rateLimitedWait', error.retryAfter),
        status: error.status,
        retryAfter: error.retryAfter,
        ...(error.requestId ? { requestId: error.requestId } : {}),
      };
    } else if (isFinletApiError(error)) {
      shown = {
        code: error.code,
        message: this.errorText(error.code),
        status: error.status,
        ...(error.requestId ? { requestId: error.requestId } : {}),
      };
    } else if (isFinletTimeoutError(error)) {
      shown = { code: 'timeout', message: this.errorText('timeout') };
    } else if (isFinletValidationError(error)) {
      shown = { code: 'invalid_response', message: this.errorText('generic') };
    } else {
      shown = { code: 'network', message: this.errorText('network') };
    }
    this.emit('finlet-error', shown);
    return shown;
  }

  /** What to show for a failure that was not caught by `fail` (should not happen). */
  protected unknownError(): ShownError {
    return { code: 'internal_error', message: this.errorText('generic') };
  }

  /** The designed states every element shares. */
  protected renderConfigProblem(): TemplateResult | typeof nothing {
    if (!this.config.gateway) {
      return html`<div class="message error" role="alert" part="error">${this.#common('config.noGateway')}</div>`;
    }
    if (this.sessionStatus === 'expired') {
      return html`<div class="message error" role="alert" part="error">${this.#common('session.expired')}</div>`;
    }
    if (!this.credentialed) {
      return this.credentialsLate
        ? html`<div class="message error" role="alert" part="error">${this.#common('config.noSession')}</div>`
        : this.renderLoading();
    }
    return nothing;
  }

  protected renderError(error: ShownError, retry?: () => void): TemplateResult {
    return html`<div class="message error" role="alert" part="error">
      <span>${error.message}</span>
      <span class="code">${this.#common('error.code', error.code)}${error.requestId ? ` · ${error.requestId}` : ''}</span>
      ${retry ? html`<button type="button" @click=${retry}>${this.#common('common.retry')}</button>` : nothing}
    </div>`;
  }

  protected renderLoading(): TemplateResult {
    return html`<div role="status" aria-live="polite" part="loading">
      <span class="visually-hidden">${this.#common('common.loading')}</span>
      <div class="skeleton" aria-hidden="true"></div>
    </div>`;
  }
}
