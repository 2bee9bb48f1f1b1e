// The group settings panel (docs/groups.md): description and settings, members with mute and ban, invite
// links, and dissolve. Rights are the server's: controls a user may not use are hidden, and a refusal is shown.

import { h, icon } from './dom.js';

const MUTE_MINUTES = 60;

/**
 * @param {object} o
 * @param {import('../api.js').Api} o.api
 * @param {number} o.groupId
 * @param {number} o.me the user's id
 * @param {(id: number) => string} o.userName
 * @returns {{refresh: () => Promise<void>, dialog: HTMLDialogElement}}
 */
export function showGroupSettings({ api, groupId, me, userName }) {
  let lastCode = ''; // the invite code created last, shown until the panel closes
  const call = (method, path, body) => api.request(method, `/api/groups/${groupId}${path}`, body);
  const error = h('p', { class: 'form-error', id: 'group-settings-error', role: 'alert' });
  const body = h('div', { class: 'modal-body', id: 'group-settings' }, h('p', { class: 'muted', text: 'Loading…' }));
  const title = h('h2', { text: 'Group settings' });
  const dialog = h('dialog', { class: 'modal' },
    h('header', { class: 'modal-head' }, title,
      h('button', { class: 'icon-btn', type: 'button', 'aria-label': 'Close', onclick: () => dialog.close() },
        icon('close'))),
    body, error);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();

  /** Runs a change; the panel then shows the group as it is now. */
  async function act(run) {
    error.textContent = '';
    try {
      await run();
      await refresh();
    } catch (e) {
      error.textContent = e.message;
    }
  }

  async function refresh() {
    let group;
    try {
      group = await api.group(groupId);
    } catch (e) {
      body.replaceChildren(h('p', { class: 'form-error', text: e.message }));
      return;
    }
    const mine = (group.members || []).find((m) => m.userId === me);
    const role = mine ? mine.role : 'member';
    const admin = role !== 'member';
    title.textContent = group.name;
    const parts = [h('p', { class: 'group-description', id: 'group-description',
      text: group.description || 'No description.' })];
    if (admin) parts.push(settingsForm(group));
    parts.push(h('h3', { text: 'Members' }), h('ul', { class: 'member-list', id: 'group-settings-members' },
      ...(group.members || []).map((m) => memberRow(m, role))));
    if (admin) parts.push(inviteBox());
    if (role === 'owner') {
      parts.push(h('button', { class: 'btn danger', type: 'button', id: 'group-dissolve', text: 'Dissolve group',
        onclick: () => window.confirm(`Dissolve “${group.name}” for everyone?`)
          && act(() => api.request('DELETE', `/api/groups/${groupId}`)).then(() => dialog.close()) }));
    }
    body.replaceChildren(...parts);
  }

  function settingsForm(group) {
    const name = h('input', { id: 'group-settings-name', maxlength: '64', value: group.name });
    const description = h('textarea', { id: 'group-settings-description', maxlength: '500', rows: '2' });
    description.value = group.description || '';
    const adminsOnly = h('input', { id: 'group-settings-admins-only', type: 'checkbox' });
    adminsOnly.checked = Boolean(group.adminsOnly);
    const save = h('button', { class: 'btn primary', type: 'submit', id: 'group-settings-save', text: 'Save' });
    const form = h('form', { class: 'group-settings-form' },
      h('label', { for: 'group-settings-name', text: 'Name' }), name,
      h('label', { for: 'group-settings-description', text: 'Description' }), description,
      h('label', { class: 'check' }, adminsOnly, ' Only admins may post'),
      h('div', { class: 'modal-actions' }, save));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      // only what changed, so the "updated" event every member sees names just that
      const changes = {};
      if (name.value.trim() !== group.name) changes.name = name.value.trim();
      if (description.value !== (group.description || '')) changes.description = description.value;
      if (adminsOnly.checked !== Boolean(group.adminsOnly)) changes.adminsOnly = adminsOnly.checked;
      if (Object.keys(changes).length > 0) act(() => call('PATCH', '', changes));
    });
    return form;
  }

  function memberRow(m, myRole) {
    const rank = { member: 0, admin: 1, owner: 2 };
    const outranks = rank[myRole] > rank[m.role] && myRole !== 'member';
    const status = m.muted ? (m.mutedUntil ? `muted until ${new Date(m.mutedUntil).toLocaleTimeString()}` : 'muted') : '';
    return h('li', { class: 'member', dataset: { userId: String(m.userId) } },
      h('span', { class: 'member-name', text: userName(m.userId) }),
      m.role !== 'member' ? h('span', { class: 'role', text: m.role }) : null,
      status ? h('span', { class: 'muted small', text: status }) : null,
      outranks ? h('button', { class: 'btn small', type: 'button', text: m.muted ? 'Unmute' : `Mute ${MUTE_MINUTES} min`,
        onclick: () => act(() => call('PUT', `/members/${m.userId}`, m.muted ? { muted: false }
          : { muted: true, mutedUntil: Date.now() + MUTE_MINUTES * 60_000 })) }) : null,
      outranks ? h('button', { class: 'btn small danger', type: 'button', text: 'Ban',
        onclick: () => act(() => call('PUT', `/bans/${m.userId}`)) }) : null);
  }

  function inviteBox() {
    return h('div', { class: 'invite-box' },
      h('button', { class: 'btn', type: 'button', id: 'group-invite-create', text: 'Create invite code',
        onclick: () => act(async () => { lastCode = (await call('POST', '/invites', {})).code; }) }),
      h('code', { id: 'group-invite-code', text: lastCode }));
  }

  refresh();
  return { refresh, dialog, groupId };
}
