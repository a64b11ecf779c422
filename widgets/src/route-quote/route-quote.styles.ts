import { css } from 'lit';

export const routeQuoteStyles = css`
  .base {
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  header h2 {
    font-size: 1.15em;
  }
  form {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 2);
  }
  legend,
  label {
    font-weight: 600;
  }
  .choice {
    display: flex;
    gap: var(--_space);
    align-items: center;
    font-weight: 400;
    min-height: var(--_target);
  }
  label.field {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  input[type='text'],
  select {
    font: inherit;
    min-height: var(--_target);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    color: var(--_text);
  }
  .field-error {
    color: var(--_danger);
    font-weight: 400;
  }
  .actions {
    display: flex;
    justify-content: flex-end;
    gap: var(--_space);
    flex-wrap: wrap;
  }
  figure {
    margin: 0;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  figcaption {
    font-size: 0.85em;
    color: var(--_muted);
  }
  svg {
    width: 100%;
    height: auto;
    max-height: 220px;
  }
  svg .axis {
    stroke: var(--_border);
  }
  svg .axis-label {
    fill: var(--_muted);
    font-size: 11px;
  }
  svg .point {
    fill: var(--_surface);
    stroke: var(--_primary);
    stroke-width: 2;
  }
  svg .point.recommended {
    fill: var(--_primary);
  }
  svg .point-label {
    fill: var(--_text);
    font-size: 12px;
    font-weight: 600;
  }
  ul.options {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  .option {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
    display: grid;
    gap: var(--_space);
  }
  .option.recommended {
    border-color: var(--_primary);
    border-width: 2px;
  }
  .option h3 {
    font-size: 1em;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
  }
  .badge {
    font-size: 0.8em;
    font-weight: 600;
    padding: 0 var(--_space);
    border-radius: 999px;
    border: 1px solid var(--_primary);
    color: var(--_primary);
  }
  .badge.recommended {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .facts .sub {
    font-weight: 400;
    font-size: 0.85em;
    color: var(--_muted);
  }
  details summary {
    cursor: pointer;
    min-height: var(--_target);
    display: flex;
    align-items: center;
    color: var(--_primary);
  }
  ol.legs {
    margin: 0;
    padding-left: calc(var(--_space) * 2.5);
    display: grid;
    gap: var(--_space);
  }
  .explanation {
    margin: var(--_space) 0 0;
    padding-left: calc(var(--_space) * 2.5);
    color: var(--_text);
  }
  .validity {
    font-size: 0.85em;
    color: var(--_muted);
  }
`;
