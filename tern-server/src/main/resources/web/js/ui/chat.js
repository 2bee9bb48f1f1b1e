// The right column: one conversation with its history, delivery states and the composer.

import { isControl } from '../lifecycle.js';
import { isMedia } from '../media.js';
import { textOf } from '../protocol.js';
import { avatar, clock, dayKey, dayLabel, h, icon, lastSeenText } from './dom.js';

const TICKS = {
  sending: ['clock', 'Sending'],
  sent: ['check', 'Sent'],
  read: ['checks', 'Read'],
  failed: ['alert', 'Not sent'],
};

export class ChatView {
  /**
   * @param {HTMLElement} root
   * @param {import('../store.js').Store} store
   * @param {object} actions back(), send(text), typing(), loadOlder(conv), showMembers(groupId), discard(conv, id),
   *   attach(file, onProgress), media (a Media)
   */
  constructor(root, store, actions) {
    this.store = store;
    this.actions = actions;
    this.shownId = null;
    this.rows = new Map(); // key -> element
    this.stickToBottom = true;

    this.emptyView = h('div', { class: 'chat-empty' },
      h('img', { src: '/icon.svg', alt: '', width: 72, height: 72 }),
      h('h2', { text: 'Your messages' }),
      h('p', { class: 'muted', text: 'Pick a conversation on the left, or start a new one by username.' }));

    this.headAvatar = h('div', { class: 'head-avatar' });
    this.title = h('h2', { class: 'chat-title', id: 'chat-title' });
    this.sub = h('span', { class: 'chat-sub', id: 'chat-sub' });
    this.membersBtn = h('button', { class: 'icon-btn', id: 'members-btn', title: 'Members',
      'aria-label': 'Members', onclick: () => this.actions.showMembers(this.store.open.groupId) }, icon('addUser'));
    this.personBtn = h('button', { class: 'icon-btn', id: 'person-btn', title: 'Contact and block',
      'aria-label': 'Contact and block', onclick: () => this.actions.person(this.store.open.peerId) }, icon('person'));
    this.settingsBtn = h('button', { class: 'icon-btn', id: 'group-settings-btn', title: 'Group settings',
      'aria-label': 'Group settings', text: '⚙', onclick: () => this.actions.groupSettings(this.store.open.groupId) });
    const head = h('header', { class: 'chat-head' },
      h('button', { class: 'icon-btn back', id: 'back', title: 'Back', 'aria-label': 'Back to conversations',
        onclick: () => actions.back() }, icon('back')),
      this.headAvatar,
      h('div', { class: 'head-text' }, this.title, this.sub),
      this.settingsBtn,
      this.membersBtn,
      this.personBtn);

    this.historyStatus = h('div', { class: 'history-status' });
    this.list = h('div', { class: 'msg-list', id: 'messages', role: 'log', 'aria-live': 'polite' });
    // The spacer pushes a short conversation to the bottom, next to the composer.
    this.scroller = h('div', { class: 'scroller' }, h('div', { class: 'spacer' }), this.historyStatus, this.list);
    this.scroller.addEventListener('scroll', () => this.onScroll());

    this.input = h('textarea', { id: 'composer', rows: '1', placeholder: 'Write a message…',
      'aria-label': 'Message', enterkeyhint: 'send' });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener('input', () => {
      this.autosize();
      const conv = this.store.open;
      if (conv) conv.draft = this.input.value;
      if (this.input.value.trim()) this.actions.typing();
    });
    this.sendBtn = h('button', { class: 'send-btn', type: 'submit', id: 'send', title: 'Send', 'aria-label': 'Send' },
      icon('send'));
    this.fileInput = h('input', { type: 'file', id: 'attach-input', hidden: true });
    this.fileInput.addEventListener('change', () => this.attach());
    this.attachBtn = h('button', { class: 'icon-btn attach-btn', type: 'button', id: 'attach', title: 'Attach a file',
      'aria-label': 'Attach a file', onclick: () => this.fileInput.click() }, icon('attach'));
    this.progress = h('progress', { class: 'upload-progress', max: '1', value: '0', hidden: true });
    const composer = h('form', { class: 'composer' }, this.attachBtn, this.fileInput, this.input, this.progress,
      this.sendBtn);
    composer.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });

    this.pane = h('div', { class: 'chat-pane' }, head, this.scroller, composer);
    // a file dropped on the conversation or pasted into the composer is sent like an attached one
    this.pane.addEventListener('dragover', (e) => e.preventDefault());
    this.pane.addEventListener('drop', (e) => {
      e.preventDefault();
      this.attachFile(e.dataTransfer && e.dataTransfer.files[0]);
    });
    this.input.addEventListener('paste', (e) => {
      const file = e.clipboardData && e.clipboardData.files[0];
      if (file) {
        e.preventDefault();
        this.attachFile(file);
      }
    });
    root.replaceChildren(this.emptyView, this.pane);
  }

  submit() {
    const text = this.input.value.trim();
    if (!text) return;
    this.input.value = '';
    if (this.store.open) this.store.open.draft = '';
    this.autosize();
    this.stickToBottom = true;
    this.actions.send(text);
    this.input.focus();
  }

  /** The file picked with the attach button. */
  attach() {
    const file = this.fileInput.files && this.fileInput.files[0];
    this.fileInput.value = '';
    this.attachFile(file);
  }

  /** Uploads a file (picked, pasted or dropped), showing progress, then sends it; an error shows on the bar. */
  attachFile(file) {
    if (!file || !this.store.open) return;
    this.progress.hidden = false;
    this.progress.value = 0;
    this.progress.title = '';
    this.stickToBottom = true;
    this.actions.attach(file, (f) => { this.progress.value = f; })
      .then(() => { this.progress.hidden = true; },
        (err) => { this.progress.title = err.message; this.progress.classList.add('failed'); });
  }

  autosize() {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 160)}px`;
    this.input.style.overflowY = this.input.scrollHeight > 160 ? 'auto' : 'hidden';
  }

  atBottom() {
    const s = this.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < 80;
  }

  onScroll() {
    this.stickToBottom = this.atBottom();
    const conv = this.store.open;
    if (conv && this.scroller.scrollTop < 200) this.actions.loadOlder(conv);
  }

  render() {
    const conv = this.store.open;
    this.emptyView.hidden = conv !== null;
    this.pane.hidden = conv === null;
    if (!conv) {
      this.shownId = null;
      return;
    }
    const switched = this.shownId !== conv.id;
    if (switched) {
      this.shownId = conv.id;
      this.rows.clear();
      this.list.replaceChildren();
      this.input.value = conv.draft;
      this.autosize();
      this.stickToBottom = true;
    }
    const s = this.scroller;
    const stick = switched || this.stickToBottom;
    // Whatever is put above (an older page, the "loading" line), the row the reader sees at the top stays put.
    // Comparing first children missed pages of the same day: their day separator is reused and stays first.
    const anchor = stick ? null : this.topRow();
    const anchorAt = anchor ? this.offsetInView(anchor) : 0;
    this.renderHead(conv);
    this.renderHistoryStatus(conv);
    this.renderMessages(conv);
    if (stick) {
      s.scrollTop = s.scrollHeight;
    } else if (anchor && anchor.isConnected) {
      const moved = this.offsetInView(anchor) - anchorAt;
      if (moved !== 0) s.scrollTop += moved;
    }
    // History too short to scroll: fetch more so the reader can scroll at all.
    if (conv.hasOlder && conv.historyLoaded && s.scrollHeight <= s.clientHeight + 200) this.actions.loadOlder(conv);
  }

  /** The first row at least partly visible at the top of the scroller (binary search: rows are in order). */
  topRow() {
    const rows = this.list.children;
    const top = this.scroller.getBoundingClientRect().top;
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid].getBoundingClientRect().bottom > top) hi = mid;
      else lo = mid + 1;
    }
    // A day separator at the top is shared with the page that loads above it: anchor on the row after it.
    let row = rows[lo] || null;
    while (row && row.classList.contains('day-sep') && row.nextElementSibling) row = row.nextElementSibling;
    return row;
  }

  offsetInView(el) {
    return el.getBoundingClientRect().top - this.scroller.getBoundingClientRect().top;
  }

  renderHead(conv) {
    const { store } = this;
    const title = store.title(conv);
    const peer = conv.kind === 'p' && conv.peerId !== store.me.userId ? store.users.get(conv.peerId) : null;
    const online = peer ? Boolean(peer.online) : null;
    const key = `${title}|${conv.kind}|${online}`;
    if (this.headAvatar.dataset.key !== key) {
      this.headAvatar.replaceChildren(avatar(title, { group: conv.kind === 'g', online }));
      this.headAvatar.dataset.key = key;
    }
    this.title.textContent = title;
    this.membersBtn.hidden = conv.kind !== 'g';
    this.settingsBtn.hidden = conv.kind !== 'g';
    this.personBtn.hidden = conv.kind !== 'p' || conv.peerId === store.me.userId;
    const typing = conv.typingUsers();
    this.sub.classList.toggle('typing', typing.length > 0);
    if (typing.length > 0) {
      this.sub.textContent = conv.kind === 'g'
        ? `${typing.map((id) => store.userName(id)).join(', ')} ${typing.length > 1 ? 'are' : 'is'} typing…`
        : 'typing…';
    } else if (conv.kind === 'g') {
      const g = store.groups.get(conv.groupId);
      this.sub.textContent = g ? `${g.memberCount} member${g.memberCount === 1 ? '' : 's'}` : 'Group';
    } else if (conv.peerId === store.me.userId) {
      this.sub.textContent = 'Notes to yourself';
    } else if (peer && peer.online) {
      this.sub.textContent = 'online';
    } else {
      this.sub.textContent = peer ? lastSeenText(peer.lastSeen) : '';
    }
  }

  renderHistoryStatus(conv) {
    let text = '';
    if (conv.loadingOlder) text = 'Loading earlier messages…';
    else if (!conv.hasOlder && (conv.msgs.size > 0 || conv.historyLoaded)) {
      text = conv.msgs.size > 0 ? 'This is the beginning of the conversation.' : 'No messages yet. Say hello!';
    }
    this.historyStatus.textContent = text;
    this.historyStatus.hidden = text === '';
  }

  /** Rebuilds the ordered row list and reconciles it with the DOM, reusing existing rows by key. */
  renderMessages(conv) {
    const { store } = this;
    const me = store.me.userId;
    const descs = [];
    let prevDay = null;
    let prevFrom = null;
    const push = (item, pending) => {
      const ts = item.ts || Date.now();
      const day = dayKey(ts);
      if (day !== prevDay) {
        descs.push({ key: `d:${day}`, kind: 'day', ts });
        prevDay = day;
        prevFrom = null;
      }
      if (isControl(item.content)) {
        // a change event is shown on the message it changes; only our own failed one gets a line
        if (pending && item.state === 'failed') {
          descs.push({ key: `f:${item.clientMsgId}`, kind: 'sys', text: this.actions.lifecycle.failureText(item) });
        }
        return;
      }
      const isEvent = item.content && item.content.contentType === 100;
      if (isEvent) {
        descs.push({ key: `s:${item.seq}`, kind: 'sys', text: store.describeEvent(item) });
        prevFrom = null;
        return;
      }
      const from = pending ? me : item.fromId;
      const mine = from === me;
      let state = null;
      if (pending) state = item.state;
      else if (mine) {
        const readable = conv.kind === 'p' && conv.peerId !== me;
        state = readable && item.seq <= conv.peerReadSeq ? 'read' : 'sent';
      }
      descs.push({
        // Own messages keep their row from "sending" to "sent" by keying on clientMsgId.
        key: mine && item.clientMsgId ? `c:${item.clientMsgId}` : `s:${item.seq}`,
        kind: 'msg', item, mine, state, ts, pending,
        showSender: conv.kind === 'g' && !mine && prevFrom !== from,
        cont: prevFrom === from,
        senderName: store.userName(from),
      });
      prevFrom = from;
    };
    for (const m of conv.sortedMessages()) push(m, false);
    for (const p of conv.sortedPending()) push(p, true);

    const wanted = new Set(descs.map((d) => d.key));
    for (const [key, el] of this.rows) {
      if (!wanted.has(key)) {
        el.remove();
        this.rows.delete(key);
      }
    }
    let cursor = this.list.firstElementChild;
    for (const d of descs) {
      let el = this.rows.get(d.key);
      if (!el) {
        el = this.createRow(d, conv);
        this.rows.set(d.key, el);
      }
      this.updateRow(el, d);
      if (el !== cursor) this.list.insertBefore(el, cursor);
      else cursor = cursor.nextElementSibling;
    }
  }

  createRow(d, conv) {
    if (d.kind === 'day') return h('div', { class: 'day-sep' }, h('span', { text: dayLabel(d.ts) }));
    if (d.kind === 'sys') return h('div', { class: 'sys-line' }, h('span', { text: d.text }));
    const text = textOf(d.item.content);
    let body;
    if (text !== null) body = h('div', { class: 'text', text });
    else if (isMedia(d.item.content)) body = this.actions.media.render(d.item.content);
    else body = h('div', { class: 'text unsupported', text: 'This message type is not supported here.' });
    const meta = h('span', { class: 'meta' }, h('time', { text: clock(d.ts) }));
    const ticks = h('span', { class: 'ticks' });
    if (d.mine) meta.append(ticks);
    const bubble = h('div', { class: 'bubble' },
      d.showSender ? h('span', { class: 'sender', text: d.senderName }) : null, body, meta);
    const fail = h('p', { class: 'fail', hidden: true });
    const row = h('div', { class: `row ${d.mine ? 'mine' : 'theirs'}` }, bubble, fail);
    row._parts = { ticks, meta, fail, conv, bubble };
    return row;
  }

  updateRow(el, d) {
    if (d.kind === 'day') {
      el.firstChild.textContent = dayLabel(d.ts);
      return;
    }
    if (d.kind !== 'msg') return;
    el.classList.toggle('cont', d.cont);
    if (!d.pending) {
      el.dataset.seq = String(d.item.seq);
      this.actions.lifecycle.decorate(el, d.item, el._parts.conv);
    }
    if (!d.mine) return;
    const { ticks, fail, conv } = el._parts;
    if (el.dataset.state !== d.state) {
      el.dataset.state = d.state;
      const [name, label] = TICKS[d.state];
      ticks.className = `ticks ${d.state}`;
      ticks.title = label;
      ticks.setAttribute('aria-label', label);
      ticks.replaceChildren(icon(name, 'tick'));
    }
    fail.hidden = d.state !== 'failed';
    if (d.state === 'failed' && !fail.firstChild) {
      fail.append(`${d.item.error} `,
        h('button', { class: 'link', type: 'button', text: 'Remove',
          onclick: () => this.actions.discard(conv, d.item.clientMsgId) }));
    }
  }
}
