import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import { RESTORED_CONVERSATIONS } from '../stories-support/chat.js';
import { SESSIONS } from '../stories-support/fixtures.js';
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
import './finlet-advice-chat.js';

interface AdviceChatArgs extends CommonArgs {
  /** `restored`: the page was reloaded during an earlier conversation (not an attribute). */
  history: 'none' | 'restored';
}

const TAG = 'finlet-advice-chat';

const meta = {
  title: 'Elements/finlet-advice-chat',
  component: TAG,
  args: { ...COMMON_DEFAULTS, session: 'supplier', history: 'none' },
  argTypes: {
    ...COMMON_ARG_TYPES,
    ...CONNECTION_ARG_TYPES,
    behaviour: {
      ...COMMON_ARG_TYPES.behaviour,
      options: ['live', 'stall', 'stream-error', 'pending', 'offline', 'problem:rate_limited'],
    },
    history: {
      description: 'Whether this page already had a conversation before a reload (not an attribute).',
      control: 'inline-radio',
      options: ['none', 'restored'],
      table: { category: 'story' },
    },
  },
  render: (args, context) => {
    const { gateway, token } = connection(args, context.id);
    // The element keeps its conversation id in sessionStorage per gateway and user, as on a real page.
    const key = `finlet-chat:${gateway}:${SESSIONS[args.session].userId}`;
    if (args.history === 'restored') sessionStorage.setItem(key, RESTORED_CONVERSATIONS[args.locale]);
    else sessionStorage.removeItem(key);
    return page(
      args.theme,
      html`<finlet-advice-chat
        gateway=${gateway}
        session-token=${token}
        locale=${args.locale}
        mode=${args.mode}
      ></finlet-advice-chat>`,
    );
  },
} satisfies Meta<AdviceChatArgs>;

export default meta;
type Story = StoryObj<AdviceChatArgs>;
type Play = NonNullable<Story['play']>;

/** Asks the n-th suggested question (1: borrow to restock, 3: pay a supplier in Vietnam). */
async function askSuggestion(root: ShadowRoot, n: 1 | 2 | 3): Promise<HTMLElement> {
  await reach(root, '[part~="suggestions"] button');
  const button = root.querySelectorAll<HTMLButtonElement>('[part~="suggestions"] button')[n - 1]!;
  await userEvent.click(button);
  return reach(root, '.message.assistant');
}

/** Types a question and presses Enter. */
async function askTyped(root: ShadowRoot, question: string): Promise<HTMLElement> {
  const field = await reach(root, '#question');
  await userEvent.type(field, `${question}{Enter}`);
  return reach(root, '.message.assistant');
}

/** The last answer, once it has finished streaming. */
async function answered(root: ShadowRoot): Promise<HTMLElement> {
  return waitFor(
    () => {
      const answers = root.querySelectorAll<HTMLElement>('.message.assistant');
      const last = answers[answers.length - 1];
      if (last?.getAttribute('aria-busy') !== 'false') throw new Error('still streaming');
      return last;
    },
    { timeout: 10_000 },
  );
}

const playWelcome: Play = async ({ canvasElement }) => {
  const root = await shadowOf(canvasElement, TAG);
  await reach(root, '[part~="suggestions"] button');
  await expect(root.querySelectorAll('[part~="suggestions"] button').length).toBe(3);
  await expect(root.querySelectorAll('[part~="message"]').length).toBe(0);
};

/** A cited answer, the offer card, the compliance notices and "continue to apply". */
const playHandoffAnswer: Play = async ({ canvasElement }) => {
  const root = await shadowOf(canvasElement, TAG);
  await askSuggestion(root, 1);
  const answer = await answered(root);
  await expect(answer.querySelectorAll('button.cite').length).toBeGreaterThanOrEqual(3);
  await expect(answer.querySelectorAll('[part~="sources"] li').length).toBe(2);
  await expect(answer.querySelector('[part~="offer-card"]')?.getAttribute('data-offer')).toBe(
    'scf-inventory-loan',
  );
  await expect(answer.querySelectorAll('.disclaimer[role="note"]').length).toBeGreaterThanOrEqual(1);
  await expect(answer.querySelector('.actions button.primary')).not.toBeNull();
};

/** A restored conversation: two questions, their answers with an offer card and a route table. */
const playRestored: Play = async ({ canvasElement }) => {
  const root = await shadowOf(canvasElement, TAG);
  await waitFor(() => expect(root.querySelectorAll('[part~="message"]').length).toBe(4), { timeout: 10_000 });
  await expect(root.querySelector('[part~="offer-card"]')).not.toBeNull();
  await expect(root.querySelectorAll('[part~="route-table"] tr').length).toBeGreaterThanOrEqual(2);
  await expect(root.querySelector('[part~="header"] button')).not.toBeNull();
};

/** Suggested questions for the session's scenario (supply chain), before anything is asked. */
export const Welcome: Story = { play: playWelcome };

export const WelcomeEnglish: Story = { args: { locale: 'en' }, play: playWelcome };

/**
 * "我想借20万进货", streamed part by part over Server-Sent Events: every fact cites the bank's FAQ or
 * the offer, the inventory financing card, the mandatory notices, and a hand-off into an application.
 */
export const StreamedAnswer: Story = { play: playHandoffAnswer };

export const StreamedAnswerEnglish: Story = { args: { locale: 'en' }, play: playHandoffAnswer };

/** A citation opens the source passage it stands for. */
export const SourceOpened: Story = {
  args: { locale: 'en' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, TAG);
    await askSuggestion(root, 1);
    const answer = await answered(root);
    await userEvent.click(answer.querySelector<HTMLButtonElement>('button.cite')!);
    const opened = await reach(root, '[part~="sources"] details[open]');
    await expect(opened.querySelector('blockquote')?.textContent).toContain('APR');
  },
};

/** "Continue to apply" opens `<finlet-apply>` in place, pre-filled with the 200,000 CNY asked for. */
export const HandoffToApply: Story = {
  play: async ({ canvasElement }) => {
    const handoffs: { offerId: string }[] = [];
    canvasElement.addEventListener('finlet-handoff', (e) => {
      handoffs.push((e as CustomEvent).detail);
    });
    const root = await shadowOf(canvasElement, TAG);
    await askSuggestion(root, 1);
    const answer = await answered(root);
    await userEvent.click(answer.querySelector<HTMLButtonElement>('.actions button.primary')!);
    const apply = await reach(root, 'finlet-apply');
    // <finlet-apply> loads when the application opens: wait for it to upgrade.
    await customElements.whenDefined('finlet-apply');
    const form = await reach(apply.shadowRoot!, '[part~="form"]');
    await expect(form.querySelector<HTMLInputElement>('#f-amount')?.value).toBe('200000');
    await expect(handoffs.map((h) => h.offerId)).toEqual(['scf-inventory-loan']);
  },
};

/** A transfer question: the route optimizer's options for 200,000 CNY to Vietnam as a table. */
export const RouteTable: Story = {
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, TAG);
    await askSuggestion(root, 3);
    const answer = await answered(root);
    const rows = answer.querySelectorAll('[part~="route-table"] tr');
    await expect(rows.length).toBeGreaterThanOrEqual(2);
    await expect(answer.querySelector('[part~="route-table"]')?.textContent).toContain('₫');
  },
};

/** Asking for a person: the conversation is handed over to the bank's staff. */
export const HumanHandoff: Story = {
  args: { locale: 'en' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, TAG);
    await askTyped(root, 'Can I talk to a person?');
    const answer = await answered(root);
    await expect(answer.querySelector('p[role="note"]')?.textContent).toContain('passed your conversation');
  },
};

/** While the answer streams: the message is busy, the first sentences show, Stop replaces Send. */
export const Streaming: Story = {
  args: { behaviour: 'stall' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, TAG);
    const answer = await askSuggestion(root, 1);
    await waitFor(() => expect(answer.querySelectorAll('.answer p').length).toBe(1));
    await expect(answer.getAttribute('aria-busy')).toBe('true');
    await expect(root.querySelector('[part~="form"] button[type="button"]')).not.toBeNull();
  },
};

/** Stop: the answer ends where it was, and can be asked again. */
export const Stopped: Story = {
  args: { behaviour: 'stall', locale: 'en' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, TAG);
    const answer = await askSuggestion(root, 1);
    await waitFor(() => expect(answer.querySelectorAll('.answer p').length).toBe(1));
    await userEvent.click(root.querySelector<HTMLButtonElement>('[part~="form"] button[type="button"]')!);
    const stopped = await answered(root);
    await expect(stopped.textContent).toContain('Answer stopped.');
    await expect(stopped.querySelector('.actions button')?.textContent).toContain('Answer again');
  },
};

/** Before the first part arrives (the loading state of the chat). */
export const Thinking: Story = {
  args: { behaviour: 'pending' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, TAG);
    const answer = await askSuggestion(root, 1);
    await expect(answer.getAttribute('aria-busy')).toBe('true');
    await expect(answer.textContent).toContain('正在查找资料');
  },
};

/** The advisor fails mid-answer (an `error` part): the error shows with its code, and a retry. */
export const ErrorMidStream: Story = {
  args: { behaviour: 'stream-error', locale: 'en' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, TAG);
    await askSuggestion(root, 1);
    await expectError(root, 'advisor_unavailable');
    await reach(root, '.message.assistant .actions button');
  },
};

export const ErrorRateLimited: Story = {
  args: { behaviour: 'problem:rate_limited' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, TAG);
    await askSuggestion(root, 1);
    await expectError(root, 'rate_limited');
  },
};

export const ErrorNetwork: Story = {
  args: { behaviour: 'offline', locale: 'en' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, TAG);
    await askSuggestion(root, 1);
    await expectError(root, 'network');
  },
};

/** Back after a reload: the conversation is restored from the gateway, cards and table included. */
export const Restored: Story = { args: { history: 'restored' }, play: playRestored };

export const RestoredEnglish: Story = { args: { history: 'restored', locale: 'en' }, play: playRestored };

/** Deleting the conversation removes it from the gateway and the page. */
export const Deleted: Story = {
  args: { history: 'restored', locale: 'en' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, TAG);
    await waitFor(() => expect(root.querySelectorAll('[part~="message"]').length).toBe(4), {
      timeout: 10_000,
    });
    await userEvent.click(root.querySelector<HTMLButtonElement>('[part~="header"] button')!);
    await waitFor(() => expect(root.querySelectorAll('[part~="message"]').length).toBe(0));
    await reach(root, '[part~="suggestions"]');
  },
};

/** Elder mode: one suggestion at a time, larger text and targets. */
export const Elder: Story = {
  args: { mode: 'elder' },
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, TAG);
    await reach(root, '[part~="suggestions"] button');
    await expect(root.querySelectorAll('[part~="suggestions"] button').length).toBe(1);
    await playHandoffAnswer({ canvasElement } as Parameters<Play>[0]);
  },
};

export const ElderEnglish: Story = {
  args: { mode: 'elder', locale: 'en', history: 'restored' },
  play: playRestored,
};

export const DarkTheme: Story = { args: { theme: 'dark', history: 'restored' }, play: playRestored };

export const DarkThemeEnglish: Story = { args: { theme: 'dark', locale: 'en' }, play: playHandoffAnswer };
