import type { HealthCheckReport } from '@finlet/contracts';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  COMMON_ARG_TYPES,
  COMMON_DEFAULTS,
  type CommonArgs,
  page,
  showsPart,
} from '../stories-support/story.js';
import './finlet-health-check.js';

const text = (zh: string, en: string) => ({ key: 'story', params: {}, text: { 'zh-CN': zh, en } });
const user = { kind: 'user' } as const;

/** A C2 investor's report: 80 % in one R4 fund. Shown through the `report` property, no gateway. */
const REPORT: HealthCheckReport = {
  locale: 'zh-CN',
  currency: 'CNY',
  total: { value: 10_000_000, currency: 'CNY' },
  investorLevel: 'C2',
  holdings: [
    {
      id: 'tech-growth',
      name: '科技成长股票基金',
      riskLevel: 'R4',
      marketValue: { value: 8_000_000, currency: 'CNY' },
      shareBps: 8_000,
      source: user,
    },
    {
      id: 'money-market',
      name: '货币市场基金',
      riskLevel: 'R1',
      marketValue: { value: 2_000_000, currency: 'CNY' },
      shareBps: 2_000,
      source: user,
    },
  ],
  findings: [
    {
      id: 'concentration:tech-growth',
      kind: 'concentration',
      severity: 'high',
      figures: [],
      explanation: text(
        '“科技成长股票基金”占您持仓的 80.00%，超过 40.00%。',
        '“科技成长股票基金” is 80.00 % of your holdings, above 40.00 %.',
      ),
      citations: [
        { kind: 'holding', holdingId: 'tech-growth', source: user },
        { kind: 'rule', rule: 'concentration.holding', thresholdBps: 4_000 },
      ],
    },
  ],
  suggestions: [
    {
      kind: 'diversify',
      addresses: ['concentration:tech-growth'],
      offers: [
        { offerId: 'cash-plus', version: 1, riskLevel: 'R1', name: { 'zh-CN': '现金宝', en: 'Cash Plus' } },
      ],
      explanation: text('可考虑分散到风险更低的产品。', 'Consider spreading it into lower-risk products.'),
      citations: [{ kind: 'offer', offerId: 'cash-plus', version: 1 }],
    },
  ],
  summary: '发现 1 个需要注意的问题。',
};

const meta = {
  title: 'Elements/finlet-health-check',
  component: 'finlet-health-check',
  args: { ...COMMON_DEFAULTS },
  argTypes: { ...COMMON_ARG_TYPES },
  render: (args) =>
    page(
      args.theme,
      html`<finlet-health-check locale=${args.locale} mode=${args.mode} .report=${REPORT}></finlet-health-check>`,
    ),
} satisfies Meta<CommonArgs>;

export default meta;
type Story = StoryObj<CommonArgs>;

/** A report: the concentration explained with its basis, a product within the level. */
export const Report: Story = { play: showsPart('finlet-health-check', 'finding') };

export const ReportEnglish: Story = { args: { locale: 'en' }, play: Report.play! };

/** Elder mode: the findings first, the holdings table behind a disclosure. */
export const Elder: Story = { args: { mode: 'elder' }, play: Report.play! };
