import type { RailTableContentInput } from '@finlet/contracts';
import type { TestGateway } from './harness.js';

const everyone: Pick<RailTableContentInput['legs'][number], 'purposes' | 'payerTypes' | 'payeeTypes'> = {
  purposes: ['goods', 'services', 'travel', 'family_support', 'other'],
  payerTypes: ['consumer', 'business'],
  payeeTypes: ['consumer', 'business'],
};
const always = { timeZone: 'Asia/Hong_Kong', days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', cutoff: '24:00' };

/** A small CN→HK/TH network: CIPS, SWIFT (business only), wallets, FPS. */
export const testRails: RailTableContentInput = {
  id: 'asia-test',
  legs: [
    {
      id: 'cips-cn-hk',
      name: { 'zh-CN': 'CIPS 至香港', en: 'CIPS to Hong Kong' },
      network: 'cips',
      networkName: 'CIPS',
      from: { country: 'CN', currency: 'CNY' },
      to: { country: 'HK', currency: 'HKD' },
      fees: { fixed: { value: 5_000, currency: 'CNY' } },
      fxSpreadBps: 25,
      limits: { min: { value: 10_000, currency: 'CNY' }, max: { value: 5_000_000_000, currency: 'CNY' } },
      settlement: { typicalMinutes: 60, worstMinutes: 240 },
      schedule: { timeZone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], open: '08:30', cutoff: '17:30' },
      ...everyone,
    },
    {
      id: 'swift-cn-hk',
      name: { 'zh-CN': 'SWIFT 至香港', en: 'SWIFT to Hong Kong' },
      network: 'swift',
      networkName: 'SWIFT',
      from: { country: 'CN', currency: 'CNY' },
      to: { country: 'HK', currency: 'HKD' },
      fees: { fixed: { value: 15_000, currency: 'CNY' }, percentBps: 10 },
      fxSpreadBps: 10,
      limits: { min: { value: 10_000, currency: 'CNY' }, max: { value: 10_000_000_000, currency: 'CNY' } },
      settlement: { typicalMinutes: 1440, worstMinutes: 4320 },
      schedule: { timeZone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], open: '09:00', cutoff: '16:00' },
      purposes: ['goods', 'services'],
      payerTypes: ['business'],
      payeeTypes: ['business'],
    },
    {
      id: 'wallet-cn-hk',
      name: { 'zh-CN': '钱包至香港', en: 'Wallet to Hong Kong' },
      network: 'wallet',
      networkName: 'Wallet',
      from: { country: 'CN', currency: 'CNY' },
      to: { country: 'HK', currency: 'HKD' },
      fees: { percentBps: 80 },
      fxSpreadBps: 60,
      limits: { min: { value: 100, currency: 'CNY' }, max: { value: 5_000_000, currency: 'CNY' } },
      settlement: { typicalMinutes: 2, worstMinutes: 30 },
      schedule: always,
      purposes: ['travel', 'family_support'],
      payerTypes: ['consumer'],
      payeeTypes: ['consumer'],
    },
    {
      id: 'wallet-cn-th',
      name: { 'zh-CN': '钱包至泰国', en: 'Wallet to Thailand' },
      network: 'wallet',
      networkName: 'Wallet',
      from: { country: 'CN', currency: 'CNY' },
      to: { country: 'TH', currency: 'THB' },
      fees: { percentBps: 50 },
      fxSpreadBps: 80,
      limits: { min: { value: 100, currency: 'CNY' }, max: { value: 5_000_000, currency: 'CNY' } },
      settlement: { typicalMinutes: 2, worstMinutes: 30 },
      schedule: always,
      purposes: everyone.purposes,
      payerTypes: ['consumer'],
      payeeTypes: ['consumer'],
    },
    {
      id: 'fps-hk',
      name: { 'zh-CN': '转数快', en: 'FPS' },
      network: 'local_instant',
      networkName: 'FPS',
      from: { country: 'HK', currency: 'HKD' },
      to: { country: 'HK', currency: 'HKD' },
      limits: { min: { value: 1, currency: 'HKD' }, max: { value: 100_000_000, currency: 'HKD' } },
      settlement: { typicalMinutes: 1, worstMinutes: 10 },
      schedule: always,
      ...everyone,
    },
  ],
};

export const testFx = (id: string, asOf: Date, maxAgeSeconds = 3600) => ({
  id,
  asOf: asOf.toISOString(),
  maxAgeSeconds,
  rates: [
    { base: 'USD', quote: 'CNY', mid: '7.1825' },
    { base: 'USD', quote: 'HKD', mid: '7.7842' },
    { base: 'USD', quote: 'THB', mid: '34.615' },
  ],
});

/** Creates, submits, approves and publishes a rail or FX table (or a risk questionnaire) through the admin API. */
export async function publishTable(
  gw: TestGateway,
  segment: 'rail-tables' | 'fx-tables' | 'risk-questionnaires',
  body: { id: string },
): Promise<unknown> {
  const { author, approver } = gw.admins;
  const act = (key: string, version: number, action: string) =>
    gw.api('POST', `/v1/admin/${segment}/${body.id}/versions/${version}/${action}`, { auth: key, body: {} });
  const created = await gw.api('POST', `/v1/admin/${segment}`, { auth: author.apiKey, body });
  if (created.status !== 201) throw new Error(`create ${segment}: ${created.status} ${created.text}`);
  const version = (created.body as { version: number }).version;
  for (const [key, action] of [
    [author.apiKey, 'submit'],
    [approver.apiKey, 'approve'],
    [approver.apiKey, 'publish'],
  ] as const) {
    const r = await act(key, version, action);
    if (r.status !== 200) throw new Error(`${action} ${segment}: ${r.status} ${r.text}`);
  }
  return (await gw.api('GET', `/v1/admin/${segment}/${body.id}`, { auth: approver.apiKey })).body;
}
