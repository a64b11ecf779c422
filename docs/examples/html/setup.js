// Tells Finlet how to get a session from your server, and listens to what the elements report.
window.finlet.configure({
  fetchSessionToken: () => fetch('/api/finlet-session', { method: 'POST' }).then((r) => r.json()),
});

document.addEventListener('finlet-offer-select', (event) => {
  const chosen = document.getElementById('chosen');
  chosen.textContent = `You chose ${event.detail.offerId} (version ${event.detail.offerVersion}).`;
  chosen.hidden = false;
});
