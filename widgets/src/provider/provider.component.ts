import type { Locale } from '@finlet/contracts';
import { ContextProvider } from '@lit/context';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { FinletConfig, FinletMode } from '../internal/config.js';
import { finletContext } from '../internal/context.js';

/**
 * @tagname finlet-provider
 * @summary Shares the gateway, session, locale and mode with every Finlet element inside it.
 *
 * @slot - The page content holding Finlet elements.
 *
 * Elements inside read its settings unless they set their own attribute. It renders nothing of
 * its own (`display: contents`).
 */
export class FinletProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
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

  private readonly provider = new ContextProvider(this, { context: finletContext, initialValue: {} });

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.provider.setValue({
      gateway: this.gateway,
      sessionToken: this.sessionToken,
      locale: this.locale,
      mode: this.mode,
      fetchSessionToken: this.fetchSessionToken,
    });
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
