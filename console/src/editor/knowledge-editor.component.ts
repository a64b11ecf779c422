import './jitless.js';
import { KnowledgeDocumentContent, KnowledgeKind, ProductType, SCENARIOS } from '@finlet/contracts';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ContentEditor } from './content-editor.js';
import { enumLabel } from './messages.js';

function blankDocument(): Record<string, unknown> {
  return {
    id: '',
    kind: 'faq',
    scenarios: [],
    productTypes: [],
    tags: [],
    texts: { 'zh-CN': { title: '', body: '' }, en: { title: '', body: '' } },
  };
}

/**
 * @tagname fc-knowledge-editor
 * @summary Writes one knowledge document version (FAQ, terms, fees, guide): titles and bodies in
 * zh-CN and en side by side (either may stay empty, not both), validated with the contract on every change.
 *
 * @fires fc-save - The content is valid and the author saved; `detail.content` is the parsed
 * `KnowledgeDocumentContent`.
 * @fires fc-cancel - The author left without saving.
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - Tabs and buttons.
 * @csspart save - The save button (shows the problem count while the content is invalid).
 * @csspart cancel - The cancel button.
 * @csspart issues - Problems no field shows.
 */
export class FcKnowledgeEditor extends ContentEditor<KnowledgeDocumentContent> {
  /** The document content to edit; `null` starts a new document. */
  @property({ attribute: false }) document: KnowledgeDocumentContent | null = null;

  protected readonly schema = KnowledgeDocumentContent;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('document') || !this.hasUpdated) this.load(this.document ?? blankDocument());
  }

  /**
   * A bank may write a document in one language only: a language whose title and body are both
   * empty is left out of the content (the contract then asks for at least one).
   */
  protected override tidy(draft: Record<string, unknown>): Record<string, unknown> {
    const texts = draft.texts as Record<string, { title?: string; body?: string } | undefined> | undefined;
    if (!texts || typeof texts !== 'object') return draft;
    const written = Object.fromEntries(
      Object.entries(texts).filter(([, t]) => !t || `${t.title ?? ''}${t.body ?? ''}`.trim() !== ''),
    );
    return { ...draft, texts: written };
  }

  protected renderForm(): TemplateResult {
    return html`<section aria-labelledby="s-basics">
        <h3 id="s-basics">${this.t('section.basics')}</h3>
        <div class="grid">
          ${this.textField(['id'], this.t('doc.id'), { hint: this.t('offer.id.hint') })}
          ${this.selectField(
            ['kind'],
            this.t('doc.kind'),
            KnowledgeKind.options.map((k) => [k, enumLabel(this.locale, k)] as const),
          )}
        </div>
        ${this.choicesField(['scenarios'], this.t('doc.scenarios'), SCENARIOS)}
        ${this.choicesField(['productTypes'], this.t('doc.productTypes'), ProductType.options)}
        ${this.textField(['tags'], this.t('doc.tags'), {
          convert: (text) => ({
            value: text
              .split(/[,，]/)
              .map((tag) => tag.trim())
              .filter(Boolean),
          }),
          display: () => ((this.get(['tags']) as string[] | undefined) ?? []).join(', '),
          children: (child) => `#${Number(child) + 1}`,
        })}
      </section>
      <section aria-labelledby="s-texts">
        <h3 id="s-texts">${this.t('section.texts')}</h3>
        ${this.sideBySide(
          (locale) => html`
            ${this.textField(['texts', locale, 'title'], this.t('doc.title'), { lang: locale })}
            ${this.textField(['texts', locale, 'body'], this.t('doc.body'), { lang: locale, multiline: true })}
          `,
        )}
      </section>`;
  }
}
