import { css } from 'lit';
import { highContrastDeclarations, sharedBaseStyles, tokenDeclarations } from '../app/styles.js';

/**
 * The console's elements share the widgets' look: the same `--finlet-*` tokens feed private
 * `--_*` locals, so a bank's theme applies to the console as it does to its widgets.
 */
export const consoleBaseStyles = [
  sharedBaseStyles,
  css`
    .base {
      ${tokenDeclarations}
    }
    @media (prefers-contrast: more) {
      .base {
        ${highContrastDeclarations}
      }
    }
    button:disabled,
    button[aria-disabled='true'] {
      cursor: not-allowed;
    }
    button.primary[aria-disabled='true'] {
      background: var(--_surface);
      color: var(--_danger);
      border-color: var(--_danger);
    }
    input,
    select,
    textarea {
      font: inherit;
      color: var(--_text);
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: calc(var(--_radius) / 2);
      min-height: var(--_target);
      padding: calc(var(--_space) / 2) var(--_space);
      width: 100%;
    }
    input[type='checkbox'],
    input[type='radio'] {
      width: auto;
      min-height: 0;
    }
    [aria-invalid='true'] {
      border-color: var(--_danger);
      border-width: 2px;
    }
    code {
      font-size: 0.9em;
    }
  `,
];

export const editorStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    justify-content: space-between;
    margin-bottom: calc(var(--_space) * 2);
  }
  [role='tablist'] {
    display: flex;
    gap: calc(var(--_space) / 2);
  }
  [role='tab'][aria-selected='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .actions {
    display: flex;
    gap: var(--_space);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  section {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: calc(var(--_space) * 2);
    margin-bottom: calc(var(--_space) * 2);
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  section > h3 {
    font-size: 1.1em;
  }
  .grid {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    grid-template-columns: repeat(auto-fit, minmax(14em, 1fr));
  }
  .side-by-side {
    display: grid;
    gap: calc(var(--_space) * 2);
    grid-template-columns: repeat(auto-fit, minmax(18em, 1fr));
  }
  .side-by-side > div {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    align-content: start;
  }
  .side-by-side h4 {
    font-size: 1em;
    color: var(--_muted);
  }
  .field {
    display: grid;
    gap: calc(var(--_space) / 2);
    align-content: start;
  }
  .field > label,
  legend {
    font-weight: 600;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .issues {
    margin: 0;
    padding: 0;
    list-style: none;
    color: var(--_danger);
    font-size: 0.95em;
  }
  .issues li::before {
    content: '⚠ ';
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space) calc(var(--_space) * 2);
  }
  .choices label {
    display: inline-flex;
    gap: calc(var(--_space) / 2);
    align-items: center;
    min-height: var(--_target);
  }
  .row {
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 1.5);
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  .row-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
  }
  .row-head h4 {
    font-size: 1em;
  }
  .summary {
    border: 2px solid var(--_danger);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 1.5);
    margin-bottom: calc(var(--_space) * 2);
  }
  .summary ul {
    margin: var(--_space) 0 0;
    padding-left: 1.2em;
  }
  textarea.json {
    min-height: 28em;
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 0.9em;
  }
  textarea {
    min-height: 5em;
    resize: vertical;
  }
`;
