// Messages that change (docs/message-lifecycle.md): change events (edit 20, recall 21, reaction 22) are
// applied to the messages they name and never shown as rows or counted as unread; each message row gets hover
// actions (reply, react, edit, recall), an "edited" mark, reactions, a reply quote, or "Message recalled".

import { h } from './ui/dom.js';

export const CONTENT_EDIT = 20;
export const CONTENT_RECALL = 21;
export const CONTENT_REACTION = 22;
export const CONTENT_HIDE = 23;
export const CONTENT_RECALLED = 120;
/** Group events (joined, left, renamed, ...): shown as rows, but control messages: never unread. */
const CONTENT_GROUP_EVENT = 100;
const CONTROL = new Set([CONTENT_EDIT, CONTENT_RECALL, CONTENT_REACTION, CONTENT_HIDE]);
const EMOJI = ['👍', '❤️', '😂', '🎉', '😮', '😢'];
const NAMES = { [CONTENT_EDIT]: 'Edit', [CONTENT_RECALL]: 'Recall', [CONTENT_REACTION]: 'Reaction',
  [CONTENT_HIDE]: 'Delete' };

/** Whether a content is a change event: applied to its target, never a row of its own, never unread. */
export function isControl(content) {
  return Boolean(content) && CONTROL.has(content.contentType);
}

/** Control events held after the read position: what `lastSeq - readSeq` must not count. */
export function uncounted(conv) {
  let n = 0;
  for (const seq of conv.controlSeqs || []) if (seq > conv.readSeq) n++;
  return n;
}

export class Lifecycle {
  /**
   * @param {import('./store.js').Store} store
   * @param {(conv: object, content: object) => void} send sends a content to a conversation (Delivery.sendContent)
   */
  constructor(store, send) {
    this.store = store;
    this.send = send;
    this.replyTo = null; // {conversationId, msgId, text} while the composer is replying
  }

  /** Messages arrived (push, page, own CHAT_RESP): apply the change events among them, in seq order. */
  onMessages(conv, list) {
    for (const e of list) {
      const groupEvent = Boolean(e.content) && e.content.contentType === CONTENT_GROUP_EVENT;
      if (!isControl(e.content) && !groupEvent) continue;
      if (!conv.controlSeqs) conv.controlSeqs = new Set();
      conv.controlSeqs.add(e.seq); // not unread, as the server counts it
      if (groupEvent) continue; // a row of its own (joined, renamed, ...), nothing to apply
      const target = this.find(conv, e.content.target);
      if (target && e.content.contentType === CONTENT_HIDE) conv.msgs.delete(target.seq); // deleted for me
      else if (target) apply(target, e);
    }
  }

  find(conv, msgId) {
    for (const m of conv.msgs.values()) if (m.msgId === msgId) return m;
    return null;
  }

  /** The content the composer sends for `text`: a reply while one is being written. */
  compose(conv, text) {
    const content = { contentType: 1, body: text };
    if (this.replyTo && this.replyTo.conversationId === conv.id) content.replyTo = this.replyTo.msgId;
    this.replyTo = null;
    return content;
  }

  edit(conv, msgId, text) {
    this.send(conv, { contentType: CONTENT_EDIT, target: msgId, body: text });
  }

  recall(conv, msgId) {
    this.send(conv, { contentType: CONTENT_RECALL, target: msgId });
  }

  hide(conv, msgId) {
    this.send(conv, { contentType: CONTENT_HIDE, target: msgId });
  }

  react(conv, msgId, emoji, remove) {
    const content = { contentType: CONTENT_REACTION, target: msgId, emoji };
    if (remove) content.remove = true;
    this.send(conv, content);
  }

  /** A failed change event of ours, shown as a line (it has no row of its own). */
  failureText(item) {
    return `${NAMES[item.content.contentType] || 'Change'} not done: ${item.error || 'refused'}`;
  }

  /** Whether the user may recall m: its author, or a group's owner or admin. */
  mayRecall(conv, m) {
    const me = this.store.me.userId;
    if (m.fromId === me) return true;
    if (conv.kind !== 'g') return false;
    const g = this.store.groups.get(conv.groupId);
    const mine = g && (g.members || []).find((x) => x.userId === me);
    return Boolean(mine && (mine.role === 'owner' || mine.role === 'admin')) || Boolean(g && g.ownerId === me);
  }

  /**
   * Brings a message row up to date: body (text, "Message recalled"), quote, "edited", reactions and hover
   * actions. Rebuilt only when what it shows changed.
   */
  decorate(row, m, conv) {
    const key = JSON.stringify([m.content, m.state || null, row.classList.contains('mine')]);
    if (row.dataset.lifecycle === key) return;
    row.dataset.lifecycle = key;
    const { bubble, meta } = row._parts;
    const recalled = m.content && m.content.contentType === CONTENT_RECALLED;
    row.classList.toggle('recalled', recalled);
    for (const old of bubble.querySelectorAll('.quote, .reactions, .edited, .msg-actions, .edit-box')) old.remove();
    const text = bubble.querySelector('.text');
    if (recalled) {
      if (text) {
        text.textContent = 'Message recalled';
        text.classList.add('recalled-text');
      }
      return;
    }
    if (text && m.content && m.content.contentType === 1) text.textContent = m.content.body;
    if (m.content && m.content.replyTo) {
      const quoted = this.find(conv, m.content.replyTo);
      const quoteText = !quoted ? 'an earlier message'
        : quoted.content.contentType === CONTENT_RECALLED ? 'Message recalled'
          : quoted.content.body || 'a message';
      bubble.insertBefore(h('div', { class: 'quote', text: quoteText }), bubble.firstChild);
    }
    if (m.state && m.state.edited) meta.prepend(h('span', { class: 'edited', text: 'edited' }));
    const reactions = (m.state && m.state.reactions) || {};
    const emoji = Object.keys(reactions);
    if (emoji.length > 0) {
      const me = this.store.me.userId;
      bubble.append(h('div', { class: 'reactions' }, emoji.map((e) => {
        const mine = reactions[e].includes(me);
        return h('button', { class: `reaction${mine ? ' mine' : ''}`, type: 'button', text: `${e} ${reactions[e].length}`,
          onclick: () => this.react(conv, m.msgId, e, mine) });
      })));
    }
    bubble.append(this.actionsFor(row, m, conv));
  }

  actionsFor(row, m, conv) {
    const mine = m.fromId === this.store.me.userId;
    const picker = h('div', { class: 'emoji-picker', hidden: true }, EMOJI.map((e) =>
      h('button', { class: 'emoji', type: 'button', text: e, onclick: () => this.react(conv, m.msgId, e, false) })));
    return h('div', { class: 'msg-actions' },
      h('button', { class: 'act reply', type: 'button', title: 'Reply', text: 'Reply',
        onclick: () => {
          this.replyTo = { conversationId: conv.id, msgId: m.msgId };
          const composer = document.getElementById('composer');
          if (composer) {
            composer.placeholder = `Reply to: ${(m.content && m.content.body) || 'message'}`;
            composer.focus();
          }
        } }),
      h('button', { class: 'act react', type: 'button', title: 'React', text: 'React',
        onclick: () => { picker.hidden = !picker.hidden; } }),
      mine && m.content && m.content.contentType === 1 ? h('button', { class: 'act edit', type: 'button',
        title: 'Edit', text: 'Edit', onclick: () => this.openEditor(row, m, conv) }) : null,
      this.mayRecall(conv, m) ? h('button', { class: 'act recall', type: 'button', title: 'Recall', text: 'Recall',
        onclick: () => this.recall(conv, m.msgId) }) : null,
      h('button', { class: 'act hide', type: 'button', title: 'Delete for me', text: 'Delete',
        onclick: () => this.hide(conv, m.msgId) }),
      picker);
  }

  openEditor(row, m, conv) {
    const { bubble } = row._parts;
    const input = h('input', { class: 'edit-input', type: 'text', 'aria-label': 'Edit message', value: m.content.body });
    const box = h('form', { class: 'edit-box' }, input,
      h('button', { class: 'btn primary', type: 'submit', text: 'Save' }));
    box.addEventListener('submit', (e) => {
      e.preventDefault();
      const text = input.value.trim();
      box.remove();
      if (text && text !== m.content.body) this.edit(conv, m.msgId, text);
    });
    bubble.append(box);
    input.focus();
  }
}

/** Applies one change event to the message it names (again is harmless: pages hold both). */
function apply(target, e) {
  const c = e.content;
  if (target.content && target.content.contentType === CONTENT_RECALLED) return;
  const state = { ...(target.state || {}) };
  if (c.contentType === CONTENT_RECALL) {
    target.content = { contentType: CONTENT_RECALLED };
    target.state = { recalled: { by: e.fromId, at: e.ts } };
    return;
  }
  if (c.contentType === CONTENT_EDIT) {
    if (typeof c.body !== 'string') return; // an edit whose text a later recall removed
    target.content = { ...target.content, body: c.body };
    state.edited = e.ts;
  } else {
    const reactions = { ...(state.reactions || {}) };
    const users = new Set(reactions[c.emoji] || []);
    if (c.remove) users.delete(e.fromId);
    else users.add(e.fromId);
    if (users.size > 0) reactions[c.emoji] = [...users].sort((a, b) => a - b);
    else delete reactions[c.emoji];
    state.reactions = reactions;
  }
  target.state = state;
}
