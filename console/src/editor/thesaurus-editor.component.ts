import './jitless.js';
import { ThesaurusConceptContent, ThesaurusConceptKind } from '@finlet/contracts';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ContentEditor } from './content-editor.js';
import { enumLabel } from './messages.js';

function blankConcept(): Record<string, unknown> {
  return { id: '', kind: 'product', terms: { 'zh-CN': [], en: [] } };
}

const splitWords = (text: string) => ({
  value: text
    .split(/[,，、]/)
    .map((word) => word.trim())
    .filter(Boolean),
});

/**
 * @tagname fc-thesaurus-editor
 * @summary Writes one concept of the bank's thesaurus: its id, what it names, and its words in
 * Chinese and English (either may stay empty, not both), validated with the contract on every change.
 *
 * @fires fc-save - The content is valid and the author saved; `detail.content` is the parsed
 * `ThesaurusConceptContent`.
 * @fires fc-cancel - The author left without saving.
 *
 * @csspart base - The wrapper of everything.
 * @csspart header - Tabs and buttons.
 * @csspart save - The save button (shows the problem count while the content is invalid).
 * @csspart cancel - The cancel button.
 * @csspart issues - Problems no field shows.
 */
export class FcThesaurusEditor extends ContentEditor<ThesaurusConceptContent> {
  /** The concept to edit; `null` starts a new one. */
  @property({ attribute: false }) concept: ThesaurusConceptContent | null = null;

  protected readonly schema = ThesaurusConceptContent;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('concept') || !this.hasUpdated) this.load(this.concept ?? blankConcept());
  }

  /** A language with no words is left out (the contract then asks for words in the other). */
  protected override tidy(draft: Record<string, unknown>): Record<string, unknown> {
    const terms = draft.terms as Record<string, string[] | undefined> | undefined;
    if (!terms || typeof terms !== 'object') return draft;
    const { note, ...rest } = draft;
    return {
      ...rest,
      ...(typeof note === 'string' && note.trim() !== '' ? { note } : {}),
      terms: Object.fromEntries(
        Object.entries(terms).filter(([, words]) => !Array.isArray(words) || words.length > 0),
      ),
    };
  }

  protected renderForm(): TemplateResult {
    const words = (locale: 'zh-CN' | 'en') =>
      this.textField(['terms', locale], this.t(`concept.terms.${locale}`), {
        lang: locale,
        convert: splitWords,
        display: () => ((this.get(['terms', locale]) as string[] | undefined) ?? []).join(', '),
        children: (child) => `#${Number(child) + 1}`,
        ...(locale === 'zh-CN' ? { claims: [['terms']] } : {}),
      });
    return html`<section aria-labelledby="s-basics">
        <h3 id="s-basics">${this.t('section.basics')}</h3>
        <div class="grid">
          ${this.textField(['id'], this.t('concept.id'), { hint: this.t('concept.id.hint') })}
          ${this.selectField(
            ['kind'],
            this.t('concept.kind'),
            ThesaurusConceptKind.options.map((k) => [k, enumLabel(this.locale, k)] as const),
          )}
        </div>
      </section>
      <section aria-labelledby="s-terms">
        <h3 id="s-terms">${this.t('section.terms')}</h3>
        ${words('zh-CN')} ${words('en')}
        ${this.textField(['note'], this.t('concept.note'), { multiline: true })}
      </section>`;
  }
}
