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

/**
 * A nudge of kind take-the-assessment: a rated product the signals pointed to, for a user with no
 * risk assessment. Its action says so, with no amount, and never opens an application.
 */
export const TakeAssessment: Story = {
  args: { session: 'investor' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, 'finlet-nudges');
    const accept = await reach(root, '[part~="accept"]');
    await expect(accept.textContent).toContain('进行风险测评');
    await expect(root.querySelector('.amount')).toBeNull();
  },
};

export const TakeAssessmentEnglish: Story = {
  args: { session: 'investor', locale: 'en' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, 'finlet-nudges');
    await expect((await reach(root, '[part~="accept"]')).textContent).toContain('Take the risk assessment');
  },
};

/**
 * The take-the-assessment nudge accepted: `<finlet-suitability>` opens in its place with the focus
 * on its start, and a button leads back to the list.
 */
export const TakeAssessmentOpened: Story = {
  args: { session: 'investor' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, 'finlet-nudges');
    await userEvent.click(await reach(root, '[part~="accept"]'));
    const form = await reach(root, 'finlet-suitability');
    await customElements.whenDefined('finlet-suitability');
    const start = await reach(form.shadowRoot!, '[data-action="start"]');
    await waitFor(() => expect(form.shadowRoot!.activeElement).toBe(start));
    await expect(root.querySelector('finlet-apply')).toBeNull();
    await expect((await reach(root, '[part~="footer"] [data-action="back"]')).textContent).toContain(
      '返回服务列表',
    );
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
