// The agent console: the user's consent (a grant the partner's server obtains from the gateway), the
// tools as the MCP server lists them, and tool calls with their answers or the gateway's refusals.
import { api, locale, money, setupLocale, t } from '/common/site.js';

const TOOL_TEXT = {
  ask_advisor: ['问银行顾问（附来源）', 'Ask the bank’s advisor (with sources)'],
  match_offers: ['匹配融资方案', 'Match financing offers'],
  explain_offer: ['解释某个方案', 'Explain one offer'],
  quote_route: ['跨境汇款路线报价', 'Quote a cross-border route'],
  list_nudges: ['银行主动推荐', 'Proactive offers'],
  start_application: ['起草申请（需您本人确认提交）', 'Draft an application (you confirm and submit it)'],
};
const READ_TOOLS = ['ask_advisor', 'match_offers', 'explain_offer', 'quote_route', 'list_nudges'];

/** What each refusal means for the user, by the gateway's stable problem code. */
const CODES = {
  grant_tool_not_allowed: [
    '授权不包含这个工具：需要您先同意。',
    'The grant does not include this tool: it needs your consent first.',
  ],
  grant_revoked: ['授权已被撤销。', 'The grant was revoked.'],
  grant_expired: ['授权已过期。', 'The grant has expired.'],
  grant_amount_exceeded: ['金额超过授权上限。', 'The amount is above the grant’s cap.'],
  grant_scenario_mismatch: ['超出授权的场景。', 'Outside the grant’s scenario.'],
  unauthorized: [
    '没有授权：智能体还没有获得您的授权。',
    'No grant: the agent has not been given your consent.',
  ],
  invalid_token: ['授权令牌无效。', 'The grant token is not valid.'],
  invalid_request: ['参数不正确。', 'The arguments are not valid.'],
  invalid_json: ['参数不是有效的 JSON。', 'The arguments are not valid JSON.'],
  invalid_tools: ['请至少选择一个工具。', 'Choose at least one tool.'],
  not_found: ['没有找到。', 'Not found.'],
};
const describe = (code) => {
  const [zh, en] = CODES[code] ?? ['请求被拒绝。', 'The request was refused.'];
  return t(zh, en);
};

let offerId = 'scf-inventory-financing';
const examples = () => ({
  ask_advisor: { question: locale === 'en' ? 'How do I repay inventory financing?' : '存货融资怎么还款？' },
  match_offers: { amount: { value: 50_000_000, currency: 'CNY' }, termMonths: 6 },
  explain_offer: { offerId },
  quote_route: {
    amount: { value: 10_000_000, currency: 'CNY' },
    fromCountry: 'CN',
    toCountry: 'VN',
    fromCurrency: 'CNY',
    toCurrency: 'VND',
    payerType: 'business',
    payeeType: 'business',
  },
  list_nudges: {},
  start_application: {
    offerId,
    amount: { value: 30_000_000, currency: 'CNY' },
    termMonths: 6,
    purpose: '旺季备货',
  },
});

let info = { user: { name: '', nameEn: '' }, tools: [], grant: null };
const toolSelect = document.getElementById('tool');
const args = document.getElementById('args');
const result = document.getElementById('result');

function renderConsent() {
  document.getElementById('consent-text').textContent = t(
    `“商会 AI 助理”请求代表 ${info.user.name}（链达供应链商户）调用以下银行工具。未经您本人确认，它不能提交任何申请。`,
    `“Association AI agent” asks to call these bank tools for ${info.user.nameEn} (a ChainLink SCF merchant). It cannot submit anything without you.`,
  );
  const box = document.getElementById('tool-choices');
  const checked = new Set(
    [...box.querySelectorAll('input:checked')]
      .map((i) => i.value)
      .concat(box.children.length ? [] : READ_TOOLS),
  );
  box.replaceChildren(
    ...info.tools.map((name) => {
      const label = document.createElement('label');
      label.className = 'check';
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.name = 'tools';
      input.value = name;
      input.checked = checked.has(name);
      const text = document.createElement('span');
      text.textContent = t(...TOOL_TEXT[name]);
      label.append(input, ' ', text);
      return label;
    }),
  );
  const state = document.getElementById('grant-state');
  const grant = info.grant;
  document.getElementById('revoke').hidden = !(grant && grant.status === 'active');
  state.dataset.status = grant?.status ?? 'none';
  if (!grant) state.textContent = t('尚未授权。', 'No grant yet.');
  else if (grant.status === 'active')
    state.textContent = t(
      `已授权（${grant.id}）：${grant.tools.map((n) => TOOL_TEXT[n][0]).join('、')}；上限 ${money(grant.amountCap)}。`,
      `Granted (${grant.id}): ${grant.tools.map((n) => TOOL_TEXT[n][1]).join(', ')}; cap ${money(grant.amountCap)}.`,
    );
  else state.textContent = t(`授权 ${grant.id} 已撤销。`, `Grant ${grant.id} was revoked.`);
}

function renderToolSelect() {
  const current = toolSelect.value || 'match_offers';
  toolSelect.replaceChildren(
    ...info.tools.map((name) => {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = `${name} · ${t(...TOOL_TEXT[name])}`;
      option.selected = name === current;
      return option;
    }),
  );
}

const fillExample = () => {
  args.value = JSON.stringify(examples()[toolSelect.value] ?? {}, null, 2);
};

document.getElementById('consent').addEventListener('submit', async (event) => {
  event.preventDefault();
  const tools = [...document.querySelectorAll('#tool-choices input:checked')].map((i) => i.value);
  const state = document.getElementById('grant-state');
  try {
    info.grant = (await api('POST', '/api/agent/grant', { tools })).grant;
    renderConsent();
  } catch (error) {
    state.textContent = describe(error.message);
  }
});

document.getElementById('revoke').addEventListener('click', async () => {
  info.grant = (await api('DELETE', '/api/agent/grant')).grant;
  renderConsent();
});

document.getElementById('list-tools').addEventListener('click', async () => {
  const status = document.getElementById('tools-status');
  const list = document.getElementById('tool-list');
  status.classList.remove('error');
  status.textContent = t('正在通过 MCP 列出工具…', 'Listing tools over MCP…');
  const answer = await api('POST', '/api/agent/tools');
  if (!answer.ok) {
    list.replaceChildren();
    status.textContent = `${describe(answer.code)} (${answer.code})`;
    status.classList.add('error');
    return;
  }
  status.textContent = t(
    `MCP 服务器提供 ${answer.tools.length} 个工具。`,
    `The MCP server offers ${answer.tools.length} tools.`,
  );
  list.replaceChildren(
    ...answer.tools.map((tool) => {
      const li = document.createElement('li');
      li.dataset.tool = tool.name;
      const name = document.createElement('code');
      name.textContent = tool.name;
      const badge = document.createElement('span');
      badge.className = tool.readOnly ? 'badge' : 'badge acts';
      badge.textContent = tool.readOnly ? t('只读', 'read-only') : t('需确认', 'needs confirmation');
      const title = document.createElement('div');
      title.textContent = tool.title;
      li.append(name, badge, title);
      return li;
    }),
  );
});

function summary(name, output) {
  if (name === 'match_offers') {
    const offers = output.offers ?? output.matches ?? [];
    const first = offers[0];
    if (first?.offer?.id ?? first?.id) offerId = first.offer?.id ?? first.id;
    return t(`匹配到 ${offers.length} 个方案。`, `${offers.length} offers matched.`);
  }
  if (name === 'start_application')
    return t(
      `已起草申请 ${output.draftId}，未提交：等待用户本人确认。`,
      `Drafted ${output.draftId}, not submitted: awaiting the user's confirmation.`,
    );
  if (name === 'ask_advisor') return output.answer ?? '';
  return t('调用成功。', 'Call succeeded.');
}

document.getElementById('call').addEventListener('submit', async (event) => {
  event.preventDefault();
  result.replaceChildren();
  result.removeAttribute('data-outcome');
  result.removeAttribute('data-code');
  let parsed;
  try {
    parsed = JSON.parse(args.value || '{}');
  } catch {
    result.dataset.outcome = 'refused';
    result.textContent = describe('invalid_json');
    return;
  }
  const name = toolSelect.value;
  const answer = await api('POST', '/api/agent/call', { name, arguments: parsed });
  const head = document.createElement('p');
  if (answer.ok) {
    result.dataset.outcome = 'ok';
    head.textContent = summary(name, answer.output);
    const pre = document.createElement('pre');
    pre.tabIndex = 0;
    pre.textContent = JSON.stringify(answer.output, null, 2);
    result.append(head, pre);
  } else {
    result.dataset.outcome = 'refused';
    result.dataset.code = answer.code;
    head.className = 'refused';
    head.textContent = `${t('已拒绝：', 'Refused: ')}${describe(answer.code)} (${answer.code})`;
    result.append(head);
  }
});

toolSelect.addEventListener('change', fillExample);

setupLocale(() => {
  renderConsent();
  renderToolSelect();
});

info = await api('GET', '/api/agent');
renderConsent();
renderToolSelect();
fillExample();
