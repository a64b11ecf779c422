import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { isConsoleApiError } from '../api/console-api.js';
import { CLAIM_LOST, type HandoffQueueItem } from '../api/handoffs.js';
import type { ShownProblem } from '../app/console-element.js';
import { BASE } from '../app/route.js';
import { formatDateTime } from '../i18n/translator.js';
import { DESK_REFRESH_MS, DeskElement } from './desk-element.js';
import { type DeskFeedMode, followDesk } from './feed.js';
import { formatDuration, secondsSince } from './format.js';
import './fc-desk-metrics.js';

/** How often the waits shown are redrawn. */
const WAIT_REDRAW_MS = 5_000;

/**
 * @summary The hand-off desk's queue: who waits, how long, in which scenario, partner and
 * language, and the AI summary line; kept live by the desk stream (polled while it is down). Claiming is atomic on the gateway: an
 * agent who lost the race is told so in words and the row shows who won.
 */
@customElement('fc-desk-queue')
export class FcDeskQueue extends DeskElement {
  static override styles = [
    ...DeskElement.styles,
    css`
      td.summary {
        max-width: 32rem;
      }
      td.wait {
        white-space: nowrap;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  @state() private entries: HandoffQueueItem[] | undefined;
  @state() private error: ShownProblem | undefined;
  @state() private claimError: ShownProblem | undefined;
  @state() private claiming: string | undefined;
  @state() private updatedAt: Date | undefined;
  @state() private feed: DeskFeedMode = 'connecting';
  private stop: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.mayWorkDesk) return;
    this.load();
    this.stop = followDesk({
      url: this.handoffs.eventsUrl,
      pollMs: DESK_REFRESH_MS,
      // A new message in a conversation changes nothing the queue shows.
      onSignal: (signal) => (signal.kind === 'conversation' ? undefined : this.load()),
      onMode: (mode) => {
        this.feed = mode;
      },
    });
    // Waits grow between changes: the table is drawn again, nothing is fetched.
    const redraw = setInterval(() => this.requestUpdate(), WAIT_REDRAW_MS);
    const unfollow = this.stop;
    this.stop = () => {
      unfollow();
      clearInterval(redraw);
    };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop?.();
  }

  private async load() {
    try {
      this.entries = await this.handoffs.queue();
      this.updatedAt = new Date();
      this.error = undefined;
    } catch (error) {
      this.error = this.problem(error);
    }
  }

  private async claim(entry: HandoffQueueItem) {
    this.claimError = undefined;
    this.claiming = entry.id;
    try {
      await this.handoffs.claim(entry.id);
      this.navigate(`${BASE}/desk/${encodeURIComponent(entry.id)}`);
    } catch (error) {
      this.claimError = this.problem(error);
      if (isConsoleApiError(error) && error.code === CLAIM_LOST) await this.load();
    } finally {
      this.claiming = undefined;
    }
  }

  override render() {
    if (!this.mayWorkDesk) return html`<p class="message">${this.d('desk.agentOnly')}</p>`;
    return html`<div class="stack">
      <h2>${this.d('desk.title')}</h2>
      <fc-desk-metrics .api=${this.api} .session=${this.session} locale=${this.locale}></fc-desk-metrics>
      <section class="panel stack" aria-labelledby="queue-title">
        <h3 id="queue-title">${this.d('queue.title')}</h3>
        <p class="muted feed" data-feed=${this.feed}>${this.d(`feed.${this.feed}`)}</p>
        <div role="status" aria-live="polite" class="muted">
          ${
            this.entries
              ? html`${this.d('queue.count', this.entries.length)}${
                  this.updatedAt
                    ? html` · ${this.d('queue.updated', formatDateTime(this.updatedAt.toISOString(), this.locale))}`
                    : nothing
                }`
              : nothing
          }
        </div>
        <div class="claim-problem">${this.renderProblem(this.claimError)}</div>
        ${this.renderProblem(this.error, () => this.load())}
        ${this.entries === undefined && !this.error ? this.renderLoading() : nothing}
        ${this.entries?.length === 0 ? html`<p class="message">${this.d('queue.empty')}</p>` : nothing}
        ${this.entries && this.entries.length > 0 ? this.renderTable(this.entries) : nothing}
      </section>
    </div>`;
  }

  private renderTable(entries: readonly HandoffQueueItem[]) {
    const me = this.session?.admin.id;
    const now = new Date();
    return html`<table>
      <thead>
        <tr>
          <th scope="col">${this.d('queue.col.wait')}</th>
          <th scope="col">${this.d('queue.col.scenario')}</th>
          <th scope="col">${this.d('queue.col.partner')}</th>
          <th scope="col">${this.d('queue.col.language')}</th>
          <th scope="col">${this.d('queue.col.summary')}</th>
          <th scope="col">${this.d('queue.col.actions')}</th>
        </tr>
      </thead>
      <tbody>
        ${entries.map((e) => {
          const wait = secondsSince(e.createdAt, now);
          const mine = e.claimedBy?.id === me;
          return html`<tr data-id=${e.id} data-status=${e.status}>
            <td class="wait">${formatDuration(wait, this.locale)}</td>
            <td>${this.t(`scenario.${e.scenario}`)}</td>
            <td class="partner" title=${e.partnerId}>${e.partnerName ?? e.partnerId}</td>
            <td>${this.d(`lang.${e.language}`)}</td>
            <td class="summary" lang=${e.language}>${e.summary}</td>
            <td>
              ${
                e.status === 'waiting'
                  ? html`<button
                      type="button"
                      class="primary claim"
                      aria-label=${this.d('queue.claimLabel', e.summary)}
                      ?disabled=${this.claiming !== undefined}
                      aria-busy=${this.claiming === e.id ? 'true' : 'false'}
                      @click=${() => this.claim(e)}
                    >
                      ${this.claiming === e.id ? this.d('queue.claiming') : this.d('queue.claim')}
                    </button>`
                  : mine
                    ? html`<a class="open" href="${BASE}/desk/${encodeURIComponent(e.id)}">${this.d('queue.open')}</a>`
                    : html`<span class="claimed-by">${e.claimedBy ? this.d('queue.claimedBy', e.claimedBy.name) : this.d(`queue.state.${e.status}`)}</span>`
              }
            </td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-desk-queue': FcDeskQueue;
  }
}
