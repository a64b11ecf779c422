import { FUNNEL_STEPS, type FunnelReport, type FunnelRow, type Money } from '@finlet/contracts';
import { css, html, nothing, svg } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ConsoleElement, type ShownProblem } from '../app/console-element.js';
import { formatMoney } from '../applications/format.js';

type Group = 'partnerId' | 'scenario' | 'offerId';
type Step = (typeof FUNNEL_STEPS)[number];
interface Totals extends Record<Step, number> {
  key: string;
  approvedAmount: Money[];
}

const DAY = 86_400_000;
const isoDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Sums the gateway's aggregated rows by one dimension (a few dozen rows: the SQL did the counting). */
export function groupFunnel(rows: readonly FunnelRow[], by: Group | 'total'): Totals[] {
  const groups = new Map<string, Totals>();
  for (const row of rows) {
    const key = by === 'total' ? '' : String(row[by] ?? '—');
    let totals = groups.get(key);
    if (!totals) {
      totals = {
        key,
        shown: 0,
        selected: 0,
        consented: 0,
        submitted: 0,
        approved: 0,
        declined: 0,
        approvedAmount: [],
      };
      groups.set(key, totals);
    }
    for (const step of FUNNEL_STEPS) totals[step] += row[step];
    for (const amount of row.approvedAmount) {
      const same = totals.approvedAmount.find((m) => m.currency === amount.currency);
      if (same) same.value += amount.value;
      else totals.approvedAmount.push({ ...amount });
    }
  }
  return [...groups.values()].sort((a, b) => b.submitted - a.submitted || a.key.localeCompare(b.key));
}

/**
 * @summary The acquisition funnel over a date range: people at each step (shown → selected →
 * consented → submitted → approved / declined) as an SVG bar chart with a table as its text
 * alternative, broken down by partner, scenario or offer.
 */
@customElement('fc-funnel')
export class FcFunnel extends ConsoleElement {
  static override styles = [
    ...ConsoleElement.styles,
    css`
      svg {
        max-width: 100%;
        height: auto;
      }
      svg .bar {
        fill: var(--_primary);
      }
      svg text {
        fill: var(--_text);
        font-size: 13px;
      }
      td.num {
        text-align: end;
      }
    `,
  ];

  @state() private report: FunnelReport | undefined;
  @state() private error: ShownProblem | undefined;
  @state() private group: Group = 'partnerId';
  private from = isoDay(new Date(Date.now() - 30 * DAY));
  private to = isoDay(new Date(Date.now() + DAY));

  override connectedCallback(): void {
    super.connectedCallback();
    this.load();
  }

  private async load() {
    this.error = undefined;
    try {
      this.report = await this.api.funnel({
        from: new Date(`${this.from}T00:00:00`).toISOString(),
        to: new Date(`${this.to}T00:00:00`).toISOString(),
      });
    } catch (error) {
      this.error = this.problem(error);
    }
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    this.from = String(data.get('from') || this.from);
    this.to = String(data.get('to') || this.to);
    this.group = (String(data.get('group')) || 'partnerId') as Group;
    this.report = undefined;
    this.load();
  }

  override render() {
    return html`<section class="stack" aria-labelledby="funnel-title">
      <h2 id="funnel-title">${this.t('funnel.title')}</h2>
      <form class="row panel" @submit=${this.submit}>
        <label>${this.t('funnel.from')} <input type="date" name="from" .value=${this.from} required /></label>
        <label>${this.t('funnel.to')} <input type="date" name="to" .value=${this.to} required /></label>
        <label
          >${this.t('funnel.group')}
          <select name="group">
            ${(['partnerId', 'scenario', 'offerId'] as const).map(
              (g) =>
                html`<option value=${g} ?selected=${g === this.group}>
                  ${this.t(`funnel.group.${g === 'partnerId' ? 'partner' : g === 'offerId' ? 'offer' : 'scenario'}`)}
                </option>`,
            )}
          </select>
        </label>
        <button type="submit" class="primary">${this.t('funnel.apply')}</button>
      </form>
      ${this.renderProblem(this.error, () => this.load())}
      ${this.report ? this.renderReport(this.report) : this.error ? nothing : this.renderLoading()}
    </section>`;
  }

  private renderReport(report: FunnelReport) {
    if (report.rows.length === 0) return html`<p class="message" role="status">${this.t('funnel.empty')}</p>`;
    const [total] = groupFunnel(report.rows, 'total');
    const groups = groupFunnel(report.rows, this.group);
    return html`${total ? this.renderChart(total) : nothing}
      <table class="funnel-table">
        <caption class="visually-hidden">${this.t('funnel.title')}</caption>
        <thead>
          <tr>
            <th scope="col">${this.t(`funnel.group.${this.group === 'partnerId' ? 'partner' : this.group === 'offerId' ? 'offer' : 'scenario'}`)}</th>
            ${FUNNEL_STEPS.map((s) => html`<th scope="col">${this.t(`funnel.step.${s}`)}</th>`)}
            <th scope="col">${this.t('funnel.conversion')}</th>
            <th scope="col">${this.t('funnel.approvedAmount')}</th>
          </tr>
        </thead>
        <tbody>
          ${[...groups, ...(total ? [{ ...total, key: this.t('funnel.total') }] : [])].map(
            (g) => html`<tr data-key=${g.key}>
              <th scope="row">${g.key}</th>
              ${FUNNEL_STEPS.map((s) => html`<td class="num" data-step=${s}>${g[s]}</td>`)}
              <td class="num">${this.rate(g)}</td>
              <td class="num">${g.approvedAmount.map((m) => formatMoney(m, this.locale)).join(' + ') || '—'}</td>
            </tr>`,
          )}
        </tbody>
      </table>`;
  }

  private rate(g: Totals): string {
    const decided = g.approved + g.declined;
    return decided === 0
      ? '—'
      : new Intl.NumberFormat(this.locale, { style: 'percent', maximumFractionDigits: 1 }).format(
          g.approved / decided,
        );
  }

  /** Horizontal bars, one per step; the table below carries the same numbers for assistive tech. */
  private renderChart(total: Totals) {
    const max = Math.max(1, ...FUNNEL_STEPS.map((s) => total[s]));
    const row = 30;
    const label = 110;
    const width = 560;
    const title = this.t('funnel.chart', this.from, this.to);
    return html`<figure class="panel">
      <svg
        role="img"
        aria-label=${`${title}: ${FUNNEL_STEPS.map((s) => `${this.t(`funnel.step.${s}`)} ${total[s]}`).join(', ')}`}
        viewBox="0 0 ${width + label + 60} ${FUNNEL_STEPS.length * row}"
        width=${width + label + 60}
      >
        ${FUNNEL_STEPS.map((s, i) => {
          const w = Math.round((total[s] / max) * width);
          return svg`<g data-step=${s}>
            <text x="0" y=${i * row + 19}>${this.t(`funnel.step.${s}`)}</text>
            <rect class="bar" x=${label} y=${i * row + 5} width=${w} height="20" rx="3"></rect>
            <text x=${label + w + 6} y=${i * row + 19}>${total[s]}</text>
          </g>`;
        })}
      </svg>
      <figcaption>${title}</figcaption>
    </figure>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-funnel': FcFunnel;
  }
}
