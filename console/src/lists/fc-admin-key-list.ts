import type { AdminKeySummary } from '@finlet/contracts';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ConsoleElement, type ShownProblem } from '../app/console-element.js';
import { formatDateTime } from '../i18n/translator.js';

/**
 * @summary The bank's admin keys (never their secrets), each revocable after a confirmation;
 * revoking a key ends its console sessions (admins only, as in the admin API).
 */
@customElement('fc-admin-key-list')
export class FcAdminKeyList extends ConsoleElement {
  @state() private keys: AdminKeySummary[] | undefined;
  @state() private error: ShownProblem | undefined;
  @state() private pending: AdminKeySummary | undefined;
  @state() private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.can()) this.load();
  }

  private async load() {
    this.error = undefined;
    try {
      this.keys = await this.api.adminKeys();
    } catch (error) {
      this.error = this.problem(error);
    }
  }

  private async revoke(key: AdminKeySummary) {
    this.busy = true;
    this.error = undefined;
    try {
      const revoked = await this.api.revokeAdminKey(key.id);
      this.keys = this.keys?.map((k) => (k.id === revoked.id ? revoked : k));
      this.pending = undefined;
    } catch (error) {
      this.error = this.problem(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<section class="stack" aria-labelledby="admin-keys-title">
      <h2 id="admin-keys-title">${this.t('adminKeys.title')}</h2>
      ${
        !this.can()
          ? html`<p class="message" role="status">${this.t('adminKeys.adminOnly')}</p>`
          : html`${this.renderProblem(this.error, this.keys ? undefined : () => this.load())}
            ${this.keys ? this.renderTable(this.keys) : this.error ? nothing : this.renderLoading()}
            ${this.pending ? this.renderConfirm(this.pending) : nothing}`
      }
    </section>`;
  }

  private renderTable(keys: AdminKeySummary[]) {
    if (keys.length === 0) return html`<p class="message">${this.t('lists.empty')}</p>`;
    return html`<table aria-labelledby="admin-keys-title">
      <thead>
        <tr>
          <th scope="col">${this.t('col.name')}</th>
          <th scope="col">${this.t('col.id')}</th>
          <th scope="col">${this.t('adminKeys.col.role')}</th>
          <th scope="col">${this.t('col.status')}</th>
          <th scope="col">${this.t('keys.col.created')}</th>
          <th scope="col">${this.t('col.actions')}</th>
        </tr>
      </thead>
      <tbody>
        ${keys.map(
          (k) => html`<tr data-id=${k.id}>
            <td>${k.name}</td>
            <td><code>${k.id}</code></td>
            <td>${this.t(`role.${k.role}`)}</td>
            <td>${this.t(k.status === 'active' ? 'keys.status.active' : 'keys.status.revoked')}</td>
            <td>${formatDateTime(k.createdAt, this.locale)}</td>
            <td>
              ${
                k.status === 'active'
                  ? html`<button
                      type="button"
                      class="revoke"
                      @click=${() => {
                        this.pending = k;
                      }}
                    >
                      ${this.t('adminKeys.revoke', k.name)}
                    </button>`
                  : nothing
              }
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private renderConfirm(key: AdminKeySummary) {
    const self = key.id === this.session?.admin.id;
    return html`<div class="message confirm" role="alertdialog" aria-labelledby="confirm-text">
      <p id="confirm-text">
        ${this.t('adminKeys.confirmRevoke', key.name)} ${self ? this.t('adminKeys.self') : nothing}
      </p>
      <div class="row">
        <button type="button" class="confirm-yes" ?disabled=${this.busy} @click=${() => this.revoke(key)}>
          ${this.t('keys.do.revoke')}
        </button>
        <button
          type="button"
          class="confirm-no"
          @click=${() => {
            this.pending = undefined;
          }}
        >
          ${this.t('keys.cancel')}
        </button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-admin-key-list': FcAdminKeyList;
  }
}
