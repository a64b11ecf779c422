import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent } from 'storybook/test';
import { previewCalls } from '../stories-support/preview-gateway.js';
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
  showsError,
  showsPart,
} from '../stories-support/story.js';
import './finlet-apply.js';

interface ApplyArgs extends CommonArgs {
  offer: string;
  amount?: string;
  'term-months'?: number;
  purpose?: string;
}

const meta = {
  title: 'Elements/finlet-apply',
  component: 'finlet-apply',
  args: { ...COMMON_DEFAULTS, offer: 'shop-installment' },
  argTypes: {
    ...COMMON_ARG_TYPES,
    ...CONNECTION_ARG_TYPES,
    offer: {
      control: 'select',
      options: [
        'shop-installment',
        'shop-credit-card',
        'scf-inventory-loan',
        'scf-receivables',
        'no-such-offer',
      ],
    },
    amount: { control: 'text', description: 'Overrides the prefill (major units).' },
    'term-months': { control: { type: 'number', min: 1, max: 360 } },
    purpose: { control: 'text' },
  },
  render: (args, context) => {
    const { gateway, token } = connection(args, context.id);
    return page(
      args.theme,
      html`<finlet-apply
        gateway=${gateway}
        session-token=${token}
        locale=${args.locale}
        mode=${args.mode}
        offer=${args.offer}
        amount=${ifDefined(args.amount || undefined)}
        term-months=${ifDefined(args['term-months'])}
        purpose=${ifDefined(args.purpose || undefined)}
      ></finlet-apply>`,
    );
  },
} satisfies Meta<ApplyArgs>;

export default meta;
type Play = NonNullable<Story['play']>;
type Story = StoryObj<ApplyArgs>;

async function details(canvas: HTMLElement): Promise<ShadowRoot> {
  const root = await shadowOf(canvas, 'finlet-apply');
  await reach(root, '[part~="form"]');
  return root;
}

async function toConsent(canvas: HTMLElement): Promise<ShadowRoot> {
  const root = await details(canvas);
  await userEvent.click(root.querySelector<HTMLButtonElement>('form button[type="submit"]')!);
  await reach(root, '[part~="consent"]');
  return root;
}

async function submit(canvas: HTMLElement): Promise<ShadowRoot> {
  const root = await toConsent(canvas);
  await userEvent.click(root.querySelector<HTMLInputElement>('#agree')!);
  await userEvent.click(root.querySelector<HTMLButtonElement>('[part~="submit"]')!);
  return root;
}

const playDetails: Play = async ({ canvasElement }) => {
  const root = await details(canvasElement);
  await expect(root.querySelector<HTMLInputElement>('#f-name')?.value).toBe('王小明');
  await expect(root.querySelector<HTMLInputElement>('#f-amount')?.value).toBe('8000');
};

/** Step 1: the details, prefilled from the session's `pre` claim (the user checks, not retypes). */
export const Details: Story = {
  play: playDetails,
};

export const DetailsEnglish: Story = { args: { locale: 'en' }, play: playDetails };

/** A business offer: the business name is asked for (and prefilled). */
export const BusinessDetails: Story = {
  args: { session: 'supplier', offer: 'scf-inventory-loan', locale: 'en' },
  play: async ({ canvasElement }) => {
    const root = await details(canvasElement);
    await expect(root.querySelector<HTMLInputElement>('#f-businessName')?.value).not.toBe('');
  },
};

const playConsent: Play = async ({ canvasElement }) => {
  await toConsent(canvasElement);
};

/** Step 2: the explicit consent, stating scope, purpose and expiry before anything is sent. */
export const Consent: Story = {
  play: playConsent,
};

export const ConsentEnglish: Story = { args: { locale: 'en' }, play: playConsent };

const playSubmitted: Play = async ({ canvasElement }) => {
  const root = await submit(canvasElement);
  const result = await reach(root, '[part~="result"]');
  await expect(result.textContent).toMatch(/app_/);
  // The consent was recorded before the application, which cites it.
  const calls = previewCalls.filter((c) => c.path !== '/v1/offers/match').slice(-2);
  await expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
    'POST /v1/consents',
    'POST /v1/applications',
  ]);
  await expect((calls[1]?.body as { consentIds?: string[] } | undefined)?.consentIds).toHaveLength(1);
};

/** Submitted: the result screen with the application id. */
export const Submitted: Story = {
  play: playSubmitted,
};

export const SubmittedEnglish: Story = { args: { locale: 'en' }, play: playSubmitted };

/** Elder mode: larger text and targets, high contrast, plain wording. */
export const Elder: Story = { args: { mode: 'elder' }, play: playDetails };

export const ElderConsent: Story = { args: { mode: 'elder' }, play: playConsent };

export const ElderSubmittedEnglish: Story = { args: { mode: 'elder', locale: 'en' }, play: playSubmitted };

/** A partner's dark brand through the `--finlet-*` tokens only. */
export const DarkTheme: Story = { args: { theme: 'dark' }, play: playDetails };

export const DarkThemeConsent: Story = { args: { theme: 'dark', locale: 'en' }, play: playConsent };

export const DarkThemeSubmitted: Story = { args: { theme: 'dark' }, play: playSubmitted };

/** The offer is still loading. */
export const Loading: Story = {
  args: { behaviour: 'pending' },
  play: showsPart('finlet-apply', 'loading'),
};

const playOfferMissing: Play = async ({ canvasElement }) => {
  const root = await shadowOf(canvasElement, 'finlet-apply');
  await reach(root, '[part~="error"]');
};

/** Nothing to apply for: the offer is not (or no longer) offered to this session. */
export const OfferMissing: Story = {
  args: { offer: 'no-such-offer' },
  play: playOfferMissing,
};

export const OfferMissingEnglish: Story = {
  args: { offer: 'no-such-offer', locale: 'en' },
  play: playOfferMissing,
};

/** The gateway refuses the token (`invalid_token`): the session ends with a clear message. */
export const ErrorInvalidToken: Story = {
  args: { behaviour: 'problem:invalid_token' },
  play: showsPart('finlet-apply', 'error'),
};

/** The network is down. */
export const ErrorNetwork: Story = {
  args: { behaviour: 'offline', locale: 'en' },
  play: showsError('finlet-apply', 'network'),
};

const playErrorOnSubmit: Play = async ({ canvasElement }) => {
  const root = await submit(canvasElement);
  await expectError(root, 'offer_not_eligible');
};

/** The bank refuses the application on submit (`offer_not_eligible`): the message, the code, and back. */
export const ErrorOnSubmit: Story = {
  args: { behaviour: 'submit-problem:offer_not_eligible' },
  play: playErrorOnSubmit,
};

export const ErrorOnSubmitEnglish: Story = {
  args: { behaviour: 'submit-problem:offer_not_eligible', locale: 'en' },
  play: playErrorOnSubmit,
};
