// Modal dialogs: create a group, and see / add the members of a group.

import { avatar, h, icon, lastSeenText } from './dom.js';

export function modal(title, ...content) {
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

/**
 * Account security: change the password (every other device is logged out) and log out everywhere.
 * @param {object} o
 * @param {(current: string, next: string) => Promise<void>} o.changePassword
 * @param {() => Promise<void>} o.logoutAll
 */
export function showSecurity({ changePassword, logoutAll }) {
  const current = h('input', { id: 'current-password', type: 'password', autocomplete: 'current-password',
    required: true });
  const next = h('input', { id: 'new-password', type: 'password', autocomplete: 'new-password', minlength: '8',
    maxlength: '128', required: true });
  const message = h('p', { class: 'form-error', id: 'security-message', role: 'alert' });
  const submit = h('button', { class: 'btn primary', type: 'submit', id: 'change-password', text: 'Change password' });
  const form = h('form', { class: 'modal-body' },
    h('label', { for: 'current-password', text: 'Current password' }), current,
    h('label', { for: 'new-password', text: 'New password (8 characters or more)' }), next,
    h('p', { class: 'muted small', text: 'Your other devices will be logged out.' }),
    message,
    h('div', { class: 'modal-actions' }, submit));
  const everywhere = h('button', { class: 'btn', type: 'button', id: 'logout-all', text: 'Log out all devices' });
  const dialog = modal('Account security', form, h('div', { class: 'modal-body' }, everywhere));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    message.textContent = '';
    try {
      await changePassword(current.value, next.value);
      current.value = '';
      next.value = '';
      message.className = 'form-ok';
      message.textContent = 'Password changed. Your other devices were logged out.';
    } catch (e) {
      message.className = 'form-error';
      message.textContent = e.code === 'WRONG_PASSWORD' ? 'The current password is wrong.' : e.message;
    } finally {
      submit.disabled = false;
    }
  });
  everywhere.addEventListener('click', async () => {
    everywhere.disabled = true;
    try {
      await logoutAll();
      dialog.close();
    } catch (e) {
      message.textContent = e.message;
      everywhere.disabled = false;
    }
  });
  current.focus();
}
