import type { Locale } from '@finlet/contracts';
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { consoleBaseStyles } from '../editor/editor.styles.js';
import { t } from '../editor/messages.js';
import { type DiffEntry, diffJson } from './diff.js';

const MARK = { added: '+', removed: '−', changed: '~' } as const;

function show(value: unknown): string {
  return value === undefined ? '—' : JSON.stringify(value);
}

/**
 * @tagname fc-diff
 * @summary The difference between two versions of any JSON (a draft against the published offer, an
 * audit entry's before and after): added, removed and changed fields with their JSON paths, each
 * marked with a sign and a word (never colour alone), unchanged fields collapsed.
 *
 * @csspart base - The wrapper of everything.
 * @csspart summary - The counts line.
 * @csspart list - The list of changes.
 */
export class FcDiff extends LitElement {
  static override styles = [
    consoleBaseStyles,
    css`
      ol {
        list-style: none;
        margin: var(--_space) 0 0;
        padding: 0;
        display: grid;
        gap: calc(var(--_space) / 2);
      }
      li {
        display: grid;
        grid-template-columns: 2em minmax(8em, max-content) 1fr;
        gap: var(--_space);
        align-items: baseline;
        padding: calc(var(--_space) / 2) var(--_space);
        border-radius: calc(var(--_radius) / 2);
        border-left: 4px solid var(--_border);
      }
      .mark {
        font-weight: 700;
        font-family: ui-monospace, Menlo, Consolas, monospace;
      }
      .added {
        border-left-color: var(--_success);
        background: #eef7f0;
      }
      .removed {
        border-left-color: var(--_danger);
        background: #fbeff0;
      }
      .changed {
        border-left-color: var(--_focus);
        background: #eef2fb;
      }
      .values {
        display: grid;
        gap: 2px;
        overflow-wrap: anywhere;
      }
      .values del {
        text-decoration: line-through;
      }
      .values ins {
        text-decoration: none;
        font-weight: 600;
      }
      li.unchanged {
        display: block;
      }
      details {
        color: var(--_muted);
        padding: calc(var(--_space) / 2) var(--_space);
      }
      summary {
        cursor: pointer;
      }
      pre {
        margin: var(--_space) 0 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        font-size: 0.9em;
      }
    `,
  ];

  /** The old value (any JSON); null when the object is new. Also settable as `before`. */
  @property({ attribute: false }) beforeValue: unknown = null;
  /** The new value (any JSON); null when the object was deleted. Also settable as `after`. */
  @property({ attribute: false }) afterValue: unknown = null;
  /** `zh-CN` (default) or `en`. */
  @property() locale: Locale = 'zh-CN';

  /** The entries shown, for callers that also want the counts. */
  get entries(): DiffEntry[] {
    return diffJson(this.beforeValue, this.afterValue);
  }

  private renderEntry(entry: DiffEntry): TemplateResult {
    const l = this.locale;
    if (entry.kind === 'unchanged') {
      return html`<li class="unchanged">
        <details>
          <summary><code>${entry.path}</code> · ${t(l, 'diff.unchanged', entry.leaves)}</summary>
          <pre>${JSON.stringify(entry.value, null, 2)}</pre>
        </details>
      </li>`;
    }
    const word = t(l, `diff.${entry.kind}`);
    return html`<li class=${entry.kind} data-kind=${entry.kind} data-path=${entry.path}>
      <span class="mark" aria-hidden="true">${MARK[entry.kind]}</span>
      <span><span class="visually-hidden">${word}: </span><code>${entry.path}</code></span>
      <span class="values">
        ${
          entry.kind === 'added'
            ? html`<ins><span class="visually-hidden">${t(l, 'diff.after')}: </span>${show(entry.after)}</ins>`
            : entry.kind === 'removed'
              ? html`<del><span class="visually-hidden">${t(l, 'diff.before')}: </span>${show(entry.before)}</del>`
              : html`<del><span class="visually-hidden">${t(l, 'diff.before')}: </span>${show(entry.before)}</del>
                <ins><span class="visually-hidden">${t(l, 'diff.after')}: </span>${show(entry.after)}</ins>`
        }
      </span>
    </li>`;
  }

  override render(): TemplateResult {
    const l = this.locale;
    const entries = this.entries;
    const count = (kind: DiffEntry['kind']) => entries.filter((e) => e.kind === kind).length;
    const changes = entries.length - count('unchanged');
    return html`<div class="base" part="base" lang=${l}>
      <p part="summary">
        ${
          entries.length === 0
            ? t(l, 'diff.nothing')
            : changes === 0
              ? t(l, 'diff.none')
              : t(l, 'diff.summary', count('added'), count('removed'), count('changed'))
        }
      </p>
      ${
        entries.length && changes
          ? html`<ol part="list" aria-label=${t(l, 'diff.title')}>
            ${entries.map((e) => this.renderEntry(e))}
          </ol>`
          : nothing
      }
    </div>`;
  }
}

// `before` and `after` are the names views bind (`.before=${…} .after=${…}`), but they are also DOM
// methods (`ChildNode.before()`), which TypeScript will not let a field override. Accessors on the
// prototype carry them to the typed properties; nothing calls the DOM methods on this element.
for (const [name, field] of [
  ['before', 'beforeValue'],
  ['after', 'afterValue'],
] as const) {
  Object.defineProperty(FcDiff.prototype, name, {
    configurable: true,
    get(this: FcDiff) {
      return this[field];
    },
    set(this: FcDiff, value: unknown) {
      this[field] = value;
    },
  });
}
