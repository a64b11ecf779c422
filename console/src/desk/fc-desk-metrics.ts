import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { HandoffMetrics } from '../api/handoffs.js';
import type { ShownProblem } from '../app/console-element.js';
import { DeskElement } from './desk-element.js';
import { formatDuration, formatPercent } from './format.js';

/** How often the metrics panel reloads (it summarises the day; no need to follow every tick). */
const METRICS_REFRESH_MS = 15_000;

/**
 * @summary The desk's metrics: users' wait (median and p90), agents' handle time, and how often
 * suggested replies were accepted as they were or edited.
 */
@customElement('fc-desk-metrics')
export class FcDeskMetrics extends DeskElement {
  static override styles = [
    ...DeskElement.styles,
    css`
      dl {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
        gap: calc(var(--_space) * 1.5);
        margin: 0;
      }
      dl div {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: var(--_space) calc(var(--_space) * 1.5);
      }
      dt {
        font-size: 0.9em;
      }
      dd {
        margin: 0;
        font-size: 1.3em;
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  @state() private metrics: HandoffMetrics | undefined;
  @state() private error: ShownProblem | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.load();
    this.timer = setInterval(() => this.load(), METRICS_REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  /** Reloads the figures now (the desk calls it after a close). */
  async load(): Promise<void> {
    try {
      this.metrics = await this.handoffs.metrics();
      this.error = undefined;
    } catch (error) {
      this.error = this.problem(error);
    }
  }

  override render() {
    const m = this.metrics;
    const none = this.d('metrics.none');
    const duration = (s: number | null) => (s === null ? none : formatDuration(s, this.locale));
    const percent = (bps: number | null) => (bps === null ? none : formatPercent(bps / 10_000, this.locale));
    return html`<section class="panel stack" aria-labelledby="metrics-title">
      <h3 id="metrics-title">${this.d('metrics.title')}</h3>
      ${this.renderProblem(this.error, () => this.load())}
      ${
        m
          ? html`<dl>
              <div data-metric="wait-p50"><dt>${this.d('metrics.waitP50')}</dt><dd>${duration(m.waitSeconds.p50)}</dd></div>
              <div data-metric="wait-p90"><dt>${this.d('metrics.waitP90')}</dt><dd>${duration(m.waitSeconds.p90)}</dd></div>
              <div data-metric="handle"><dt>${this.d('metrics.handle')}</dt><dd>${duration(m.handleSeconds.p50)}</dd></div>
              <div data-metric="acceptance"><dt>${this.d('metrics.acceptance')}</dt><dd>${percent(m.suggestions.acceptanceRateBps)}</dd></div>
              <div data-metric="edit"><dt>${this.d('metrics.edit')}</dt><dd>${percent(m.suggestions.editRateBps)}</dd></div>
            </dl>`
          : this.error
            ? nothing
            : this.renderLoading()
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-desk-metrics': FcDeskMetrics;
  }
}
