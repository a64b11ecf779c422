import type { OfferStatus, Scenario } from '@finlet/contracts';
import { html, nothing, type TemplateResult } from 'lit';
import type { Versioned } from '../api/console-api.js';
import type { ConsoleElement } from '../app/console-element.js';
import { formatDateTime } from '../i18n/translator.js';

// Type-only imports from the contracts keep zod out of the shell's bundle.
export const SCENARIOS: readonly Scenario[] = ['tourism', 'government', 'consumption', 'supply-chain'];
export const STATUSES: readonly OfferStatus[] = ['draft', 'in_review', 'approved', 'published', 'retired'];

export interface Filter {
  status?: OfferStatus | undefined;
  scenario?: Scenario | undefined;
}

type Translate = ConsoleElement['t'];

/** Status and (optionally) scenario selects; every change filters at once. */
export function renderFilters(
  t: Translate,
  idPrefix: string,
  filter: Filter,
  withScenario: boolean,
  changed: (filter: Filter) => void,
): TemplateResult {
  const read = (event: Event) => {
    const form = (event.target as HTMLElement).closest('form')!;
    const status = (form.elements.namedItem('status') as HTMLSelectElement).value;
    const scenario = (form.elements.namedItem('scenario') as HTMLSelectElement | null)?.value;
    changed({
      status: (status || undefined) as OfferStatus | undefined,
      scenario: (scenario || undefined) as Scenario | undefined,
    });
  };
  return html`<form class="row filters" role="search" @change=${read} @submit=${(e: Event) => e.preventDefault()}>
    <label for="${idPrefix}-status"
      >${t('status.label')}
      <select id="${idPrefix}-status" name="status">
        <option value="">${t('filter.all')}</option>
        ${STATUSES.map((s) => html`<option value=${s} ?selected=${filter.status === s}>${t(`status.${s}`)}</option>`)}
      </select>
    </label>
    ${
      withScenario
        ? html`<label for="${idPrefix}-scenario"
            >${t('scenario.label')}
            <select id="${idPrefix}-scenario" name="scenario">
              <option value="">${t('filter.all')}</option>
              ${SCENARIOS.map(
                (s) =>
                  html`<option value=${s} ?selected=${filter.scenario === s}>${t(`scenario.${s}`)}</option>`,
              )}
            </select>
          </label>`
        : nothing
    }
  </form>`;
}

/** The status of a version as a badge, with its scheduled publish time when it has one. */
export function renderStatus(
  t: Translate,
  locale: Parameters<typeof formatDateTime>[1],
  v: Versioned,
): TemplateResult {
  return html`<span class="badge ${v.status}" data-status=${v.status}>${t(`status.${v.status}`)}</span>
    ${
      v.scheduledPublishAt
        ? html`<span class="badge scheduled">${t('status.scheduled', formatDateTime(v.scheduledPublishAt, locale))}</span>`
        : nothing
    }`;
}

export function renderScenarios(t: Translate, scenarios: readonly Scenario[]): string {
  return scenarios.map((s) => t(`scenario.${s}`)).join('、');
}
