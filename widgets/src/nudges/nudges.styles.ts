import { css } from 'lit';

export const nudgesStyles = css`
  .base {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  header h2 {
    font-size: 1.05em;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  .nudge {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-left: 4px solid var(--_primary);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
    display: grid;
    gap: var(--_space);
  }
  .nudge h3 {
    font-size: 1em;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 2);
    color: var(--_muted);
    font-size: 0.9em;
  }
  .amount {
    color: var(--_text);
    font-weight: 600;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    justify-content: flex-end;
  }
  .banner .nudge {
    box-shadow: 0 1px 3px rgb(0 0 0 / 12%);
  }
`;
