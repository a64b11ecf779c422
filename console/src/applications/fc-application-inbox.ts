import type { AdminApplicationQuery, AdminApplicationSummary, ApplicationStatus } from '@finlet/contracts';
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ConsoleElement, type ShownProblem } from '../app/console-element.js';
import { applicationPath } from '../app/route.js';
import { formatDateTime } from '../i18n/translator.js';
import { SCENARIOS } from '../lists/filters.js';
import { formatAge, formatMoney } from './format.js';

export const APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'submitted',
  'under_review',
  'more_info_needed',
  'approved',
  'declined',
  'withdrawn',
];

/**
 * @summary The bank's application inbox, newest first: filters (status, partner, scenario, offer,
 * submission dates, id or name), the age of each application since submission, and "load more"
 * by the gateway's cursor. Personal fields arrive already masked for the signed-in role.
 */
@customElement('fc-application-inbox')
export class FcApplicationInbox extends ConsoleElement {
  static override styles = [
    ...ConsoleElement.styles,
    css`
      .filters input {
        min-width: 10rem;
      }
      td.amount {
        text-align: end;
        white-space: nowrap;
      }
    `,
  ];

  /** Applications per page (1–200). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;

  @state() private rows: AdminApplicationSummary[] | undefined;
  @state() private next: string | null = null;
  @state() private error: ShownProblem | undefined;
  @state() private loading = false;
  private query: AdminApplicationQuery = {};
  private loads = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.load(false);
  }

  private async load(more: boolean) {
    const load = ++this.loads;
    this.error = undefined;
    this.loading = true;
    try {
      const page = await this.api.applications({
        ...this.query,
        limit: this.pageSize,
        ...(more && this.next ? { cursor: this.next } : {}),
      });
      if (load !== this.loads) return;
      this.rows = more ? [...(this.rows ?? []), ...page.applications] : page.applications;
      this.next = page.next;
    } catch (error) {
      if (load === this.loads) this.error = this.problem(error);
    } finally {
      if (load === this.loads) this.loading = false;
    }
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim() || undefined;
    // A date filter means the whole local day: from its start, to the start of the day after.
    const day = (name: string, plusDays = 0) => {
      const value = text(name);
      if (!value) return undefined;
      const date = new Date(`${value}T00:00:00`);
      if (Number.isNaN(date.getTime())) return undefined;
      date.setDate(date.getDate() + plusDays);
      return date.toISOString();
    };
    const query: AdminApplicationQuery = {};
    const set = <K extends keyof AdminApplicationQuery>(
      key: K,
      value: AdminApplicationQuery[K] | undefined,
    ) => {
      if (value !== undefined) query[key] = value;
    };
    set('status', text('status') as ApplicationStatus | undefined);
    set('partnerId', text('partnerId'));
    set('scenario', text('scenario') as AdminApplicationQuery['scenario']);
    set('offerId', text('offerId'));
    set('submittedFrom', day('from'));
    set('submittedTo', day('to', 1));
    set('q', text('q'));
    this.query = query;
    this.rows = undefined;
    this.next = null;
    this.load(false);
  }

  override render() {
    if (!this.can('approver', 'reviewer', 'agent')) {
      return html`<p class="message" role="status">${this.t('apps.forbidden')}</p>`;
    }
    return html`<section class="stack" aria-labelledby="apps-title">
      <h2 id="apps-title">${this.t('apps.title')}</h2>
      <form class="row filters panel" role="search" @submit=${this.submit}>
        <label
          >${this.t('status.label')}
          <select name="status">
            <option value="">${this.t('filter.all')}</option>
            ${APPLICATION_STATUSES.map((s) => html`<option value=${s}>${this.t(`appStatus.${s}`)}</option>`)}
          </select>
        </label>
        <label
          >${this.t('scenario.label')}
          <select name="scenario">
            <option value="">${this.t('filter.all')}</option>
            ${SCENARIOS.map((s) => html`<option value=${s}>${this.t(`scenario.${s}`)}</option>`)}
          </select>
        </label>
        <label>${this.t('apps.partner')} <input name="partnerId" maxlength="64" /></label>
        <label>${this.t('apps.offer')} <input name="offerId" maxlength="64" /></label>
        <label>${this.t('apps.from')} <input type="date" name="from" /></label>
        <label>${this.t('apps.to')} <input type="date" name="to" /></label>
        <label>${this.t('apps.q')} <input type="search" name="q" maxlength="200" /></label>
        <button type="submit" class="primary">${this.t('apps.search')}</button>
      </form>
      ${this.renderProblem(this.error, () => this.load(false))}
      ${this.rows ? this.renderRows(this.rows) : this.error ? nothing : this.renderLoading()}
    </section>`;
  }

  private renderRows(rows: AdminApplicationSummary[]) {
    if (rows.length === 0) return html`<p class="message" role="status">${this.t('apps.empty')}</p>`;
    const now = new Date();
    return html`<p class="muted" role="status">${this.t('lists.count', rows.length)}</p>
      <table>
        <caption class="visually-hidden">${this.t('apps.title')}</caption>
        <thead>
          <tr>
            <th scope="col">${this.t('apps.col.id')}</th>
            <th scope="col">${this.t('apps.col.applicant')}</th>
            <th scope="col">${this.t('apps.partner')}</th>
            <th scope="col">${this.t('apps.offer')}</th>
            <th scope="col">${this.t('apps.col.amount')}</th>
            <th scope="col">${this.t('status.label')}</th>
            <th scope="col">${this.t('apps.col.submitted')}</th>
            <th scope="col">${this.t('apps.col.age')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (a) => html`<tr data-id=${a.id} data-status=${a.status}>
              <td><a href=${applicationPath(a.id)}><code>${a.id}</code></a></td>
              <td class="applicant">
                ${a.applicant.name}${a.applicant.businessName ? html`<br /><span class="muted">${a.applicant.businessName}</span>` : nothing}
              </td>
              <td>${a.partnerId}</td>
              <td>${a.offerId} <span class="muted">v${a.offerVersion}</span></td>
              <td class="amount">${a.amount ? formatMoney(a.amount, this.locale) : this.t('common.none')}</td>
              <td><span class="badge" data-status=${a.status}>${this.t(`appStatus.${a.status}`)}</span></td>
              <td><time datetime=${a.submittedAt}>${formatDateTime(a.submittedAt, this.locale)}</time></td>
              <td class="age">${formatAge(a.submittedAt, now, this.locale)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${
        this.next
          ? html`<button type="button" class="more" ?disabled=${this.loading} @click=${() => this.load(true)}>
            ${this.t('apps.loadMore')}
          </button>`
          : html`<p class="muted">${this.t('apps.end')}</p>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-application-inbox': FcApplicationInbox;
  }
}
