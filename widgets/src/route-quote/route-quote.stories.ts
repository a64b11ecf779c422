import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import { CORRIDORS, type CorridorName } from '../stories-support/routes.js';
import {
  COMMON_ARG_TYPES,
  COMMON_DEFAULTS,
  CONNECTION_ARG_TYPES,
  type CommonArgs,
  connection,
  expectError,
  page,
  reach,
  shadowOf,
} from '../stories-support/story.js';
import './finlet-route-quote.js';

interface RouteQuoteArgs extends CommonArgs {
  /** Which payment the element quotes (sets the currency, country, party and amount attributes). */
  corridor: CorridorName;
  urgency: 'balanced' | 'cheapest' | 'fastest';
}

const TAG = 'finlet-route-quote';

const meta = {
  title: 'Elements/finlet-route-quote',
  component: TAG,
  args: { ...COMMON_DEFAULTS, session: 'supplier', corridor: 'cny-vnd-business', urgency: 'balanced' },
  argTypes: {
    ...COMMON_ARG_TYPES,
    ...CONNECTION_ARG_TYPES,
    behaviour: {
      ...COMMON_ARG_TYPES.behaviour,
      options: ['live', 'after-cutoff', 'stale-fx', 'pending', 'offline', 'problem:rate_limited'],
    },
    corridor: {
      description: 'The payment quoted, from the demo rails of `finlet dev` (not an attribute).',
      control: 'select',
      options: Object.keys(CORRIDORS),
      table: { category: 'story' },
    },
    urgency: { control: 'inline-radio', options: ['balanced', 'cheapest', 'fastest'] },
  },
  render: (args, context) => {
    const { gateway, token } = connection(args, context.id);
    const c = CORRIDORS[args.corridor];
    return page(
      args.theme,
      html`<finlet-route-quote
        gateway=${gateway}
        session-token=${token}
        locale=${args.locale}
        mode=${args.mode}
        from-currency=${c['from-currency']}
        to-currency=${c['to-currency']}
        from-country=${c['from-country']}
        to-country=${c['to-country']}
        payer-type=${c['payer-type']}
        payee-type=${c['payee-type']}
        purpose=${c.purpose}
        direction=${c.direction}
        urgency=${args.urgency}
        amount=${c.amount}
      ></finlet-route-quote>`,
    );
  },
} satisfies Meta<RouteQuoteArgs>;

export default meta;
type Story = StoryObj<RouteQuoteArgs>;
type Play = NonNullable<Story['play']>;

/** Several options, one recommended, each also a point on the cost-against-time chart. */
const playCompared: Play = async ({ canvasElement }) => {
  const root = await shadowOf(canvasElement, TAG);
  await reach(root, '[part~="option"]');
  const options = root.querySelectorAll('[part~="option"]');
  await expect(options.length).toBeGreaterThanOrEqual(2);
  await expect(root.querySelectorAll('[part~="options"] .badge.recommended').length).toBe(1);
  await expect(root.querySelectorAll('[part~="chart"] circle').length).toBe(options.length);
  await expect(options[0]!.textContent).toMatch(/₫[\d,.]+/);
};

/** Elder mode: the recommendation alone, its legs open, the others behind "show more". */
const playElder: Play = async ({ canvasElement }) => {
  const root = await shadowOf(canvasElement, TAG);
  await reach(root, '[part~="option"]');
  await expect(root.querySelectorAll('[part~="option"]').length).toBe(1);
  await expect(root.querySelector('[part~="chart"]')).toBeNull();
  await expect(root.querySelector<HTMLDetailsElement>('[part~="legs"]')?.open).toBe(true);
  await reach(root, '[part~="more"]');
};

/**
 * A supply-chain merchant pays a Vietnamese supplier 200,000 CNY for goods: CIPS, SWIFT and
 * multi-leg paths through Hong Kong, quoted by the real optimizer over the demo rails (zh-CN).
 */
export const Compared: Story = { play: playCompared };

export const ComparedEnglish: Story = { args: { locale: 'en' }, play: playCompared };

/** "The recipient must get exactly 1,000 EUR": every option delivers exactly that. */
export const ReceiveExactly: Story = {
  args: { corridor: 'usd-eur-consumer', session: 'traveller', locale: 'en' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, TAG);
    await reach(root, '[part~="option"]');
    for (const option of root.querySelectorAll('[part~="option"]')) {
      await expect(option.textContent).toContain('€1,000.00');
    }
  },
};

/** An option opened into its legs, fees, exchange rates and the plain explanation. */
export const LegsAndFees: Story = {
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, TAG);
    const legs = (await reach(root, '[part~="option"] [part~="legs"]')) as HTMLDetailsElement;
    await userEvent.click(legs.querySelector('summary')!);
    await waitFor(() => expect(legs.open).toBe(true));
    await expect(legs.querySelectorAll('ol.legs li').length).toBeGreaterThanOrEqual(1);
    await expect(legs.querySelectorAll('ul.explanation li').length).toBeGreaterThanOrEqual(1);
  },
};

/** Choosing an option emits `finlet-route-select` with the quote id and the option. */
export const Selected: Story = {
  args: { locale: 'en' },
  play: async ({ canvasElement }) => {
    const chosen: { quoteId: string; option: { recipientGets: { currency: string } } }[] = [];
    canvasElement.addEventListener('finlet-route-select', (e) => {
      chosen.push((e as CustomEvent).detail);
    });
    const root = await shadowOf(canvasElement, TAG);
    await userEvent.click(await reach(root, '[part~="select"]'));
    await expect(chosen).toHaveLength(1);
    await expect(chosen[0]!.quoteId).toMatch(/^rq_/);
    await expect(chosen[0]!.option.recipientGets.currency).toBe('VND');
  },
};

/** Quoted at 17:45 in Shanghai: CIPS is past its 17:30 cut-off, so its arrival moves to tomorrow. */
export const AfterCutoff: Story = {
  args: { behaviour: 'after-cutoff' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, TAG);
    await reach(root, '[part~="option"]');
    const explanations = [...root.querySelectorAll('ul.explanation li')].map((li) => li.textContent ?? '');
    await expect(explanations.some((t) => t.includes('CIPS') && t.includes('截止'))).toBe(true);
  },
};

export const Elder: Story = { args: { mode: 'elder' }, play: playElder };

export const ElderEnglish: Story = { args: { mode: 'elder', locale: 'en' }, play: playElder };

export const DarkTheme: Story = { args: { theme: 'dark' }, play: playCompared };

export const DarkThemeEnglish: Story = { args: { theme: 'dark', locale: 'en' }, play: playCompared };

/** A letter is not an amount: the field says so before anything is sent. */
export const InvalidAmount: Story = {
  args: { locale: 'en' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, TAG);
    await reach(root, '[part~="option"]');
    const input = root.querySelector<HTMLInputElement>('#amount')!;
    // Replaces the amount as a user selecting it and typing over it would.
    await userEvent.type(input, 'abc', { initialSelectionStart: 0, initialSelectionEnd: input.value.length });
    await expect(input.value).toBe('abc');
    await userEvent.click(root.querySelector<HTMLButtonElement>('[part~="form"] button[type="submit"]')!);
    await reach(root, '#amount-error');
    await expect(input.getAttribute('aria-invalid')).toBe('true');
  },
};

export const Loading: Story = {
  args: { behaviour: 'pending' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, TAG);
    await reach(root, '[part~="loading"]');
  },
};

/** No rail of the bank goes from Japan to Thailand: `route_corridor_not_supported`. */
export const ErrorCorridorNotSupported: Story = {
  args: { corridor: 'jpy-thb-unserved', session: 'traveller', locale: 'en' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, TAG);
    await expectError(root, 'route_corridor_not_supported');
  },
};

/** The bank's FX rates are two days old; the engine refuses to quote from them: `fx_rates_stale`. */
export const ErrorStaleRates: Story = {
  args: { behaviour: 'stale-fx' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, TAG);
    await expectError(root, 'fx_rates_stale');
  },
};

export const ErrorNetwork: Story = {
  args: { behaviour: 'offline', locale: 'en' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, TAG);
    await expectError(root, 'network');
  },
};
