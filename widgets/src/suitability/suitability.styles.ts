import { css } from 'lit';

export const suitabilityStyles = css`
  .base {
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  header h2 {
    font-size: 1.15em;
  }
  .progress {
    display: grid;
    gap: calc(var(--_space) / 2);
    font-weight: 600;
  }
  progress {
    width: 100%;
    height: calc(var(--_space) * 1.25);
    accent-color: var(--_primary);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  legend {
    font-size: 1.1em;
    font-weight: 600;
    margin-bottom: var(--_space);
    padding: 0;
  }
  legend:focus {
    outline: none;
  }
  .option {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 1.5);
    min-height: calc(var(--_target) + var(--_space));
    padding: var(--_space) calc(var(--_space) * 2);
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: pointer;
  }
  .option:has(input:checked) {
    border-color: var(--_primary);
    font-weight: 600;
  }
  .option input {
    width: calc(var(--_target) / 2);
    height: calc(var(--_target) / 2);
    margin: 0;
    accent-color: var(--_primary);
    flex: none;
  }
  .hint {
    color: var(--_muted);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    justify-content: space-between;
  }
  .result {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-left: 4px solid var(--_primary);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
    display: grid;
    gap: var(--_space);
  }
  .level {
    font-size: 1.5em;
    font-weight: 700;
    color: var(--_primary);
  }
`;
