import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent } from 'storybook/test';
import type { FinletApply } from '../apply/finlet-apply.js';
import type { FinletOfferSelectDetail } from '../internal/events.js';
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
import '../apply/finlet-apply.js';
import '../offers/finlet-offers.js';
import './finlet-provider.js';

interface ProviderArgs extends CommonArgs {
  /** Leave the provider without a gateway (a configuration mistake). */
  withoutGateway: boolean;
  amount: string;
}

/** The partner's glue: show `<finlet-apply>` for the offer the user picks. */
function onSelect(event: CustomEvent<FinletOfferSelectDetail>): void {
  const provider = event.currentTarget as HTMLElement;
  const apply = provider.querySelector<FinletApply>('finlet-apply')!;
  apply.match = event.detail.match;
  apply.offer = event.detail.offerId;
  apply.hidden = false;
}

const meta = {
  title: 'Elements/finlet-provider',
  component: 'finlet-provider',
  args: { ...COMMON_DEFAULTS, withoutGateway: false, amount: '8000' },
  argTypes: {
    ...COMMON_ARG_TYPES,
    ...CONNECTION_ARG_TYPES,
    withoutGateway: { control: 'boolean', table: { category: 'story' } },
    amount: {
      control: 'text',
      description: 'Passed to `<finlet-offers amount>`.',
      table: { category: 'story' },
    },
  },
  parameters: {
    docs: {
      description: {
        component:
          '`<finlet-provider>` renders nothing itself: it shares the gateway, session, locale and mode with the elements inside. These stories put `<finlet-offers>` and `<finlet-apply>` under one provider; choosing an offer opens the application.',
      },
    },
  },
  render: (args, context) => {
    const { gateway, token } = connection(args, context.id);
    return page(
      args.theme,
      html`<finlet-provider
        gateway=${ifDefined(args.withoutGateway ? undefined : gateway)}
        session-token=${token}
        locale=${args.locale}
        mode=${args.mode}
        @finlet-offer-select=${onSelect}
      >
        <finlet-offers amount=${args.amount} term-months="12"></finlet-offers>
        <finlet-apply hidden></finlet-apply>
      </finlet-provider>`,
    );
  },
} satisfies Meta<ProviderArgs>;

export default meta;
type Play = NonNullable<Story['play']>;
type Story = StoryObj<ProviderArgs>;

async function offers(canvas: HTMLElement): Promise<ShadowRoot> {
  const root = await shadowOf(canvas, 'finlet-offers');
  await reach(root, '[part~="offer"]');
  return root;
}

const playOffersThenApply: Play = async ({ canvasElement }) => {
  const root = await offers(canvasElement);
  await userEvent.click(root.querySelector<HTMLButtonElement>('[part~="select"]')!);
  const apply = await shadowOf(canvasElement, 'finlet-apply');
  await reach(apply, '[part~="form"]');
};

/** Offers from the provider's settings (zh-CN); choosing one opens the application below. */
export const OffersThenApply: Story = {
  play: playOffersThenApply,
};

export const English: Story = { args: { locale: 'en' }, play: playOffersThenApply };

const playElder: Play = async ({ canvasElement }) => {
  const root = await offers(canvasElement);
  await expect(root.querySelector('.base.elder')).not.toBeNull();
};

/** `mode="elder"` on the provider reaches every element inside. */
export const Elder: Story = {
  args: { mode: 'elder' },
  play: playElder,
};

export const ElderEnglish: Story = { args: { mode: 'elder', locale: 'en' }, play: playElder };

export const DarkTheme: Story = { args: { theme: 'dark' }, play: playOffersThenApply };

export const DarkThemeEnglish: Story = { args: { theme: 'dark', locale: 'en' }, play: playOffersThenApply };

export const Loading: Story = {
  args: { behaviour: 'pending' },
  play: showsPart('finlet-offers', 'loading'),
};

export const Empty: Story = {
  args: { session: 'traveller' },
  play: showsPart('finlet-offers', 'empty'),
};

export const ErrorServer: Story = {
  args: { behaviour: 'problem:rate_limited', locale: 'en' },
  play: showsError('finlet-offers', 'rate_limited'),
};

/** A provider without `gateway`: the elements say what is missing instead of breaking. */
export const ErrorNoGateway: Story = {
  args: { withoutGateway: true },
  play: showsPart('finlet-offers', 'error'),
};
