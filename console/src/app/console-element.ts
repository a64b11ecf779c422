import type { AdminRole, Locale } from '@finlet/contracts';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { type ConsoleApi, type ConsoleSession, isConsoleApiError } from '../api/console-api.js';
import { type MessageKey, type Messages, problemMessage, t } from '../i18n/messages.js';
import type { MessageArgs } from '../i18n/translator.js';
import { consoleStyles } from './styles.js';

/** What a failed call shows: the translated sentence, the gateway's own words, the code. */
export interface ShownProblem {
  code: string;
  message: string;
  detail?: string | undefined;
  fields: readonly { path: string; message: string }[];
  requestId?: string | undefined;
}

/**
 * What every console view shares: the API, the signed-in session and the locale (all handed down
 * by `<fc-app>`), translations and the designed error state.
 */
export class ConsoleElement extends LitElement {
  static override styles = [...consoleStyles];

  @property({ attribute: false }) api!: ConsoleApi;
  @property({ attribute: false }) session?: ConsoleSession | undefined;
  /** `zh-CN` (default) or `en`. */
  @property() locale: Locale = 'zh-CN';

  protected t<K extends MessageKey>(key: K, ...args: MessageArgs<Messages, K>): string {
    return t(this.locale, key, ...args);
  }

  protected get adminRole(): AdminRole | undefined {
    return this.session?.admin.role;
  }

  /** Whether the signed-in role may do something allowed to `roles` (admins may do everything). */
  protected can(...roles: AdminRole[]): boolean {
    const role = this.adminRole;
    return role === 'admin' || (role !== undefined && roles.includes(role));
  }

  protected problem(error: unknown): ShownProblem {
    if (isConsoleApiError(error)) {
      return {
        code: error.code,
        message: problemMessage(this.locale, error.code),
        detail: error.detail,
        fields: error.errors,
        requestId: error.requestId,
      };
    }
    return { code: 'internal_error', message: t(this.locale, 'error.generic'), fields: [] };
  }

  protected renderProblem(
    problem: ShownProblem | undefined,
    retry?: () => void,
  ): TemplateResult | typeof nothing {
    if (!problem) return nothing;
    return html`<div class="message error" role="alert" part="error">
      <span>${problem.message}</span>
      ${problem.detail && problem.detail !== problem.message ? html`<span class="detail">${problem.detail}</span>` : nothing}
      ${
        problem.fields.length > 0
          ? html`<ul class="fields">
            ${problem.fields.map((f) => html`<li><code>${f.path}</code>: ${f.message}</li>`)}
          </ul>`
          : nothing
      }
      <span class="code">${t(this.locale, 'error.code', problem.code)}${problem.requestId ? ` · ${problem.requestId}` : ''}</span>
      ${retry ? html`<button type="button" @click=${retry}>${t(this.locale, 'common.retry')}</button>` : nothing}
    </div>`;
  }

  protected renderLoading(): TemplateResult {
    return html`<p role="status" class="muted">${t(this.locale, 'common.loading')}</p>`;
  }

  /** Asks the shell to show another console page (a path under `/console`). */
  protected navigate(path: string): void {
    this.dispatchEvent(new CustomEvent('fc-navigate', { detail: { path }, bubbles: true, composed: true }));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'fc-navigate': CustomEvent<{ path: string }>;
  }
}
