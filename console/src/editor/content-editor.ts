import './jitless.js';
import type { KnowledgeDocumentContent, Locale, OfferContent, ProblemFieldError } from '@finlet/contracts';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Converter } from './convert.js';
import { consoleBaseStyles, editorStyles } from './editor.styles.js';
import {
  type Args,
  enumLabel,
  type Issue,
  issueText,
  type LocalProblem,
  type MessageKey,
  problemText,
  serverErrorText,
  t,
} from './messages.js';
import { getAt, type Path, pathKey, setAt } from './paths.js';

/** What the editors validate with: a contract schema (`OfferContent`, `KnowledgeDocumentContent`). */
export interface ContentSchema<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly unknown[] } };
}

export interface FcSaveDetail<T> {
  /** The content as the contract parsed it (defaults filled in), ready for the admin API. */
  content: T;
}

export interface TextFieldOptions {
  convert?: Converter;
  /** What the field shows when the user has not typed in it yet. */
  display?: () => string;
  hint?: string;
  type?: 'text' | 'datetime-local';
  multiline?: boolean;
  inputmode?: 'numeric' | 'decimal';
  lang?: Locale;
  /** Issues at these paths are shown here too (e.g. a refinement reported on the parent object). */
  claims?: Path[];
  /** Issues below this field's path are shown here, prefixed with this label of the child key. */
  children?: (child: string) => string;
}

/**
 * What both content editors share: a draft of the content, validated with the contract on every
 * change; each zod issue shown in words next to the field its path points to (issues no field
 * claims are listed above the form), a JSON tab over the same draft, and `fc-save` only when the
 * contract accepts the draft.
 */
export abstract class ContentEditor<T> extends LitElement {
  static override styles = [consoleBaseStyles, editorStyles];

  /** `zh-CN` (default) or `en`: the language of labels and messages (both texts are always edited). */
  @property() locale: Locale = 'zh-CN';
  /** Shows the content without letting it be changed (e.g. a version that is in review). */
  @property({ type: Boolean, reflect: true }) readonly = false;
  /** Field errors the gateway answered to the last save (`problem.errors`); shown until the next edit. */
  @property({ attribute: false }) serverErrors: readonly ProblemFieldError[] = [];

  @state() protected draft: Record<string, unknown> = {};
  @state() protected tab: 'form' | 'json' = 'form';
  @state() private jsonText = '';
  @state() private jsonProblem: string | undefined;
  /** Text as typed, for fields whose content value is converted (amounts, percentages, lists). */
  protected raw = new Map<string, string>();
  protected problems = new Map<string, LocalProblem>();
  private issues = new Map<string, Issue[]>();
  private allIssues: Issue[] = [];
  private parsed: T | undefined;
  private claimed = new Set<string>();
  private serverShown: readonly ProblemFieldError[] = [];
  private loadedFrom: string | undefined;

  protected abstract readonly schema: ContentSchema<T>;
  protected abstract renderForm(): TemplateResult;
  /** Tidies the draft after each change: empty optional objects and lists are left out. */
  protected tidy(draft: Record<string, unknown>): Record<string, unknown> {
    return draft;
  }

  /** The draft as it stands (valid or not). */
  get value(): unknown {
    return this.draft;
  }

  /** How many problems stop the draft from being saved. */
  get problemCount(): number {
    return this.allIssues.length + this.problems.size + (this.jsonProblem ? 1 : 0);
  }

  protected t<K extends MessageKey>(key: K, ...args: Args<K>): string {
    return t(this.locale, key, ...args);
  }

  /**
   * Starts editing `content`. A host that re-renders with an equal copy (a new object with the same
   * content) keeps the author's edits: only different content replaces the draft.
   */
  protected load(content: unknown): boolean {
    const key = JSON.stringify(content);
    if (key === this.loadedFrom) return false;
    this.loadedFrom = key;
    this.draft = this.tidy(structuredClone(content) as Record<string, unknown>);
    this.raw.clear();
    this.problems.clear();
    this.jsonProblem = undefined;
    this.jsonText = JSON.stringify(this.draft, null, 2);
    this.validate();
    return true;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('serverErrors')) this.serverShown = this.serverErrors;
  }

  private validate(): void {
    const result = this.schema.safeParse(this.draft);
    this.issues = new Map();
    if (result.success) {
      this.parsed = result.data;
      this.allIssues = [];
    } else {
      this.parsed = undefined;
      this.allIssues = result.error.issues as Issue[];
      for (const issue of this.allIssues) {
        const key = pathKey(issue.path);
        this.issues.set(key, [...(this.issues.get(key) ?? []), issue]);
      }
    }
    this.requestUpdate();
  }

  protected set(path: Path, value: unknown): void {
    this.serverShown = [];
    this.draft = this.tidy(setAt(this.draft, path, value));
    this.validate();
  }

  protected get(path: Path): unknown {
    return getAt(this.draft, path);
  }

  /** Applies typed text: converted when the field needs it, the problem kept when it cannot be. */
  protected input(path: Path, text: string, convert?: Converter): void {
    const key = pathKey(path);
    this.raw.set(key, text);
    if (!convert) {
      this.set(path, text);
      return;
    }
    const out = convert(text);
    if ('problem' in out) {
      this.problems.set(key, out.problem);
      this.validate();
    } else {
      this.problems.delete(key);
      this.set(path, out.value);
    }
  }

  /** Re-applies a converted field from what it shows (after the currency or operator changed). */
  protected reconvert(path: Path, display: string, convert: Converter): void {
    const key = pathKey(path);
    const text = this.raw.get(key) ?? display;
    const out = convert(text);
    if ('problem' in out) this.problems.set(key, out.problem);
    else {
      this.problems.delete(key);
      this.draft = this.tidy(setAt(this.draft, path, out.value));
    }
  }

  /** Forgets typed text below `path` (its list changed shape, so indexes moved). */
  protected forget(path: Path): void {
    const prefix = pathKey(path);
    for (const map of [this.raw, this.problems] as Map<string, unknown>[]) {
      for (const key of [...map.keys()]) if (key === prefix || key.startsWith(`${prefix}.`)) map.delete(key);
    }
  }

  protected addItem(path: Path, item: unknown): void {
    const list = (this.get(path) as unknown[] | undefined) ?? [];
    this.set(path, [...list, item]);
  }

  protected removeItem(path: Path, index: number): void {
    const list = (this.get(path) as unknown[] | undefined) ?? [];
    this.forget(path);
    this.set(
      path,
      list.filter((_, i) => i !== index),
    );
  }

  protected fieldId(path: Path): string {
    return `f-${pathKey(path).replace(/[^A-Za-z0-9_-]/g, '_')}`;
  }

  /** The translated problems for `path` (and the paths it claims); marks them as shown. */
  protected messagesFor(path: Path, options: Pick<TextFieldOptions, 'claims' | 'children'> = {}): string[] {
    const keys = [pathKey(path), ...(options.claims ?? []).map(pathKey)];
    const out: string[] = [];
    for (const key of keys) {
      this.claimed.add(key);
      const problem = this.problems.get(key);
      if (problem) out.push(problemText(this.locale, problem));
      const issues = this.issues.get(key) ?? [];
      const value = getAt(this.draft, key === '' ? [] : key.split('.'));
      // An empty text breaks several rules at once (length, pattern); the author only needs to hear one.
      if (issues.length > 0 && typeof value === 'string' && value.trim() === '')
        out.push(this.t('problem.required'));
      else for (const issue of issues) out.push(issueText(this.locale, issue));
      for (const error of this.serverShown) {
        if (error.path === key) out.push(serverErrorText(this.locale, error));
      }
    }
    if (options.children) {
      const own = pathKey(path);
      for (const [key, issues] of this.issues) {
        if (!key.startsWith(`${own}.`)) continue;
        this.claimed.add(key);
        const label = options.children(key.slice(own.length + 1));
        for (const issue of issues) out.push(`${label}: ${issueText(this.locale, issue)}`);
      }
    }
    return out;
  }

  protected renderIssues(id: string, messages: string[]): TemplateResult | typeof nothing {
    return messages.length
      ? html`<ul class="issues" id=${id}>
          ${messages.map((m) => html`<li>${m}</li>`)}
        </ul>`
      : nothing;
  }

  protected textField(path: Path, label: string, options: TextFieldOptions = {}): TemplateResult {
    const id = this.fieldId(path);
    const messages = this.messagesFor(path, options);
    const describedBy =
      [options.hint ? `${id}-hint` : '', messages.length ? `${id}-err` : ''].filter(Boolean).join(' ') ||
      undefined;
    const value =
      this.raw.get(pathKey(path)) ??
      (options.display ? options.display() : String((this.get(path) as string | number | undefined) ?? ''));
    const onInput = (e: Event) =>
      this.input(path, (e.target as HTMLInputElement | HTMLTextAreaElement).value, options.convert);
    const invalid = messages.length ? 'true' : 'false';
    const control = options.multiline
      ? html`<textarea
          id=${id}
          lang=${ifDefined(options.lang)}
          .value=${value}
          aria-invalid=${invalid}
          aria-describedby=${ifDefined(describedBy)}
          @input=${onInput}
        ></textarea>`
      : html`<input
          id=${id}
          type=${options.type ?? 'text'}
          lang=${ifDefined(options.lang)}
          inputmode=${ifDefined(options.inputmode)}
          .value=${value}
          aria-invalid=${invalid}
          aria-describedby=${ifDefined(describedBy)}
          @input=${onInput}
        />`;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${options.hint ? html`<span class="hint" id=${`${id}-hint`}>${options.hint}</span>` : nothing} ${control}
      ${this.renderIssues(`${id}-err`, messages)}
    </div>`;
  }

  protected selectField(
    path: Path,
    label: string,
    options: ReadonlyArray<readonly [string, string]>,
    onChange: (value: string) => void = (value) => this.set(path, value),
    claims: Path[] = [],
  ): TemplateResult {
    const id = this.fieldId(path);
    const messages = this.messagesFor(path, { claims });
    const current = String(this.get(path) ?? '');
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <select
        id=${id}
        aria-invalid=${messages.length ? 'true' : 'false'}
        aria-describedby=${ifDefined(messages.length ? `${id}-err` : undefined)}
        @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}
      >
        ${options.map(([value, text]) => html`<option value=${value} ?selected=${value === current}>${text}</option>`)}
      </select>
      ${this.renderIssues(`${id}-err`, messages)}
    </div>`;
  }

  /** A set of checkboxes over a list of enum values (scenarios, product types). */
  protected choicesField(path: Path, legend: string, options: readonly string[]): TemplateResult {
    const id = this.fieldId(path);
    const messages = this.messagesFor(path, { children: (child) => child });
    const selected = new Set((this.get(path) as string[] | undefined) ?? []);
    const toggle = (value: string, on: boolean) => {
      const next = options.filter((o) => (o === value ? on : selected.has(o)));
      this.set(path, next);
    };
    return html`<fieldset class="field" aria-describedby=${ifDefined(messages.length ? `${id}-err` : undefined)}>
      <legend id=${id}>${legend}</legend>
      <div class="choices">
        ${options.map(
          (o) =>
            html`<label
              ><input
                type="checkbox"
                .checked=${selected.has(o)}
                @change=${(e: Event) => toggle(o, (e.target as HTMLInputElement).checked)}
              />${enumLabel(this.locale, o)}</label
            >`,
        )}
      </div>
      ${this.renderIssues(`${id}-err`, messages)}
    </fieldset>`;
  }

  /** zh-CN and en side by side: `render(locale)` renders one column's fields. */
  protected sideBySide(render: (locale: Locale) => TemplateResult): TemplateResult {
    return html`<div class="side-by-side">
      ${(['zh-CN', 'en'] as const).map(
        (locale) => html`<div lang=${locale}>
          <h4 lang=${this.locale}>${this.t(`locale.${locale}`)}</h4>
          ${render(locale)}
        </div>`,
      )}
    </div>`;
  }

  /** A repeated row (fee, criterion, trigger…) with its heading and remove button. */
  protected rowFrame(
    listPath: Path,
    index: number,
    heading: string,
    body: TemplateResult,
    claims: Path[] = [],
  ): TemplateResult {
    const rowPath = [...listPath, index];
    const id = this.fieldId(rowPath);
    const messages = this.messagesFor(rowPath, { claims });
    return html`<div class="row" role="group" aria-labelledby=${`${id}-h`}>
      <div class="row-head">
        <h4 id=${`${id}-h`}>${heading}</h4>
        ${
          this.readonly
            ? nothing
            : html`<button type="button" aria-describedby=${`${id}-h`} @click=${() => this.removeItem(listPath, index)}>
              ${this.t('remove')}
            </button>`
        }
      </div>
      ${this.renderIssues(`${id}-err`, messages)} ${body}
    </div>`;
  }

  protected addButton(listPath: Path, label: string, item: () => unknown): TemplateResult | typeof nothing {
    return this.readonly
      ? nothing
      : html`<div>
          <button type="button" @click=${() => this.addItem(listPath, item())}>${this.t('add')}: ${label}</button>
        </div>`;
  }

  private save(): void {
    if (this.readonly) return;
    if (this.problemCount > 0 || this.parsed === undefined) {
      (this.renderRoot.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
      return;
    }
    this.dispatchEvent(
      new CustomEvent('fc-save', { detail: { content: this.parsed }, bubbles: true, composed: true }),
    );
  }

  private cancel(): void {
    this.dispatchEvent(new CustomEvent('fc-cancel', { detail: null, bubbles: true, composed: true }));
  }

  private showTab(tab: 'form' | 'json'): void {
    if (tab === this.tab) return;
    if (tab === 'json') this.jsonText = JSON.stringify(this.draft, null, 2);
    this.jsonProblem = undefined;
    this.tab = tab;
  }

  /** Arrow keys move between the two tabs (the ARIA tabs pattern). */
  private tabKey(e: KeyboardEvent): void {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
    e.preventDefault();
    const next = this.tab === 'form' ? 'json' : 'form';
    this.showTab(e.key === 'Home' ? 'form' : e.key === 'End' ? 'json' : next);
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector(`#tab-${this.tab}`) as HTMLElement | null)?.focus(),
    );
  }

  private editJson(text: string): void {
    this.jsonText = text;
    try {
      const value = JSON.parse(text) as unknown;
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw new Error('not an object');
      this.jsonProblem = undefined;
      this.raw.clear();
      this.problems.clear();
      this.draft = this.tidy(value as Record<string, unknown>);
      this.validate();
    } catch (error) {
      this.jsonProblem = error instanceof Error ? error.message : String(error);
    }
  }

  private renderJson(): TemplateResult {
    const messages = [
      ...(this.jsonProblem ? [this.t('json.invalid', this.jsonProblem)] : []),
      ...this.allIssues.map((i) => `${pathKey(i.path) || '$'}: ${issueText(this.locale, i)}`),
      ...[...this.problems].map(([key, p]) => `${key}: ${problemText(this.locale, p)}`),
    ];
    return html`<div class="field">
      <label for="json">${this.t('tab.json')}</label>
      <span class="hint" id="json-hint">${this.t('json.hint')}</span>
      <textarea
        id="json"
        class="json"
        spellcheck="false"
        .value=${this.jsonText}
        aria-invalid=${messages.length ? 'true' : 'false'}
        aria-describedby=${messages.length ? 'json-hint json-err' : 'json-hint'}
        @input=${(e: Event) => this.editJson((e.target as HTMLTextAreaElement).value)}
      ></textarea>
      ${this.renderIssues('json-err', messages)}
    </div>`;
  }

  override render(): TemplateResult {
    this.claimed = new Set();
    const panel = this.tab === 'form' ? this.renderForm() : this.renderJson();
    const unclaimed =
      this.tab === 'form'
        ? [
            ...this.allIssues
              .filter((i) => !this.claimed.has(pathKey(i.path)))
              .map((i) => `${pathKey(i.path) || '$'}: ${issueText(this.locale, i)}`),
            ...[...this.problems]
              .filter(([key]) => !this.claimed.has(key))
              .map(([key, p]) => `${key}: ${problemText(this.locale, p)}`),
            ...this.serverShown
              .filter((e) => !this.claimed.has(e.path))
              .map((e) => `${e.path || '$'}: ${serverErrorText(this.locale, e)}`),
          ]
        : [];
    const count = this.problemCount;
    return html`<div class="base" part="base" lang=${this.locale}>
      <div class="toolbar" part="header">
        <div role="tablist" aria-label=${this.t('tab.label')}>
          ${(['form', 'json'] as const).map(
            (tab) => html`<button
              type="button"
              role="tab"
              id=${`tab-${tab}`}
              aria-selected=${this.tab === tab ? 'true' : 'false'}
              aria-controls="panel"
              tabindex=${this.tab === tab ? '0' : '-1'}
              @click=${() => this.showTab(tab)}
              @keydown=${this.tabKey}
            >
              ${this.t(`tab.${tab}`)}
            </button>`,
          )}
        </div>
        ${
          this.readonly
            ? nothing
            : html`<div class="actions">
              <button type="button" part="cancel" @click=${this.cancel}>${this.t('cancel')}</button>
              <button
                type="button"
                class="primary"
                part="save"
                aria-disabled=${count > 0 ? 'true' : 'false'}
                @click=${this.save}
              >
                ${count > 0 ? this.t('save.blocked', count) : this.t('save')}
              </button>
            </div>`
        }
      </div>
      <p class="visually-hidden" role="status">${count > 0 ? this.t('issues.count', count) : this.t('issues.none')}</p>
      ${
        unclaimed.length
          ? html`<div class="summary" part="issues">
            <h3>${this.t('issues.other')}</h3>
            <ul>
              ${unclaimed.map((m) => html`<li>${m}</li>`)}
            </ul>
          </div>`
          : nothing
      }
      <div role="tabpanel" id="panel" aria-labelledby=${`tab-${this.tab}`}>
        <fieldset ?disabled=${this.readonly}>${panel}</fieldset>
      </div>
    </div>`;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'fc-save': CustomEvent<FcSaveDetail<OfferContent | KnowledgeDocumentContent>>;
    'fc-cancel': CustomEvent<null>;
  }
}
