// Presence kept current: PRESENCE_NOTIFY (docs/people.md) arrives when a contact or chat partner comes online or
// goes offline, or when a block, contact or privacy change hides or shows them. GET /api/presence is still read
// on connect and now and then, for group members (who are not notified) and for what was missed while offline.

/** Applies one PRESENCE_NOTIFY; a hidden user (online false, no lastSeen) loses the last-seen text too. */
export function applyPresence(store, f) {
  const u = store.users.get(f.userId);
  // a user not known yet is fetched by name later, with their presence
  if (u) Object.assign(u, { online: Boolean(f.online), lastSeen: f.lastSeen || 0 });
  store.changed();
}

/** Applies an answer of GET /api/presence: asked users it leaves out may not be seen, so they show nothing. */
export function applyPresenceAnswer(store, askedIds, answer) {
  const seen = new Set();
  for (const p of answer.presence || []) {
    store.users.set(p.userId, p);
    seen.add(p.userId);
  }
  for (const id of askedIds) {
    const u = store.users.get(id);
    if (!seen.has(id) && u && id !== store.me.userId) Object.assign(u, { online: false, lastSeen: 0 });
  }
}
