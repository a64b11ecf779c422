import { css } from 'lit';

/**
 * The console's elements share the widgets' look: the same `--finlet-*` tokens feed private
 * `--_*` locals, so a bank's theme applies to the console as it does to its widgets.
 */
export const consoleBaseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .base {
    --_primary: var(--finlet-color-primary, #b3261e);
    --_on-primary: var(--finlet-color-on-primary, #ffffff);
    --_text: var(--finlet-color-text, #1f1f1f);
    --_muted: var(--finlet-color-muted, #5c5c5c);
    --_surface: var(--finlet-color-surface, #ffffff);
    --_background: var(--finlet-color-background, #f6f6f6);
    --_border: var(--finlet-color-border, #d9d9d9);
    --_danger: var(--finlet-color-danger, #b00020);
    --_success: var(--finlet-color-success, #1b6e37);
    --_focus: var(--finlet-color-focus, #1a56db);
    --_radius: var(--finlet-radius, 10px);
    --_space: var(--finlet-spacing, 8px);
    --_target: 40px;
    font-family: var(
      --finlet-font-family,
      system-ui,
      -apple-system,
      'PingFang SC',
      'Microsoft YaHei',
      'Noto Sans CJK SC',
      sans-serif
    );
    font-size: var(--finlet-font-size, 15px);
    line-height: 1.5;
    color: var(--_text);
  }
  @media (prefers-contrast: more) {
    .base {
      --_text: #111111;
      --_muted: #333333;
      --_border: #555555;
      --_primary: #7a1712;
    }
  }
  h2,
  h3,
  h4,
  p {
    margin: 0;
  }
  button {
    font: inherit;
    min-height: var(--_target);
    padding: calc(var(--_space) * 1) calc(var(--_space) * 2);
    border-radius: var(--_radius);
    border: 1px solid var(--_primary);
    background: var(--_surface);
    color: var(--_primary);
    cursor: pointer;
  }
  button.primary {
    background: var(--_primary);
    color: var(--_on-primary);
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
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  summary:focus-visible,
  [tabindex]:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
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
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 0.9em;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

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
