import type { Prefill } from '@finlet/contracts';
import { formatMinor } from '@finlet/contracts/currency';
import { html, nothing } from 'lit';
import type { ResolvedConfig } from '../internal/finlet-element.js';

/**
 * `<finlet-apply>` opened in place by another element (an accepted nudge, the chat's hand-off),
 * pre-filled, with that element's gateway, session, locale and mode. Part of the element's own
 * lazily loaded module (`loadApply`), so the pages that never apply do not carry it.
 */
export function openApply(config: ResolvedConfig, apply: { offerId: string; prefill: Prefill }) {
  const { gateway, sessionToken, fetchSessionToken, locale, mode } = config;
  const { amount, termMonths, purpose } = apply.prefill;
  return html`<finlet-apply
    gateway=${gateway ?? nothing}
    session-token=${sessionToken ?? nothing}
    .fetchSessionToken=${fetchSessionToken}
    locale=${locale}
    mode=${mode}
    offer=${apply.offerId}
    amount=${amount ? formatMinor(amount) : nothing}
    term-months=${termMonths ?? nothing}
    purpose=${purpose ?? nothing}
  ></finlet-apply>`;
}
