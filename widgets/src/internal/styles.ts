import { css } from 'lit';

/**
 * Shared by every element. Global tokens (`--finlet-*`) feed private locals (`--_*`) on the
 * base part; elder mode and `prefers-contrast: more` swap in high-contrast locals (≥ 7:1).
 */
export const baseStyles = css`
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
  }
  .base.elder {
    --_font-size: max(18px, var(--finlet-font-size, 18px));
    --_text: #111111;
    --_muted: #333333;
    --_surface: #ffffff;
    --_border: #555555;
    --_danger: #8c0016;
    --_success: #0c4a22;
    --_primary: #7a1712;
    --_on-primary: #ffffff;
    --_target: 48px;
    line-height: 1.6;
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
    min-width: var(--_target);
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
  button:disabled {
    cursor: not-allowed;
    opacity: 0.7;
  }
  button:focus-visible,
  input:focus-visible,
  summary:focus-visible,
  [tabindex]:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  /* Label-over-value facts (rates, amounts, arrival) in offers and route quotes. */
  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 2);
    margin: 0;
  }
  .facts div {
    display: grid;
  }
  .facts dt {
    font-size: 0.85em;
    color: var(--_muted);
  }
  .facts dd {
    margin: 0;
    font-weight: 600;
  }
  .message {
    padding: calc(var(--_space) * 2);
    border-radius: var(--_radius);
    background: var(--_surface);
    border: 1px solid var(--_border);
  }
  .message.error {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  .message .code {
    display: block;
    margin-top: var(--_space);
    font-size: 0.85em;
    color: var(--_muted);
  }
  .message button {
    margin-top: var(--_space);
  }
  .skeleton {
    height: 7em;
    border-radius: var(--_radius);
    background: var(--_border);
    opacity: 0.4;
    /* Opacity alone: the compositor animates it, so the page's main thread (which is busy
       receiving the offers) paints nothing per frame, unlike a moving gradient. */
    animation: finlet-pulse 1.4s ease-in-out infinite alternate;
  }
  @keyframes finlet-pulse {
    to {
      opacity: 0.8;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
    * {
      transition: none !important;
    }
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
