import type {
  ChatApplicationCardPart,
  ChatHealthCheckPart,
  ChatOfferCardPart,
  ChatRouteTablePart,
  Locale,
} from '@finlet/contracts';
import { html, nothing, type TemplateResult } from 'lit';
import type { FinletMode } from '../../internal/config.js';
import { formatBps, formatDuration, formatMoney } from '../../internal/format.js';
import type { AdviceChatMessages } from '../advice-chat.messages.js';

/*
 * The answer parts that carry figures: offer cards, route tables, an agent's application card, a
 * health check. They load with the first question (or a restored conversation), beside the
 * client's transport, so the chat paints without them or the money formatting they use.
 */

/** What the parts need from the chat: its texts and locale, and its `[n]` source buttons. */
export interface PartContext {
  t(key: keyof AdviceChatMessages, ...args: unknown[]): string;
  config: { locale: Locale; mode: FinletMode };
  cites(refs: readonly number[] | undefined): TemplateResult[];
}

export function renderOfferCard(part: ChatOfferCardPart, { t, config, cites }: PartContext): TemplateResult {
  const { locale } = config;
  const offer = part.offer;
  const apr = offer.pricing.apr;
  return html`<div class="card" part="offer-card" data-offer=${offer.id}>
    <h3>${offer.texts[locale].name}${cites(part.cites)}</h3>
    <span>${offer.texts[locale].tagline}</span>
    <span class="muted">
      ${apr ? `${t('chat.apr')} ${t('chat.aprRange', formatBps(apr.min, locale), formatBps(apr.max, locale))} · ` : ''}${offer.amount ? `${formatMoney(offer.amount.min, locale)} – ${formatMoney(offer.amount.max, locale)}` : ''}
    </span>
    ${part.withheld ? renderWithheld(part, locale, t('chat.withheld')) : part.eligible ? html`<span>${t('chat.eligible')}</span>` : nothing}
    ${offer.disclosures.map((d) => html`<span class="disclaimer">${d[locale]}</span>`)}
  </div>`;
}

/**
 * Why a product on a card is withheld for the user's risk level, in words. A withheld card is
 * never a recommendation: it carries no "eligible" mark and no apply button.
 */
function renderWithheld(
  part: ChatOfferCardPart,
  locale: Locale,
  label: string,
): TemplateResult | typeof nothing {
  if (!part.withheld) return nothing;
  // The reason names both levels ("rated R4, above your C2"): no separate risk line.
  return html`<p class="withheld" part="withheld" role="note" data-code=${part.withheld.code}>
    <strong>${label}</strong> ${part.withheld.reason[locale]}
  </p>`;
}

export function renderRouteTable(part: ChatRouteTablePart, { t, config }: PartContext): TemplateResult {
  const { locale } = config;
  return html`<table part="route-table">
    <tbody>
      ${part.rows.map(
        (row) => html`<tr>
          <th scope="row">${row.label}${row.tags.length > 0 ? html` <span class="muted">(${row.tags.map((tag) => t(`chat.tag.${tag}` as 'chat.tag.cheapest')).join('、')})</span>` : nothing}</th>
          <td>${row.received ? t('chat.routeGets', formatMoney(row.received, locale)) : ''}</td>
          <td>${row.totalCost ? t('chat.routeCost', formatMoney(row.totalCost, locale)) : ''}</td>
          <td>${row.etaMinutes !== undefined ? t('chat.routeEta', formatDuration(row.etaMinutes * 60_000, locale)) : ''}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The amount on an application an agent drafted. */
export function renderCardAmount(
  part: ChatApplicationCardPart,
  { config }: PartContext,
): TemplateResult | typeof nothing {
  return part.prefill.amount
    ? html`<span>${formatMoney(part.prefill.amount, config.locale)}</span>`
    : nothing;
}

/**
 * The `health_check` part: the report as `<finlet-health-check>` shows it, without a second call.
 * The element loads when an answer first carries one (the browser imports a module once).
 */
export function renderHealthCheckPart(part: ChatHealthCheckPart, { config }: PartContext): TemplateResult {
  import('../../health-check/finlet-health-check.js').catch(console.error);
  return html`<finlet-health-check
    part="health-check"
    locale=${config.locale}
    mode=${config.mode}
    .report=${part.report}
  ></finlet-health-check>`;
}
