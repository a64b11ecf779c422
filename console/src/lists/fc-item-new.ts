import type {
  KnowledgeDocumentContentInput,
  OfferContentInput,
  ThesaurusConceptContentInput,
} from '@finlet/contracts';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ConsoleElement, type ShownProblem } from '../app/console-element.js';
import { BASE, itemPath } from '../app/route.js';
import '../editor/fc-knowledge-editor.js';
import '../editor/fc-offer-editor.js';
import '../editor/fc-thesaurus-editor.js';

/**
 * @summary A new offer, knowledge document or thesaurus concept: the editor with nothing in it,
 * saved as draft version 1.
 */
@customElement('fc-item-new')
export class FcItemNew extends ConsoleElement {
  @property() kind: 'offers' | 'knowledge' | 'thesaurus' = 'offers';
  @state() private error: ShownProblem | undefined;

  private async save(event: CustomEvent<{ content: unknown }>) {
    this.error = undefined;
    try {
      const content = event.detail.content;
      const created =
        this.kind === 'offers'
          ? await this.api.createOffer(content as OfferContentInput)
          : this.kind === 'knowledge'
            ? await this.api.createKnowledge(content as KnowledgeDocumentContentInput)
            : await this.api.createThesaurusConcept(content as ThesaurusConceptContentInput);
      this.navigate(itemPath(this.kind, created.id, created.version));
    } catch (error) {
      this.error = this.problem(error);
    }
  }

  override render() {
    const cancel = () => this.navigate(`${BASE}/${this.kind}`);
    const common = { locale: this.locale, errors: this.error?.fields ?? [] };
    const editor = {
      offers: () => html`<fc-offer-editor
        .offer=${null}
        locale=${common.locale}
        .serverErrors=${common.errors}
        @fc-save=${this.save}
        @fc-cancel=${cancel}
      ></fc-offer-editor>`,
      knowledge: () => html`<fc-knowledge-editor
        .document=${null}
        locale=${common.locale}
        .serverErrors=${common.errors}
        @fc-save=${this.save}
        @fc-cancel=${cancel}
      ></fc-knowledge-editor>`,
      thesaurus: () => html`<fc-thesaurus-editor
        .concept=${null}
        locale=${common.locale}
        .serverErrors=${common.errors}
        @fc-save=${this.save}
        @fc-cancel=${cancel}
      ></fc-thesaurus-editor>`,
    }[this.kind];
    const title = {
      offers: 'lists.offers.new',
      knowledge: 'lists.knowledge.new',
      thesaurus: 'lists.thesaurus.new',
    } as const;
    return html`<section class="stack" aria-labelledby="new-title">
      <p><a href="${BASE}/${this.kind}">${this.t('detail.back')}</a></p>
      <h2 id="new-title">${this.t(title[this.kind])}</h2>
      ${this.renderProblem(this.error)}
      ${editor()}
      ${this.can('author') ? nothing : html`<p class="message">${this.t('error.forbidden')}</p>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-item-new': FcItemNew;
  }
}
