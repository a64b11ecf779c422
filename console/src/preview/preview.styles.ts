import { css } from 'lit';

export const previewStyles = css`
  .base {
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  form {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    grid-template-columns: repeat(auto-fit, minmax(16em, 1fr));
    align-items: end;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
    background: var(--_surface);
  }
  .field {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .field label {
    font-weight: 600;
  }
  .toggle {
    display: inline-flex;
    align-items: center;
    gap: var(--_space);
    min-height: var(--_target);
  }
  .issues {
    margin: 0;
    padding: 0;
    list-style: none;
    color: var(--_danger);
  }
  .verdict {
    font-weight: 600;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    border: 2px solid var(--_border);
  }
  .verdict.yes {
    border-color: var(--_success);
    color: var(--_success);
  }
  .verdict.no {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  .results {
    display: grid;
    gap: calc(var(--_space) * 2);
    grid-template-columns: repeat(auto-fit, minmax(20em, 1fr));
  }
  .results ul {
    list-style: none;
    margin: var(--_space) 0 0;
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  .results li {
    display: grid;
    grid-template-columns: 1.5em 1fr;
    gap: var(--_space);
  }
  .mark {
    font-weight: 700;
  }
  .met .mark {
    color: var(--_success);
  }
  .unmet .mark {
    color: var(--_danger);
  }
  .detail {
    display: block;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .widgets {
    display: grid;
    gap: calc(var(--_space) * 2);
    grid-template-columns: repeat(auto-fit, minmax(22em, 1fr));
  }
  .column {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    align-content: start;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 1.5);
    background: var(--_background);
  }
  .message.error {
    border: 1px solid var(--_danger);
    color: var(--_danger);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 1.5);
  }
  .muted {
    color: var(--_muted);
  }
`;
