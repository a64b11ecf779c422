import { html, nothing } from 'lit';
import type { ResolvedConfig } from '../internal/finlet-element.js';

/**
 * `<finlet-suitability>` opened in place by another element (the offers' or a nudge's call to take
 * the risk assessment), with that element's gateway, session, locale and mode; it takes the
 * keyboard focus once shown. Part of the element's own lazily loaded module (`loadAssessment`).
 */
export function openAssessment(config: ResolvedConfig, _apply?: unknown) {
  const { gateway, sessionToken, fetchSessionToken, locale, mode } = config;
  return html`<finlet-suitability focus-start gateway=${gateway ?? nothing} session-token=${sessionToken ?? nothing}
    .fetchSessionToken=${fetchSessionToken} locale=${locale} mode=${mode}></finlet-suitability>`;
}
