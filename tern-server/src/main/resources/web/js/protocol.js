// Frame type codes and small helpers for the Tern wire protocol (docs/protocol.md).

export const T = Object.freeze({
  KICK: 12,
  HEARTBEAT_TIMEOUT: 30,
  PING: 40,
  PONG: 41,
  CHAT: 80,
  CHAT_RESP: 81,
  ACK: 90,
  ACK_RESP: 91,
  ERROR: 99,
  SYNC: 100,
  SYNC_RESP: 101,
  PULL: 102,
  PULL_RESP: 103,
  SYNC_HINT: 104,
  READ: 110,
  READ_NOTIFY: 111,
  TYPING: 120,
  TYPING_NOTIFY: 121,
  PRESENCE_NOTIFY: 131,
});

export const CONTENT_TEXT = 1;
export const CONTENT_GROUP_EVENT = 100;

/** ERROR codes after which the same CHAT may succeed if sent again (same clientMsgId). */
export const RETRYABLE_ERRORS = new Set([1020 /* STORE_UNAVAILABLE */, 1021 /* UNAVAILABLE */, 1099 /* INTERNAL */]);

/** The id of the one-to-one conversation between two users: p:<smaller id>:<larger id>. */
export function directId(a, b) {
  return a <= b ? `p:${a}:${b}` : `p:${b}:${a}`;
}

/** {kind:'p', a, b} or {kind:'g', groupId}, or null for anything else. */
export function parseConversationId(id) {
  let m = /^p:(\d+):(\d+)$/.exec(id);
  if (m) return { kind: 'p', a: Number(m[1]), b: Number(m[2]) };
  m = /^g:(\d+)$/.exec(id);
  if (m) return { kind: 'g', groupId: Number(m[1]) };
  return null;
}

/**
 * A random UUID (v4 layout). crypto.randomUUID() exists only in secure contexts (https or localhost);
 * getRandomValues works everywhere, so the client also runs over plain http on a LAN address.
 */
export function newClientMsgId() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The text of a text message ({contentType:1, body}). Null for other content. */
export function textOf(content) {
  if (!content || content.contentType !== CONTENT_TEXT) return null;
  return typeof content.body === 'string' ? content.body : null;
}
