import type { Partner, PartnerKey, PartnerKeyRotated } from '@finlet/contracts';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ConsoleElement, type ShownProblem } from '../app/console-element.js';
import { formatDateTime } from '../i18n/translator.js';
import { renderScenarios } from './filters.js';

/** A change that waits for the admin's confirmation before it is sent. */
type Pending =
  | { action: 'rotate'; partner: Partner }
  | { action: 'revoke'; partner: Partner; key: PartnerKey }
  | { action: 'disable' | 'enable'; partner: Partner };

/**
 * @summary The partners whose sites embed the widgets, with their secret keys: rotate (the new key
 * shown once), revoke a key, disable or enable a partner, each after a confirmation (admins only,
 * as in the admin API).
 */
@customElement('fc-partner-list')
export class FcPartnerList extends ConsoleElement {
  @state() private partners: Partner[] | undefined;
  @state() private error: ShownProblem | undefined;
  /** The partner whose keys are open below the table. */
  @state() private open: Partner | undefined;
  @state() private keys: PartnerKey[] | undefined;
  @state() private pending: Pending | undefined;
  @state() private busy = false;
  /** The answer of the last rotation: its secret key is shown this once. */
  @state() private rotated: PartnerKeyRotated | undefined;
  @state() private copied = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.can()) this.load();
  }

  private async load() {
    this.error = undefined;
    try {
      this.partners = await this.api.partners();
    } catch (error) {
      this.error = this.problem(error);
    }
  }

  private async showKeys(partner: Partner) {
    this.open = partner;
    this.keys = undefined;
    this.rotated = undefined;
    this.pending = undefined;
    this.error = undefined;
    try {
      this.keys = await this.api.partnerKeys(partner.id);
    } catch (error) {
      this.error = this.problem(error);
    }
  }

  private async confirm() {
    const pending = this.pending;
    if (!pending) return;
    this.busy = true;
    this.error = undefined;
    try {
      if (pending.action === 'rotate') {
        this.rotated = await this.api.rotatePartnerKey(pending.partner.id);
        this.copied = false;
      } else if (pending.action === 'revoke') {
        await this.api.revokePartnerKey(pending.partner.id, pending.key.id);
      } else {
        const partner = await this.api.setPartnerEnabled(pending.partner.id, pending.action === 'enable');
        this.partners = this.partners?.map((p) => (p.id === partner.id ? partner : p));
        if (this.open?.id === partner.id) this.open = partner;
      }
      this.pending = undefined;
      if (this.open) this.keys = await this.api.partnerKeys(this.open.id);
    } catch (error) {
      this.error = this.problem(error);
    } finally {
      this.busy = false;
    }
  }

  private async copy(secret: string) {
    try {
      await navigator.clipboard.writeText(secret);
      this.copied = true;
    } catch {
      // No clipboard permission: select the key so that the admin can copy it by hand.
      this.renderRoot.querySelector<HTMLInputElement>('input[name="new-secret-key"]')?.select();
    }
  }

  override render() {
    return html`<section class="stack" aria-labelledby="partners-title">
      <h2 id="partners-title">${this.t('lists.partners.title')}</h2>
      ${
        !this.can()
          ? html`<p class="message" role="status">${this.t('lists.partners.adminOnly')}</p>`
          : html`${this.renderProblem(this.error, this.partners ? undefined : () => this.load())}
            ${this.partners ? this.renderTable(this.partners) : this.error ? nothing : this.renderLoading()}
            ${this.open ? this.renderKeys(this.open) : nothing}`
      }
    </section>`;
  }

  private renderTable(partners: Partner[]) {
    if (partners.length === 0) return html`<p class="message">${this.t('lists.empty')}</p>`;
    return html`<table aria-labelledby="partners-title">
      <thead>
        <tr>
          <th scope="col">${this.t('col.name')}</th>
          <th scope="col">${this.t('col.id')}</th>
          <th scope="col">${this.t('col.scenarios')}</th>
          <th scope="col">${this.t('col.origins')}</th>
          <th scope="col">${this.t('col.status')}</th>
          <th scope="col">${this.t('col.updated')}</th>
          <th scope="col">${this.t('col.actions')}</th>
        </tr>
      </thead>
      <tbody>
        ${partners.map(
          (p) => html`<tr data-id=${p.id}>
            <td>${p.name}</td>
            <td><code>${p.id}</code></td>
            <td>${renderScenarios(this.t.bind(this), p.scenarios)}</td>
            <td>${p.origins.map((o) => html`<code>${o}</code> `)}</td>
            <td>${this.t(p.status === 'active' ? 'keys.partnerActive' : 'keys.partnerDisabled')}</td>
            <td>${formatDateTime(p.createdAt, this.locale)}</td>
            <td class="row">
              <button type="button" class="show-keys" @click=${() => this.showKeys(p)}>
                ${this.t('keys.show', p.name)}
              </button>
              <button
                type="button"
                class=${p.status === 'active' ? 'disable' : 'enable'}
                @click=${() => {
                  this.pending = { action: p.status === 'active' ? 'disable' : 'enable', partner: p };
                }}
              >
                ${this.t(p.status === 'active' ? 'keys.disable' : 'keys.enable', p.name)}
              </button>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>
    ${this.pending && this.pending.action !== 'rotate' && this.pending.action !== 'revoke' ? this.renderConfirm() : nothing}`;
  }

  private renderKeys(partner: Partner) {
    return html`<section class="stack keys" aria-labelledby="keys-title">
      <h3 id="keys-title">${this.t('keys.title', partner.name)}</h3>
      ${this.rotated ? this.renderRotated(this.rotated) : nothing}
      ${
        this.keys
          ? html`<table aria-labelledby="keys-title">
              <thead>
                <tr>
                  <th scope="col">${this.t('keys.col.key')}</th>
                  <th scope="col">${this.t('col.status')}</th>
                  <th scope="col">${this.t('keys.col.created')}</th>
                  <th scope="col">${this.t('keys.col.ends')}</th>
                  <th scope="col">${this.t('col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                ${this.keys.map(
                  (k) => html`<tr data-key=${k.id}>
                    <td><code>${k.prefix}…</code></td>
                    <td>${this.t(`keys.status.${k.status}`)}</td>
                    <td>${formatDateTime(k.createdAt, this.locale)}</td>
                    <td>${k.revokedAt ? formatDateTime(k.revokedAt, this.locale) : k.expiresAt ? formatDateTime(k.expiresAt, this.locale) : '—'}</td>
                    <td>
                      ${
                        k.status === 'active' || k.status === 'expiring'
                          ? html`<button
                              type="button"
                              class="revoke"
                              @click=${() => {
                                this.pending = { action: 'revoke', partner, key: k };
                              }}
                            >
                              ${this.t('keys.revoke', k.prefix)}
                            </button>`
                          : nothing
                      }
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>`
          : this.renderLoading()
      }
      <div class="row">
        <button
          type="button"
          class="rotate"
          @click=${() => {
            this.pending = { action: 'rotate', partner };
          }}
        >
          ${this.t('keys.rotate')}
        </button>
      </div>
      ${this.pending?.action === 'rotate' || this.pending?.action === 'revoke' ? this.renderConfirm() : nothing}
    </section>`;
  }

  private renderConfirm() {
    const pending = this.pending;
    if (!pending) return nothing;
    const question =
      pending.action === 'rotate'
        ? this.t('keys.confirmRotate', pending.partner.name)
        : pending.action === 'revoke'
          ? this.t('keys.confirmRevoke', pending.key.prefix, pending.partner.name)
          : pending.action === 'disable'
            ? this.t('keys.confirmDisable', pending.partner.name)
            : this.t('keys.confirmEnable', pending.partner.name);
    return html`<div class="message confirm" role="alertdialog" aria-labelledby="confirm-text">
      <p id="confirm-text">${question}</p>
      <div class="row">
        <button type="button" class="confirm-yes" ?disabled=${this.busy} @click=${() => this.confirm()}>
          ${this.t(`keys.do.${pending.action}`)}
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

  private renderRotated(rotated: PartnerKeyRotated) {
    return html`<div class="message rotated" role="status">
      <label class="stack">
        <span>${this.t('keys.newKey')}</span>
        <input name="new-secret-key" readonly .value=${rotated.secretKey} />
      </label>
      <div class="row">
        <button type="button" class="copy" @click=${() => this.copy(rotated.secretKey)}>
          ${this.copied ? this.t('keys.copied') : this.t('keys.copy')}
        </button>
      </div>
      <p>
        ${
          rotated.previousKeysValidUntil
            ? this.t('keys.overlapUntil', formatDateTime(rotated.previousKeysValidUntil, this.locale))
            : this.t('keys.noOverlap')
        }
      </p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-partner-list': FcPartnerList;
  }
}
