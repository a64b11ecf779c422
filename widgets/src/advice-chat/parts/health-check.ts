import type { ChatHealthCheckPart, Locale } from '@finlet/contracts';
import { html, type TemplateResult } from 'lit';
import type { FinletMode } from '../../internal/config.js';

/**
 * Loads `<finlet-health-check>` when an answer carries a health check (the browser imports a
 * module once): the chat shows the report with the element's own view, and pages that never ask
 * for one never load it.
 */
function loadHealthCheck(): void {
  import('../../health-check/finlet-health-check.js').catch(console.error);
}

/** The `health_check` part: the report as `<finlet-health-check>` shows it, without a second call. */
export function renderHealthCheckPart(
  part: ChatHealthCheckPart,
  config: { locale: Locale; mode: FinletMode },
): TemplateResult {
  loadHealthCheck();
  return html`<finlet-health-check
    part="health-check"
    locale=${config.locale}
    mode=${config.mode}
    .report=${part.report}
  ></finlet-health-check>`;
}
