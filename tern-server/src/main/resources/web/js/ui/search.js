// Search (docs/search.md, docs/people.md): one dialog that asks the server for the people whose name starts
// with what was typed (GET /api/users) and the messages the user may see containing it (GET /api/search),
// shows each message with the match marked, and opens a person's chat or a message's conversation.

import { avatar, h, shortWhen } from './dom.js';
import { modal } from './dialogs.js';


/** The text with each [start, end) highlight wrapped in <mark>; everything reaches the page as text nodes. */
export function marked(text, highlights) {
  const out = [];
  let at = 0;
  for (const { start, end } of highlights || []) {
    if (start < at || end > text.length) continue;
    if (start > at) out.push(text.slice(at, start));
    out.push(h('mark', { text: text.slice(start, end) }));
    at = end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/**
 * @param {object} o
 * @param {(q: string, before: number|null) => Promise<{hits: Array, nextBefore: number|null}>} o.search
 * @param {(conversationId: string) => string} o.title the conversation's name as the list shows it
 * @param {(userId: number) => string} o.userName
 * @param {(conversationId: string) => void} o.open
 * @param {(prefix: string) => Promise<{users: Array}>} o.findUsers
 * @param {(username: string) => Promise<void>} o.startChat
 */
export function showSearch({ search, title, userName, open, findUsers, startChat }) {
  const input = h('input', { id: 'search-input', type: 'search', placeholder: 'People or words in your messages',
    autocomplete: 'off', spellcheck: 'false', 'aria-label': 'Search messages' });
  const submit = h('button', { class: 'btn primary', type: 'submit', id: 'search-submit', text: 'Search' });
  const error = h('p', { class: 'form-error', id: 'search-error', role: 'alert' });
  const people = h('ul', { class: 'search-results', id: 'people-results', role: 'list' });
  const list = h('ul', { class: 'search-results', id: 'search-results', role: 'list' });
  const more = h('button', { class: 'btn', type: 'button', id: 'search-more', text: 'Older results', hidden: true });
  const form = h('form', { class: 'add-row' }, input, submit);
  const dialog = modal('Search people and messages', h('div', { class: 'modal-body' }, form, error, people, list, more));
  let query = '';
  let next = null;

  function row(hit) {
    const m = hit.message;
    const li = h('li', { class: 'search-hit', tabindex: '0', role: 'button',
      dataset: { conv: m.conversationId, seq: String(m.seq) } },
    h('div', { class: 'conv-top' },
      h('span', { class: 'conv-name', text: title(m.conversationId) }),
      h('time', { class: 'conv-time', text: shortWhen(m.ts) })),
    h('div', { class: 'search-text' },
      h('span', { class: 'muted', text: `${userName(m.fromId)}: ` }), ...marked(hit.text, hit.highlights)));
    const go = () => {
      dialog.close();
      open(m.conversationId);
    };
    li.addEventListener('click', go);
    li.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        go();
      }
    });
    return li;
  }

  function person(u) {
    const li = h('li', { class: 'search-hit person-hit', tabindex: '0', role: 'button', dataset: { username: u.username } },
      avatar(u.username, { size: 'small' }),
      h('span', { class: 'conv-name', text: u.username }),
      u.displayName ? h('span', { class: 'muted', text: ` ${u.displayName}` }) : null);
    const go = async () => {
      dialog.close();
      await startChat(u.username);
    };
    li.addEventListener('click', go);
    li.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        go();
      }
    });
    return li;
  }

  async function loadPeople() {
    try {
      const page = await findUsers(query);
      people.replaceChildren(...page.users.map(person));
    } catch {
      people.replaceChildren(); // the message search below says what went wrong
    }
  }

  async function load(fresh) {
    error.textContent = '';
    submit.disabled = true;
    more.disabled = true;
    try {
      const page = await search(query, fresh ? null : next);
      if (fresh) list.replaceChildren();
      list.append(...page.hits.map(row));
      if (fresh && page.hits.length === 0) list.append(h('li', { class: 'muted', id: 'search-empty', text: 'No messages found.' }));
      next = page.nextBefore;
      more.hidden = next == null;
    } catch (e) {
      error.textContent = e.code === 'SEARCH_QUERY_TOO_SHORT' ? 'Type at least 2 characters.' : e.message;
    } finally {
      submit.disabled = false;
      more.disabled = false;
    }
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    query = input.value.trim();
    next = null;
    if (query) loadPeople();
    load(true);
  });
  more.addEventListener('click', () => load(false));
  input.focus();
}
