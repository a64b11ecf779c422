// The merchants' group, as one member's Feishu shows it: the group everyone reads, and that member's
// private chat with the bank assistant. The site's backend relays each message to the gateway the way
// Feishu does (signed, encrypted) and receives the assistant's replies through a simulated Open API.
import { api, locale, setupLocale, t } from '/common/site.js';

const groupLog = document.getElementById('group-log');
const privateLog = document.getElementById('private-log');
const status = document.getElementById('status');
const speaker = document.getElementById('speaker');
const message = document.getElementById('message');
const mention = document.getElementById('mention');
// The chats scroll: keyboard users reach them too.
groupLog.tabIndex = 0;
privateLog.tabIndex = 0;

let members = [];
let me = '';
let bot = { 'zh-CN': '银行助手', en: 'Bank assistant' };
let lastSeq = 0;
let lines = [];
/** Bumped when the page switches member: an answer asked for the previous member is dropped. */
let generation = 0;

const nameOf = (openId) => {
  if (openId === 'bot') return t(bot['zh-CN'], bot.en);
  const member = members.find((m) => m.openId === openId);
  return member ? t(member.name, member.nameEn) : openId;
};

/** Text with links made clickable, built with DOM nodes (never HTML from a message). */
function textNode(text) {
  const span = document.createElement('span');
  span.className = 'text';
  for (const part of text.split(/(https?:\/\/\S+)/)) {
    if (/^https?:\/\//.test(part)) {
      const a = document.createElement('a');
      a.href = part;
      a.textContent = t('打开私密链接', 'Open the private link');
      a.className = 'continue-link';
      span.append(a);
    } else if (part) span.append(part);
  }
  return span;
}

function render() {
  groupLog.replaceChildren();
  privateLog.replaceChildren();
  for (const line of lines) {
    const li = document.createElement('li');
    li.dataset.from = line.from === 'bot' ? 'bot' : 'member';
    li.dataset.seq = String(line.seq);
    if (line.from === 'bot') li.classList.add('bot');
    if (line.from === me) li.classList.add('mine');
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = nameOf(line.from);
    li.append(who);
    for (const target of line.mentions) {
      const at = document.createElement('span');
      at.className = 'at';
      at.textContent = `@${nameOf(target)} `;
      li.append(at);
    }
    li.append(textNode(line.text));
    (line.chat === 'group' ? groupLog : privateLog).append(li);
  }
  groupLog.scrollTop = groupLog.scrollHeight;
  privateLog.scrollTop = privateLog.scrollHeight;
  document.getElementById('private-note').textContent = t(
    `只有 ${nameOf(me)} 能看到这里。`,
    `Only ${nameOf(me)} sees this chat.`,
  );
}

function renderSpeakers() {
  speaker.replaceChildren(
    ...members.map((m) => {
      const option = document.createElement('option');
      option.value = m.openId;
      option.textContent = t(m.name, m.nameEn);
      option.selected = m.openId === me;
      return option;
    }),
  );
}

async function poll() {
  try {
    const asked = generation;
    const { lines: answered } = await api('GET', `/api/group/lines?after=${lastSeq}`);
    if (asked !== generation) return;
    // Polls overlap (the timer and the one after sending): keep only lines no other poll added.
    const fresh = answered.filter((l) => l.seq > lastSeq);
    if (fresh.length) {
      lines.push(...fresh);
      lastSeq = Math.max(lastSeq, ...fresh.map((l) => l.seq));
      render();
    }
  } catch {}
}

const ERRORS = {
  invalid_text: ['消息不能为空，且不超过 1000 字。', 'A message needs 1 to 1000 characters.'],
  bot_not_registered: ['银行助手尚未接入本群。', 'The bank assistant has not joined this group yet.'],
};

async function send(text) {
  status.classList.remove('error');
  status.textContent = t('发送中…', 'Sending…');
  try {
    const result = await api('POST', '/api/group/messages', { text, mentionBot: mention.checked });
    status.textContent = result.delivered
      ? t('已发送。', 'Sent.')
      : t(
          `飞书事件未被接受（HTTP ${result.status}）。`,
          `The Feishu event was not accepted (HTTP ${result.status}).`,
        );
    if (!result.delivered) status.classList.add('error');
    message.value = '';
  } catch (error) {
    const [zh, en] = ERRORS[error.message] ?? ['发送失败，请重试。', 'Could not send; please try again.'];
    status.textContent = t(zh, en);
    status.classList.add('error');
  }
  await poll();
}

document.getElementById('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = message.value.trim();
  if (text) void send(text);
});

for (const chip of document.querySelectorAll('[data-question]')) {
  chip.addEventListener('click', () => {
    mention.checked = true;
    void send(locale === 'en' ? chip.dataset.questionEn : chip.dataset.question);
  });
}

speaker.addEventListener('change', async () => {
  generation += 1;
  await api('POST', '/api/group/me', { openId: speaker.value });
  generation += 1;
  me = speaker.value;
  lines = [];
  lastSeq = 0;
  await poll();
  render();
});

setupLocale(() => {
  renderSpeakers();
  render();
});

const info = await api('GET', '/api/group');
members = info.members;
me = info.me;
bot = info.bot.name;
renderSpeakers();
render();
await poll();
setInterval(poll, 800);
