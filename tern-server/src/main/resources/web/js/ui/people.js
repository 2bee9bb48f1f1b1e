// The People dialog (docs/people.md): contacts with presence, contact requests (send, accept, decline,
// withdraw), the block list, and the privacy settings; and a small card for the person of a one-to-one chat
// (add as contact, block or unblock). The lists are read again when a presence notice arrives while the dialog
// is open: accepting a request, removing a contact, a block or a privacy change all send one.

import { avatar, h, lastSeenText } from './dom.js';
import { modal } from './dialogs.js';

const AUDIENCES = [['everyone', 'Everyone I chat with'], ['contacts', 'My contacts'], ['nobody', 'Nobody']];

function button(text, id, onclick, cls = 'btn') {
  return h('button', { class: `${cls} small`, type: 'button', id, text, onclick });
}

function section(title, ...content) {
  return h('section', { class: 'people-section' }, h('h3', { text: title }), ...content);
}

/**
 * @param {object} o
 * @param {import('../peopleApi.js').PeopleApi} o.people
 * @param {(username: string) => void} o.chat opens the one-to-one chat
 * @returns {{dialog: HTMLDialogElement, refresh: () => void}}
 */
export function showPeople({ people, chat }) {
  const error = h('p', { class: 'form-error', id: 'people-error', role: 'alert' });
  const contacts = h('ul', { class: 'member-list', id: 'contact-list' });
  const incoming = h('ul', { class: 'member-list', id: 'incoming-requests' });
  const outgoing = h('ul', { class: 'member-list', id: 'outgoing-requests' });
  const blocked = h('ul', { class: 'member-list', id: 'blocked-list' });
  const name = h('input', { id: 'contact-name', placeholder: 'Username', autocapitalize: 'none', spellcheck: 'false' });
  const add = h('form', { class: 'add-row' }, name,
    h('button', { class: 'btn primary', type: 'submit', id: 'contact-request', text: 'Add contact' }));
  const presence = h('select', { id: 'privacy-presence' },
    ...AUDIENCES.map(([v, t]) => h('option', { value: v, text: t })));
  const receipts = h('select', { id: 'privacy-receipts' },
    ...AUDIENCES.map(([v, t]) => h('option', { value: v, text: t })));
  const saved = h('span', { class: 'muted small', id: 'privacy-saved', role: 'status' });
  const privacy = h('form', { class: 'privacy' },
    h('label', { for: 'privacy-presence', text: 'Who sees when I am online and last seen' }), presence,
    h('label', { for: 'privacy-receipts', text: 'Who is told when I have read their messages' }), receipts,
    h('div', { class: 'modal-actions' }, saved,
      h('button', { class: 'btn primary', type: 'submit', id: 'privacy-save', text: 'Save' })));
  const dialog = modal('People', h('div', { class: 'modal-body people' }, error,
    section('Contacts', contacts, add),
    section('Requests', incoming, outgoing),
    section('Blocked', blocked),
    section('Privacy', privacy)));

  /** Runs a change, shows what went wrong, and reads the lists again. */
  const act = (fn) => async () => {
    error.textContent = '';
    try {
      await fn();
    } catch (e) {
      error.textContent = e.message;
    }
    load();
  };

  function person(userId, username, extra, ...buttons) {
    return h('li', { class: 'member', dataset: { userId: String(userId) } },
      avatar(username, { online: extra.online === undefined ? null : extra.online, size: 'small' }),
      h('div', { class: 'member-text' },
        h('span', { class: 'member-name', text: username }),
        extra.text ? h('span', { class: 'muted small presence-text', text: extra.text }) : null),
      ...buttons);
  }

  function empty(text) {
    return h('li', { class: 'muted small', text });
  }

  let loading = null;
  let again = false;
  async function load() {
    if (loading) {
      again = true; // a notice during a load: read once more when it ends
      return;
    }
    loading = (async () => {
      try {
        const [c, r, b] = await Promise.all([people.contacts(), people.requests(), people.blocked()]);
        const named = (id, users) => (users && users[id]) || `user ${id}`;
        contacts.replaceChildren(...(c.contacts.length ? c.contacts.map((u) => person(u.userId, u.username, {
          online: u.online === undefined ? undefined : Boolean(u.online),
          text: u.online === undefined ? '' : (u.online ? 'online' : lastSeenText(u.lastSeen)),
        }, button('Chat', `chat-${u.userId}`, () => { dialog.close(); chat(u.username); }),
        button('Remove', `remove-${u.userId}`, act(() => people.remove(u.userId))),
        button('Block', `block-${u.userId}`, act(() => people.block(u.userId)), 'btn danger')))
          : [empty('No contacts yet.')]));
        incoming.replaceChildren(...r.incoming.map((id) => person(id, named(id, r.users), { text: 'wants to add you' },
          button('Accept', `accept-${id}`, act(() => people.accept(id)), 'btn primary'),
          button('Decline', `decline-${id}`, act(() => people.decline(id))))));
        outgoing.replaceChildren(...r.outgoing.map((id) => person(id, named(id, r.users), { text: 'request sent' },
          button('Withdraw', `withdraw-${id}`, act(() => people.decline(id))))));
        if (r.incoming.length + r.outgoing.length === 0) incoming.replaceChildren(empty('No requests.'));
        blocked.replaceChildren(...(b.userIds.length ? b.userIds.map((id) => person(id, named(id, b.users), {},
          button('Unblock', `unblock-${id}`, act(() => people.unblock(id)))))
          : [empty('Nobody is blocked.')]));
      } catch (e) {
        error.textContent = e.message;
      }
    })();
    await loading;
    loading = null;
    if (again) {
      again = false;
      load();
    }
  }

  add.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const username = name.value.trim().replace(/^@/, '');
    if (!username) return;
    await act(async () => {
      const u = await people.user(username);
      const { status } = await people.request(u.userId);
      name.value = '';
      if (status === 'already_contacts') error.textContent = `${username} is already a contact.`;
    })();
  });

  privacy.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    saved.textContent = '';
    try {
      await people.setPrivacy({ presence: presence.value, receipts: receipts.value });
      saved.textContent = 'Saved';
    } catch (e) {
      error.textContent = e.message;
    }
  });

  people.privacy().then((p) => {
    presence.value = p.presence;
    receipts.value = p.receipts;
  }, (e) => { error.textContent = e.message; });
  load();
  return { dialog, refresh: load };
}

/**
 * The person of a one-to-one chat: add as a contact (or answer their request, or remove them), block or unblock.
 * @param {object} o
 * @param {import('../peopleApi.js').PeopleApi} o.people
 * @param {number} o.userId
 * @param {string} o.username
 */
export function showPerson({ people, userId, username }) {
  const error = h('p', { class: 'form-error', role: 'alert' });
  const state = h('p', { class: 'muted', id: 'person-state' });
  const actions = h('div', { class: 'modal-actions', id: 'person-actions' });
  const dialog = modal(username, h('div', { class: 'modal-body' }, state, actions, error));

  const act = (fn) => async () => {
    error.textContent = '';
    try {
      await fn();
    } catch (e) {
      error.textContent = e.message;
    }
    load();
  };

  async function load() {
    try {
      const [c, r, b] = await Promise.all([people.contacts(), people.requests(), people.blocked()]);
      const isBlocked = b.userIds.includes(userId);
      const buttons = [];
      if (isBlocked) {
        state.textContent = 'You blocked this person: neither of you sees the other, and you cannot write.';
        buttons.push(button('Unblock', 'person-unblock', act(() => people.unblock(userId))));
      } else {
        if (c.contacts.some((u) => u.userId === userId)) {
          state.textContent = 'In your contacts.';
          buttons.push(button('Remove contact', 'person-remove', act(() => people.remove(userId))));
        } else if (r.incoming.includes(userId)) {
          state.textContent = 'Wants to add you as a contact.';
          buttons.push(button('Accept', 'person-accept', act(() => people.accept(userId)), 'btn primary'));
        } else if (r.outgoing.includes(userId)) {
          state.textContent = 'Contact request sent.';
        } else {
          state.textContent = '';
          buttons.push(button('Add contact', 'person-add', act(() => people.request(userId)), 'btn primary'));
        }
        buttons.push(button('Block', 'person-block', act(() => people.block(userId)), 'btn danger'));
      }
      actions.replaceChildren(...buttons);
    } catch (e) {
      error.textContent = e.message;
    }
  }
  load();
  return dialog;
}
