import { css } from 'lit';

export const offersStyles = css`
  .base {
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  header h2 {
    font-size: 1.15em;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  .offer {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
    display: grid;
    gap: var(--_space);
  }
  .offer h3 {
    font-size: 1.05em;
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
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .tagline,
  .note {
    color: var(--_muted);
  }
  .note {
    font-size: 0.85em;
  }
  .example {
    border-left: 3px solid var(--_primary);
    padding-left: var(--_space);
  }
  .disclosures {
    font-size: 0.85em;
    color: var(--_text);
    background: var(--_background);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  .disclosures ul {
    gap: calc(var(--_space) / 2);
    list-style: disc;
    padding-left: calc(var(--_space) * 2);
  }
  details summary {
    cursor: pointer;
    min-height: var(--_target);
    display: flex;
    align-items: center;
    color: var(--_primary);
  }
  .criteria li::before {
    content: '✓ ';
    color: var(--_success);
  }
  .actions {
    display: flex;
    justify-content: flex-end;
  }
  .elder .actions button {
    width: 100%;
  }
  .withheld label {
    display: flex;
    gap: var(--_space);
  }
  .withheld input {
    width: 1.5em;
    height: 1.5em;
  }
`;
