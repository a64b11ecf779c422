// Finlet in a Vue 3 app, with the runtime-only build and a render function: no template compiler
// in the page, so nothing needs `eval` and the page keeps a strict CSP. Vue renders the custom
// elements as they are; `onFinletOfferSelect` listens to `finlet-offer-select`.
// (With templates compiled at build time, tell Vue the tags are custom elements instead:
// `compilerOptions.isCustomElement: (tag) => tag.startsWith('finlet-')`.)
import { configure, type FinletEventMap, type FinletOfferSelectDetail } from '@finlet/widgets';
import { createApp, defineComponent, h, ref } from 'vue';

const gateway = document.querySelector<HTMLMetaElement>('meta[name="finlet-gateway"]')?.content ?? '';
configure({
  fetchSessionToken: () => fetch('/api/finlet-session', { method: 'POST' }).then((r) => r.json()),
});

const App = defineComponent(() => {
  const chosen = ref<FinletOfferSelectDetail | null>(null);
  return () =>
    h('finlet-provider', { gateway, locale: 'zh-CN' }, [
      h('h1', 'Finance your purchase'),
      h('finlet-offers', {
        amount: '8000',
        currency: 'CNY',
        termMonths: 12,
        onFinletOfferSelect: (event: FinletEventMap['finlet-offer-select']) => {
          chosen.value = event.detail;
        },
      }),
      chosen.value
        ? h(
            'p',
            { id: 'chosen' },
            `You chose ${chosen.value.offerId} (version ${chosen.value.offerVersion}).`,
          )
        : null,
    ]);
});

createApp(App).mount('#app');
