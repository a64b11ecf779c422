import { css } from 'lit';

export const adviceChatStyles = css`
  .base {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
  }
  header {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: var(--_space);
    flex-wrap: wrap;
  }
  header h2 {
    font-size: 1.1em;
  }
  .log {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    max-height: var(--finlet-advice-chat-height, 32rem);
    overflow-y: auto;
    padding: var(--_space);
  }
  .message {
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 1.5);
    background: var(--_surface);
    border: 1px solid var(--_border);
    display: grid;
    gap: var(--_space);
  }
  .message.user {
    justify-self: end;
    max-width: 85%;
    background: var(--_primary);
    color: var(--_on-primary);
    border-color: var(--_primary);
  }
  .who {
    font-size: 0.8em;
    font-weight: 600;
    color: var(--_muted);
  }
  .user .who {
    color: var(--_on-primary);
  }
  .answer p {
    margin: 0;
  }
  .cite {
    font: inherit;
    font-size: 0.75em;
    vertical-align: super;
    min-height: 24px;
    min-width: 24px;
    padding: 0 4px;
    border: 0;
    background: transparent;
    color: var(--_primary);
    text-decoration: underline;
  }
  .disclaimer {
    font-size: 0.85em;
    background: var(--_background);
    border-radius: calc(var(--_radius) / 2);
    padding: var(--_space);
  }
  .sources {
    font-size: 0.9em;
  }
  .sources ol {
    margin: 0;
    padding-left: calc(var(--_space) * 2.5);
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .sources summary {
    cursor: pointer;
    color: var(--_primary);
    min-height: 32px;
  }
  .sources blockquote {
    margin: var(--_space) 0 0;
    padding-left: var(--_space);
    border-left: 3px solid var(--_border);
    color: var(--_text);
  }
  .card {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space) calc(var(--_space) * 1.5);
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .withheld {
    margin: 0;
    border-left: 4px solid var(--_danger);
    padding-left: var(--_space);
  }
  .card h3 {
    font-size: 1em;
  }
  .muted {
    color: var(--_muted);
    font-size: 0.9em;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.9em;
  }
  th,
  td {
    text-align: left;
    padding: calc(var(--_space) / 2);
    border-bottom: 1px solid var(--_border);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .suggestions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
  }
  form {
    display: flex;
    gap: var(--_space);
    align-items: flex-end;
  }
  form label {
    flex: 1;
    display: grid;
    gap: calc(var(--_space) / 2);
    font-weight: 600;
  }
  textarea {
    font: inherit;
    min-height: var(--_target);
    resize: vertical;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
    color: var(--_text);
  }
  .message.agent {
    justify-self: start;
    max-width: 85%;
    border-inline-start: 4px solid var(--_primary);
  }
  .handoff {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    padding: var(--_space) calc(var(--_space) * 1.5);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .handoff p {
    flex: 1 1 12rem;
    margin: 0;
  }
  .typing {
    font-style: italic;
  }
  @media (prefers-reduced-motion: no-preference) {
    .typing {
      animation: finlet-typing 1.2s ease-in-out infinite alternate;
    }
  }
  @keyframes finlet-typing {
    from {
      opacity: 0.55;
    }
    to {
      opacity: 1;
    }
  }
`;
