import { api, boot, mount, refreshSession } from '/common/site.js';

function showFunding() {
  document.getElementById('step-1').removeAttribute('aria-current');
  document.getElementById('step-1').classList.add('done');
  document.getElementById('step-2').setAttribute('aria-current', 'step');
  document.getElementById('funding-card').removeAttribute('hidden');
  const slot = document.getElementById('offers-slot');
  if (slot.childElementCount) return;
  slot.replaceChildren(document.getElementById('offers-template').content.cloneNode(true));
  slot.querySelector('finlet-offers').addEventListener('finlet-offer-select', (event) => {
    const apply = document.createElement('finlet-apply');
    apply.setAttribute('offer', event.detail.offerId);
    apply.match = event.detail.match;
    document.getElementById('apply-slot').replaceChildren(apply);
    apply.scrollIntoView({ block: 'start' });
  });
  document.getElementById('funding-card').scrollIntoView({ block: 'start' });
}

boot({
  onSignedIn: ({ data }) => {
    // Ask while registering: the advisor knows the registration through the session the portal mints.
    mount('chat-slot', 'chat-template');
    const input = document.getElementById('company-name');
    input.value = data.companyName;
    document.getElementById('summary-name').textContent = data.companyName;
    document.getElementById('details-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      // The portal keeps the registration on its own backend; the session it mints carries it over.
      const saved = await api('POST', '/api/state', { companyName: input.value });
      document.getElementById('summary-name').textContent = saved.data.companyName;
      input.disabled = true;
      await refreshSession();
      showFunding();
    });
  },
});
