// The left column: who I am, "start a chat" box, and the conversation list.

import { avatar, h, icon, shortWhen } from './dom.js';

export class Sidebar {
  /**
   * @param {HTMLElement} root
   * @param {import('../store.js').Store} store
   * @param {object} actions open(id), startChat(username) -> Promise, newGroup(), security(), logout()
   */
  constructor(root, store, actions) {
    this.store = store;
    this.actions = actions;
    this.items = new Map(); // conversationId -> {li, avatarKey, ...parts}

    this.meAvatar = h('div', { class: 'me-avatar' });
    this.status = h('span', { class: 'me-status', id: 'me-status' });
    const head = h('header', { class: 'side-head' },
      this.meAvatar,
      h('div', { class: 'me-text' },
        h('strong', { class: 'me-name', id: 'me-name', text: store.me.username }), this.status),
      h('button', { class: 'icon-btn', id: 'search-messages', title: 'Search people and messages', 'aria-label': 'Search people and messages',
        onclick: () => actions.searchMessages() }, icon('search')),
      h('button', { class: 'icon-btn', id: 'new-group', title: 'New group', 'aria-label': 'New group',
        onclick: () => actions.newGroup() }, icon('group')),
      h('button', { class: 'icon-btn', id: 'notifications', title: 'Notifications', 'aria-label': 'Notifications',
        onclick: () => actions.notifications() }, icon('bell')),
      h('button', { class: 'icon-btn', id: 'security', title: 'Account security', 'aria-label': 'Account security',
        onclick: () => actions.security() }, icon('key')),
      h('button', { class: 'icon-btn', id: 'logout', title: 'Log out', 'aria-label': 'Log out',
        onclick: () => actions.logout() }, icon('logout')));

    this.input = h('input', {
      id: 'new-chat-input', placeholder: 'Start a chat: type a username', autocomplete: 'off',
      autocapitalize: 'none', spellcheck: 'false', 'aria-label': 'Start a chat with username',
    });
    this.error = h('p', { class: 'form-error small', id: 'new-chat-error', role: 'alert' });
    const form = h('form', { class: 'new-chat', id: 'new-chat' },
      h('div', { class: 'new-chat-row' },
        h('div', { class: 'search' }, icon('search', 'icon search-icon'), this.input),
        h('button', { class: 'icon-btn', type: 'button', id: 'people', title: 'Contacts, blocks and privacy',
          'aria-label': 'People', onclick: () => actions.people() }, icon('person'))), this.error);
    form.addEventListener('submit', (ev) => this.startChat(ev));
    this.input.addEventListener('input', () => { this.error.textContent = ''; });

    this.list = h('ul', { class: 'conv-list', id: 'conv-list', role: 'list' });
    this.empty = h('div', { class: 'list-empty' },
      h('p', { text: 'No conversations yet.' }),
      h('p', { class: 'muted', text: 'Type a friend’s username above to start chatting, or create a group.' }));
    root.replaceChildren(head, form, this.list, this.empty);
  }

  async startChat(ev) {
    ev.preventDefault();
    const name = this.input.value.trim();
    if (!name) return;
    this.input.disabled = true;
    try {
      await this.actions.startChat(name);
      this.input.value = '';
    } catch (e) {
      this.error.textContent = e.code === 'NO_SUCH_USER' ? `No user named “${name}”.` : e.message;
    } finally {
      this.input.disabled = false;
    }
  }

  render() {
    const { store } = this;
    const me = store.me;
    const conn = store.connection;
    const online = conn.state === 'open';
    const key = `${me.username}|${online}`;
    if (this.meAvatar.dataset.key !== key) {
      this.meAvatar.replaceChildren(avatar(me.username, { online }));
      this.meAvatar.dataset.key = key;
    }
    this.status.textContent = online ? (conn.syncing ? 'Updating…' : 'Online') : 'Connecting…';

    const convs = store.sortedConversations();
    this.empty.hidden = convs.length > 0;
    const seen = new Set();
    convs.forEach((conv, i) => {
      seen.add(conv.id);
      const item = this.item(conv);
      this.update(item, conv);
      if (this.list.children[i] !== item.li) this.list.insertBefore(item.li, this.list.children[i] || null);
    });
    for (const [id, item] of this.items) {
      if (!seen.has(id)) {
        item.li.remove();
        this.items.delete(id);
      }
    }
  }

  item(conv) {
    let item = this.items.get(conv.id);
    if (item) return item;
    const av = h('div', { class: 'conv-avatar' });
    const name = h('span', { class: 'conv-name' });
    const time = h('time', { class: 'conv-time' });
    const preview = h('span', { class: 'conv-preview' });
    const badge = h('span', { class: 'badge', hidden: true });
    const li = h('li', { class: 'conv', dataset: { id: conv.id }, tabindex: '0', role: 'button' },
      av,
      h('div', { class: 'conv-main' },
        h('div', { class: 'conv-top' }, name, time),
        h('div', { class: 'conv-bottom' }, preview, badge)));
    li.addEventListener('click', () => this.actions.open(conv.id));
    li.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        this.actions.open(conv.id);
      }
    });
    item = { li, av, name, time, preview, badge };
    this.items.set(conv.id, item);
    return item;
  }

  update(item, conv) {
    const { store } = this;
    const title = store.title(conv);
    const peer = conv.kind === 'p' && conv.peerId !== store.me.userId ? store.users.get(conv.peerId) : null;
    const online = peer ? Boolean(peer.online) : null;
    const avatarKey = `${title}|${conv.kind}|${online}`;
    if (item.avatarKey !== avatarKey) {
      item.av.replaceChildren(avatar(title, { group: conv.kind === 'g', online }));
      item.avatarKey = avatarKey;
    }
    item.li.dataset.title = title;
    item.li.classList.toggle('active', store.openId === conv.id);
    item.name.textContent = title;

    const latestPending = conv.sortedPending().at(-1);
    const last = conv.lastMessage;
    const typing = conv.typingUsers();
    item.preview.classList.toggle('typing', typing.length > 0);
    if (typing.length > 0) {
      item.preview.textContent = conv.kind === 'g' ? `${store.userName(typing[0])} is typing…` : 'typing…';
    } else if (latestPending && (!last || latestPending.ts >= last.ts)) {
      item.preview.textContent = `You: ${store.preview({ content: latestPending.content })}`;
    } else if (last) {
      const isEvent = last.content && last.content.contentType === 100;
      let who = '';
      if (!isEvent && last.fromId === store.me.userId) who = 'You: ';
      else if (!isEvent && conv.kind === 'g') who = `${store.userName(last.fromId)}: `;
      item.preview.textContent = who + store.preview(last);
    } else {
      item.preview.textContent = 'No messages yet';
    }
    const when = latestPending && (!last || latestPending.ts >= last.ts) ? latestPending.ts : last ? last.ts : 0;
    item.time.textContent = shortWhen(when);

    const unread = conv.unread;
    item.badge.hidden = unread === 0;
    item.badge.textContent = unread > 99 ? '99+' : String(unread);
    item.li.classList.toggle('unread', unread > 0);
  }
}
