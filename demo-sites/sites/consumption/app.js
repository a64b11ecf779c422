import { api, boot, majorUnits, money, translatePage } from '/common/site.js';

const ELDER_KEY = 'finlet-demo-elder';
let data;

function render() {
  if (!data) return;
  document.getElementById('unit-price').textContent = money({ value: data.product.price, currency: 'CNY' });
  document.getElementById('qty').textContent = String(data.quantity);
  document.getElementById('cart-total').textContent = money(data.total);
  document.getElementById('offers')?.setAttribute('amount', majorUnits(data.total));
  document.querySelector('finlet-apply')?.setAttribute('amount', majorUnits(data.total));
}

/** Elder mode: larger text on the page, and the widgets' own elder layout. */
function setElder(on) {
  document.body.classList.toggle('elder', on);
  document.getElementById('elder-toggle').setAttribute('aria-pressed', String(on));
  document.querySelector('finlet-provider').setAttribute('mode', on ? 'elder' : 'standard');
  localStorage.setItem(ELDER_KEY, on ? '1' : '0');
}

async function changeQuantity(delta) {
  const quantity = Math.min(5, Math.max(1, data.quantity + delta));
  if (quantity === data.quantity) return;
  data = (await api('POST', '/api/state', { quantity })).data;
  render();
}

function openCheckout() {
  document.getElementById('checkout').removeAttribute('hidden');
  const slot = document.getElementById('offers-slot');
  if (!slot.childElementCount) {
    slot.replaceChildren(document.getElementById('offers-template').content.cloneNode(true));
    slot.querySelector('finlet-offers').addEventListener('finlet-offer-select', (event) => {
      const apply = document.createElement('finlet-apply');
      apply.setAttribute('offer', event.detail.offerId);
      apply.setAttribute('amount', majorUnits(data.total));
      apply.match = event.detail.match;
      document.getElementById('apply-slot').replaceChildren(apply);
      apply.scrollIntoView({ block: 'start' });
    });
  }
  render();
  document.getElementById('checkout').scrollIntoView({ block: 'start' });
}

/** The member area: the risk assessment, wealth products within the level, the holdings health check. */
function openWealth() {
  const slot = document.getElementById('wealth-slot');
  if (!slot.childElementCount) {
    slot.replaceChildren(document.getElementById('wealth-template').content.cloneNode(true));
    translatePage();
  }
  document.getElementById('wealth-button').setAttribute('hidden', '');
  slot.scrollIntoView({ block: 'start' });
}

setElder(localStorage.getItem(ELDER_KEY) === '1');
document.getElementById('elder-toggle').addEventListener('click', () => {
  setElder(!document.body.classList.contains('elder'));
});

boot({
  onLocale: render,
  onSignedIn: (me) => {
    data = me.data;
    render();
    document.getElementById('qty-minus').addEventListener('click', () => changeQuantity(-1));
    document.getElementById('qty-plus').addEventListener('click', () => changeQuantity(1));
    document.getElementById('checkout-button').addEventListener('click', openCheckout);
    document.getElementById('wealth-button').addEventListener('click', openWealth);
  },
});
