import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
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
import './finlet-nudges.js';

interface NudgesArgs extends CommonArgs {
  variant: 'inbox' | 'banner';
  'hide-empty': boolean;
}

const meta = {
  title: 'Elements/finlet-nudges',
  component: 'finlet-nudges',
  args: { ...COMMON_DEFAULTS, session: 'supplier', variant: 'inbox', 'hide-empty': false },
  argTypes: {
    ...COMMON_ARG_TYPES,
    ...CONNECTION_ARG_TYPES,
    variant: { control: 'inline-radio', options: ['inbox', 'banner'] },
    'hide-empty': { control: 'boolean' },
  },
  render: (args, context) => {
    const { gateway, token } = connection(args, context.id);
    return page(
      args.theme,
      html`<finlet-nudges
        gateway=${gateway}
        session-token=${token}
        locale=${args.locale}
        mode=${args.mode}
        variant=${args.variant}
        ?hide-empty=${args['hide-empty']}
      ></finlet-nudges>`,
    );
  },
} satisfies Meta<NudgesArgs>;

export default meta;
type Story = StoryObj<NudgesArgs>;
type Play = NonNullable<Story['play']>;

const playInbox: Play = async ({ canvasElement }) => {
  const root = await shadowOf(canvasElement, 'finlet-nudges');
  await reach(root, '[part~="nudge"]');
  await expect(root.querySelectorAll('[part~="nudge"]').length).toBe(2);
};

const playOne: Play = async ({ canvasElement }) => {
  const root = await shadowOf(canvasElement, 'finlet-nudges');
  await reach(root, '[part~="nudge"]');
  await expect(root.querySelectorAll('[part~="nudge"]').length).toBe(1);
};

/** Proactive offers the bank raised for a supplier (zh-CN), each explained, with a pre-qualified amount. */
export const Inbox: Story = { play: playInbox };

export const InboxEnglish: Story = { args: { locale: 'en' }, play: playInbox };

/** `variant="banner"`: the newest nudge only, for the top of a page. */
export const Banner: Story = { args: { variant: 'banner' }, play: playOne };

/** Elder mode: one nudge, larger text and targets, high contrast. */
export const Elder: Story = { args: { mode: 'elder' }, play: playOne };

export const ElderEnglish: Story = { args: { mode: 'elder', locale: 'en' }, play: playOne };

export const DarkTheme: Story = { args: { theme: 'dark' }, play: playInbox };

export const DarkThemeEnglish: Story = { args: { theme: 'dark', locale: 'en' }, play: playInbox };

/** Accepting a nudge opens `<finlet-apply>` inside, pre-filled with the pre-qualified amount. */
export const Accepted: Story = {
  args: { locale: 'en' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, 'finlet-nudges');
    await userEvent.click(await reach(root, '[part~="accept"]'));
    const apply = await reach(root, 'finlet-apply');
    // <finlet-apply> loads when the application opens: wait for it to upgrade.
    await customElements.whenDefined('finlet-apply');
    const form = await reach(apply.shadowRoot!, '[part~="form"]');
    await expect(form.querySelector<HTMLInputElement>('#f-amount')?.value).toBe('300000');
  },
};

/** Dismissing removes the nudge. */
export const Dismissed: Story = {
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, 'finlet-nudges');
    await userEvent.click(await reach(root, '[part~="dismiss"]'));
    await waitFor(() => expect(root.querySelectorAll('[part~="nudge"]').length).toBe(1));
  },
};

export const Loading: Story = {
  args: { behaviour: 'pending' },
  play: showsPart('finlet-nudges', 'loading'),
};

/** Nothing raised for this user. */
export const Empty: Story = {
  args: { session: 'traveller' },
  play: showsPart('finlet-nudges', 'empty'),
};

export const EmptyEnglish: Story = { args: { session: 'traveller', locale: 'en' }, play: Empty.play! };

export const ErrorInvalidToken: Story = {
  args: { behaviour: 'problem:invalid_token' },
  play: showsPart('finlet-nudges', 'error'),
};

export const ErrorServer: Story = {
  args: { behaviour: 'problem:internal_error', locale: 'en' },
  play: showsError('finlet-nudges', 'internal_error'),
};

export const ErrorNetwork: Story = {
  args: { behaviour: 'offline' },
  play: showsError('finlet-nudges', 'network'),
};
