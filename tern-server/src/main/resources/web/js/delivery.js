// The delivery contract seen from the browser (docs/protocol.md section 7): catch-up by SYNC and PULL,
// cumulative ACKs, duplicate drop and gap fill for pushes, idempotent sends with resend after a
// reconnect, read cursors and typing notices.

import { CONTENT_TEXT, RETRYABLE_ERRORS, T, newClientMsgId } from './protocol.js';

const PAGE_SIZE = 100;
const PULL_TIMEOUT_MS = 15_000;
const RESEND_AFTER_MS = 10_000; // a CHAT without CHAT_RESP for this long is sent again (same clientMsgId)
const RETRY_AFTER_ERROR_MS = 2_000;
const TYPING_EVERY_MS = 2_000; // the server drops notices sent more often anyway
const TYPING_SHOWN_MS = 3_500;
// Pushes are acknowledged together (one cumulative ACK per conversation) up to this long after the first one
// waiting, or at once when ACK_MAX_PUSHES wait: the server re-pushes only after 1 s (docs/protocol.md 7.5).
const ACK_DELAY_MS = 200;
const ACK_MAX_PUSHES = 64;

const ERROR_TEXT = {
  NO_SUCH_USER: 'This user does not exist.',
  NO_SUCH_GROUP: 'This group does not exist.',
  NOT_A_MEMBER: 'You are not a member of this conversation.',
  MUTED: 'You are muted in this group.',
  CONTENT_TOO_LARGE: 'This message is too long.',
};

export class Delivery {
  /**
   * @param {import('./store.js').Store} store
   * @param {object} hooks  onNewConversation(conv), onMessages(conv, list), onCatchUpDone(), onKick(reason), onPresence(notice)
   */
  constructor(store, hooks) {
    this.store = store;
    this.hooks = hooks;
    this.socket = null;
    this.outgoing = new Map(); // clientMsgId -> pending item, until its CHAT_RESP
    this.pullQueue = [];
    this.inflight = null;
    this.reqCounter = 0;
    this.syncedOnce = false;
    this.sweeper = setInterval(() => this.sweep(), 1_000);
    this.ackWaiting = new Set(); // conversations with pushes not yet acknowledged
    this.ackPushes = 0;
    this.ackTimer = null;
  }

  attach(socket) {
    this.socket = socket;
  }

  dispose() {
    clearInterval(this.sweeper);
    this.flushAcks(); // what arrived in the last moments is acknowledged, not offered again later
  }

  get connected() {
    return this.socket !== null && this.socket.connected;
  }

  send(frame) {
    return this.socket !== null && this.socket.send(frame);
  }

  // ---- connection lifecycle ----------------------------------------------------------------------

  /** The WebSocket is open: ask what we lack, then resend what was never confirmed. */
  onOpen() {
    this.sync();
    if (this.ackWaiting.size > 0) this.flushAcks(); // ACKs that found no connection when they were due
    for (const conv of this.store.convs.values()) {
      for (const item of conv.pending.values()) if (item.state === 'sending') this.transmit(item);
      this.flushRead(conv);
    }
    this.store.changed();
  }

  sync() {
    const frame = { type: T.SYNC, reqId: `sync-${++this.reqCounter}` };
    const cursors = this.store.cursors();
    // First load of the page: no cursors, so the server offers what no device of ours has received.
    if (this.syncedOnce || Object.keys(cursors).length > 0) frame.cursors = cursors;
    this.store.connection.syncing = true;
    this.send(frame);
  }

  onClose() {
    this.store.connection.syncing = false;
    const err = new Error('disconnected');
    if (this.inflight) {
      clearTimeout(this.inflight.timer);
      this.inflight.reject(err);
      this.inflight = null;
    }
    for (const p of this.pullQueue.splice(0)) p.reject(err);
    for (const conv of this.store.convs.values()) conv.typing.clear();
  }

  // ---- incoming frames ---------------------------------------------------------------------------

  handle(f) {
    switch (f.type) {
      case T.CHAT:
        this.onPush(f);
        break;
      case T.CHAT_RESP:
        this.onSent(f);
        break;
      case T.SYNC_RESP:
        this.catchUp(f.conversations || []);
        break;
      case T.PULL_RESP:
        this.onPullResp(f);
        break;
      case T.READ_NOTIFY:
        this.onReadNotify(f);
        break;
      case T.TYPING_NOTIFY:
        this.onTyping(f);
        break;
      case T.PRESENCE_NOTIFY:
        if (this.hooks.onPresence) this.hooks.onPresence(f);
        break;
      case T.ERROR:
        this.onError(f);
        break;
      case T.SYNC_HINT:
        this.sync();
        break;
      case T.KICK:
        this.hooks.onKick(f.reason);
        break;
      default:
        break; // ACK_RESP, HEARTBEAT_TIMEOUT (the close follows), anything newer
    }
  }

  /** A message pushed live. Duplicates (retries, overlap with a page) are dropped but acknowledged again. */
  onPush(m) {
    const isNew = !this.store.convs.has(m.conversationId);
    const conv = this.store.conv(m.conversationId);
    if (conv.low !== 0 && m.seq <= conv.last) {
      this.ack(conv, true);
      return;
    }
    const gap = conv.addRun([m]);
    conv.typing.delete(m.fromId);
    if (gap) this.fillGap(conv);
    else this.ackSoon(conv);
    if (isNew) this.hooks.onNewConversation(conv);
    this.hooks.onMessages(conv, [m]);
    this.store.changed();
  }

  /** Our CHAT is committed: the message takes its place at its seq. */
  onSent(r) {
    const item = this.outgoing.get(r.clientMsgId);
    if (!item) return; // the answer to a resend of something already confirmed
    this.outgoing.delete(r.clientMsgId);
    const conv = this.store.conv(r.conversationId);
    conv.pending.delete(r.clientMsgId);
    const m = {
      type: T.CHAT,
      msgId: r.msgId,
      conversationId: r.conversationId,
      seq: r.seq,
      fromId: this.store.me.userId,
      toId: item.toId,
      groupId: item.groupId,
      ts: r.ts,
      clientMsgId: r.clientMsgId,
      content: item.content,
    };
    // The server moves the sender's read cursor to their own message; mirror it.
    conv.readSeq = Math.max(conv.readSeq, r.seq);
    conv.readSent = Math.max(conv.readSent || 0, r.seq);
    if (conv.addRun([m])) this.fillGap(conv);
    else this.ackSoon(conv); // the commit already moved our own cursor in the common case
    this.hooks.onMessages(conv, [m]); // our own change event applies to its target like anyone's
    this.store.changed();
  }

  onReadNotify(f) {
    const conv = this.store.convs.get(f.conversationId);
    if (!conv) return;
    if (f.userId === this.store.me.userId) {
      // Read on another of my devices.
      conv.readSeq = Math.max(conv.readSeq, f.seq);
      conv.readSent = Math.max(conv.readSent || 0, f.seq);
    } else {
      conv.peerReadSeq = Math.max(conv.peerReadSeq, f.seq);
    }
    this.store.changed();
  }

  onTyping(f) {
    if (f.userId === this.store.me.userId) return;
    const conv = this.store.convs.get(f.conversationId);
    if (!conv) return;
    conv.typing.set(f.userId, Date.now() + TYPING_SHOWN_MS);
    this.store.changed();
  }

  onError(f) {
    if (f.refType === T.CHAT && f.clientMsgId) {
      this.sendFailed(f);
    } else if (f.refType === T.PULL && this.inflight) {
      this.finishPull(null, new Error(f.message || f.error));
    } else if (f.refType === T.SYNC) {
      this.store.connection.syncing = false;
      this.store.changed();
    } else if (f.refType !== T.TYPING && f.refType !== T.READ) {
      console.warn('server error', f);
    }
  }

  // ---- catch-up and gaps ---------------------------------------------------------------------------

  /** SYNC_RESP: pull every summarised conversation forwards, then acknowledge it. */
  async catchUp(summaries) {
    const work = [];
    for (const s of summaries) {
      const isNew = !this.store.convs.has(s.conversationId);
      const conv = this.store.conv(s.conversationId);
      conv.noteLatest(s.last);
      conv.lastSeq = Math.max(conv.lastSeq, s.lastSeq);
      if (isNew) this.hooks.onNewConversation(conv);
      if (s.last) this.hooks.onMessages(conv, [s.last]);
      work.push([conv, s]);
    }
    this.store.changed();
    try {
      for (const [conv, s] of work) {
        // Continue from what we hold (we may hold more than the cursor we sent), else from the summary.
        await this.pullForward(conv, conv.low !== 0 ? conv.last : s.afterSeq);
        this.ack(conv);
      }
      this.syncedOnce = true;
    } catch {
      return; // the connection dropped; the next SYNC starts again from the cursors
    } finally {
      this.store.connection.syncing = false;
      this.store.changed();
    }
    this.hooks.onCatchUpDone();
  }

  async fillGap(conv) {
    if (conv.filling) return;
    conv.filling = true;
    try {
      while (conv.hasGap) {
        const before = conv.last;
        await this.pullForward(conv, conv.last);
        if (conv.last === before) break;
      }
    } catch {
      // disconnected: the catch-up after the reconnect covers it
    } finally {
      conv.filling = false;
      this.ack(conv);
      this.store.changed();
    }
  }

  async pullForward(conv, from) {
    for (;;) {
      const page = await this.pull({ conversationId: conv.id, afterSeq: from, limit: PAGE_SIZE });
      const msgs = page.messages || [];
      conv.addRun(msgs, from);
      this.hooks.onMessages(conv, msgs);
      this.store.changed();
      if (!page.hasMore || msgs.length === 0) return;
      from = msgs[msgs.length - 1].seq;
    }
  }

  /**
   * PULL over the WebSocket. One request in flight at a time, so an ERROR answering a PULL (which may
   * not carry the reqId) can only belong to that one.
   */
  pull(request) {
    return new Promise((resolve, reject) => {
      this.pullQueue.push({ request, resolve, reject });
      this.pumpPulls();
    });
  }

  pumpPulls() {
    if (this.inflight || this.pullQueue.length === 0) return;
    const p = this.pullQueue.shift();
    p.reqId = `pull-${++this.reqCounter}`;
    if (!this.send({ type: T.PULL, ...p.request, reqId: p.reqId })) {
      p.reject(new Error('disconnected'));
      this.pumpPulls();
      return;
    }
    p.timer = setTimeout(() => this.finishPull(null, new Error('pull timed out')), PULL_TIMEOUT_MS);
    this.inflight = p;
  }

  onPullResp(f) {
    if (this.inflight && f.reqId === this.inflight.reqId) this.finishPull(f, null);
  }

  finishPull(result, error) {
    const p = this.inflight;
    if (!p) return;
    this.inflight = null;
    clearTimeout(p.timer);
    if (error) p.reject(error);
    else p.resolve(result);
    this.pumpPulls();
  }

  /** A push to acknowledge: with the others that arrive within ACK_DELAY_MS, in one ACK per conversation. */
  ackSoon(conv) {
    this.ackWaiting.add(conv);
    this.ackPushes += 1;
    if (this.ackPushes >= ACK_MAX_PUSHES) this.flushAcks();
    else if (this.ackTimer === null) this.ackTimer = setTimeout(() => this.flushAcks(), ACK_DELAY_MS);
  }

  /** Sends the waiting ACKs; a conversation whose ACK could not go (no connection) waits for the next flush. */
  flushAcks() {
    clearTimeout(this.ackTimer);
    this.ackTimer = null;
    this.ackPushes = 0;
    for (const conv of [...this.ackWaiting]) {
      if (this.ack(conv)) this.ackWaiting.delete(conv);
    }
  }

  /** Cumulative ACK up to `last` (never past a hole). `force` re-acks a duplicate so retries stop. */
  ack(conv, force = false) {
    if (conv.last === 0 || (!force && conv.last <= conv.acked)) return true;
    if (this.send({ type: T.ACK, conversationId: conv.id, seq: conv.last })) {
      conv.acked = Math.max(conv.acked, conv.last);
      return true;
    }
    return false;
  }

  // ---- sending --------------------------------------------------------------------------------------

  sendText(conv, text) {
    this.sendContent(conv, { contentType: CONTENT_TEXT, body: text });
  }

  /** Sends any content (protocol.md section 6), e.g. an uploaded image's. */
  sendContent(conv, content) {
    const item = {
      clientMsgId: newClientMsgId(),
      conversationId: conv.id,
      content,
      toId: conv.kind === 'p' ? conv.peerId : undefined,
      groupId: conv.kind === 'g' ? conv.groupId : undefined,
      ts: Date.now(),
      state: 'sending',
      sentAt: 0,
      retryAt: 0,
      error: null,
    };
    conv.pending.set(item.clientMsgId, item);
    this.outgoing.set(item.clientMsgId, item);
    this.transmit(item);
    this.store.changed();
  }

  /** Sends (or re-sends: same clientMsgId, so the server stores it once) a pending message. */
  transmit(item) {
    const frame = { type: T.CHAT, clientMsgId: item.clientMsgId, content: item.content };
    if (item.groupId !== undefined) frame.groupId = item.groupId;
    else frame.toId = item.toId;
    if (this.send(frame)) {
      item.sentAt = Date.now();
      item.retryAt = 0;
    }
  }

  sendFailed(f) {
    const item = this.outgoing.get(f.clientMsgId);
    if (!item) return;
    if (RETRYABLE_ERRORS.has(f.code)) {
      item.retryAt = Date.now() + RETRY_AFTER_ERROR_MS;
      return;
    }
    item.state = 'failed';
    item.error = ERROR_TEXT[f.error] || f.message || 'The message could not be sent.';
    this.store.changed();
  }

  discard(conv, clientMsgId) {
    conv.pending.delete(clientMsgId);
    this.outgoing.delete(clientMsgId);
    this.store.changed();
  }

  /** Resends what waits too long for an answer, and expires typing notices. Runs every second. */
  sweep() {
    const now = Date.now();
    let typingShown = false;
    for (const conv of this.store.convs.values()) {
      for (const item of conv.pending.values()) {
        if (item.state !== 'sending' || !this.connected) continue;
        const due = item.retryAt ? item.retryAt <= now : item.sentAt === 0 || now - item.sentAt > RESEND_AFTER_MS;
        if (due) this.transmit(item);
      }
      if (conv.typing.size > 0) {
        typingShown = true;
        conv.typingUsers(now);
      }
    }
    if (typingShown) this.store.changed();
  }

  // ---- read cursor and typing ---------------------------------------------------------------------

  /** The user sees the conversation up to what is held: move the read cursor and tell the server. */
  markRead(conv) {
    if (conv.last > conv.readSeq) {
      conv.readSeq = conv.last;
      this.store.changed();
    }
    this.flushRead(conv);
  }

  flushRead(conv) {
    const sent = conv.readSent || 0;
    if (conv.readSeq > sent && conv.readSeq <= conv.last
        && this.send({ type: T.READ, conversationId: conv.id, seq: conv.readSeq })) {
      conv.readSent = conv.readSeq;
    }
  }

  typing(conv) {
    const now = Date.now();
    // A conversation without messages does not exist on the server yet; it would answer NOT_A_MEMBER.
    if (conv.lastSeq === 0 || now - conv.lastTypingSent < TYPING_EVERY_MS) return;
    if (this.send({ type: T.TYPING, conversationId: conv.id })) conv.lastTypingSent = now;
  }
}
