import { css } from 'lit';

export const healthCheckStyles = css`
  .base {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  header h2 {
    font-size: 1.15em;
  }
  h3 {
    font-size: 1.05em;
    margin: var(--_space) 0 0;
  }
  h4 {
    font-size: 1em;
    margin: 0;
  }
  .summary {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-left: 4px solid var(--_primary);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 1.5);
  }
  .summary:focus {
    outline: none;
  }
  .summary p {
    margin: calc(var(--_space) / 2) 0;
  }
  .lead {
    font-weight: 600;
  }
  ol,
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: var(--_space);
  }
  .finding,
  .suggestion {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 1.5);
  }
  .finding.high {
    border-left: 4px solid var(--_danger);
  }
  .finding.warning {
    border-left: 4px solid var(--_primary);
  }
  .severity {
    font-weight: 700;
    color: var(--_danger);
  }
  .finding.info .severity {
    color: var(--_muted);
  }
  .basis {
    font-size: 0.9em;
  }
  .basis ul {
    list-style: disc;
    padding-left: calc(var(--_space) * 2.5);
    gap: calc(var(--_space) / 2);
  }
  .suggestion ul {
    list-style: disc;
    padding-left: calc(var(--_space) * 2.5);
  }
  .muted {
    color: var(--_muted);
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    padding: calc(var(--_space) / 2);
    border-bottom: 1px solid var(--_border);
    vertical-align: top;
  }
  tbody th {
    font-weight: 400;
  }
  summary {
    cursor: pointer;
    min-height: var(--_target);
    display: flex;
    align-items: center;
    font-weight: 600;
  }
  form {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0;
    padding: calc(var(--_space) * 1.5);
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  legend {
    font-weight: 600;
    padding: 0 calc(var(--_space) / 2);
  }
  input,
  select {
    font: inherit;
    min-height: var(--_target);
    padding: 0 var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  label {
    margin-top: calc(var(--_space) / 2);
  }
  .invalid {
    color: var(--_danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    justify-content: space-between;
  }
`;
