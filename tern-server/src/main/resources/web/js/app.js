// The signed-in application: wires the store, the socket, the delivery engine and the views, and
// fetches what the socket does not carry (conversation list, names, groups, presence, history).

import { Api } from './api.js';
import { Delivery } from './delivery.js';
import { Lifecycle } from './lifecycle.js';
import { Media } from './media.js';
import { CONTENT_GROUP_EVENT, directId } from './protocol.js';
import { enablePush, openFromNotifications, showPushStatus } from './push.js';
import { applyPresence, applyPresenceAnswer } from './presence.js';
import { Socket } from './socket.js';
import { Store } from './store.js';
import { ChatView } from './ui/chat.js';
import { showMembers, showNewGroup, showSecurity } from './ui/dialogs.js';
import { showGroupSettings } from './ui/groupSettings.js';
import { h } from './ui/dom.js';
import { showSearch } from './ui/search.js';
import { showPeople, showPerson } from './ui/people.js';
import { PeopleApi } from './peopleApi.js';
import { Sidebar } from './ui/sidebar.js';

// presence changes of contacts and chat partners are pushed (presence.js); this catches the rest
const PRESENCE_EVERY_MS = 120_000;
const HISTORY_PAGE = 50;
const MAX_IDS_PER_CALL = 200; // GET /api/presence takes at most 200 ids

function chunks(list, n) {
  const out = [];
  for (let i = 0; i < list.length; i += n) out.push(list.slice(i, i + n));
  return out;
}

/** The wsUrl the server announced, upgraded to wss: when the page itself came over https. */
function socketUrl(wsUrl) {
  if (location.protocol === 'https:' && wsUrl.startsWith('ws:')) return `wss:${wsUrl.slice(3)}`;
  return wsUrl;
}

export class App {
  /**
   * @param {HTMLElement} root
   * @param {{token:string, userId:number, deviceId:string, wsUrl:string, username:string}} session
   * @param {{onSignedOut: (notice: string|null) => void}} o
   */
  constructor(root, session, { onSignedOut }) {
    this.session = session;
    this.onSignedOut = onSignedOut;
    this.api = new Api(() => this.session.token);
    this.people = new PeopleApi(this.api);
    this.store = new Store({ userId: session.userId, username: session.username, deviceId: session.deviceId });
    this.delivery = new Delivery(this.store, {
      onNewConversation: (conv) => this.ensureMeta(conv),
      onMessages: (conv, list) => this.onMessages(conv, list),
      onCatchUpDone: () => this.refreshConversations(),
      onKick: (reason) => this.onKick(reason),
      onPresence: (f) => {
        applyPresence(this.store, f);
        if (this.peoplePanel) this.peoplePanel.refresh(); // contacts, blocks and privacy changes send one too
      },
    });
    this.socket = null;
    this.failedConnects = 0;
    this.kicked = false;
    this.wantedUsers = new Set();
    this.userTimer = null;
    this.groupsLoading = null;
    this.listeners = new AbortController();
    this.timers = [];

    const sidebarEl = h('aside', { class: 'sidebar' });
    const chatEl = h('main', { class: 'chat' });
    this.banner = h('div', { class: 'banner', id: 'banner', role: 'status', hidden: true });
    this.el = h('div', { class: 'app', id: 'app', dataset: { view: 'list' } }, this.banner,
      h('div', { class: 'panes' }, sidebarEl, chatEl));
    root.replaceChildren(this.el);

    const actions = {
      open: (id) => this.open(id),
      back: () => this.back(),
      startChat: (name) => this.startChat(name),
      newGroup: () => showNewGroup((name, names) => this.createGroup(name, names)),
      searchMessages: () => showSearch({
        search: (q, before) => this.api.searchMessages(q, before),
        title: (id) => (this.store.convs.has(id) ? this.store.title(this.store.convs.get(id)) : id),
        userName: (userId) => (userId === this.session.userId ? 'You' : this.store.userName(userId)),
        open: (id) => this.open(id),
        findUsers: (prefix) => this.api.findUsers(prefix),
        startChat: (name) => this.startChat(name),
      }),
      people: () => this.showPeople(),
      person: (userId) => showPerson({ people: this.people, userId, username: this.store.userName(userId) }),
      logout: () => this.logout(),
      notifications: () => enablePush(this.api).then(showPushStatus),
      security: () => showSecurity({
        changePassword: (current, next) => this.api.changePassword(current, next),
        logoutAll: () => this.logoutAll(),
      }),
      send: (text) => this.store.open
        && this.delivery.sendContent(this.store.open, this.lifecycle.compose(this.store.open, text)),
      media: new Media(() => this.session.token),
      attach: (file, onProgress) => this.attach(file, onProgress, actions.media),
      typing: () => this.store.open && this.delivery.typing(this.store.open),
      loadOlder: (conv) => this.loadOlder(conv),
      showMembers: (groupId) => this.showMembers(groupId),
      groupSettings: (groupId) => this.showGroupSettings(groupId),
      discard: (conv, id) => this.delivery.discard(conv, id),
    };
    this.lifecycle = new Lifecycle(this.store, (conv, content) => this.delivery.sendContent(conv, content));
    actions.lifecycle = this.lifecycle;
    this.sidebar = new Sidebar(sidebarEl, this.store, actions);
    this.chat = new ChatView(chatEl, this.store, actions);
    this.store.subscribe(() => this.render());
  }

  start() {
    this.socket = new Socket({
      url: socketUrl(this.session.wsUrl),
      token: this.session.token,
      onFrame: (f) => this.delivery.handle(f),
      onState: (state, info) => this.onSocketState(state, info),
      relocate: (failed) => this.api.reconnect([failed]).then((r) => socketUrl(r.wsUrl)),
    });
    this.delivery.attach(this.socket);
    this.socket.start();
    this.refreshConversations();
    this.refreshGroups();
    this.api.me().then((me) => {
      this.store.me.username = me.username;
      this.store.changed();
    }, (e) => this.checkAuth(e));

    const opts = { signal: this.listeners.signal };
    openFromNotifications((id) => this.open(id), this.listeners.signal);
    window.addEventListener('online', () => this.socket.reconnectNow(), opts);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState !== 'visible') return;
      this.socket.reconnectNow();
      this.refreshPresence();
      this.store.changed(); // marks the open conversation read
    }, opts);
    this.timers.push(setInterval(() => this.refreshPresence(), PRESENCE_EVERY_MS));
    this.timers.push(setInterval(() => this.renderBanner(), 1_000)); // the reconnect countdown
    this.render();
  }

  dispose() {
    if (this.disposed) return;
    this.disposed = true;
    this.listeners.abort();
    this.timers.forEach(clearInterval);
    this.delivery.dispose();
    if (this.socket) this.socket.stop();
  }

  signOut(notice) {
    if (this.disposed) return;
    this.dispose();
    this.onSignedOut(notice);
  }

  async logout() {
    this.socket.stop(); // before the server's KICK "logged-out" can arrive
    try {
      await this.api.logout();
    } catch {
      // the token is forgotten here either way
    }
    this.signOut(null);
  }

  async logoutAll() {
    await this.api.logoutAll(); // this socket gets KICK logged-out too; signing out twice is harmless
    this.socket.stop();
    this.signOut('You were logged out on all devices.');
  }

  /** A 401 from the API means the token expired or was revoked: back to the sign-in screen. */
  checkAuth(e) {
    if (e && e.status === 401) this.signOut('Your session has ended. Please sign in again.');
  }

  // ---- connection ---------------------------------------------------------------------------------

  onSocketState(state, info = {}) {
    const c = this.store.connection;
    c.state = state;
    if (state === 'open') {
      c.everOpened = true;
      this.failedConnects = 0;
      this.delivery.onOpen();
      this.refreshPresence();
    } else if (state === 'closed') {
      this.delivery.onClose();
      if (!info.wasOpen && ++this.failedConnects >= 2) {
        // A refused handshake looks like any failed connect in the browser; ask the API why.
        this.api.me().catch((e) => this.checkAuth(e));
      }
    } else if (state === 'waiting') {
      c.retryAt = info.retryAt;
    }
    this.store.changed();
  }

  onKick(reason) {
    if (reason === 'logged-out') {
      this.signOut('You were signed out.');
    } else if (reason === 'replaced') {
      // Another tab with the same device took over; reconnecting would in turn kick it.
      this.kicked = true;
      this.socket.stop();
      this.store.changed();
    }
    if (reason === 'moved' || reason === 'shutdown') {
      // the node is draining, rebalancing or stopping: go to another one at once, then catch up
      this.socket.moveNow();
    }
    // other reasons: the server closes, and we reconnect and catch up
  }

  renderBanner() {
    const c = this.store.connection;
    const b = this.banner;
    let text = null;
    let button = null;
    if (this.kicked) {
      text = 'Tern is open in another tab.';
      button = h('button', { class: 'link', type: 'button', text: 'Use here', onclick: () => {
        this.kicked = false;
        this.socket.start();
      } });
    } else if (c.state === 'waiting' || (c.state === 'connecting' && c.everOpened) || c.state === 'closed') {
      const secs = c.retryAt ? Math.max(0, Math.ceil((c.retryAt - Date.now()) / 1000)) : 0;
      text = c.state === 'waiting' && secs > 0
        ? `Connection lost. Reconnecting in ${secs} s…`
        : 'Connection lost. Reconnecting…';
      if (c.state === 'waiting') {
        button = h('button', { class: 'link', type: 'button', id: 'retry-now', text: 'Retry now',
          onclick: () => this.socket.reconnectNow() });
      }
    } else if (c.state === 'connecting' && !c.everOpened && this.failedConnects > 0) {
      text = 'Connecting…';
    }
    b.hidden = text === null;
    if (text !== null && b.dataset.text !== text) {
      b.replaceChildren(h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('span', { text }), button);
      b.dataset.text = text;
    } else if (text === null) {
      b.dataset.text = '';
    }
  }

  render() {
    const conv = this.store.open;
    this.el.dataset.view = conv ? 'chat' : 'list';
    this.renderBanner();
    this.sidebar.render();
    this.chat.render();
    if (conv && document.visibilityState === 'visible') this.delivery.markRead(conv);
    let unread = 0;
    for (const c of this.store.convs.values()) unread += c.unread;
    document.title = unread > 0 ? `(${unread}) Tern` : 'Tern';
  }

  // ---- what the socket does not carry -----------------------------------------------------------

  async refreshConversations() {
    let data;
    try {
      data = await this.api.conversations();
    } catch (e) {
      this.checkAuth(e);
      return;
    }
    for (const e of data.conversations || []) {
      const isNew = !this.store.convs.has(e.conversationId);
      const conv = this.store.conv(e.conversationId);
      conv.noteLatest(e.lastMessage);
      conv.lastSeq = Math.max(conv.lastSeq, e.lastSeq);
      conv.lastTs = Math.max(conv.lastTs, e.lastTs || 0);
      // lastSeq - unread also covers a group joined late (unread starts at the join).
      const serverRead = Math.max(0, e.lastSeq - e.unread);
      conv.readSeq = Math.max(conv.readSeq, serverRead);
      conv.readSent = Math.max(conv.readSent || 0, serverRead);
      if (isNew) this.ensureMeta(conv);
      if (e.lastMessage) this.onMessages(conv, [e.lastMessage]);
    }
    this.store.changed();
  }

  refreshGroups() {
    if (this.groupsLoading) return this.groupsLoading;
    this.groupsLoading = this.api.groups().then((data) => {
      for (const g of data.groups || []) {
        this.store.groups.set(g.groupId, g);
        const isNew = !this.store.convs.has(g.conversationId);
        if (isNew) this.store.conv(g.conversationId);
      }
      this.store.changed();
    }, (e) => this.checkAuth(e)).finally(() => {
      this.groupsLoading = null;
    });
    return this.groupsLoading;
  }

  ensureMeta(conv) {
    if (conv.kind === 'p') this.ensureUsers([conv.peerId]);
    else if (!this.store.groups.has(conv.groupId)) this.refreshGroups();
  }

  /** Names for user ids we have not seen yet, fetched in one batch shortly after they are asked for. */
  ensureUsers(ids) {
    for (const id of ids) if (id && !this.store.users.has(id)) this.wantedUsers.add(id);
    if (this.wantedUsers.size === 0 || this.userTimer) return;
    this.userTimer = setTimeout(async () => {
      this.userTimer = null;
      const ids = [...this.wantedUsers];
      this.wantedUsers.clear();
      await this.fetchPresence(ids);
    }, 30);
  }

  async fetchPresence(ids) {
    for (const part of chunks(ids, MAX_IDS_PER_CALL)) {
      try {
        applyPresenceAnswer(this.store, part, await this.api.presence(part));
      } catch (e) {
        this.checkAuth(e);
        return;
      }
    }
    this.store.changed();
  }

  refreshPresence() {
    const ids = new Set();
    for (const c of this.store.convs.values()) {
      if (c.kind === 'p' && c.peerId !== this.store.me.userId) ids.add(c.peerId);
    }
    if (ids.size > 0) this.fetchPresence([...ids]);
  }

  /** Messages arrived (push, page or summary): make sure their senders and subjects have names. */
  onMessages(conv, list) {
    this.lifecycle.onMessages(conv, list);
    const ids = [];
    let event = false;
    for (const m of list) {
      ids.push(m.fromId);
      if (m.content && m.content.contentType === CONTENT_GROUP_EVENT) {
        event = true;
        ids.push(...(m.content.userIds || []));
      }
    }
    if (event) this.refreshGroups(); // the name or the member count may have changed
    if (event && this.groupPanel && conv.groupId === this.groupPanel.groupId) this.groupPanel.refresh();
    this.ensureUsers(ids);
  }

  // ---- user actions --------------------------------------------------------------------------------

  /** Uploads a file and sends it to the open conversation as the content the server suggests. */
  async attach(file, onProgress, media) {
    const conv = this.store.open;
    const uploaded = await media.upload(file, onProgress);
    if (conv) this.delivery.sendContent(conv, uploaded.content);
  }

  open(id) {
    const conv = this.store.conv(id);
    this.store.openId = id;
    this.store.changed();
    if (!conv.historyLoaded) {
      this.loadOlder(conv).then(() => this.loadPeerRead(conv));
    }
  }

  back() {
    this.store.openId = null;
    this.store.changed();
  }

  /** One page of older history over HTTP (the newest page if nothing is held yet). */
  async loadOlder(conv) {
    if (conv.loadingOlder || (conv.historyLoaded && !conv.hasOlder)) return;
    if (!conv.hasOlder) {
      conv.historyLoaded = true;
      this.store.changed();
      return;
    }
    conv.loadingOlder = true;
    this.store.changed();
    try {
      const page = await this.api.history(conv.id, conv.low === 0 ? null : conv.low, HISTORY_PAGE);
      const msgs = page.messages || [];
      conv.addRun(msgs);
      conv.hasOlder = page.hasMore && msgs.length > 0 && conv.low > 1;
      conv.historyLoaded = true;
      this.delivery.ack(conv);
      this.onMessages(conv, msgs);
    } catch (e) {
      this.checkAuth(e);
    } finally {
      conv.loadingOlder = false;
      this.store.changed();
    }
  }

  /** One-to-one: has the peer read my newest message? (Later changes arrive as READ_NOTIFY.) */
  async loadPeerRead(conv) {
    if (conv.kind !== 'p' || conv.peerId === this.store.me.userId) return;
    const mine = conv.sortedMessages().filter((m) => m.fromId === this.store.me.userId).at(-1);
    if (!mine || mine.seq <= conv.peerReadSeq) return;
    try {
      const r = await this.api.reads(conv.id, mine.seq);
      if ((r.readers || []).includes(conv.peerId)) {
        conv.peerReadSeq = Math.max(conv.peerReadSeq, mine.seq);
        this.store.changed();
      }
    } catch {
      // not important enough to report
    }
  }

  async startChat(username) {
    const u = await this.api.user(username);
    if (!this.store.users.has(u.userId)) this.store.users.set(u.userId, { ...u, lastSeen: 0 });
    else Object.assign(this.store.users.get(u.userId), { online: u.online });
    this.open(directId(this.store.me.userId, u.userId));
  }

  async resolveUsers(usernames) {
    const ids = [];
    for (const name of usernames) {
      try {
        const u = await this.api.user(name);
        if (!this.store.users.has(u.userId)) this.store.users.set(u.userId, { ...u, lastSeen: 0 });
        ids.push(u.userId);
      } catch (e) {
        if (e.code === 'NO_SUCH_USER') throw new Error(`No user named “${name}”.`);
        throw e;
      }
    }
    return ids;
  }

  async createGroup(name, usernames) {
    const ids = await this.resolveUsers(usernames);
    const g = await this.api.createGroup(name, ids.filter((id) => id !== this.store.me.userId));
    this.store.groups.set(g.groupId, g);
    this.open(g.conversationId);
  }

  /** The People dialog (ui/people.js); presence notices make it read its lists again while open. */
  showPeople() {
    const panel = showPeople({ people: this.people, chat: (name) => this.startChat(name) });
    this.peoplePanel = panel;
    panel.dialog.addEventListener('close', () => { if (this.peoplePanel === panel) this.peoplePanel = null; });
  }

  /** The settings panel of a group (ui/groupSettings.js); it follows the group's events while open. */
  showGroupSettings(groupId) {
    const panel = showGroupSettings({ api: this.api, groupId, me: this.store.me.userId,
      userName: (id) => this.store.userName(id) });
    this.groupPanel = panel;
    panel.dialog.addEventListener('close', () => { if (this.groupPanel === panel) this.groupPanel = null; });
  }

  showMembers(groupId) {
    const g = this.store.groups.get(groupId);
    showMembers({
      groupName: g ? g.name : `Group ${groupId}`,
      load: async () => {
        const group = await this.api.group(groupId);
        this.store.groups.set(groupId, { ...this.store.groups.get(groupId), ...group });
        const ids = (group.members || []).map((m) => m.userId);
        await this.fetchPresence(ids);
        const order = { owner: 0, admin: 1, member: 2 };
        return (group.members || []).map((m) => {
          const u = this.store.users.get(m.userId) || {};
          return { ...m, username: this.store.userName(m.userId), online: Boolean(u.online), lastSeen: u.lastSeen };
        }).sort((a, b) => order[a.role] - order[b.role] || a.username.localeCompare(b.username));
      },
      add: async (usernames) => {
        const ids = await this.resolveUsers(usernames);
        try {
          await this.api.addMembers(groupId, ids);
        } catch (e) {
          if (e.code === 'FORBIDDEN') throw new Error('Only admins can add members.');
          throw e;
        }
        await this.refreshGroups();
      },
    });
  }
}
