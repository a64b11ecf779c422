import type { Offer } from '@finlet/contracts';
import { customElement } from 'lit/decorators.js';
import { listView, VersionedList } from './versioned-list.js';

/** @summary Every offer (its latest version), filterable by status and scenario. */
@customElement('fc-offer-list')
export class FcOfferList extends VersionedList {
  protected override readonly heading = {
    title: 'lists.offers.title',
    id: 'offers-title',
    filters: 'offers',
  } as const;
  protected override readonly create = { kind: 'offers', label: 'lists.offers.new' } as const;
  protected override readonly views = [
    listView<Offer>({
      kind: 'offers',
      title: 'lists.offers.title',
      name: 'col.name',
      columns: [],
      scenarios: true,
    }),
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'fc-offer-list': FcOfferList;
  }
}
