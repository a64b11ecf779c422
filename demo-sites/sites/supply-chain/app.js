import { api, boot, describeRoute, mount, t } from '/common/site.js';

let lastResult;
let route;

function renderStatus() {
  if (!lastResult) return;
  document.getElementById('simulate-status').textContent = t(
    `已上报 ${lastResult.accepted} 条库存周转数据（46 → 63 → 92 天），银行触发了 ${lastResult.nudges.length} 条提醒。`,
    `Reported ${lastResult.accepted} turnover readings (46 → 63 → 92 days); the bank raised ${lastResult.nudges.length} nudge(s).`,
  );
}

function renderRoute() {
  if (route) document.getElementById('route-choice').textContent = describeRoute(route);
}

boot({
  onLocale: () => {
    renderStatus();
    renderRoute();
  },
  onSignedIn: () => {
    const slot = document.getElementById('nudges-slot');
    slot.replaceChildren(document.getElementById('nudges-template').content.cloneNode(true));
    // Paying the Vietnamese supplier: the bank quotes routes; the dashboard shows the chosen one.
    mount('route-slot', 'route-template')
      .querySelector('finlet-route-quote')
      .addEventListener('finlet-route-select', (event) => {
        route = event.detail;
        renderRoute();
      });
    const button = document.getElementById('simulate');
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        // The site's own backend posts the signals with its secret key; the page only asks it to.
        lastResult = await api('POST', '/api/signals/slow-turnover');
        document.getElementById('turnover').textContent = '92';
        document.getElementById('turnover').classList.add('warn');
        renderStatus();
        await slot.querySelector('finlet-nudges').refresh();
      } finally {
        button.disabled = false;
      }
    });
  },
});
