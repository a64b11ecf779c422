import { api, boot, t } from '/common/site.js';

let lastResult;

function renderStatus() {
  if (!lastResult) return;
  document.getElementById('simulate-status').textContent = t(
    `已上报 ${lastResult.accepted} 条库存周转数据（46 → 63 → 92 天），银行触发了 ${lastResult.nudges.length} 条提醒。`,
    `Reported ${lastResult.accepted} turnover readings (46 → 63 → 92 days); the bank raised ${lastResult.nudges.length} nudge(s).`,
  );
}

boot({
  onLocale: renderStatus,
  onSignedIn: () => {
    const slot = document.getElementById('nudges-slot');
    slot.replaceChildren(document.getElementById('nudges-template').content.cloneNode(true));
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
