import { boot, majorUnits, money } from '/common/site.js';

let trip;

function render() {
  if (trip) document.getElementById('trip-total').textContent = money(trip.amount);
}

/** The user chose an offer: open the bank's pre-filled application right under it. */
function openApplication(event) {
  const apply = document.createElement('finlet-apply');
  apply.setAttribute('offer', event.detail.offerId);
  apply.setAttribute('amount', majorUnits(trip.amount));
  apply.match = event.detail.match;
  document.getElementById('apply-slot').replaceChildren(apply);
  apply.scrollIntoView({ block: 'start' });
}

boot({
  onLocale: render,
  onSignedIn: ({ data }) => {
    trip = data;
    render();
    const slot = document.getElementById('offers-slot');
    slot.replaceChildren(document.getElementById('offers-template').content.cloneNode(true));
    const offers = slot.querySelector('finlet-offers');
    offers.setAttribute('amount', majorUnits(trip.amount));
    offers.addEventListener('finlet-offer-select', openApplication);
  },
});
