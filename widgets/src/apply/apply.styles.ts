import { css } from 'lit';

export const applyStyles = css`
  .base {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  header {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  header h2 {
    font-size: 1.15em;
  }
  ol.steps {
    display: flex;
    gap: var(--_space);
    list-style: none;
    margin: 0;
    padding: 0;
    font-size: 0.85em;
    color: var(--_muted);
  }
  ol.steps li[aria-current='step'] {
    color: var(--_primary);
    font-weight: 600;
  }
  h3:focus {
    outline: none;
  }
  h3:focus-visible {
    outline: 3px solid var(--_focus);
  }
  form {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  label {
    display: grid;
    gap: calc(var(--_space) / 2);
    font-weight: 600;
  }
  input[type='text'],
  input[type='tel'],
  textarea {
    font: inherit;
    min-height: var(--_target);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    color: var(--_text);
    background: var(--_surface);
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .field-error {
    color: var(--_danger);
    font-weight: 400;
    font-size: 0.9em;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .check {
    display: flex;
    gap: var(--_space);
    align-items: flex-start;
    font-weight: 400;
    min-height: var(--_target);
  }
  .check input {
    width: 1.25em;
    height: 1.25em;
    margin-top: 0.2em;
    flex: none;
  }
  .consent ul {
    margin: 0;
    padding-left: calc(var(--_space) * 2.5);
  }
  .actions {
    display: flex;
    gap: var(--_space);
    justify-content: flex-end;
    flex-wrap: wrap;
  }
  .disclosures {
    font-size: 0.9em;
    background: var(--_background);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  .done {
    color: var(--_success);
  }
  textarea {
    resize: vertical;
  }
  .status,
  .reply,
  .answered {
    display: grid;
    gap: var(--_space);
  }
  .status h3 {
    font-size: 1em;
  }
  .status ul {
    margin: 0;
    padding-left: calc(var(--_space) * 2.5);
  }
  .state.approved {
    color: var(--_success);
  }
  .state.declined {
    color: var(--_danger);
  }
  blockquote {
    margin: 0;
    padding: var(--_space);
    border-left: 4px solid var(--_primary);
    background: var(--_background);
    white-space: pre-wrap;
  }
`;
