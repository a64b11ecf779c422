// The partner's continue page: the one-time link from the assistant's private message is redeemed by
// the partner's server for the member signed in here; the widgets then run on that member's session.
import { api, gateway, setupLocale, t } from '/common/site.js';

const CODES = {
  social_continuation_invalid: [
    '链接无效、已使用或已过期，请在群里重新 @银行助手。',
    'The link is unknown, already used or expired; mention the assistant in the group again.',
  ],
  social_member_mismatch: [
    '这个链接是发给另一位成员的，只有该成员本人可以使用。',
    'This link was sent to another member; only they can use it.',
  ],
  invalid_link: ['链接格式不正确。', 'The link is malformed.'],
};

setupLocale();
const status = document.getElementById('continue-status');
const token = new URLSearchParams(location.search).get('finlet_continue') ?? '';
document.getElementById('continue').addEventListener('click', async () => {
  status.classList.remove('error');
  try {
    const result = await api('POST', '/api/continue', { token });
    document.getElementById('topic').textContent = result.topic;
    const provider = document.getElementById('provider');
    provider.setAttribute('gateway', gateway);
    provider.setAttribute('session-token', result.session.token);
    document.getElementById('continued').hidden = false;
    status.textContent = t(`欢迎，${result.member.name}。`, `Welcome, ${result.member.nameEn}.`);
  } catch (error) {
    const [zh, en] = CODES[error.message] ?? [
      '暂时无法继续，请稍后再试。',
      'Cannot continue right now; try again later.',
    ];
    status.textContent = t(zh, en);
    status.classList.add('error');
  }
});
