// Finlet in a React app: the components of @finlet/react are typed from the elements' manifest,
// so `amount`, `termMonths` and `onFinletOfferSelect`'s `event.detail` are checked by TypeScript.
import { configure, type FinletOfferSelectDetail, FinletOffers, FinletProvider } from '@finlet/react';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

// The gateway's URL comes from the page your server renders; the session from your server's API.
const gateway = document.querySelector<HTMLMetaElement>('meta[name="finlet-gateway"]')?.content ?? '';
configure({
  fetchSessionToken: () => fetch('/api/finlet-session', { method: 'POST' }).then((r) => r.json()),
});

function App() {
  const [chosen, setChosen] = useState<FinletOfferSelectDetail | null>(null);
  return (
    <FinletProvider gateway={gateway} locale="zh-CN">
      <h1>Finance your purchase</h1>
      <FinletOffers
        amount="8000"
        currency="CNY"
        termMonths={12}
        onFinletOfferSelect={(e) => setChosen(e.detail)}
      />
      {chosen && (
        <p id="chosen">
          You chose {chosen.offerId} (version {chosen.offerVersion}).
        </p>
      )}
    </FinletProvider>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
