import { boot, describeRoute, majorUnits, money, mount } from '/common/site.js';

let trip;
let route;

function render() {
  if (trip) document.getElementById('trip-total').textContent = money(trip.amount);
  if (route) document.getElementById('route-choice').textContent = describeRoute(route);
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

    // Paying the hotel in yen: the bank quotes the routes; the site shows what the traveller chose.
    mount('route-slot', 'route-template')
      .querySelector('finlet-route-quote')
      .addEventListener('finlet-route-select', (event) => {
        route = event.detail;
        render();
      });
    // Travel-finance questions; a hand-off opens the pre-filled application inside the chat.
    mount('chat-slot', 'chat-template');
  },
});
