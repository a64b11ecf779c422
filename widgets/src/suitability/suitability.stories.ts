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
import './finlet-suitability.js';

interface SuitabilityArgs extends CommonArgs {
  'focus-start': boolean;
}

const meta = {
  title: 'Elements/finlet-suitability',
  component: 'finlet-suitability',
  args: { ...COMMON_DEFAULTS, session: 'shopper', 'focus-start': false },
  argTypes: { ...COMMON_ARG_TYPES, ...CONNECTION_ARG_TYPES, 'focus-start': { control: 'boolean' } },
  render: (args, context) => {
    const { gateway, token } = connection(args, context.id);
    return page(
      args.theme,
      html`<finlet-suitability
        gateway=${gateway}
        session-token=${token}
        locale=${args.locale}
        mode=${args.mode}
        ?focus-start=${args['focus-start']}
      ></finlet-suitability>`,
    );
  },
} satisfies Meta<SuitabilityArgs>;

export default meta;
type Story = StoryObj<SuitabilityArgs>;
type Play = NonNullable<Story['play']>;

/** Starts (or, for a user who already took it, retakes) and checks the first step. */
const playFirstStep: Play = async ({ canvasElement }) => {
  const root = await shadowOf(canvasElement, 'finlet-suitability');
  await userEvent.click(await reach(root, '[data-action="start"], [data-action="retake"]'));
  await reach(root, '[part~="question"]');
  await expect(root.querySelectorAll('[part~="option"]').length).toBe(4);
};

/** The introduction: how many questions, what the result is for. */
export const Introduction: Story = { play: showsPart('finlet-suitability', 'footer') };

export const IntroductionEnglish: Story = { args: { locale: 'en' }, play: Introduction.play! };

/** One question per step with "question 1 of 4" and its bar. */
export const FirstQuestion: Story = { play: playFirstStep };

/** Elder mode: larger text and targets, high contrast. */
export const Elder: Story = { args: { mode: 'elder' }, play: playFirstStep };

export const ElderEnglish: Story = { args: { mode: 'elder', locale: 'en' }, play: playFirstStep };

export const DarkTheme: Story = { args: { theme: 'dark' }, play: playFirstStep };

/** Answered to the end: the level in words and until when it holds. */
export const Completed: Story = {
  args: { session: 'supplier', locale: 'en' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, 'finlet-suitability');
    await userEvent.click(await reach(root, '[data-action="start"], [data-action="retake"]'));
    for (let step = 0; step < 4; step++) {
      const options = await waitFor(() => {
        const found = root.querySelectorAll<HTMLElement>('[part~="option"] input');
        if (found.length === 0) throw new Error('no options yet');
        return found;
      });
      await userEvent.click(options[1]!);
      await userEvent.click(
        await reach(root, step === 3 ? '[data-action="submit"]' : '[data-action="next"]'),
      );
    }
    const result = await reach(root, '[part~="result"]');
    await waitFor(() => expect(result.textContent).toContain('C2 Cautious'));
  },
};

/**
 * `focus-start`: opened in place after a click elsewhere (as `<finlet-offers>` and `<finlet-nudges>`
 * open it), the questionnaire takes the keyboard focus on its first button once shown.
 */
export const FocusStart: Story = {
  args: { session: 'investor', 'focus-start': true },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, 'finlet-suitability');
    const start = await reach(root, '[data-action="start"]');
    await waitFor(() => expect(root.activeElement).toBe(start));
  },
};

export const FocusStartElderEnglish: Story = {
  args: { session: 'investor', 'focus-start': true, mode: 'elder', locale: 'en' },
  play: FocusStart.play!,
};

export const Loading: Story = {
  args: { behaviour: 'pending' },
  play: showsPart('finlet-suitability', 'loading'),
};

/** The bank has published no questionnaire yet. */
export const NoQuestionnaire: Story = {
  args: { behaviour: 'problem:no_risk_questionnaire' },
  play: showsError('finlet-suitability', 'no_risk_questionnaire'),
};

export const ErrorNetwork: Story = {
  args: { behaviour: 'offline', locale: 'en' },
  play: showsError('finlet-suitability', 'network'),
};
