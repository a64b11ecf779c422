import type { AgentGrant, Locale } from '@finlet/contracts';
import { ContextProvider } from '@lit/context';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { FinletConfig, FinletMode } from '../internal/config.js';
import { finletContext } from '../internal/context.js';
import { afterPaint } from '../internal/define.js';
import { formatDateTime, formatMoney } from '../internal/format.js';
import { type Args, format, lookup, messagesReady } from '../internal/messages.js';
import { sessionManager } from '../internal/session-manager.js';
import { type ProviderMessages, providerMessages } from './provider.messages.js';

/**
 * @tagname finlet-provider
 * @summary Shares the gateway, session, locale and mode with every Finlet element inside it.
 *
 * @slot - The page content holding Finlet elements.
 *
 * @csspart agent-grants - The list of AI assistants the user let act for them, each with a revoke button (shown only when there is one).
 *
 * Elements inside read its settings unless they set their own attribute. Of its own it renders
 * only the user's active agent grants, after the content (`display: contents`).
 */
export class FinletProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
    [part='agent-grants'] {
      margin-block: 1rem;
      padding: 0.75rem 1rem;
      border: 1px solid var(--finlet-color-border, #d0d5dd);
      border-radius: var(--finlet-radius, 8px);
      font-family: var(--finlet-font-family, system-ui, sans-serif);
      color: var(--finlet-color-text, #1d2939);
    }
    h2 {
      font-size: 1rem;
      margin: 0 0 0.5rem;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: flex;
      gap: 0.75rem;
      align-items: center;
      justify-content: space-between;
      padding-block: 0.375rem;
    }
    button {
      min-height: 44px;
      min-width: 44px;
      padding-inline: 0.75rem;
      border-radius: var(--finlet-radius, 8px);
      border: 1px solid currentColor;
      background: transparent;
      color: var(--finlet-color-danger, #b42318);
      font: inherit;
      cursor: pointer;
    }
  `;

  /** Base URL of the bank's Finlet gateway. */
  @property() gateway?: string;
  /** Embed-session token minted by your server. */
  @property({ attribute: 'session-token' }) sessionToken?: string;
  /** `zh-CN` (default) or `en`; switchable at run time. */
  @property() locale?: Locale;
  /** `standard` (default) or `elder`. */
  @property() mode?: FinletMode;
  /** Asks your server for a fresh session token (the widgets refresh before expiry). */
  @property({ attribute: false }) fetchSessionToken?: FinletConfig['fetchSessionToken'];
  /** `show` (default): list the user's active AI-agent grants with a revoke button; `hide`: never. */
  @property({ attribute: 'agent-grants' }) agentGrants: 'show' | 'hide' = 'show';

  @state() private grants: AgentGrant[] = [];
  @state() private notice = '';
  private loadedFor: string | undefined;

  private readonly provider = new ContextProvider(this, { context: finletContext, initialValue: {} });

  private get shownLocale(): Locale {
    return this.locale === 'en' ? 'en' : 'zh-CN';
  }

  private async client() {
    if (!this.gateway || !(this.sessionToken || this.fetchSessionToken)) return undefined;
    // The provider calls the gateway only for the agent grants: the transport comes when they are
    // shown (already on the page when an element that needs it at once is).
    await import('../internal/transport.js');
    const manager = sessionManager(this.gateway);
    manager.useToken(this.sessionToken);
    manager.useSource(this.fetchSessionToken);
    return manager.client(this.shownLocale);
  }

  /** Loads the user's active agent grants again. */
  async refreshAgentGrants(): Promise<void> {
    const client = this.agentGrants === 'show' ? await this.client() : undefined;
    if (!client) {
      this.grants = [];
      return;
    }
    try {
      this.grants = await client.agentGrants.list();
    } catch {
      // An older gateway, or a session that cannot list grants: the page's content is unaffected.
      this.grants = [];
    }
  }

  private async revoke(grant: AgentGrant): Promise<void> {
    const client = await this.client();
    if (!client) return;
    await client.agentGrants.revoke(grant.id);
    this.notice = this.t('grants.revoked', grant.agentName);
    await this.refreshAgentGrants();
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.provider.setValue({
      gateway: this.gateway,
      sessionToken: this.sessionToken,
      locale: this.locale,
      mode: this.mode,
      fetchSessionToken: this.fetchSessionToken,
    });
    const key = `${this.gateway}|${this.sessionToken ?? ''}|${Boolean(this.fetchSessionToken)}|${this.agentGrants}`;
    if (this.isConnected && key !== this.loadedFor) {
      this.loadedFor = key;
      // Off the critical path: this list only offers a revoke button, so on a page's first render
      // it waits until an element inside has its first answer (the offers' match), or two seconds.
      if (this.hasUpdated) void this.refreshAgentGrants();
      else afterFirstAnswer(this, () => void this.refreshAgentGrants());
    }
  }

  private t<K extends keyof ProviderMessages>(key: K, ...args: Args<ProviderMessages, K>): string {
    return format(lookup([providerMessages], this.shownLocale, key), key, args);
  }

  /** Waits for the grants' texts in a locale not loaded yet, and only when there are grants to show. */
  // biome-ignore lint/suspicious/noConfusingVoidType: the signature is Lit's own.
  protected override scheduleUpdate(): void | Promise<unknown> {
    const loading =
      this.agentGrants === 'show' && (this.grants.length > 0 || this.notice)
        ? messagesReady([providerMessages], this.shownLocale)
        : undefined;
    return loading ? loading.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  protected override render() {
    const locale = this.shownLocale;
    return html`<slot></slot>${
      this.agentGrants === 'show' && (this.grants.length > 0 || this.notice)
        ? html`<section part="agent-grants" aria-labelledby="finlet-agent-grants-title" lang=${locale}>
            <h2 id="finlet-agent-grants-title">${this.t('grants.title')}</h2>
            <ul>
              ${this.grants.map(
                (grant) => html`<li>
                  <span>
                    <strong>${grant.agentName}</strong><br />
                    ${this.t(
                      'grants.summary',
                      grant.tools
                        .map((tool) => this.t(`grants.tool.${tool}` as 'grants.revoke'))
                        .join(locale === 'en' ? ', ' : '、'),
                      formatMoney(grant.amountCap, locale),
                      formatDateTime(grant.expiresAt, locale),
                    )}
                  </span>
                  <button
                    type="button"
                    aria-label=${this.t('grants.revokeLabel', grant.agentName)}
                    @click=${() => this.revoke(grant)}
                  >
                    ${this.t('grants.revoke')}
                  </button>
                </li>`,
              )}
            </ul>
            <p role="status">${this.notice}</p>
          </section>`
        : nothing
    }`;
  }
}

/**
 * Runs `task` once an element inside `host` had its first answer or failure and the frame showing
 * it is painted, or after two seconds.
 */
function afterFirstAnswer(host: HTMLElement, task: () => void): void {
  let done = false;
  const go = () => {
    if (!done) task();
    done = true;
  };
  const painted = () => afterPaint(go);
  host.addEventListener('finlet-ready', painted, { once: true });
  host.addEventListener('finlet-error', painted, { once: true });
  setTimeout(go, 2_000);
}
