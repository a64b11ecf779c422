import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, waitFor } from 'storybook/test';
import {
  COMMON_ARG_TYPES,
  COMMON_DEFAULTS,
  CONNECTION_ARG_TYPES,
  type CommonArgs,
  connection,
  page,
  reach,
  shadowOf,
  showsError,
  showsPart,
} from '../stories-support/story.js';
import './finlet-offers.js';

interface OffersArgs extends CommonArgs {
  amount?: string;
  currency: string;
  scenario?: string;
  'term-months'?: number;
  limit: number;
}

const meta = {
  title: 'Elements/finlet-offers',
  component: 'finlet-offers',
  args: { ...COMMON_DEFAULTS, amount: '8000', currency: 'CNY', 'term-months': 12, limit: 5 },
  argTypes: {
    ...COMMON_ARG_TYPES,
    ...CONNECTION_ARG_TYPES,
    amount: { control: 'text', description: 'Display hint: the amount in major units.' },
    currency: { control: 'text' },
    scenario: { control: 'text' },
    'term-months': { control: { type: 'number', min: 1, max: 360 } },
    limit: { control: { type: 'number', min: 1, max: 50 } },
  },
  render: (args, context) => {
    const { gateway, token } = connection(args, context.id);
    return page(
      args.theme,
      html`<finlet-offers
        gateway=${gateway}
        session-token=${token}
        locale=${args.locale}
        mode=${args.mode}
        amount=${ifDefined(args.amount || undefined)}
        currency=${args.currency}
        scenario=${ifDefined(args.scenario || undefined)}
        term-months=${ifDefined(args['term-months'])}
        limit=${args.limit}
      ></finlet-offers>`,
    );
  },
} satisfies Meta<OffersArgs>;

export default meta;
type Play = NonNullable<Story['play']>;
type Story = StoryObj<OffersArgs>;

const playSuccess: Play = async ({ canvasElement }) => {
  const root = await shadowOf(canvasElement, 'finlet-offers');
  await reach(root, '[part~="offer"]');
  await expect(root.querySelectorAll('[part~="offer"]').length).toBeGreaterThan(1);
  await expect(root.querySelector('[part~="disclosures"]')).not.toBeNull();
};

/** Offers for a shopper (zh-CN, the default locale), with a worked example for ¥8,000 over 12 months. */
export const Success: Story = {
  play: playSuccess,
};

export const English: Story = {
  args: { locale: 'en' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, 'finlet-offers');
    await reach(root, '[part~="offer"]');
    await expect(root.querySelector('h2')?.textContent).toMatch(/[A-Za-z]/);
  },
};

const playElder: Play = async ({ canvasElement }) => {
  const root = await shadowOf(canvasElement, 'finlet-offers');
  await reach(root, '[part~="more"]');
  await expect(root.querySelectorAll('[part~="offer"]').length).toBe(1);
};

/** Elder mode: larger text and targets, high contrast, one recommendation first, the rest behind "more". */
export const Elder: Story = {
  args: { mode: 'elder' },
  play: playElder,
};

export const ElderEnglish: Story = {
  args: { mode: 'elder', locale: 'en' },
  play: playElder,
};

/** A partner's dark brand through the `--finlet-*` tokens only. */
export const DarkTheme: Story = {
  args: { theme: 'dark' },
  play: playSuccess,
};

export const DarkThemeEnglish: Story = {
  args: { theme: 'dark', locale: 'en' },
  play: playSuccess,
};

/** Supply-chain financing for a supplier's session (different trusted signals, different offers). */
export const SupplyChain: Story = {
  args: { session: 'supplier', amount: '200000', 'term-months': 6 },
  play: playSuccess,
};

/** An amount above every offer's limit: the gateway matches nothing, so no misleading offer or example. */
export const AmountOutOfRange: Story = {
  args: { amount: '900000' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, 'finlet-offers');
    await reach(root, '[part~="empty"]');
    await expect(root.querySelector('[part~="example"]')).toBeNull();
  },
};

const playAssessmentRequired: Play = async ({ canvasElement }) => {
  const root = await shadowOf(canvasElement, 'finlet-offers');
  const prompt = await reach(root, '[part~="assess"]');
  await expect(prompt.querySelector('button')).not.toBeNull();
  // The rated products are listed with the reason, none of them selectable before the assessment.
  await reach(root, '[data-offer="cash-plus"] [part~="withheld"]');
  await expect(root.querySelector('[data-offer="cash-plus"] [part~="select"]')).toBeNull();
  await expect(root.querySelector('[data-offer="equity-growth-fund"] [part~="select"]')).toBeNull();
};

/**
 * An investor with no risk assessment yet (`suitability.required` in the match): the rated wealth
 * products wait, with the reason, and a button opens the questionnaire in place.
 */
export const AssessmentRequired: Story = {
  args: { session: 'investor' },
  play: async (context) => {
    await playAssessmentRequired(context);
    const root = await shadowOf(context.canvasElement, 'finlet-offers');
    await expect(root.querySelector('[part~="assess"] button')?.textContent).toContain('进行风险测评');
  },
};

export const AssessmentRequiredElderEnglish: Story = {
  args: { session: 'investor', mode: 'elder', locale: 'en' },
  play: async (context) => {
    const root = await shadowOf(context.canvasElement, 'finlet-offers');
    const prompt = await reach(root, '[part~="assess"]');
    await expect(prompt.querySelector('button')?.textContent).toContain('Take the risk assessment');
  },
};

/** "Take the risk assessment" pressed: `<finlet-suitability>` opens above the list and takes the focus. */
export const AssessmentOpened: Story = {
  args: { session: 'investor' },
  play: async (context) => {
    await playAssessmentRequired(context);
    const root = await shadowOf(context.canvasElement, 'finlet-offers');
    await userEvent.click(await reach(root, '[part~="assess"] button'));
    const form = await reach(root, 'finlet-suitability');
    await customElements.whenDefined('finlet-suitability');
    const start = await reach(form.shadowRoot!, '[data-action="start"]');
    await waitFor(() => expect(form.shadowRoot!.activeElement).toBe(start));
    await expect(root.querySelector('[part~="assess"]')).toBeNull();
  },
};

/** The gateway has not answered yet (it never will: after 15 s the client gives up and shows the timeout error). */
export const Loading: Story = {
  args: { behaviour: 'pending' },
  play: showsPart('finlet-offers', 'loading'),
};

const playEmpty: Play = async ({ canvasElement }) => {
  const root = await shadowOf(canvasElement, 'finlet-offers');
  await reach(root, '[part~="empty"]');
};

/** No offer fits this session (a tourism scenario the bank publishes nothing for). */
export const Empty: Story = {
  args: { session: 'traveller' },
  play: playEmpty,
};

export const EmptyEnglish: Story = {
  args: { session: 'traveller', locale: 'en' },
  play: playEmpty,
};

/** The gateway refuses the token (`invalid_token`, 401): the session ends with a clear message. */
export const ErrorInvalidToken: Story = {
  args: { behaviour: 'problem:invalid_token' },
  play: showsPart('finlet-offers', 'error'),
};

/** The gateway fails (`internal_error`, 500): a translated message, the code and the request id, and retry. */
export const ErrorServer: Story = {
  args: { behaviour: 'problem:internal_error', locale: 'en' },
  play: showsError('finlet-offers', 'internal_error'),
};

/** The network is down (the client retried twice before giving up). */
export const ErrorNetwork: Story = {
  args: { behaviour: 'offline' },
  play: showsError('finlet-offers', 'network'),
};

/** The gateway says the session expired (`session_expired`) and the page gave no way to refresh it. */
export const SessionExpired: Story = {
  args: { behaviour: 'problem:session_expired', locale: 'en' },
  play: showsPart('finlet-offers', 'error'),
};
