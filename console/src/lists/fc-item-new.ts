import type { KnowledgeDocumentContentInput, OfferContentInput } from '@finlet/contracts';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ConsoleElement, type ShownProblem } from '../app/console-element.js';
import { BASE, itemPath } from '../app/route.js';
import '../editor/fc-knowledge-editor.js';
import '../editor/fc-offer-editor.js';

/** @summary A new offer or knowledge document: the editor with nothing in it, saved as draft version 1. */
@customElement('fc-item-new')
export class FcItemNew extends ConsoleElement {
  @property() kind: 'offers' | 'knowledge' = 'offers';
  @state() private error: ShownProblem | undefined;

  private async save(event: CustomEvent<{ content: unknown }>) {
    this.error = undefined;
    try {
      const created =
        this.kind === 'offers'
          ? await this.api.createOffer(event.detail.content as OfferContentInput)
          : await this.api.createKnowledge(event.detail.content as KnowledgeDocumentContentInput);
      this.navigate(itemPath(this.kind, created.id, created.version));
    } catch (error) {
      this.error = this.problem(error);
    }
  }

  override render() {
    const offers = this.kind === 'offers';
    const cancel = () => this.navigate(`${BASE}/${this.kind}`);
    return html`<section class="stack" aria-labelledby="new-title">
      <p><a href="${BASE}/${this.kind}">${this.t('detail.back')}</a></p>
      <h2 id="new-title">${offers ? this.t('lists.offers.new') : this.t('lists.knowledge.new')}</h2>
      ${this.renderProblem(this.error)}
      ${
        offers
          ? html`<fc-offer-editor
              .offer=${null}
              locale=${this.locale}
              .serverErrors=${this.error?.fields ?? []}
              @fc-save=${this.save}
              @fc-cancel=${cancel}
            ></fc-offer-editor>`
          : html`<fc-knowledge-editor
              .document=${null}
              locale=${this.locale}
              .serverErrors=${this.error?.fields ?? []}
              @fc-save=${this.save}
              @fc-cancel=${cancel}
            ></fc-knowledge-editor>`
      }
      ${this.can('author') ? nothing : html`<p class="message">${this.t('error.forbidden')}</p>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-item-new': FcItemNew;
  }
}
