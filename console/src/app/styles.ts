import { css } from 'lit';

/**
 * The widgets' design tokens: the global `--finlet-*` tokens feeding private `--_*` locals, and the
 * type. Declarations only: the shell puts them on `:host`, the content elements on `.base`, as the
 * widgets do.
 */
export const tokenDeclarations = css`
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
  --_font-size: var(--finlet-font-size, 15px);
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
  font-size: var(--_font-size);
  line-height: 1.5;
  color: var(--_text);
`;

/** `prefers-contrast: more` locals (≥ 7:1), to put inside the rule that holds the tokens. */
export const highContrastDeclarations = css`
  --_text: #111111;
  --_muted: #333333;
  --_border: #555555;
  --_primary: #7a1712;
`;

/** The host, box sizing, the widgets' buttons, the focus ring, code and the visually hidden text. */
export const sharedBaseStyles = css`
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
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  summary:focus-visible,
  a:focus-visible,
  [tabindex]:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  code {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
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

/**
 * The widgets' look for the console: the same global tokens (`--finlet-*`) feeding private locals
 * (`--_*`), the same buttons, focus ring, messages and contrast rules; plus tables and forms.
 */
export const consoleStyles = [
  sharedBaseStyles,
  css`
  :host {
    ${tokenDeclarations}
  }
  @media (prefers-contrast: more) {
    :host {
      ${highContrastDeclarations}
    }
  }
  h1 {
    margin: 0;
  }
  h2 {
    font-size: 1.35em;
  }
  h3 {
    font-size: 1.1em;
  }
  a {
    color: var(--_primary);
  }
  button.link {
    border: none;
    background: none;
    padding: 0 calc(var(--_space) / 2);
    min-height: auto;
    text-decoration: underline;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  input,
  select,
  textarea {
    font: inherit;
    font-weight: normal;
    color: var(--_text);
    background: var(--_surface);
    min-height: var(--_target);
    padding: calc(var(--_space) / 2) var(--_space);
    border: 1px solid var(--_muted);
    border-radius: calc(var(--_radius) / 2);
  }
  textarea {
    min-height: 4.5em;
    width: 100%;
  }
  label {
    display: grid;
    gap: calc(var(--_space) / 2);
    font-weight: 600;
  }
  label .hint {
    font-weight: normal;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .panel {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 1.5);
    align-items: end;
  }
  .stack {
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  table {
    width: 100%;
    border-collapse: collapse;
    background: var(--_surface);
  }
  th,
  td {
    text-align: start;
    padding: var(--_space);
    border-bottom: 1px solid var(--_border);
    vertical-align: top;
  }
  th {
    font-size: 0.9em;
    color: var(--_muted);
  }
  code {
    font-size: 0.92em;
  }
  .badge {
    display: inline-block;
    padding: 0 var(--_space);
    border-radius: 999px;
    border: 1px solid var(--_border);
    font-size: 0.85em;
    white-space: nowrap;
  }
  .badge.published {
    border-color: var(--_success);
    color: var(--_success);
  }
  .badge.in_review,
  .badge.approved {
    border-color: var(--_focus);
    color: var(--_focus);
  }
  .badge.retired {
    color: var(--_muted);
  }
  .muted {
    color: var(--_muted);
  }
  .message {
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
    border-radius: var(--_radius);
    background: var(--_surface);
    border: 1px solid var(--_border);
  }
  .message.error {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  .message.success {
    border-color: var(--_success);
    color: var(--_success);
  }
  .message .detail,
  .message .code {
    display: block;
    margin-top: calc(var(--_space) / 2);
    font-size: 0.85em;
    color: var(--_muted);
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`,
];
