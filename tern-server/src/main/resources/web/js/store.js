// Client state: who I am, known users and groups, and every conversation with the messages held.
// Views subscribe and re-render; mutations call store.changed(), which batches notifications.

import { uncounted } from './lifecycle.js';
import { parseConversationId, textOf } from './protocol.js';

/**
 * One conversation as this device knows it.
 *
 * Messages are held for one contiguous window of seqs [low, last] (plus, briefly, pushes beyond a gap
 * that is being pulled). `last` is what the device acknowledges and what it sends as its SYNC cursor, so
 * it never passes a hole. Older history is paged in on demand, extending `low` downwards.
 */
export class Conversation {
  constructor(id, meId) {
    this.id = id;
    this.meId = meId;
    const parsed = parseConversationId(id) || { kind: 'p', a: meId, b: meId };
    this.kind = parsed.kind;
    this.groupId = parsed.groupId ?? null;
    this.peerId = parsed.kind === 'p' ? (parsed.a === meId ? parsed.b : parsed.a) : null;
    this.msgs = new Map(); // seq -> stored message (CHAT s->c shape)
    this.low = 0; // lowest seq of the held window; 0 = nothing held yet
    this.last = 0; // highest seq held with no hole below it (down to low)
    this.maxHeld = 0;
    this.acked = 0; // highest seq acknowledged with a cumulative ACK
    this.hasOlder = true; // unknown until a backwards page says otherwise
    this.historyLoaded = false; // the newest page was fetched when the chat was first opened
    this.loadingOlder = false;
    this.filling = false; // a gap pull is running
    this.lastSeq = 0; // newest seq the server has told us about
    this.lastTs = 0;
    this.lastMessage = null;
    this.readSeq = 0; // my read position
    this.peerReadSeq = 0; // one-to-one: how far the other side has read
    this.pending = new Map(); // clientMsgId -> outgoing message not yet confirmed by CHAT_RESP
    this.typing = new Map(); // userId -> time until which "typing" is shown
    this.lastTypingSent = 0;
    this.createdAt = Date.now();
    this.draft = '';
  }

  get unread() {
    return Math.max(0, this.lastSeq - this.readSeq - uncounted(this));
  }

  get hasGap() {
    return this.maxHeld > this.last;
  }

  /** Sort key for the conversation list: the time of the latest activity. */
  get activity() {
    let t = Math.max(this.lastTs, this.lastMessage ? this.lastMessage.ts : 0);
    for (const p of this.pending.values()) t = Math.max(t, p.ts);
    return t || this.createdAt;
  }

  /** Notes what the server says is the newest message, without holding it in the window. */
  noteLatest(m) {
    if (!m) return;
    if (!this.lastMessage || m.seq >= this.lastMessage.seq) this.lastMessage = m;
    this.lastSeq = Math.max(this.lastSeq, m.seq);
    this.lastTs = Math.max(this.lastTs, m.ts || 0);
  }

  /**
   * Adds messages the server returned as one run, ascending (a page, or one push). `after` is the afterSeq
   * of a forward page: the server had nothing visible between it and the first message, so the page joins
   * the window if `after` is inside it. Returns true if messages lie beyond a hole after `last`: the
   * caller must pull the gap.
   */
  addRun(list, after = null) {
    if (!list || list.length === 0) return false;
    for (const m of list) {
      this.msgs.set(m.seq, m);
      this.maxHeld = Math.max(this.maxHeld, m.seq);
      this.noteLatest(m);
      // Our own message came back in a page (e.g. it was stored just before the connection dropped).
      if (m.fromId === this.meId && m.clientMsgId) this.pending.delete(m.clientMsgId);
    }
    const a = list[0].seq;
    const b = list[list.length - 1].seq;
    const joins = after !== null
      ? after <= this.last && after >= this.low - 1
      : a <= this.last + 1 && b >= this.low - 1;
    if (this.low === 0) {
      this.low = a;
      this.last = b;
    } else if (joins) {
      this.low = Math.min(this.low, a);
      this.last = Math.max(this.last, b);
    }
    while (this.msgs.has(this.last + 1)) this.last++;
    if (this.low <= 1) this.hasOlder = false;
    return this.hasGap;
  }

  /** Held messages in seq order. */
  sortedMessages() {
    return [...this.msgs.values()].sort((x, y) => x.seq - y.seq);
  }

  /** Outgoing messages still waiting for CHAT_RESP, oldest first. */
  sortedPending() {
    return [...this.pending.values()].sort((x, y) => x.ts - y.ts);
  }

  typingUsers(now = Date.now()) {
    const out = [];
    for (const [userId, until] of this.typing) {
      if (until > now) out.push(userId);
      else this.typing.delete(userId);
    }
    return out;
  }
}

export class Store {
  constructor(me) {
    this.me = me; // {userId, username, deviceId}
    this.users = new Map(); // userId -> {userId, username, online, lastSeen}
    this.groups = new Map(); // groupId -> {groupId, name, memberCount, ownerId}
    this.convs = new Map();
    this.openId = null;
    this.connection = { state: 'connecting', everOpened: false, syncing: false };
    this.listeners = new Set();
    this.scheduled = false;
    this.users.set(me.userId, { userId: me.userId, username: me.username, online: true });
  }

  subscribe(fn) {
    this.listeners.add(fn);
  }

  /** Coalesces the changes made in one task into one render. */
  changed() {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      for (const fn of this.listeners) fn();
    });
  }

  conv(id) {
    let c = this.convs.get(id);
    if (!c) {
      c = new Conversation(id, this.me.userId);
      this.convs.set(id, c);
    }
    return c;
  }

  get open() {
    return this.openId ? this.convs.get(this.openId) || null : null;
  }

  userName(userId) {
    if (userId === this.me.userId) return this.me.username;
    const u = this.users.get(userId);
    return u ? u.username : `user ${userId}`;
  }

  title(conv) {
    if (conv.kind === 'g') {
      const g = this.groups.get(conv.groupId);
      return g ? g.name : `Group ${conv.groupId}`;
    }
    if (conv.peerId === this.me.userId) return `${this.me.username} (you)`;
    return this.userName(conv.peerId);
  }

  /** Conversations, most recent activity first. */
  sortedConversations() {
    return [...this.convs.values()].sort((x, y) => y.activity - x.activity);
  }

  /** SYNC cursors: for every conversation held, the last seq held without a hole. */
  cursors() {
    const out = {};
    for (const c of this.convs.values()) if (c.last > 0) out[c.id] = c.last;
    return out;
  }

  /** One line describing a message, for the conversation list and notifications. */
  preview(m) {
    if (!m) return '';
    const text = textOf(m.content);
    if (text !== null) return text.replace(/\s+/g, ' ');
    if (m.content && m.content.contentType === 100) return this.describeEvent(m);
    const kinds = { 2: 'Photo', 3: 'File', 4: 'Voice message', 5: 'Video', 6: 'Location', 20: 'Edited a message',
      21: 'Recalled a message', 22: 'Reacted to a message', 120: 'Message recalled' };
    if (m.content && kinds[m.content.contentType]) {
      const name = m.content.contentType === 3 && m.content.name ? `: ${m.content.name}` : '';
      return `${kinds[m.content.contentType]}${name}`;
    }
    return 'Unsupported message';
  }

  /** "ann added ben and carl" for a group event message (content.contentType 100). */
  describeEvent(m) {
    const c = m.content || {};
    const me = this.me.userId;
    const actorId = c.actorId ?? m.fromId;
    const actor = actorId === me ? 'You' : this.userName(actorId);
    const names = (c.userIds || []).filter((id) => id !== actorId)
      .map((id) => (id === me ? 'you' : this.userName(id)));
    const list = names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    switch (c.event) {
      case 'created':
        return `${actor} created the group “${c.name ?? ''}”`;
      case 'added':
        return `${actor} added ${list}`;
      case 'joined':
        return `${actor} joined`;
      case 'left':
        return `${actor} left`;
      case 'removed':
        return `${actor} removed ${c.banned ? 'and banned ' : ''}${list}`;
      case 'updated':
        return `${actor} changed the group's ${Object.keys(c).filter((k) => ['name', 'description', 'open', 'adminsOnly']
          .includes(k)).join(', ')}`;
      case 'roleChanged':
        return `${actor} made ${list} ${c.role}`;
      case 'muted':
        return `${actor} ${c.muted ? 'muted' : 'unmuted'} ${list}`;
      case 'ownerChanged':
        return `${actor} handed the group to ${list}`;
      case 'banned':
      case 'unbanned':
        return `${actor} ${c.event} ${list}`;
      case 'dissolved':
        return `${actor} dissolved the group`;
      default:
        return `${actor}: ${c.event ?? 'group event'}`;
    }
  }
}
