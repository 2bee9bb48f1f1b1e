// Modal dialogs: create a group, and see / add the members of a group.

import { avatar, h, icon, lastSeenText } from './dom.js';

function modal(title, ...content) {
  const dialog = h('dialog', { class: 'modal' },
    h('header', { class: 'modal-head' },
      h('h2', { text: title }),
      h('button', { class: 'icon-btn', type: 'button', 'aria-label': 'Close', onclick: () => dialog.close() },
        icon('close'))),
    ...content);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

/** Splits "ann, ben carl" into usernames. */
export function parseUsernames(text) {
  return [...new Set(text.split(/[\s,;]+/).map((s) => s.replace(/^@/, '')).filter(Boolean))];
}

/**
 * @param {(name: string, usernames: string[]) => Promise<void>} create
 */
export function showNewGroup(create) {
  const name = h('input', { id: 'group-name', maxlength: '64', placeholder: 'e.g. Weekend trip', required: true });
  const members = h('input', { id: 'group-members', placeholder: 'ann, ben, carl', autocapitalize: 'none',
    spellcheck: 'false' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { class: 'btn primary', type: 'submit', id: 'group-create', text: 'Create group' });
  const form = h('form', { class: 'modal-body' },
    h('label', { for: 'group-name', text: 'Group name' }), name,
    h('label', { for: 'group-members', text: 'Members (usernames, separated by commas)' }), members,
    error,
    h('div', { class: 'modal-actions' }, submit));
  const dialog = modal('New group', form);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!name.value.trim()) {
      error.textContent = 'Give the group a name.';
      return;
    }
    submit.disabled = true;
    error.textContent = '';
    try {
      await create(name.value.trim(), parseUsernames(members.value));
      dialog.close();
    } catch (e) {
      error.textContent = e.message;
      submit.disabled = false;
    }
  });
  name.focus();
}

/**
 * @param {object} o
 * @param {string} o.groupName
 * @param {() => Promise<Array<{userId:number, username:string, role:string, online:boolean, lastSeen:number}>>} o.load
 * @param {(usernames: string[]) => Promise<void>} o.add
 */
export function showMembers({ groupName, load, add }) {
  const list = h('ul', { class: 'member-list', id: 'member-list' }, h('li', { class: 'muted', text: 'Loading…' }));
  const input = h('input', { id: 'add-members', placeholder: 'Add people by username', autocapitalize: 'none',
    spellcheck: 'false' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const addBtn = h('button', { class: 'btn primary', type: 'submit', id: 'add-members-submit', text: 'Add' });
  const form = h('form', { class: 'add-row' }, input, addBtn);
  const dialog = modal(groupName, h('div', { class: 'modal-body' }, list, form, error));

  async function refresh() {
    try {
      const members = await load();
      list.replaceChildren(...members.map((m) => h('li', { class: 'member' },
        avatar(m.username, { online: m.online, size: 'small' }),
        h('div', { class: 'member-text' },
          h('span', { class: 'member-name', text: m.username }),
          h('span', { class: 'muted small', text: m.online ? 'online' : lastSeenText(m.lastSeen) })),
        m.role !== 'member' ? h('span', { class: 'role', text: m.role }) : null)));
    } catch (e) {
      list.replaceChildren(h('li', { class: 'form-error', text: e.message }));
    }
  }
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const names = parseUsernames(input.value);
    if (names.length === 0) return;
    addBtn.disabled = true;
    error.textContent = '';
    try {
      await add(names);
      input.value = '';
      await refresh();
    } catch (e) {
      error.textContent = e.message;
    } finally {
      addBtn.disabled = false;
    }
  });
  refresh();
  return dialog;
}
